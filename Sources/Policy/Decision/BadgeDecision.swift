import Foundation

/// The result for one piece of evidence, with everything a reply needs to explain it.
public struct BadgeDecision: Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// Counted within the cap.
        case counted
        /// The year's cap was already reached: banked for the next year.
        case overCap(countedAlready: Int)
        /// Received after the window closed (or before it opened): banked for the year whose window is next.
        case outsideWindow(receivedOn: CalendarDay)
        /// A banked badge resubmitted once its year came: its ledger record `recordID` is applied now.
        case bankedApplied(bankedOn: Date, recordID: Int64)
        case notOnList
        case removedFromList(on: CalendarDay)
        /// Counted because the teacher declared it on the approval form while it was on the list.
        case approvedByIntent(declaredOn: CalendarDay, removedOn: CalendarDay?)
        case alreadyRecorded(on: Date, status: RecordedBadge.Status)
        case claimedByAnotherTeacher
        case catalogPage
        case certificateOnly
        case badgeImageUnverified
        /// A badge from a known provider that no approved MC's patterns name.
        case unidentifiedBadge
        /// A badge whose award names someone else as its recipient.
        case awardedToSomeoneElse
        /// A badge its issuer revoked (the award says so, or its platform answers 410 Gone).
        case badgeRevoked
        /// A badge whose award expired before it was sent.
        case badgeExpired(on: CalendarDay)
        /// The badge platform says the badge is private: the teacher must make it public.
        case badgePrivate
        /// The badge platform says there is no badge at the link.
        case badgeNotFound
    }

    public var outcome: Outcome
    public var reason: Reason
    public var evidence: Evidence
    public var mcID: String?
    public var mcTitle: String?
    public var providerID: String?
    /// The year it counts in, or is banked for.
    public var year: ContractYear?
    /// For counted badges: this one's number in its year ("3" of 5).
    public var countInYear: Int?
    public var paymentMonth: YearMonth?
    public var pdHours: PDHoursDecision?
    public var reviewer: Reviewer?
    /// Set when the decision approves through the approval form although the MC is off the list now.
    public var approvedByIntent: CalendarDay?

    public init(
        outcome: Outcome, reason: Reason, evidence: Evidence, mcID: String? = nil, mcTitle: String? = nil, providerID: String? = nil,
        year: ContractYear? = nil, countInYear: Int? = nil, paymentMonth: YearMonth? = nil, pdHours: PDHoursDecision? = nil,
        reviewer: Reviewer? = nil, approvedByIntent: CalendarDay? = nil
    ) {
        self.outcome = outcome
        self.reason = reason
        self.evidence = evidence
        self.mcID = mcID
        self.mcTitle = mcTitle
        self.providerID = providerID
        self.year = year
        self.countInYear = countInYear
        self.paymentMonth = paymentMonth
        self.pdHours = pdHours
        self.reviewer = reviewer
        self.approvedByIntent = approvedByIntent
    }
}

/// PD hours for one MC.
public struct PDHoursDecision: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        /// Credited from a log.
        case credited(logged: Double, credited: Double, source: String)
        /// No log yet: the teacher is asked for it.
        case pending
        /// Several MCs and one number: the teacher is asked to give hours per MC.
        case ambiguous
    }
    public var state: State

    public init(_ state: State) { self.state = state }

    public var credited: Double? {
        if case .credited(_, let credited, _) = state { return credited }
        return nil
    }
    /// The hours the log showed, before the cap.
    public var logged: Double? {
        if case .credited(let logged, _, _) = state { return logged }
        return nil
    }
    /// Where the hours were read ("your message", "hours.csv").
    public var source: String? {
        if case .credited(_, _, let source) = state { return source }
        return nil
    }
    public var wasCapped: Bool {
        if case .credited(let logged, let credited, _) = state { return logged > credited }
        return false
    }
    public var isPending: Bool {
        if case .credited = state { return false }
        return true
    }
}

/// A late PD log applied to a badge recorded earlier in the same thread.
public struct PDHoursUpdate: Sendable, Equatable {
    public var badge: RecordedBadge
    public var decision: PDHoursDecision
}
