import Foundation
import GRDB

extension Store {
    /// Pending outbox rows whose next attempt is due, oldest first.
    public func dueOutbox(now: Date, limit: Int = 50) throws -> [OutboxItem] {
        try read { db in
            try OutboxItem.filter(Column("status") == "pending" && Column("nextAttemptAt") <= now).order(Column("id")).limit(limit).fetchAll(db)
        }
    }

    /// Adds outbox rows outside a message transaction (reminders, roll-over notices, reports).
    public func enqueue(_ items: [OutboxItem]) throws {
        try write { db in for var item in items { try item.insert(db) } }
    }

    /// Notes that a send is starting, so a crash during it can be recognised afterwards.
    public func markAttemptStarted(_ id: Int64, at: Date) throws {
        try write { try $0.execute(sql: "UPDATE outbox SET attemptStartedAt = ? WHERE id = ?", arguments: [at, id]) }
    }

    /// - Parameter reconciled: true when an interrupted send was found delivered (its copy in the mailbox).
    public func markSent(_ id: Int64, at: Date, reconciled: Bool = false) throws {
        try write { db in
            try db.execute(sql: """
                UPDATE outbox SET status = 'sent', sentAt = ?, attempts = attempts + \(reconciled ? 0 : 1), lastError = NULL, attemptStartedAt = NULL
                WHERE id = ?
                """, arguments: [at, id])
            if reconciled {
                try Self.audit(db, at: at, actor: "worker", action: "outbox.reconciled", subject: "outbox \(id)", detail: "an interrupted send had gone out; not sent again")
            }
        }
    }

    /// Records a failed attempt: retried at `retryAt`, or given up (`retryAt` nil) and left for HR.
    public func markAttemptFailed(_ id: Int64, error: String, retryAt: Date?, at now: Date) throws {
        try write { db in
            if let retryAt {
                try db.execute(sql: "UPDATE outbox SET attempts = attempts + 1, lastError = ?, nextAttemptAt = ?, attemptStartedAt = NULL WHERE id = ?", arguments: [error, retryAt, id])
            } else {
                try db.execute(sql: "UPDATE outbox SET attempts = attempts + 1, lastError = ?, status = 'failed', attemptStartedAt = NULL WHERE id = ?", arguments: [error, id])
                try Self.audit(db, at: now, actor: "worker", action: "outbox.failed", subject: "outbox \(id)", detail: error)
            }
        }
    }

    /// Replies queued to `address` since `since`: the per-sender cap that stops mail loops.
    public func replyCount(to address: String, since: Date) throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM outbox WHERE kind = 'reply' AND createdAt >= ? AND (lower(recipients) = ? OR lower(recipients) LIKE ? || ',%')
                """, arguments: [since, address.lowercased(), address.lowercased()]) ?? 0
        }
    }

    public func outboxItem(id: Int64) throws -> OutboxItem? {
        try read { try OutboxItem.fetchOne($0, key: id) }
    }
}
