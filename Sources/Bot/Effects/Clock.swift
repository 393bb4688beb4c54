import Foundation

/// The time, as everything in mcbot reads it. `MCBOT_NOW` (ISO 8601 with an offset) sets the clock to
/// that instant at start-up; it then runs forward in real time, so waits and retries still work in
/// dry runs and tests.
public struct Clock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ read: @escaping @Sendable () -> Date) { self.read = read }

    public var now: Date { read() }

    public static let live = Clock { Date() }

    /// A clock that starts at `start` and advances with real time.
    public static func starting(at start: Date) -> Clock {
        let origin = ProcessInfo.processInfo.systemUptime
        return Clock { start.addingTimeInterval(ProcessInfo.processInfo.systemUptime - origin) }
    }

    public struct BadNow: Error, CustomStringConvertible {
        public let value: String
        public var description: String {
            "MCBOT_NOW / --now \"\(value)\" is not an ISO 8601 time with an offset; write it like 2025-09-30T23:59:00-05:00"
        }
    }

    /// The live clock, or one started at `override` (from `--now` or `MCBOT_NOW`).
    public static func from(override: String?) throws -> Clock {
        guard let override, !override.isEmpty else { return .live }
        guard let date = parseISO8601(override) else { throw BadNow(value: override) }
        return .starting(at: date)
    }

    static func parseISO8601(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
