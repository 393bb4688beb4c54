import Foundation

/// A parsed message: its top part plus the header readings every caller needs.
public struct MIMEMessage: Sendable {
    public let root: MIMEPart
    /// Size in bytes of the message as parsed.
    public let size: Int

    public var header: MessageHeader { root.header }
    /// The decoded Subject (nil when absent).
    public var subject: String? { header.text("subject") }
    public var from: [MailAddress] { AddressList.parse(header["from"]) }
    public var to: [MailAddress] { AddressList.parse(header["to"]) }
    public var cc: [MailAddress] { AddressList.parse(header["cc"]) }
    public var date: Date? { header["date"].flatMap(MailDate.parse) }
    /// Message-ID without angle brackets.
    public var messageID: String? { header["message-id"].flatMap { Self.messageIDs(in: $0).first } }
    public var inReplyTo: [String] { header["in-reply-to"].map(Self.messageIDs) ?? [] }
    public var references: [String] { header["references"].map(Self.messageIDs) ?? [] }

    /// Every part, depth first, including multipart containers; embedded messages are not entered.
    public var parts: [MIMEPart] {
        var result: [MIMEPart] = []
        func walk(_ part: MIMEPart) {
            result.append(part)
            for child in part.children { walk(child) }
        }
        walk(root)
        return result
    }

    /// The `<id>` tokens in a Message-ID, In-Reply-To or References value.
    public static func messageIDs(in raw: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(raw)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let id = rest[rest.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            if !id.isEmpty { ids.append(id) }
            rest = rest[rest.index(after: close)...]
        }
        if ids.isEmpty {
            ids = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init).filter { $0.contains("@") }
        }
        return ids
    }
}
