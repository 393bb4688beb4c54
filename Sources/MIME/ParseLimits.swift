/// Bounds that keep a hostile or broken message from exhausting memory or time. Past any of them the
/// parse fails with `ParseFailure.limitExceeded` and the caller quarantines the message.
public struct ParseLimits: Sendable, Equatable {
    public var maxMessageBytes: Int
    public var maxDepth: Int
    public var maxParts: Int
    public var maxHeaderFields: Int
    public var maxHeaderFieldBytes: Int
    public var maxHeaderBytes: Int

    public init(
        maxMessageBytes: Int = 50 * 1024 * 1024,
        maxDepth: Int = 16,
        maxParts: Int = 500,
        maxHeaderFields: Int = 1000,
        maxHeaderFieldBytes: Int = 64 * 1024,
        maxHeaderBytes: Int = 1024 * 1024
    ) {
        self.maxMessageBytes = maxMessageBytes
        self.maxDepth = maxDepth
        self.maxParts = maxParts
        self.maxHeaderFields = maxHeaderFields
        self.maxHeaderFieldBytes = maxHeaderFieldBytes
        self.maxHeaderBytes = maxHeaderBytes
    }

    public static let standard = ParseLimits()
}

/// Why a message could not be read.
public enum ParseFailure: Error, Sendable, Equatable, CustomStringConvertible {
    case limitExceeded(String)
    case notAMessage(String)

    public var description: String {
        switch self {
        case .limitExceeded(let what): "message exceeds a safety limit: \(what)"
        case .notAMessage(let why): "not an email message: \(why)"
        }
    }
}
