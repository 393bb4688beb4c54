/// Professional-development hours a teacher reported, and where.
public struct PDHoursStatement: Sendable, Equatable {
    public var hours: Double
    /// The MC the hours are for, when the log names one.
    public var mcHint: String?
    /// `PDHoursStatement.messageText`, or the log's file name ("hours.csv").
    public var source: String

    /// The source of hours stated in the message itself, as the teacher reads it in a reply.
    public static let messageText = "your message"

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
