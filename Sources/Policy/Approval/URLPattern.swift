/// A link pattern as HR writes it in a spreadsheet: `host/path` with `*` wildcards, scheme, `www.`,
/// query, fragment, trailing slash and letter case ignored. `{mc}` matches one path segment that
/// names the micro-credential (`badges.example.org/{mc}/*`), which `capture` returns.
public struct URLPattern: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    private let pieces: [Substring]

    public init(_ text: String) {
        self.text = text
        pieces = Self.normalize(text).replacingOccurrences(of: "{mc}", with: "*").split(separator: "*", omittingEmptySubsequences: false)
    }

    /// The path segment standing where the pattern says `{mc}`, when the link matches.
    public func capture(_ url: String) -> String? {
        let pattern = Self.normalize(text)
        guard let marker = pattern.range(of: "{mc}"), matches(url) else { return nil }
        let before = pattern[..<marker.lowerBound]
        let target = Self.normalize(url)
        // The literal text before {mc}, with any earlier wildcards, fixes where the segment starts.
        let prefixPattern = URLPattern(String(before) + "*")
        guard prefixPattern.matches(target) else { return nil }
        let literalTail = before.split(separator: "*", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        guard let start = literalTail.isEmpty ? target.startIndex : target.range(of: literalTail)?.upperBound else { return nil }
        let segment = target[start...].prefix { $0 != "/" }
        return segment.isEmpty ? nil : String(segment)
    }

    /// `https://www.Example.org/a/b/?x=1#f` -> `example.org/a/b`.
    public static func normalize(_ url: String) -> String {
        var s = Substring(url.trimmingCharacters(in: .whitespaces).lowercased())
        if let scheme = s.range(of: "://") { s = s[scheme.upperBound...] }
        if s.hasPrefix("www.") { s = s.dropFirst(4) }
        if let cut = s.firstIndex(where: { $0 == "?" || $0 == "#" }) { s = s[..<cut] }
        while s.hasSuffix("/") { s = s.dropLast() }
        return String(s)
    }

    public func matches(_ url: String) -> Bool {
        let target = Substring(Self.normalize(url))
        guard pieces.count > 1 else { return target == pieces[0] }
        guard target.hasPrefix(pieces[0]) else { return false }
        var rest = target.dropFirst(pieces[0].count)
        for (i, piece) in pieces.enumerated().dropFirst() {
            if i == pieces.count - 1 { return piece.isEmpty || rest.hasSuffix(piece) }
            guard !piece.isEmpty else { continue }
            guard let range = rest.range(of: piece) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }

    public var description: String { text }
}
