/// A mailbox: an optional display name and an address.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    public let displayName: String?
    /// The address as written (domain case kept); compare with `normalized`.
    public let address: String

    public init(displayName: String? = nil, address: String) {
        let name = displayName?.trimmed
        self.displayName = (name?.isEmpty ?? true) ? nil : name
        self.address = address
    }

    /// Lower-cased address, the form used for identity and comparison.
    public var normalized: String { address.lowercased() }

    public var localPart: String { String(address.split(separator: "@", maxSplits: 1).first ?? "") }
    public var domain: String { address.split(separator: "@", maxSplits: 1).dropFirst().first.map { String($0).lowercased() } ?? "" }

    /// RFC 5322 form for an outgoing header, the name quoted or RFC 2047 encoded as needed.
    public var headerValue: String {
        guard let displayName else { return address }
        if !Bytes.isASCII(displayName.utf8) { return EncodedWord.encode(displayName) + " <" + address + ">" }
        let atext = displayName.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || " !#$%&'*+-/=?^_`{|}~".unicodeScalars.contains($0) }
        if atext { return displayName + " <" + address + ">" }
        let escaped = displayName.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"" + escaped + "\" <" + address + ">"
    }

    public var description: String { headerValue }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Substring(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
