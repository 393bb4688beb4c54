import Foundation

/// Removes quoted history from a reply so links quoted from earlier mail are not counted again:
/// `>` lines, an "On ... wrote:" attribution, and everything under an Outlook-style original-message
/// header. Unquoted lines between quotes (inline and bottom-posted answers) are kept.
enum QuoteTrimmer {
    /// - Parameter cutHistory: false for a message that is not a reply, where a header block is
    ///   pasted content rather than history.
    static func trim(_ lines: [Substring], cutHistory: Bool = true) -> [Substring] {
        var kept = lines
        if cutHistory, let cut = historyStart(lines) { kept = Array(lines[..<cut]) }
        var result: [Substring] = []
        var i = 0
        while i < kept.count {
            if let span = attributionSpan(kept, at: i) { i += span; continue }
            if kept[i].hasPrefix(">") { i += 1; continue }
            result.append(kept[i])
            i += 1
        }
        while let last = result.last, last.trimmingCharacters(in: .whitespaces).isEmpty { result.removeLast() }
        return result
    }

    /// Where unquoted history begins: an original-message line or a header block, or an attribution
    /// line followed only by quoted lines to the end (top-posting).
    static func historyStart(_ lines: [Substring]) -> Int? {
        for (i, line) in lines.enumerated() {
            if ForwardDetector.isOriginalMessageLine(line) { return i }
            if ForwardDetector.isRuleLine(line), HeaderBlock.parse(lines, at: i + 1) != nil { return i }
            if i > 0, !line.hasPrefix(">"), HeaderBlock.labelled(line)?.0 == .from, let block = HeaderBlock.parse(lines, at: i),
               block.values[.date] != nil || block.values[.subject] != nil {
                return i
            }
            if let span = attributionSpan(lines, at: i) {
                let rest = lines[(i + span)...]
                let unquotedAfter = rest.contains { !$0.hasPrefix(">") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                if !unquotedAfter { return i }
                // Unquoted text after the quote: an answer below it, or history the client did not quote.
                let quotedFollows = rest.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?.hasPrefix(">") ?? false
                if !quotedFollows { return i }
            }
        }
        return nil
    }

    private static let attributionVerbs = [
        "wrote", "a écrit", "schrieb", "escribió", "schreef", "ha scritto", "escreveu", "skrev", "napisał", "kirjoitti", "geschreven",
    ]
    private static let attributionStarts = ["on ", "le ", "am ", "el ", "op ", "il ", "em ", "den ", "på ", "w dniu ", "dnia "]

    /// Number of lines (1 or 2) of an attribution like "On Mon, 1 Dec 2025, Ann <a@b> wrote:" or
    /// "Am 1. Sep. 2025 schrieb Ann <a@b>:".
    static func attributionSpan(_ lines: [Substring], at i: Int) -> Int? {
        let line = lines[i].trimmingCharacters(in: .whitespaces).lowercased()
        guard !line.hasPrefix(">") else { return nil }
        func isAttribution(_ text: String) -> Bool {
            guard text.hasSuffix(":"), text.count < 300 else { return false }
            let startsLikeOne = attributionStarts.contains { text.hasPrefix($0) }
            let verb = attributionVerbs.contains { text.contains(" " + $0) }
            // "X wrote:" alone (no date) is an attribution too, but only when short.
            return verb && (startsLikeOne || (text.count < 120 && attributionVerbs.contains { text.hasSuffix($0 + ":") || text.hasSuffix($0 + " :") }))
        }
        if isAttribution(line) { return 1 }
        if i + 1 < lines.count, attributionStarts.contains(where: { line.hasPrefix($0) }) {
            let joined = line + " " + lines[i + 1].trimmingCharacters(in: .whitespaces).lowercased()
            if isAttribution(joined) { return 2 }
        }
        return nil
    }
}
