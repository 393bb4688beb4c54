import Foundation
import GRDB

/// One piece of evidence from a message and what the rules decided about it.
public struct SubmissionRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var messageRowID: Int64
    public var teacherID: Int64?
    public var evidenceKind: String
    public var badgeKey: String
    public var badgeURL: String?
    public var filename: String?
    public var mcID: String?
    public var mcTitle: String?
    public var provider: String?
    public var outcome: String
    public var reason: String
    /// counted | banked | none: only counted and banked badges take a place in the teacher's ledger.
    public var status: String
    public var contractYear: Int?
    public var countInYear: Int?
    public var pdState: String
    public var pdLogged: Double?
    public var pdCredited: Double?
    public var pdSource: String?
    /// When its PD hours were credited (with the badge, or by a log sent later).
    public var pdCreditedAt: Date?
    public var receivedAt: Date
    public var updatedAt: Date

    public static let databaseTableName = "submission"

    public init(
        id: Int64? = nil, messageRowID: Int64, teacherID: Int64?, evidenceKind: String, badgeKey: String, badgeURL: String?, filename: String?,
        mcID: String?, mcTitle: String?, provider: String?, outcome: String, reason: String, status: String, contractYear: Int?,
        countInYear: Int?, pdState: String, pdLogged: Double?, pdCredited: Double?, pdSource: String?, pdCreditedAt: Date? = nil, receivedAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.messageRowID = messageRowID
        self.teacherID = teacherID
        self.evidenceKind = evidenceKind
        self.badgeKey = badgeKey
        self.badgeURL = badgeURL
        self.filename = filename
        self.mcID = mcID
        self.mcTitle = mcTitle
        self.provider = provider
        self.outcome = outcome
        self.reason = reason
        self.status = status
        self.contractYear = contractYear
        self.countInYear = countInYear
        self.pdState = pdState
        self.pdLogged = pdLogged
        self.pdCredited = pdCredited
        self.pdSource = pdSource
        self.pdCreditedAt = pdCreditedAt
        self.receivedAt = receivedAt
        self.updatedAt = updatedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
