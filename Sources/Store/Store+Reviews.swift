import Foundation
import GRDB

/// A review with what HR needs to find it: the teacher and the message it is about.
public struct ReviewListing: Codable, Sendable, Equatable, FetchableRecord {
    public var id: Int64
    public var createdAt: Date
    public var reviewer: String
    public var reason: String
    public var status: String
    public var resolvedAt: Date?
    public var note: String?
    public var messageRowID: Int64?
    public var teacherName: String?
    public var teacherEmail: String?
    public var fromAddress: String?
    public var subject: String?
}

extension Store {
    public enum ReviewProblem: Error, Equatable, CustomStringConvertible {
        case noSuchReview(Int64)
        case alreadyResolved(Int64, on: Date)

        public var description: String {
            switch self {
            case .noSuchReview(let id): "there is no review \(id); `mcbot reviews list --all` shows them"
            case .alreadyResolved(let id, let on): "review \(id) was already resolved on \(on)"
            }
        }
    }

    /// Open reviews, oldest first; with `includeResolved`, all of them.
    public func reviews(includeResolved: Bool = false) throws -> [ReviewListing] {
        try read { db in
            try ReviewListing.fetchAll(db, sql: """
                SELECT r.id, r.createdAt, r.reviewer, r.reason, r.status, r.resolvedAt, r.note, r.messageRowID,
                       t.name AS teacherName, t.email AS teacherEmail, m.fromAddress, m.subject
                FROM review r LEFT JOIN teacher t ON t.id = r.teacherID LEFT JOIN message m ON m.id = r.messageRowID
                WHERE ? OR r.status = 'open'
                ORDER BY r.createdAt, r.id
                """, arguments: [includeResolved])
        }
    }

    /// Closes a review with HR's note; the audit log keeps who did it.
    public func resolveReview(_ id: Int64, note: String?, by actor: String, at now: Date) throws {
        try write { db in
            guard let review = try ReviewItem.fetchOne(db, key: id) else { throw ReviewProblem.noSuchReview(id) }
            if review.status == "resolved", let at = review.resolvedAt { throw ReviewProblem.alreadyResolved(id, on: at) }
            try db.execute(sql: "UPDATE review SET status = 'resolved', resolvedAt = ?, note = ? WHERE id = ?", arguments: [now, note, id])
            try Self.audit(db, at: now, actor: actor, action: "review.resolved", subject: "review \(id)", detail: note)
        }
    }
}
