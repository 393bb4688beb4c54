/// `value; name=value; ...` as in Content-Type and Content-Disposition, with RFC 2231 continuations
/// and charsets, quoted strings, comments, and the common non-standard RFC 2047 words in values.
public struct HeaderParameters: Sendable, Equatable {
    /// The part before the first `;`, lower-cased and trimmed.
    public let value: String
    /// Parameter names lower-cased; values decoded.
    public let parameters: [String: String]

    public subscript(name: String) -> String? { parameters[name.asciiLowercased] }

    public init(value: String, parameters: [String: String]) {
        self.value = value
        self.parameters = parameters
    }

    public static func parse(_ raw: String) -> HeaderParameters {
        let s = Array(raw.utf8)
        var i = 0
        var head: [UInt8] = []
        while i < s.count, s[i] != UInt8(ascii: ";") {
            if s[i] == UInt8(ascii: "(") { i = skipComment(s, i) ; continue }
            if !Bytes.isWhitespace(s[i]) && s[i] != Bytes.cr && s[i] != Bytes.lf { head.append(Bytes.lowercased(s[i])) }
            i += 1
        }
        var segments: [(name: String, index: Int?, extended: Bool, value: String)] = []
        while i < s.count {
            // at ';' or junk: skip separators
            while i < s.count, s[i] == UInt8(ascii: ";") || Bytes.isWhitespace(s[i]) || s[i] == Bytes.cr || s[i] == Bytes.lf { i += 1 }
            if i < s.count, s[i] == UInt8(ascii: "(") { i = skipComment(s, i); continue }
            let nameStart = i
            while i < s.count, s[i] != UInt8(ascii: "="), s[i] != UInt8(ascii: ";") { i += 1 }
            let rawName = String(decoding: s[nameStart..<i], as: UTF8.self).trimmed.asciiLowercased
            guard i < s.count, s[i] == UInt8(ascii: "=") else { continue }
            i += 1
            while i < s.count, Bytes.isWhitespace(s[i]) || s[i] == Bytes.cr || s[i] == Bytes.lf { i += 1 }
            var value: [UInt8] = []
            if i < s.count, s[i] == UInt8(ascii: "\"") {
                i += 1
                while i < s.count, s[i] != UInt8(ascii: "\"") {
                    if s[i] == UInt8(ascii: "\\"), i + 1 < s.count { i += 1 }
                    if s[i] != Bytes.cr && s[i] != Bytes.lf { value.append(s[i]) }
                    i += 1
                }
                i += 1
            } else if i + 1 < s.count, s[i] == UInt8(ascii: "="), s[i + 1] == UInt8(ascii: "?") {
                // A bare RFC 2047 word (not allowed, but Outlook and others send it): read to the closing "?=".
                let start = i
                i += 2
                var marks = 0
                while i < s.count {
                    if s[i] == UInt8(ascii: "?") { marks += 1; if marks >= 3, i + 1 < s.count, s[i + 1] == UInt8(ascii: "=") { i += 2; break } }
                    i += 1
                }
                value = Array(s[start..<min(i, s.count)])
                while i < s.count, s[i] != UInt8(ascii: ";") {
                    value.append(s[i]); i += 1
                }
            } else {
                while i < s.count, s[i] != UInt8(ascii: ";") {
                    if s[i] == UInt8(ascii: "(") { i = skipComment(s, i); continue }
                    value.append(s[i])
                    i += 1
                }
                while let last = value.last, Bytes.isWhitespace(last) || last == Bytes.cr || last == Bytes.lf { value.removeLast() }
            }
            guard !rawName.isEmpty else { continue }
            var name = rawName
            var extended = false
            var index: Int?
            if name.hasSuffix("*") { extended = true; name.removeLast() }
            if let star = name.lastIndex(of: "*"), let n = Int(name[name.index(after: star)...]) {
                index = n
                name = String(name[..<star])
            }
            segments.append((name, index, extended, HeaderParser.headerText(value)))
        }
        return HeaderParameters(value: String(decoding: head, as: UTF8.self), parameters: Self.assemble(segments))
    }

    private static func skipComment(_ s: [UInt8], _ start: Int) -> Int {
        var depth = 0
        var i = start
        while i < s.count {
            if s[i] == UInt8(ascii: "\\") { i += 2; continue }
            if s[i] == UInt8(ascii: "(") { depth += 1 }
            if s[i] == UInt8(ascii: ")") { depth -= 1; if depth == 0 { return i + 1 } }
            i += 1
        }
        return s.count
    }

    /// Joins RFC 2231 segments in index order and decodes their charset; plain values get RFC 2047 decoding.
    private static func assemble(_ segments: [(name: String, index: Int?, extended: Bool, value: String)]) -> [String: String] {
        var result: [String: String] = [:]
        var grouped: [String: [(index: Int?, extended: Bool, value: String)]] = [:]
        var order: [String] = []
        for segment in segments {
            if grouped[segment.name] == nil { order.append(segment.name) }
            grouped[segment.name, default: []].append((segment.index, segment.extended, segment.value))
        }
        for name in order {
            let parts = grouped[name]!
            let isRFC2231 = parts.contains { $0.extended || $0.index != nil }
            if !isRFC2231 {
                result[name] = EncodedWord.decode(parts[0].value)
                continue
            }
            // An RFC 2231 form wins over a plain duplicate (senders often give both).
            let sorted = parts.filter { $0.extended || $0.index != nil }.sorted { ($0.index ?? 0) < ($1.index ?? 0) }
            var charset: String?
            var bytes: [UInt8] = []
            for (n, part) in sorted.enumerated() {
                var text = part.value
                if part.extended && n == 0 {
                    let pieces = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                    if pieces.count == 3 {
                        charset = String(pieces[0])
                        text = String(pieces[2])
                    }
                }
                bytes.append(contentsOf: part.extended ? percentDecode(text) : Array(text.utf8))
            }
            result[name] = Charset.decode(bytes, declared: charset ?? "utf-8")
        }
        return result
    }

    private static func percentDecode(_ text: String) -> [UInt8] {
        let s = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < s.count {
            if s[i] == UInt8(ascii: "%"), i + 2 < s.count, let hi = QuotedPrintable.hexValue(s[i + 1]), let lo = QuotedPrintable.hexValue(s[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return out
    }
}
