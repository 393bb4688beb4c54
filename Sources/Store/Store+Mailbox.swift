import Foundation
import GRDB

extension Store {
    /// Remembers a poll: its time, the mailbox's UIDVALIDITY, and the error that ended it, if any.
    public func notePoll(mailbox: String, uidValidity: UInt32?, at: Date, error: String?) throws {
        try write { db in
            try db.execute(sql: """
                INSERT INTO mailboxState (mailbox, uidValidity, lastPollAt, lastError, lastErrorAt) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(mailbox) DO UPDATE SET
                  uidValidity = coalesce(excluded.uidValidity, uidValidity), lastPollAt = excluded.lastPollAt,
                  lastError = excluded.lastError, lastErrorAt = coalesce(excluded.lastErrorAt, lastErrorAt)
                """, arguments: [mailbox, uidValidity.map { Int64($0) }, at, error, error == nil ? nil : at])
        }
    }

    /// The UIDVALIDITY last seen for `mailbox`.
    public func knownUIDValidity(mailbox: String) throws -> UInt32? {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT uidValidity FROM mailboxState WHERE mailbox = ?", arguments: [mailbox]).map { UInt32($0) }
        }
    }

    public func scheduledRunDone(job: String, period: String) throws -> Bool {
        try read { try Bool.fetchOne($0, sql: "SELECT 1 FROM scheduledRun WHERE job = ? AND period = ?", arguments: [job, period]) ?? false }
    }

    /// Claims the once-per-period `job` and queues its messages in one transaction: all or nothing, once.
    /// Returns false (and writes nothing) when the period was already done.
    public func runScheduledJob(job: String, period: String, at now: Date, items: () throws -> [OutboxItem]) throws -> Bool {
        try write { db in
            try db.execute(sql: "INSERT INTO scheduledRun (job, period, ranAt) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", arguments: [job, period, now])
            guard db.changesCount > 0 else { return false }
            let queued = try items()
            for var item in queued { try item.insert(db) }
            try Self.audit(db, at: now, actor: "scheduler", action: "\(job).queued", subject: period, detail: "\(queued.count) messages")
            return true
        }
    }

    /// Whether the once-per-period job `job` already ran for `period`; marks it run when not.
    public func claimScheduledRun(job: String, period: String, at: Date) throws -> Bool {
        try write { db in
            try db.execute(sql: "INSERT INTO scheduledRun (job, period, ranAt) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", arguments: [job, period, at])
            return db.changesCount > 0
        }
    }
}
