import Foundation
import MIME

/// A block of `Label: value` lines that a mail client prints above a forwarded or quoted original
/// ("From: ... Sent: ... To: ... Subject: ..."), in English and the district's other common languages.
struct HeaderBlock: Equatable {
    enum Field: Equatable { case from, date, to, cc, subject, replyTo }

    var values: [Field: String] = [:]
    /// Index of the first line after the block.
    var endLine: Int

    var from: MailAddress? {
        guard let raw = values[.from] else { return nil }
        return AddressList.parse(raw).first
    }

    static let labels: [String: Field] = [
        "from": .from, "de": .from, "von": .from, "van": .from, "da": .from, "från": .from, "fra": .from, "od": .from,
        "sent": .date, "date": .date, "envoyé": .date, "gesendet": .date, "datum": .date, "enviado": .date,
        "fecha": .date, "verzonden": .date, "data": .date, "inviato": .date, "skickat": .date, "sendt": .date,
        "to": .to, "à": .to, "an": .to, "para": .to, "aan": .to, "a": .to, "till": .to, "til": .to, "do": .to,
        "cc": .cc, "kopie": .cc, "cci": .cc,
        "subject": .subject, "objet": .subject, "betreff": .subject, "asunto": .subject, "onderwerp": .subject,
        "oggetto": .subject, "ämne": .subject, "emne": .subject, "assunto": .subject, "temat": .subject,
        "reply-to": .replyTo, "reply to": .replyTo, "répondre à": .replyTo,
    ]

    /// Splits `Label: value` (tolerating `> ` quoting and `*bold*` markers); nil when the label is unknown.
    static func labelled(_ line: Substring) -> (Field, String)? {
        var text = line.drop { $0 == ">" || $0 == " " || $0 == "\t" }
        text = text.drop { $0 == "*" }
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let label = text[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: " *\t")).lowercased()
        guard label.count <= 12, let field = labels[label] else { return nil }
        let value = text[text.index(after: colon)...].trimmingCharacters(in: CharacterSet(charactersIn: " *\t"))
        return (field, value)
    }

    /// Reads a block starting at `start` (blank lines before it skipped). A block needs a From line
    /// and at least one of Date/Sent, To or Subject.
    static func parse(_ lines: [Substring], at start: Int) -> HeaderBlock? {
        var i = start
        while i < lines.count, lines[i].trimmingCharacters(in: CharacterSet(charactersIn: "> \t")).isEmpty { i += 1 }
        var block = HeaderBlock(endLine: i)
        var last: Field?
        while i < lines.count {
            let line = lines[i]
            let bare = line.trimmingCharacters(in: CharacterSet(charactersIn: "> \t"))
            if bare.isEmpty { break }
            if let (field, value) = labelled(line) {
                if block.values[field] == nil { block.values[field] = value }
                last = field
            } else if let field = last, let value = block.values[field], HeaderParserRepair.isUnfinished(value) {
                block.values[field] = value + bare  // an address split over two lines
            } else {
                break
            }
            i += 1
        }
        block.endLine = i
        let supporting = [HeaderBlock.Field.date, .to, .subject].filter { block.values[$0] != nil }.count
        guard block.values[.from] != nil, supporting >= 1 else { return nil }
        return block
    }
}

/// The same repair `HeaderParser` does for real headers, for header blocks printed in a body.
enum HeaderParserRepair {
    static func isUnfinished(_ value: String) -> Bool {
        let opens = value.filter { $0 == "<" }.count
        let closes = value.filter { $0 == ">" }.count
        return opens > closes || value.hasSuffix("@") || value.hasSuffix(",")
    }
}
