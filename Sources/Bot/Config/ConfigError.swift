/// A configuration problem found at start-up: which key, what is wrong, and how to fix it.
public struct ConfigProblem: Sendable, Equatable, CustomStringConvertible {
    public var key: String
    public var problem: String
    public var fix: String

    public init(key: String, problem: String, fix: String) {
        self.key = key
        self.problem = problem
        self.fix = fix
    }

    public var description: String { "\(key): \(problem). \(fix)" }
}

/// All configuration problems at once, so one start-up attempt shows everything to fix.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var problems: [ConfigProblem]

    public var description: String {
        "configuration in \(file) is not usable:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
