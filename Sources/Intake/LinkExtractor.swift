/// Finds web links in plain text: `http(s)://` and `www.` forms, links in `<...>` that a client
/// wrapped across lines, without the punctuation that ends a sentence around them.
public enum LinkExtractor {
    public static func links(in text: String) -> [Link] {
        var result: [Link] = []
        var seen = Set<String>()
        for raw in rawLinks(in: text) {
            let unwrapped = LinkUnwrapper.unwrap(raw)
            guard seen.insert(unwrapped).inserted else { continue }
            result.append(Link(url: unwrapped, original: unwrapped == raw ? nil : raw))
        }
        return result
    }

    /// The links as written, in order.
    static func rawLinks(in text: String) -> [String] {
        let s = Array(text.unicodeScalars)
        var found: [String] = []
        var i = 0
        while i < s.count {
            let atWordStart = i == 0 || !(s[i - 1].properties.isAlphabetic || ("0"..."9").contains(s[i - 1]))
            guard atWordStart, let schemeLength = schemeLength(s, i) else { i += 1; continue }
            let bracketed = i > 0 && s[i - 1] == "<"
            var j = i + schemeLength
            var url = String.UnicodeScalarView(s[i..<j])
            while j < s.count {
                let c = s[j]
                if c == ">" || c == "\"" || c == "<" || c == "`" { break }
                if c == "\n" || c == "\r" || c == " " || c == "\t" {
                    // Inside <...> a client may have broken a long link over lines: go on when the
                    // break holds a newline and the closing ">" comes before any further whitespace.
                    guard bracketed else { break }
                    var k = j
                    var sawNewline = false
                    while k < s.count, s[k] == "\n" || s[k] == "\r" || s[k] == " " || s[k] == "\t" {
                        if s[k] == "\n" { sawNewline = true }
                        k += 1
                    }
                    guard sawNewline, k < s.count, let stop = s[k...].firstIndex(where: { $0 == ">" || $0 == "<" || $0.properties.isWhitespace }),
                          s[stop] == ">" else { break }
                    j = k
                    continue
                }
                url.append(c)
                j += 1
            }
            var link = String(url)
            link = trimTrailingPunctuation(link)
            if link.unicodeScalars.count > schemeLength + 1 {
                found.append(link.lowercased().hasPrefix("www.") ? "http://" + link : link)
            }
            i = max(j, i + 1)
        }
        return found
    }

    private static func schemeLength(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        for scheme in ["https://", "http://", "www."] {
            let t = Array(scheme.unicodeScalars)
            guard i + t.count <= s.count else { continue }
            var match = true
            for k in 0..<t.count where Character(s[i + k]).lowercased() != String(t[k]) { match = false; break }
            if match { return t.count }
        }
        return nil
    }

    /// Drops sentence punctuation and unbalanced closing brackets from the end of a link.
    static func trimTrailingPunctuation(_ link: String) -> String {
        var scalars = Array(link.unicodeScalars)
        while let last = scalars.last {
            if ".,;:!?'*".unicodeScalars.contains(last) { scalars.removeLast(); continue }
            if last == ")" || last == "]" {
                let open: Unicode.Scalar = last == ")" ? "(" : "["
                if scalars.filter({ $0 == open }).count < scalars.filter({ $0 == last }).count { scalars.removeLast(); continue }
            }
            break
        }
        return String(String.UnicodeScalarView(scalars))
    }
}
