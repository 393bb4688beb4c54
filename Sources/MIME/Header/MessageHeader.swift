/// The header block of a message or part, in order, with case-insensitive lookup.
public struct MessageHeader: Sendable, Equatable {
    public let fields: [HeaderField]

    public init(_ fields: [HeaderField]) { self.fields = fields }

    /// The raw value of the first field named `name` (case-insensitive).
    public subscript(name: String) -> String? {
        let key = name.asciiLowercased
        return fields.first { $0.key == key }?.value
    }

    /// Raw values of every field named `name`, in order.
    public func all(_ name: String) -> [String] {
        let key = name.asciiLowercased
        return fields.filter { $0.key == key }.map(\.value)
    }

    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// The first field named `name`, RFC 2047 decoded, with control characters removed.
    public func text(_ name: String) -> String? {
        self[name].map { EncodedWord.decode($0).withoutControlCharacters.trimmed }
    }

    public var isEmpty: Bool { fields.isEmpty }
}

extension String {
    /// The text with C0 controls (NUL among them) and DEL dropped; tabs become spaces.
    var withoutControlCharacters: String {
        guard unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return self }
        var scalars = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if scalar == "\t" { scalars.append(" ") } else if scalar.value >= 0x20 && scalar.value != 0x7F { scalars.append(scalar) }
        }
        return String(scalars)
    }
}
