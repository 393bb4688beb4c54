import Foundation
import GRDB

/// A case for HR or the Professional Growth Team.
public struct ReviewItem: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var createdAt: Date
    public var reviewer: String
    public var reason: String
    public var messageRowID: Int64?
    public var submissionID: Int64?
    public var teacherID: Int64?
    public var status: String
    public var resolvedAt: Date?
    public var note: String?

    public static let databaseTableName = "review"

    public init(createdAt: Date, reviewer: String, reason: String, messageRowID: Int64?, submissionID: Int64?, teacherID: Int64?) {
        self.createdAt = createdAt
        self.reviewer = reviewer
        self.reason = reason
        self.messageRowID = messageRowID
        self.submissionID = submissionID
        self.teacherID = teacherID
        self.status = "open"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
