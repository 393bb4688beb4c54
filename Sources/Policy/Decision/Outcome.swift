/// The kinds of result mcbot reports; written into `X-Mcbot-Outcome` for HR's mail rules and tests.
public enum Outcome: String, Sendable, Codable, CaseIterable, Comparable {
    case counted
    case banked
    case notApproved = "not-approved"
    case duplicate
    case needsMore = "needs-more"
    case needsReview = "needs-review"
    case answer
    case reminder
    case rollover
    case report

    public static func < (a: Outcome, b: Outcome) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Who looks at a case the rules cannot settle.
public enum Reviewer: String, Sendable, Codable, Equatable {
    case hr
    case professionalGrowthTeam = "professional-growth-team"
}
