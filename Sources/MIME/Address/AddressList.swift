/// Reads address-list headers (From, To, Cc, Reply-To) the way a person would: display names,
/// quotes, comments, groups and route syntax, and repairs broken ones (unquoted specials, commas in
/// names, names in trailing comments). Entries without a usable `local@domain` are left out.
public enum AddressList {
    public static func parse(_ raw: String?) -> [MailAddress] {
        guard let raw, !raw.isEmpty else { return [] }
        var result: [MailAddress] = []
        var pendingName: String?
        for segment in splitTopLevel(Array(raw.unicodeScalars)) {
            if let mailbox = mailbox(from: segment, prefixName: pendingName) {
                result.append(mailbox)
                pendingName = nil
            } else {
                // "Doe, John <jd@x>" split at the comma: carry the name fragment forward.
                let text = String(String.UnicodeScalarView(segment)).trimmed
                pendingName = text.isEmpty ? nil : ((pendingName.map { $0 + ", " } ?? "") + text)
            }
        }
        return result
    }

    /// Splits on commas and group delimiters outside quotes, comments and angle brackets.
    private static func splitTopLevel(_ s: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        var segments: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        var quoted = false, comment = 0, angle = false
        var i = 0
        while i < s.count {
            let c = s[i]
            if quoted {
                current.append(c)
                if c == "\\", i + 1 < s.count { current.append(s[i + 1]); i += 2; continue }
                if c == "\"" { quoted = false }
            } else if comment > 0 {
                current.append(c)
                if c == "(" { comment += 1 } else if c == ")" { comment -= 1 }
            } else {
                switch c {
                case "\"": quoted = true; current.append(c)
                case "(": comment = 1; current.append(c)
                case "<": angle = true; current.append(c)
                case ">": angle = false; current.append(c)
                case "," where !angle, ";" where !angle:
                    segments.append(current); current = []
                case ":" where !angle:
                    // A group name ("undisclosed-recipients:") ends here; route syntax stays inside <>.
                    current = []
                default: current.append(c)
                }
            }
            i += 1
        }
        segments.append(current)
        return segments
    }

    private static func mailbox(from segment: [Unicode.Scalar], prefixName: String?) -> MailAddress? {
        var phrase: [Unicode.Scalar] = []
        var commentText: [String] = []
        var angleAddress: String?
        var bare: [Unicode.Scalar] = []
        var i = 0
        while i < segment.count {
            let c = segment[i]
            if c == "\"" {
                var j = i + 1
                var text: [Unicode.Scalar] = []
                while j < segment.count, segment[j] != "\"" {
                    if segment[j] == "\\", j + 1 < segment.count { j += 1 }
                    text.append(segment[j]); j += 1
                }
                phrase.append(contentsOf: text)
                bare.append(contentsOf: text)
                i = j + 1
            } else if c == "(" {
                var depth = 1, j = i + 1
                var text: [Unicode.Scalar] = []
                while j < segment.count, depth > 0 {
                    if segment[j] == "(" { depth += 1 } else if segment[j] == ")" { depth -= 1; if depth == 0 { break } }
                    text.append(segment[j]); j += 1
                }
                commentText.append(String(String.UnicodeScalarView(text)))
                i = j + 1
            } else if c == "<" {
                var j = i + 1
                var text: [Unicode.Scalar] = []
                while j < segment.count, segment[j] != ">" { text.append(segment[j]); j += 1 }
                if angleAddress == nil { angleAddress = String(String.UnicodeScalarView(text)) }
                i = j + 1
            } else {
                if angleAddress == nil { phrase.append(c) }
                bare.append(c)
                i += 1
            }
        }
        if let angle = angleAddress, let address = cleanAddress(angle) {
            var name = EncodedWord.decode(String(String.UnicodeScalarView(phrase)).trimmed)
            if name.isEmpty, let comment = commentText.first { name = EncodedWord.decode(comment) }
            if let prefixName { name = prefixName + (name.isEmpty ? "" : ", " + name) }
            return MailAddress(displayName: name.withoutControlCharacters, address: address)
        }
        // No angle brackets: the address is the token with an "@"; a comment is the name.
        let tokens = String(String.UnicodeScalarView(bare)).split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let token = tokens.first(where: { $0.contains("@") }), let address = cleanAddress(String(token)) else { return nil }
        let name = commentText.first.map { EncodedWord.decode($0) }
        return MailAddress(displayName: name, address: address)
    }

    /// `local@domain` with route syntax, "mailto:", stray quotes and punctuation removed; nil when unusable.
    static func cleanAddress(_ raw: String) -> String? {
        var text = String(raw.trimmed.filter { !" \t\"'<>[]".contains($0) })
        if let colon = text.lastIndex(of: ":"), text.hasPrefix("@") { text = String(text[text.index(after: colon)...]) }
        if text.lowercased().hasPrefix("mailto:") { text = String(text.dropFirst(7)) }
        while let last = text.last, ".,;".contains(last) { text.removeLast() }
        let pieces = text.split(separator: "@", omittingEmptySubsequences: false)
        guard pieces.count >= 2, !pieces[0].isEmpty, let domain = pieces.last, !domain.isEmpty, !domain.hasPrefix("."),
              domain.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" })
        else { return nil }
        return text
    }
}
