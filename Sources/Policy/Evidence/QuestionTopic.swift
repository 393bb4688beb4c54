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

    /// Topics mentioned in `text`, in a stable order.
    public static func detect(in text: String) -> [QuestionTopic] {
        let t = text.lowercased()
        func any(_ words: [String]) -> Bool { words.contains { t.contains($0) } }
        var topics: [QuestionTopic] = []
        if any(["discretionary"]) { topics.append(.discretionaryFunds) }
        if any(["refund", "reimburs", "fee", "cost", "pay for", "paid for", "charge"]) && !topics.contains(.discretionaryFunds) { topics.append(.fees) }
        if any(["deadline", "due date", "when are", "when is", "due by", "october"]) { topics.append(.deadline) }
        if any(["how many", "limit", "maximum", "more than five", "more than 5"]) { topics.append(.cap) }
        if any(["bank", "work ahead", "next year"]) { topics.append(.banking) }
        if any(["pd hour", "professional development hour", "pd log", "log of hours", "hours log"]) { topics.append(.pdHours) }
        if any(["approval form", "approved list", "approve", "google form"]) { topics.append(.approval) }
        if any(["graduate", "coursework", "course work"]) { topics.append(.coursework) }
        if any(["disappeared", "vanished", "no longer available", "no longer on the", "was removed from", "got removed", "removed from the website", "removed from the site", "isn't on the site anymore", "is gone from"]) {
            topics.append(.vanishedMC)
        }
        return topics
    }
}
