/// One header field as it appeared, unfolded. `value` is the raw text (encoded words not decoded);
/// structured readers (`ContentType`, `AddressList`, `EncodedWord`) interpret it.
public struct HeaderField: Sendable, Equatable {
    public let name: String
    /// The name lower-cased, for lookups.
    public let key: String
    public let value: String

    public init(name: String, value: String) {
        self.name = name
        self.key = name.asciiLowercased
        self.value = value
    }
}
