import Foundation
import MIME

/// Finds an original forwarded inline in a body: the clients' marker lines (Gmail, Thunderbird,
/// Apple Mail and iOS, Outlook) and, under a forward subject, a bare header block.
enum ForwardDetector {
    struct Found {
        /// Lines before the forward: the forwarder's own text.
        var ownEnd: Int
        var block: HeaderBlock
    }

    /// True for subjects that say "forward" (Fwd:, Fw:, FW:, TR:, WG:, RV:, Enc:, Doorst:, VS:, ...).
    static func isForwardSubject(_ subject: String) -> Bool {
        let lower = subject.lowercased().trimmed
        let prefixes = ["fwd:", "fw:", "tr:", "wg:", "rv:", "enc:", "doorst:", "vs:", "vb:", "i:", "[fwd:", "fwd :", "fw :", "tr :"]
        var rest = Substring(lower)
        // Skip leading "Re:" so "Re: Fwd: ..." still counts.
        for _ in 0..<4 {
            if rest.hasPrefix("re:") || rest.hasPrefix("aw:") || rest.hasPrefix("sv:") {
                rest = rest.dropFirst(3).drop { $0 == " " }
            }
        }
        return prefixes.contains { rest.hasPrefix($0) }
    }

    private static let markers = [
        "forwarded message", "begin forwarded message", "forwarded e-mail", "forwarded email",
        "message transféré", "message transfere", "weitergeleitete nachricht", "mensaje reenviado",
        "doorgestuurd bericht", "messaggio inoltrato", "mensagem encaminhada", "vidarebefordrat meddelande",
    ]

    static func isMarker(_ line: Substring) -> Bool {
        let bare = line.trimmingCharacters(in: CharacterSet(charactersIn: "-_=*> \t:")).lowercased()
        return markers.contains { bare == $0 || (bare.hasPrefix($0) && bare.count < $0.count + 4) }
    }

    static func isOriginalMessageLine(_ line: Substring) -> Bool {
        let bare = line.trimmingCharacters(in: CharacterSet(charactersIn: "-_=> \t")).lowercased()
        return bare == "original message" || bare == "ursprüngliche nachricht" || bare == "message d'origine"
            || bare == "mensaje original" || bare == "oorspronkelijk bericht"
    }

    static func isRuleLine(_ line: Substring) -> Bool {
        let bare = line.trimmingCharacters(in: .whitespaces)
        return bare.count >= 10 && bare.allSatisfy { $0 == "_" || $0 == "-" || $0 == "—" }
    }

    static func find(in lines: [Substring], subjectIsForward: Bool) -> Found? {
        for (i, line) in lines.enumerated() {
            if isMarker(line), let block = HeaderBlock.parse(lines, at: i + 1) {
                return Found(ownEnd: i, block: block)
            }
            guard subjectIsForward else { continue }
            if isOriginalMessageLine(line) || isRuleLine(line), let block = HeaderBlock.parse(lines, at: i + 1) {
                return Found(ownEnd: i, block: block)
            }
            if HeaderBlock.labelled(line) != nil, let block = HeaderBlock.parse(lines, at: i) {
                return Found(ownEnd: i, block: block)
            }
        }
        return nil
    }
}
