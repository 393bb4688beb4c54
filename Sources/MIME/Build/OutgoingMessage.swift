import Foundation

/// A message mcbot sends, rendered to RFC 5322 bytes: encoded-word headers, folded lines, a text
/// body (and optional HTML alternative) in quoted-printable UTF-8 when not plain ASCII.
public struct OutgoingMessage: Sendable, Equatable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var cc: [MailAddress]
    public var subject: String
    /// Message-ID without angle brackets.
    public var messageID: String
    public var date: Date
    public var inReplyTo: String?
    public var references: [String]
    /// Further fields in order (Auto-Submitted, X-Mcbot-Outcome, ...); values must be ASCII.
    public var extraHeaders: [HeaderField]
    public var textBody: String
    public var htmlBody: String?

    public init(
        from: MailAddress, to: [MailAddress], cc: [MailAddress] = [], subject: String, messageID: String, date: Date,
        inReplyTo: String? = nil, references: [String] = [], extraHeaders: [HeaderField] = [], textBody: String, htmlBody: String? = nil
    ) {
        self.from = from
        self.to = to
        self.cc = cc
        self.subject = subject
        self.messageID = messageID
        self.date = date
        self.inReplyTo = inReplyTo
        self.references = references
        self.extraHeaders = extraHeaders
        self.textBody = textBody
        self.htmlBody = htmlBody
    }

    /// The message as bytes with CRLF line endings.
    public func render() -> [UInt8] {
        var lines: [String] = []
        func add(_ name: String, _ value: String) { lines.append(Self.fold(name + ": " + value)) }
        add("Date", MailDate.format(date))
        add("From", from.headerValue)
        add("To", to.map(\.headerValue).joined(separator: ", "))
        if !cc.isEmpty { add("Cc", cc.map(\.headerValue).joined(separator: ", ")) }
        add("Subject", EncodedWord.encode(subject.withoutControlCharacters))
        add("Message-ID", "<\(messageID)>")
        if let inReplyTo { add("In-Reply-To", "<\(inReplyTo)>") }
        if !references.isEmpty { add("References", references.map { "<\($0)>" }.joined(separator: " ")) }
        for field in extraHeaders { add(field.name, field.value) }
        add("MIME-Version", "1.0")

        var body: [UInt8] = []
        if let htmlBody {
            // "=_" cannot occur at the start of a quoted-printable line, so this boundary is safe.
            let boundary = "=_mcbot_" + String(messageID.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(Character.init)).prefix(40)
            add("Content-Type", "multipart/alternative; boundary=\"\(boundary)\"")
            body += Array("--\(boundary)\r\n".utf8)
            body += Self.textEntity(textBody, subtype: "plain", forceEncoding: true)
            body += Array("\r\n--\(boundary)\r\n".utf8)
            body += Self.textEntity(htmlBody, subtype: "html", forceEncoding: true)
            body += Array("\r\n--\(boundary)--\r\n".utf8)
        } else {
            let entity = Self.textEntity(textBody, subtype: "plain", forceEncoding: false)
            // The entity's own headers become the message's last header lines.
            body = entity
        }
        var out = Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
        if htmlBody != nil { out += Array("\r\n".utf8) }
        out += body
        return out
    }

    /// A text entity: its Content-Type/-Transfer-Encoding lines, a blank line, the body.
    private static func textEntity(_ text: String, subtype: String, forceEncoding: Bool) -> [UInt8] {
        let normalized = text.replacingLineBreaks()
        let bytes = Array(normalized.utf8)
        let plain = Bytes.isASCII(bytes) && !normalized.split(separator: "\n", omittingEmptySubsequences: false).contains { $0.utf8.count > 900 }
        var out: [UInt8] = []
        if plain && !forceEncoding {
            out += Array("Content-Type: text/\(subtype); charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n".utf8)
            out += Array(normalized.replacingOccurrences("\n", "\r\n").utf8)
        } else {
            out += Array("Content-Type: text/\(subtype); charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n".utf8)
            out += QuotedPrintable.encode(bytes)
        }
        if out.last != Bytes.lf { out += [Bytes.cr, Bytes.lf] }
        return out
    }

    /// Folds a header line at spaces so no line exceeds 78 characters where a space allows it.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 78 else { return line }
        var result: [String] = []
        var current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty && current.utf8.count + 1 + word.utf8.count > 78 {
                result.append(current)
                current = String(word)
            } else {
                current += current.isEmpty && result.isEmpty ? String(word) : (current.isEmpty ? String(word) : " " + word)
            }
        }
        if !current.isEmpty { result.append(current) }
        return result.joined(separator: "\r\n ")
    }
}

extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: Substring(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
