import Foundation
import GRDB
import Policy

/// What `mcbot status` reports.
public struct StatusReport: Codable, Sendable, Equatable {
    public var messagesByOutcome: [String: Int]
    public var decisionsByOutcome: [String: Int]
    public var outboxPending: Int
    public var outboxFailed: Int
    public var oldestPendingSince: Date?
    public var openReviews: Int
    public var teachers: Int
    public var approvedMCs: Int
    public var lastPollAt: Date?
    public var lastError: String?
    public var lastErrorAt: Date?
}

extension Store {
    /// - Parameter today: the district's day, for "approved today".
    public func status(today: CalendarDay) throws -> StatusReport {
        try read { db in
            var byOutcome: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT outcome, count(*) AS n FROM message GROUP BY outcome") {
                byOutcome[row["outcome"]] = row["n"]
            }
            var decisions: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT outcome, count(*) AS n FROM submission GROUP BY outcome") {
                decisions[row["outcome"]] = row["n"]
            }
            let pending = try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE status = 'pending'") ?? 0
            let failed = try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE status = 'failed'") ?? 0
            let oldest = try Date.fetchOne(db, sql: "SELECT min(createdAt) FROM outbox WHERE status = 'pending'")
            let reviews = try Int.fetchOne(db, sql: "SELECT count(*) FROM review WHERE status = 'open'") ?? 0
            let teachers = try Int.fetchOne(db, sql: "SELECT count(*) FROM teacher WHERE active") ?? 0
            let today = today.description
            let approved = try Int.fetchOne(db, sql: """
                SELECT count(DISTINCT mcID) FROM approvedPeriod
                WHERE supersededAt IS NULL AND addedOn <= ? AND (removedOn IS NULL OR removedOn > ?)
                """, arguments: [today, today]) ?? 0
            let poll = try Row.fetchOne(db, sql: "SELECT max(lastPollAt) AS at, max(lastErrorAt) AS errorAt FROM mailboxState")
            let lastError = try Row.fetchOne(db, sql: "SELECT lastError, lastErrorAt FROM mailboxState WHERE lastError IS NOT NULL ORDER BY lastErrorAt DESC LIMIT 1")
            return StatusReport(
                messagesByOutcome: byOutcome, decisionsByOutcome: decisions, outboxPending: pending, outboxFailed: failed,
                oldestPendingSince: oldest, openReviews: reviews, teachers: teachers, approvedMCs: approved,
                lastPollAt: poll?["at"], lastError: lastError?["lastError"], lastErrorAt: lastError?["lastErrorAt"])
        }
    }

}
