/// Everything the rules decided about one incoming message: one reply explains all of it.
public struct MessageDecision: Sendable, Equatable {
    public enum Note: Sendable, Equatable {
        /// No badge, link or file that could be one.
        case noBadgeFound
        /// Questions answered from the FAQ.
        case answered([QuestionTopic])
        /// An MC vanished from the provider's site: the Professional Growth Team will contact the teacher.
        case vanishedMC
        /// PD-log lines that could not be read.
        case pdLogProblems([PDLogProblem])
        /// Hours arrived without a badge, and no waiting MC of the conversation could take them.
        case pdHoursUnmatched
        /// A reply to mcbot that carries and asks nothing ("Thank you!"): recorded, not answered,
        /// so a thank-you does not draw a "we found no badge" and a loop of courtesies.
        case acknowledgement
    }

    public var badges: [BadgeDecision]
    public var pdUpdates: [PDHoursUpdate]
    public var notes: [Note]

    public init(badges: [BadgeDecision] = [], pdUpdates: [PDHoursUpdate] = [], notes: [Note] = []) {
        self.badges = badges
        self.pdUpdates = pdUpdates
        self.notes = notes
    }

    /// Outcome kinds for X-Mcbot-Outcome, in a fixed order.
    public var outcomes: [Outcome] {
        var set = Set(badges.map(\.outcome))
        for note in notes {
            switch note {
            case .noBadgeFound: set.insert(.needsMore)
            case .answered: set.insert(.answer)
            case .vanishedMC: set.insert(.needsReview)
            case .pdLogProblems, .pdHoursUnmatched: set.insert(.needsMore)
            case .acknowledgement: break
            }
        }
        if badges.contains(where: { $0.pdHours?.isPending == true && [.counted, .banked].contains($0.outcome) }) { set.insert(.needsMore) }
        if !pdUpdates.isEmpty { set.insert(.counted) }
        return set.sorted()
    }

    /// False only for an acknowledgement: every other message gets its one reply.
    public var needsAnswer: Bool { !(badges.isEmpty && pdUpdates.isEmpty && notes == [.acknowledgement]) }

    /// True when HR (or the Professional Growth Team) must look at something.
    public var reviewers: [Reviewer] {
        var result: [Reviewer] = []
        for badge in badges { if let r = badge.reviewer, !result.contains(r) { result.append(r) } }
        if notes.contains(.vanishedMC), !result.contains(.professionalGrowthTeam) { result.append(.professionalGrowthTeam) }
        return result
    }
}
