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
    public var attachments: [OutgoingAttachment]

    public init(
        from: MailAddress, to: [MailAddress], cc: [MailAddress] = [], subject: String, messageID: String, date: Date,
        inReplyTo: String? = nil, references: [String] = [], extraHeaders: [HeaderField] = [], textBody: String, htmlBody: String? = nil,
        attachments: [OutgoingAttachment] = []
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
        self.attachments = attachments
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

        let boundary = "=_mcbot_" + String(messageID.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(Character.init)).prefix(40)
        var content: [UInt8]
        if let htmlBody {
            // "=_" cannot occur at the start of a quoted-printable or base64 line, so these boundaries are safe.
            let alternative = boundary + "_alt"
            content = Array("Content-Type: multipart/alternative; boundary=\"\(alternative)\"\r\n\r\n".utf8)
            content += Array("--\(alternative)\r\n".utf8)
            content += Self.textEntity(textBody, subtype: "plain", forceEncoding: true)
            content += Array("\r\n--\(alternative)\r\n".utf8)
            content += Self.textEntity(htmlBody, subtype: "html", forceEncoding: true)
            content += Array("\r\n--\(alternative)--\r\n".utf8)
        } else {
            content = Self.textEntity(textBody, subtype: "plain", forceEncoding: !attachments.isEmpty)
        }
        var body: [UInt8]
        if attachments.isEmpty {
            body = content
        } else {
            body = Array("Content-Type: multipart/mixed; boundary=\"\(boundary)\"\r\n\r\n--\(boundary)\r\n".utf8) + content
            for attachment in attachments {
                body += Array("\r\n--\(boundary)\r\n".utf8) + attachment.entity()
            }
            body += Array("\r\n--\(boundary)--\r\n".utf8)
        }
        // The first entity's header lines become the message's last header lines.
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8) + body
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

    /// Folds a header line at spaces so no line exceeds 78 characters where a space allows it. The
    /// value's first word always stays on the field's first line (a lone "Subject:" reads as a blank).
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 78 else { return line }
        let words = line.split(separator: " ", omittingEmptySubsequences: false)
        guard words.count > 2 else { return line }
        var result: [String] = []
        var current = String(words[0] + " " + words[1])
        for word in words.dropFirst(2) {
            if current.utf8.count + 1 + word.utf8.count > 78 {
                result.append(current)
                current = String(word)
            } else {
                current += " " + word
            }
        }
        result.append(current)
        return result.joined(separator: "\r\n ")
    }
}

extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: Substring(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

/// A file attached to an outgoing message.
public struct OutgoingAttachment: Sendable, Equatable {
    public var filename: String
    public var contentType: String
    public var bytes: [UInt8]

    public init(filename: String, contentType: String, bytes: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.bytes = bytes
    }

    /// An original message: message/rfc822 when it is 7-bit clean with short lines, else a base64 .eml file.
    public static func originalMessage(_ raw: [UInt8], filename: String = "original.eml") -> OutgoingAttachment {
        var longest = 0, current = 0
        for b in raw { if b == Bytes.lf { longest = max(longest, current); current = 0 } else { current += 1 } }
        let clean = Bytes.isASCII(raw) && max(longest, current) < 990
        return OutgoingAttachment(filename: filename, contentType: clean ? "message/rfc822" : "application/octet-stream", bytes: raw)
    }

    func entity() -> [UInt8] {
        let name = filename.unicodeScalars.allSatisfy { $0.isASCII && $0 != "\"" && $0 != "\\" }
            ? "filename=\"\(filename)\"" : "filename*=utf-8''" + filename.utf8.map { b in
                (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 46 || b == 45 || b == 95
                    ? String(UnicodeScalar(b)) : "%" + String(b, radix: 16, uppercase: true).leftPadded() }.joined()
        if contentType == "message/rfc822" {
            var normalized: [UInt8] = []
            normalized.reserveCapacity(bytes.count + bytes.count / 40)
            for (i, b) in bytes.enumerated() {
                if b == Bytes.lf && (i == 0 || bytes[i - 1] != Bytes.cr) { normalized.append(Bytes.cr) }
                normalized.append(b)
            }
            return Array("Content-Type: message/rfc822\r\nContent-Disposition: attachment; \(name)\r\n\r\n".utf8) + normalized
        }
        return Array("Content-Type: \(contentType)\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; \(name)\r\n\r\n".utf8)
            + Base64.encodeBytes(bytes, lineLength: 76) + [Bytes.cr, Bytes.lf]
    }
}

private extension String {
    func leftPadded() -> String { count < 2 ? "0" + self : self }
}
