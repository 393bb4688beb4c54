import Foundation

/// What a teacher asks about when a message carries no badge; answered from the FAQ's facts.
public enum QuestionTopic: String, Sendable, CaseIterable, Equatable {
    case fees
    case discretionaryFunds = "discretionary-funds"
    case deadline
    case cap
    case banking
    case pdHours = "pd-hours"
    case approval
    case coursework
    /// An MC disappeared from the provider's site: handled by the Professional Growth Team.
    case vanishedMC = "vanished-mc"

    /// Topics the teacher asks about in `text`: only sentences that ask something count (a log line
    /// "PD hours: 7" is not a question about PD hours), except a vanished MC, which is reported, not asked.
    public static func detect(in text: String) -> [QuestionTopic] {
        let lower = text.lowercased()
        let questions = askingSentences(lower).joined(separator: " \n ")
        func any(_ words: [String], in t: String) -> Bool { words.contains { t.contains($0) } }
        var topics: [QuestionTopic] = []
        if any(["discretionary"], in: questions) { topics.append(.discretionaryFunds) }
        if any(["refund", "reimburs", "fee", "cost", "pay for", "paid for", "charge"], in: questions) && !topics.contains(.discretionaryFunds) { topics.append(.fees) }
        if any(["deadline", "due date", "when are", "when is", "due by", "october"], in: questions) { topics.append(.deadline) }
        if any(["how many", "limit", "maximum", "more than five", "more than 5"], in: questions) { topics.append(.cap) }
        if any(["bank", "work ahead", "next year"], in: questions) { topics.append(.banking) }
        if any(["pd hour", "professional development hour", "pd log", "log of hours", "hours log"], in: questions) { topics.append(.pdHours) }
        if any(["approval form", "approved list", "approve", "google form"], in: questions) { topics.append(.approval) }
        if any(["graduate", "coursework", "course work"], in: questions) { topics.append(.coursework) }
        if any(["disappeared", "vanished", "no longer available", "no longer on the", "was removed from", "got removed", "removed from the website",
                "removed from the site", "isn't on the site anymore", "is gone from"], in: lower) {
            topics.append(.vanishedMC)
        }
        return topics
    }

    private static let questionStarts = [
        "how", "what", "when", "where", "why", "who", "which", "can", "could", "do", "does", "did", "is", "are", "will", "would", "may",
        "should", "am", "if",
    ]

    /// Sentences ending in "?" or opening with a question word.
    static func askingSentences(_ text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        for ch in text {
            current.append(ch)
            if ch == "?" || ch == "." || ch == "!" || ch == "\n" {
                sentences.append(current)
                current = ""
            }
        }
        sentences.append(current)
        return sentences.filter { sentence in
            let trimmed = sentence.trimmingCharacters(in: .whitespacesAndNewlines)
            let first = trimmed.split(separator: " ").first.map(String.init) ?? ""
            return trimmed.hasSuffix("?") || questionStarts.contains(first)
        }
    }
}
