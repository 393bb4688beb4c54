import Foundation
import GRDB

/// A message waiting to be sent (or sent). Rows are written in the same transaction as what caused
/// them; the bytes, Message-ID included, are fixed then, so a retry sends the identical message.
public struct OutboxItem: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var messageIDHeader: String
    public var kind: String
    public var outcomes: String
    public var ref: String
    public var messageRowID: Int64?
    public var teacherID: Int64?
    public var envelopeFrom: String
    public var recipients: String
    public var subject: String
    public var bytes: [UInt8]
    public var createdAt: Date
    public var attempts: Int
    /// Set just before a send and cleared after it: still set means a crash interrupted that send.
    public var attemptStartedAt: Date?
    public var nextAttemptAt: Date
    public var sentAt: Date?
    public var lastError: String?
    public var status: String

    public static let databaseTableName = "outbox"

    public init(
        messageIDHeader: String, kind: String, outcomes: [String], ref: String, messageRowID: Int64?, teacherID: Int64?, envelopeFrom: String,
        recipients: [String], subject: String, bytes: [UInt8], createdAt: Date
    ) {
        self.messageIDHeader = messageIDHeader
        self.kind = kind
        self.outcomes = outcomes.joined(separator: ",")
        self.ref = ref
        self.messageRowID = messageRowID
        self.teacherID = teacherID
        self.envelopeFrom = envelopeFrom
        self.recipients = recipients.joined(separator: ",")
        self.subject = subject
        self.bytes = bytes
        self.createdAt = createdAt
        self.attempts = 0
        self.nextAttemptAt = createdAt
        self.status = "pending"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public var recipientList: [String] { recipients.split(separator: ",").map(String.init) }
}
