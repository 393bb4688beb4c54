/// A parsed Content-Type; a missing or unreadable one is text/plain (RFC 2045 §5.2).
public struct ContentType: Sendable, Equatable {
    public let type: String
    public let subtype: String
    public let parameters: [String: String]

    public init(type: String, subtype: String, parameters: [String: String] = [:]) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
    }

    public var mimeType: String { type + "/" + subtype }
    public var charset: String? { parameters["charset"] }
    public var boundary: String? { parameters["boundary"] }
    public var name: String? { parameters["name"] }
    public var isMultipart: Bool { type == "multipart" }
    public var isText: Bool { type == "text" }
    /// message/rfc822 and its relatives that carry a whole message.
    public var isEmbeddedMessage: Bool { type == "message" && (subtype == "rfc822" || subtype == "global") }

    public static let textPlain = ContentType(type: "text", subtype: "plain")
    static let messageRFC822 = ContentType(type: "message", subtype: "rfc822")

    /// Parses a raw header value; nil for a value that names no `type/subtype`.
    public static func parse(_ raw: String) -> ContentType? {
        let parsed = HeaderParameters.parse(raw)
        let pieces = parsed.value.split(separator: "/", maxSplits: 1)
        guard pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty else {
            // "text" alone (seen from old mailers) still means text/plain.
            return parsed.value == "text" ? ContentType(type: "text", subtype: "plain", parameters: parsed.parameters) : nil
        }
        return ContentType(type: String(pieces[0]), subtype: String(pieces[1]), parameters: parsed.parameters)
    }
}

/// A parsed Content-Disposition.
public struct ContentDisposition: Sendable, Equatable {
    /// `inline`, `attachment`, or what the sender wrote, lower-cased.
    public let kind: String
    public let parameters: [String: String]

    public var filename: String? { parameters["filename"] }
    public var isAttachment: Bool { kind == "attachment" }
    public var isInline: Bool { kind == "inline" }

    public static func parse(_ raw: String) -> ContentDisposition {
        let parsed = HeaderParameters.parse(raw)
        return ContentDisposition(kind: parsed.value, parameters: parsed.parameters)
    }
}
