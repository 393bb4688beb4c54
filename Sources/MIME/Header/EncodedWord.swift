/// RFC 2047 encoded words (`=?charset?B|Q?text?=`) in headers, read and written.
public enum EncodedWord {
    /// Decodes every encoded word in `raw`. Whitespace between adjacent words is dropped, and
    /// adjacent words in one charset are joined as bytes before decoding, so a multibyte character
    /// split across two words survives. Malformed words are left as written.
    public static func decode(_ raw: String) -> String {
        guard raw.contains("=?") else { return raw }
        let s = Array(raw.utf8)
        var out = ""
        var pendingBytes: [UInt8] = []
        var pendingCharset: String?
        var gap: [UInt8] = []  // text since the last encoded word, held back in case it is only whitespace
        var i = 0

        func flushPending() {
            if let charset = pendingCharset { out += Charset.decode(pendingBytes, declared: charset) }
            pendingBytes.removeAll()
            pendingCharset = nil
        }

        while i < s.count {
            if s[i] == UInt8(ascii: "="), i + 1 < s.count, s[i + 1] == UInt8(ascii: "?"), let word = parseWord(s, at: i) {
                let gapIsWhitespace = gap.allSatisfy { Bytes.isWhitespace($0) || $0 == Bytes.cr || $0 == Bytes.lf }
                if pendingCharset != nil && gapIsWhitespace {
                    if Charset.canonicalName(word.charset) != Charset.canonicalName(pendingCharset) {
                        flushPending()
                    }
                } else {
                    flushPending()
                    out += String(decoding: gap, as: UTF8.self)
                }
                gap.removeAll()
                pendingCharset = word.charset
                pendingBytes.append(contentsOf: word.bytes)
                i = word.end
                continue
            }
            gap.append(s[i])
            i += 1
        }
        flushPending()
        out += String(decoding: gap, as: UTF8.self)
        return out
    }

    private struct Word { let charset: String; let bytes: [UInt8]; let end: Int }

    private static func parseWord(_ s: [UInt8], at start: Int) -> Word? {
        var i = start + 2
        let charsetStart = i
        while i < s.count, s[i] != UInt8(ascii: "?") {
            if s[i] <= 32 { return nil }
            i += 1
        }
        guard i + 2 < s.count, s[i + 2] == UInt8(ascii: "?") else { return nil }
        var charset = String(decoding: s[charsetStart..<i], as: UTF8.self)
        if let star = charset.firstIndex(of: "*") { charset = String(charset[..<star]) }  // RFC 2231 language
        let encoding = Bytes.lowercased(s[i + 1])
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
        let textStart = i + 3
        var j = textStart
        while j + 1 < s.count, !(s[j] == UInt8(ascii: "?") && s[j + 1] == UInt8(ascii: "=")) {
            if s[j] == Bytes.space && encoding == UInt8(ascii: "b") { return nil }
            j += 1
        }
        guard j + 1 < s.count else { return nil }
        let text = s[textStart..<j]
        let bytes = encoding == UInt8(ascii: "b")
            ? Base64.decode(text)
            : QuotedPrintable.decode(text, underscoreIsSpace: true)
        return Word(charset: charset, bytes: bytes, end: j + 2)
    }

    /// Encodes `text` for an unstructured header (Subject): unchanged when plain ASCII, otherwise
    /// UTF-8 B-words of at most 60 characters (36 bytes each), split on character boundaries and
    /// separated by spaces, so every folded line stays within RFC 2047's 76 characters.
    public static func encode(_ text: String) -> String {
        if Bytes.isASCII(text.utf8) && !text.contains("=?") { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 36 {
                words.append("=?UTF-8?B?" + Base64.encode(chunk) + "?=")
                chunk.removeAll()
            }
            chunk.append(contentsOf: bytes)
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Base64.encode(chunk) + "?=") }
        return words.joined(separator: " ")
    }
}
