/// HTML turned into plain text the way a mail client would show it: blocks on their own lines,
/// blockquotes prefixed with `> ` (so quoted history reads like quoted plain text), and each link's
/// target written after its text as `<URL>` when the text does not already show it.
public struct HTMLText: Sendable, Equatable {
    public let text: String
    /// Every `href` and `src` in document order, entity-decoded.
    public let links: [String]
    /// `cid:` references of images shown inline.
    public let contentIDs: [String]

    private static let blockTags: Set<String> = [
        "p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre",
        "blockquote", "dl", "dt", "dd", "section", "article", "header", "footer", "center", "address", "form",
    ]
    private static let skippedTags: Set<String> = ["script", "style", "head", "title", "xml", "template", "noscript"]

    public static func convert(_ html: String) -> HTMLText {
        var builder = Builder()
        let s = Array(html.unicodeScalars)
        var i = 0
        var skipUntil: String?
        var anchorHref: String?
        var anchorTextStart = 0
        var preDepth = 0
        while i < s.count {
            let c = s[i]
            if c == "<" {
                if starts(s, i, "<!--") {
                    i = find(s, from: i + 4, "-->").map { $0 + 3 } ?? s.count
                    continue
                }
                guard let tag = parseTag(s, at: i) else {
                    if skipUntil == nil { builder.appendText("<", pre: preDepth > 0) }
                    i += 1
                    continue
                }
                i = tag.end
                if let skipping = skipUntil {
                    if tag.isClosing && tag.name == skipping { skipUntil = nil }
                    continue
                }
                if !tag.isClosing && !tag.selfClosing && skippedTags.contains(tag.name) { skipUntil = tag.name; continue }
                switch tag.name {
                case "a" where !tag.isClosing:
                    anchorHref = tag.attributes["href"].map(decodeEntities)
                    anchorTextStart = builder.visibleCount
                    if let href = anchorHref { builder.links.append(href) }
                case "a":
                    if let href = anchorHref, isWebLink(href) {
                        let shown = builder.visibleText(since: anchorTextStart)
                        if !sameLink(shown, href) { builder.appendText(" <\(href)>", pre: true) }
                    }
                    anchorHref = nil
                case "img" where !tag.isClosing:
                    if let src = tag.attributes["src"].map(decodeEntities) {
                        if src.lowercased().hasPrefix("cid:") { builder.contentIDs.append(String(src.dropFirst(4))) } else { builder.links.append(src) }
                    }
                case "blockquote":
                    builder.newline()
                    builder.quoteDepth = max(0, builder.quoteDepth + (tag.isClosing ? -1 : 1))
                case "pre":
                    builder.newline()
                    preDepth = max(0, preDepth + (tag.isClosing ? -1 : 1))
                case "td", "th":
                    if tag.isClosing { builder.appendText(" ", pre: false) }
                default:
                    if blockTags.contains(tag.name) {
                        if tag.name == "br" || tag.name == "p" || tag.name == "hr" || !builder.atLineStart { builder.newline(force: tag.name == "br") }
                    }
                }
                continue
            }
            if skipUntil != nil { i += 1; continue }
            if c == "&" {
                let (decoded, next) = entity(s, at: i)
                builder.appendText(decoded, pre: preDepth > 0)
                i = next
                continue
            }
            builder.appendText(String(c), pre: preDepth > 0)
            i += 1
        }
        return HTMLText(text: builder.finish(), links: builder.links, contentIDs: builder.contentIDs)
    }

    /// Collects lines, collapsing whitespace outside <pre> and prefixing quoted lines.
    private struct Builder {
        var lines: [String] = []
        var current = ""
        var quoteDepth = 0
        var lineDepth = 0
        var pendingSpace = false
        var links: [String] = []
        var contentIDs: [String] = []
        var visible = ""

        var atLineStart: Bool { current.isEmpty }
        var visibleCount: Int { visible.unicodeScalars.count }

        func visibleText(since start: Int) -> String {
            String(String.UnicodeScalarView(visible.unicodeScalars.dropFirst(start)))
        }

        mutating func appendText(_ text: String, pre: Bool) {
            for scalar in text.unicodeScalars {
                if !pre && (scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{A0}") {
                    pendingSpace = !current.isEmpty
                    continue
                }
                if pre && scalar == "\n" { newline(force: true); continue }
                if current.isEmpty { lineDepth = quoteDepth }
                if pendingSpace { current.append(" "); visible.append(" "); pendingSpace = false }
                current.unicodeScalars.append(scalar)
                visible.unicodeScalars.append(scalar)
            }
        }

        mutating func newline(force: Bool = false) {
            if current.isEmpty && !force { return }
            let prefix = String(repeating: "> ", count: current.isEmpty ? quoteDepth : lineDepth)
            lines.append(prefix + current)
            current = ""
            pendingSpace = false
            visible.append(" ")
        }

        mutating func finish() -> String {
            newline()
            var out: [String] = []
            for line in lines {
                let trimmed = line.trimmed
                let isBlank = trimmed.isEmpty || trimmed.allSatisfy { $0 == ">" || $0 == " " }
                if isBlank, let last = out.last, last.trimmed.isEmpty || last.trimmed.allSatisfy({ $0 == ">" || $0 == " " }) { continue }
                out.append(isBlank ? String(line.prefix { $0 == ">" || $0 == " " }).trimmed : line)
            }
            while let first = out.first, first.isEmpty { out.removeFirst() }
            while let last = out.last, last.isEmpty { out.removeLast() }
            return out.joined(separator: "\n")
        }
    }

