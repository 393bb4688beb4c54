/// Professional-development hours a teacher reported, and where.
public struct PDHoursStatement: Sendable, Equatable {
    public var hours: Double
    /// The MC the hours are for, when the log names one.
    public var mcHint: String?
    /// "the message text" or "hours.csv line 3".
    public var source: String

    public init(hours: Double, mcHint: String? = nil, source: String) {
        self.hours = hours
        self.mcHint = mcHint
        self.source = source
    }
}

/// A line of a PD log that could not be read, reported back to the teacher.
public struct PDLogProblem: Sendable, Equatable {
    public var source: String
    public var problem: String
    public init(source: String, problem: String) {
        self.source = source
        self.problem = problem
    }
}
