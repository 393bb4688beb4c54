import Foundation
import GRDB

/// A message in the ledger: where it was, what it was, what became of it.
public struct LedgerEntry: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public enum Outcome: String, Codable, Sendable {
        /// Read and decided (replied to or not).
        case processed
        /// Machine mail or mcbot's own: recorded, not answered.
        case ignored
        /// Could not be read or processed: raw bytes kept, moved to the Quarantine folder.
        case quarantined
        /// The copy of a message mcbot sent, filed in the Sent folder.
        case sentCopy
    }

    public var id: Int64?
    public var mailbox: String
    public var uidValidity: Int64
    public var uid: Int64
    public var messageIDHeader: String
    public var sha256: String
    public var size: Int
    public var receivedAt: Date
    public var fromAddress: String?
    public var subject: String?
    public var kind: String?
    public var outcome: Outcome
    public var outcomes: String
    public var reason: String?
    public var teacherID: Int64?
    public var threadKeys: String
    public var movedTo: String?

    public static let databaseTableName = "message"

    public init(
        mailbox: String, uidValidity: UInt32, uid: UInt32, messageIDHeader: String?, sha256: String, size: Int, receivedAt: Date,
        fromAddress: String?, subject: String?, kind: String?, outcome: Outcome, outcomes: [String] = [], reason: String?,
        teacherID: Int64?, threadKeys: [String] = []
    ) {
        self.mailbox = mailbox
        self.uidValidity = Int64(uidValidity)
        self.uid = Int64(uid)
        self.messageIDHeader = messageIDHeader ?? ""
        self.sha256 = sha256
        self.size = size
        self.receivedAt = receivedAt
        self.fromAddress = fromAddress
        self.subject = subject
        self.kind = kind
        self.outcome = outcome
        self.outcomes = outcomes.joined(separator: ",")
        self.reason = reason
        self.teacherID = teacherID
        self.threadKeys = threadKeys.joined(separator: " ")
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The folder a ledger entry belongs in.
    public func destination(processed: String, quarantine: String, sent: String) -> String {
        switch outcome {
        case .quarantined: quarantine
        case .sentCopy: sent
        case .processed, .ignored: processed
        }
    }
}
