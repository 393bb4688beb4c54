import Foundation

/// Everything the rules need to decide one message, gathered by the caller as plain values.
public struct SubmissionContext: Sendable {
    public var receivedAt: Date
    public var evidence: [Evidence]
    public var pdStatements: [PDHoursStatement]
    public var pdProblems: [PDLogProblem]
    public var questionTopics: [QuestionTopic]
    /// This teacher's badges already in the ledger.
    public var history: [RecordedBadge]
    /// Badge keys another teacher has already submitted.
    public var claimedByOthers: Set<String>
    /// MCs the teacher declared on the approval form, with the day of the declaration.
    public var intents: [String: CalendarDay]
    /// Badges of this conversation still waiting for their PD log.
    public var pendingInThread: [RecordedBadge]
    /// The message answers one mcbot sent (a reply in an existing conversation).
    public var repliesToBot: Bool

    public init(
        receivedAt: Date, evidence: [Evidence], pdStatements: [PDHoursStatement] = [], pdProblems: [PDLogProblem] = [],
        questionTopics: [QuestionTopic] = [], history: [RecordedBadge] = [], claimedByOthers: Set<String> = [],
        intents: [String: CalendarDay] = [:], pendingInThread: [RecordedBadge] = [], repliesToBot: Bool = false
    ) {
        self.receivedAt = receivedAt
        self.evidence = evidence
        self.pdStatements = pdStatements
        self.pdProblems = pdProblems
        self.questionTopics = questionTopics
        self.history = history
        self.claimedByOthers = claimedByOthers
        self.intents = intents
        self.pendingInThread = pendingInThread
        self.repliesToBot = repliesToBot
    }
}