    private struct Tag {
        let name: String
        let isClosing: Bool
        let selfClosing: Bool
        let attributes: [String: String]
        let end: Int
    }

    private static func parseTag(_ s: [Unicode.Scalar], at start: Int) -> Tag? {
        var i = start + 1
        var closing = false
        if i < s.count, s[i] == "/" { closing = true; i += 1 }
        if i < s.count, s[i] == "!" || s[i] == "?" {  // doctype, processing instructions, conditional comments
            guard let end = find(s, from: i, ">") else { return nil }
            return Tag(name: "!", isClosing: false, selfClosing: true, attributes: [:], end: end + 1)
        }
        let nameStart = i
        while i < s.count, s[i].properties.isAlphabetic || ("0"..."9").contains(s[i]) || s[i] == ":" || s[i] == "-" { i += 1 }
        guard i > nameStart else { return nil }
        let name = String(String.UnicodeScalarView(s[nameStart..<i])).lowercased()
        var attributes: [String: String] = [:]
        var selfClosing = false
        while i < s.count, s[i] != ">" {
            if s[i] == "/" { selfClosing = true; i += 1; continue }
            if s[i].properties.isWhitespace { i += 1; continue }
            let attrStart = i
            while i < s.count, !s[i].properties.isWhitespace, s[i] != "=", s[i] != ">", s[i] != "/" { i += 1 }
            let attrName = String(String.UnicodeScalarView(s[attrStart..<i])).lowercased()
            while i < s.count, s[i].properties.isWhitespace { i += 1 }
            var value = ""
            if i < s.count, s[i] == "=" {
                i += 1
                while i < s.count, s[i].properties.isWhitespace { i += 1 }
                if i < s.count, s[i] == "\"" || s[i] == "'" {
                    let quote = s[i]
                    let valueStart = i + 1
                    i = valueStart
                    while i < s.count, s[i] != quote { i += 1 }
                    value = String(String.UnicodeScalarView(s[valueStart..<min(i, s.count)]))
                    i += 1
                } else {
                    let valueStart = i
                    while i < s.count, !s[i].properties.isWhitespace, s[i] != ">" { i += 1 }
                    value = String(String.UnicodeScalarView(s[valueStart..<i]))
                }
            }
            if !attrName.isEmpty, attributes[attrName] == nil { attributes[attrName] = value.trimmed }
            if i == attrStart { i += 1 }
        }
        return Tag(name: name, isClosing: closing, selfClosing: selfClosing, attributes: attributes, end: min(i + 1, s.count))
    }

    private static func starts(_ s: [Unicode.Scalar], _ i: Int, _ text: String) -> Bool {
        let t = Array(text.unicodeScalars)
        guard i + t.count <= s.count else { return false }
        for k in 0..<t.count where s[i + k] != t[k] { return false }
        return true
    }

    private static func find(_ s: [Unicode.Scalar], from: Int, _ text: String) -> Int? {
        var i = from
        while i < s.count {
            if starts(s, i, text) { return i }
            i += 1
        }
        return nil
    }

    static func isWebLink(_ href: String) -> Bool {
        let lower = href.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    private static func sameLink(_ shown: String, _ href: String) -> Bool {
        func key(_ u: String) -> String {
            var t = u.trimmed.lowercased()
            for prefix in ["https://", "http://"] where t.hasPrefix(prefix) { t.removeFirst(prefix.count) }
            while t.hasSuffix("/") { t.removeLast() }
            return t
        }
        return key(shown) == key(href)
    }

    /// Replaces HTML character references in an attribute value.
    public static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let s = Array(text.unicodeScalars)
        var out = ""
        var i = 0
        while i < s.count {
            if s[i] == "&" {
                let (decoded, next) = entity(s, at: i)
                out += decoded
                i = next
            } else {
                out.unicodeScalars.append(s[i])
                i += 1
            }
        }
        return out
    }

    private static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "copy": "©", "reg": "®",
        "trade": "™", "ndash": "–", "mdash": "—", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”",
        "hellip": "…", "bull": "•", "middot": "·", "laquo": "«", "raquo": "»", "eacute": "é", "egrave": "è",
        "aacute": "á", "agrave": "à", "iacute": "í", "oacute": "ó", "uacute": "ú", "ntilde": "ñ", "ccedil": "ç",
        "auml": "ä", "ouml": "ö", "uuml": "ü", "Auml": "Ä", "Ouml": "Ö", "Uuml": "Ü", "szlig": "ß", "euro": "€",
        "deg": "°", "times": "×", "shy": "", "zwnj": "", "zwj": "", "ensp": " ", "emsp": " ", "thinsp": " ",
    ]

    private static func entity(_ s: [Unicode.Scalar], at start: Int) -> (String, Int) {
        var i = start + 1
        var name = ""
        while i < s.count, i - start <= 32, s[i] != ";", s[i].properties.isAlphabetic || ("0"..."9").contains(s[i]) || s[i] == "#" {
            name.unicodeScalars.append(s[i])
            i += 1
        }
        let end = (i < s.count && s[i] == ";") ? i + 1 : i
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            if let value, let scalar = Unicode.Scalar(value) { return (String(scalar), end) }
        } else if let decoded = namedEntities[name] {
            return (decoded, end)
        }
        return ("&", start + 1)
    }
}
