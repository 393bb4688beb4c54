import MIME

/// The failed recipients of a delivery report: from `message/delivery-status` groups, the
/// X-Failed-Recipients header, or the `<addr>:` lines of a Postfix-style human-readable notice.
enum BounceReport {
    static func failedRecipients(_ message: MIMEMessage) -> [String] {
        var recipients: [String] = []
        func add(_ raw: String) {
            guard let address = AddressList.parse(raw).first?.normalized ?? AddressList.parse("<\(raw)>").first?.normalized,
                  !recipients.contains(address) else { return }
            recipients.append(address)
        }
        for part in message.parts where part.contentType.mimeType == "message/delivery-status" {
            let text = Charset.decode(part.decodedBody(), declared: "utf-8")
            for line in text.split(whereSeparator: \.isNewline) {
                let lower = line.lowercased()
                guard lower.hasPrefix("final-recipient:") || lower.hasPrefix("original-recipient:") else { continue }
                let value = line.split(separator: ":", maxSplits: 1).last.map(String.init) ?? ""
                let address = value.split(separator: ";", maxSplits: 1).last.map(String.init) ?? value
                add(address.trimmed)
            }
        }
        for value in message.header.all("x-failed-recipients") {
            for piece in value.split(separator: ",") { add(String(piece).trimmed) }
        }
        if recipients.isEmpty {
            for part in message.root.leaves where part.contentType.mimeType == "text/plain" {
                for line in (part.text() ?? "").split(separator: "\n") where line.hasPrefix("<") {
                    if let close = line.firstIndex(of: ">"), line[close...].hasPrefix(">:") {
                        add(String(line[line.index(after: line.startIndex)..<close]))
                    }
                }
            }
        }
        return recipients
    }
}
