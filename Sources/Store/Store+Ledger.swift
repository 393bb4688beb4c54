import Foundation
import GRDB
import Policy

/// What processing one message decided, ready to be written in one transaction.
public struct IncomingDraft: Sendable {
    public var entry: LedgerEntry
    public var rawBytes: [UInt8]
    /// `messageRowID` is filled in when written.
    public var submissions: [SubmissionRecord]
    /// Reviews; `submissionIndex` points into `submissions`.
    public var reviews: [(review: ReviewItem, submissionIndex: Int?)]
    /// PD hours that arrived for badges recorded earlier.
    public var pdUpdates: [PDHoursChange]
    /// Earlier badges whose standing changes (a banked badge now counted).
    public var statusChanges: [StatusChange]
    public var auditAction: String
    public var auditDetail: String?
    /// Set when a quarantined message is processed again: its ledger row takes the new reading
    /// instead of a second row being written (and only while it is still quarantined: once).
    public var replacesQuarantined: Int64?

    public init(
        entry: LedgerEntry, rawBytes: [UInt8], submissions: [SubmissionRecord] = [], reviews: [(review: ReviewItem, submissionIndex: Int?)] = [],
        pdUpdates: [PDHoursChange] = [], statusChanges: [StatusChange] = [], auditAction: String, auditDetail: String? = nil
    ) {
        self.statusChanges = statusChanges
        self.entry = entry
        self.rawBytes = rawBytes
        self.submissions = submissions
        self.reviews = reviews
        self.pdUpdates = pdUpdates
        self.auditAction = auditAction
        self.auditDetail = auditDetail
    }
}

/// New PD hours for a recorded submission.
public struct PDHoursChange: Sendable, Equatable {
    public var submissionID: Int64
    public var state: String
    public var logged: Double?
    public var credited: Double?
    public var source: String?
    public init(submissionID: Int64, state: String, logged: Double?, credited: Double?, source: String?) {
        self.submissionID = submissionID
        self.state = state
        self.logged = logged
        self.credited = credited
        self.source = source
    }
}

/// A recorded badge moving to counted (or banked) in a contract year.
public struct StatusChange: Sendable, Equatable {
    public var submissionID: Int64
    public var status: String
    public var contractYear: Int
    public var countInYear: Int?
    public init(submissionID: Int64, status: String, contractYear: Int, countInYear: Int?) {
        self.submissionID = submissionID
        self.status = status
        self.contractYear = contractYear
        self.countInYear = countInYear
    }
}

/// The rows a draft became, for composing the replies that refer to them.
public struct RecordedIDs: Sendable {
    public var entry: LedgerEntry
    public var submissions: [SubmissionRecord]
}

/// A reprocessing asked for a ledger row that does not exist.
public struct NotQuarantined: Error, CustomStringConvertible {
    public let id: Int64
    public var description: String { "message \(id) is not in the ledger" }
}

public enum RecordResult: Sendable {
    case recorded(LedgerEntry)
    /// Another run recorded this message first; nothing was written.
    case alreadyRecorded(LedgerEntry)
}

extension Store {
    /// The ledger entry for a message by its IMAP position.
    public func entry(mailbox: String, uidValidity: UInt32, uid: UInt32) throws -> LedgerEntry? {
        try read { db in
            try LedgerEntry.filter(Column("mailbox") == mailbox && Column("uidValidity") == Int64(uidValidity) && Column("uid") == Int64(uid)).fetchOne(db)
        }
    }

    /// The ledger entry for a message by its content (after a UIDVALIDITY change, or a copy in another folder).
    public func entry(messageIDHeader: String?, sha256: String) throws -> LedgerEntry? {
        try read { db in
            try LedgerEntry.filter(Column("messageIDHeader") == (messageIDHeader ?? "") && Column("sha256") == sha256).fetchOne(db)
        }
    }

    /// The ledger entry for exactly these bytes, wherever they were seen.
    public func entry(sha256: String) throws -> LedgerEntry? {
        try read { try LedgerEntry.filter(Column("sha256") == sha256).order(Column("id")).fetchOne($0) }
    }

    /// Writes the ledger row, the raw bytes, submissions, reviews, PD updates, audit and the outbox
    /// rows that `compose` makes from them, all in one transaction. A message already in the ledger
    /// (by position or by content) writes nothing.
    @discardableResult
    public func record(_ draft: IncomingDraft, at now: Date, compose: (RecordedIDs) throws -> [OutboxItem]) throws -> RecordResult {
        try write { db in
            let e = draft.entry
            var entry: LedgerEntry
            if let id = draft.replacesQuarantined {
                guard var existing = try LedgerEntry.fetchOne(db, key: id) else { throw NotQuarantined(id: id) }
                guard existing.outcome == .quarantined else { return .alreadyRecorded(existing) }
                // The row keeps its identity (position, Message-ID, bytes, arrival) and takes the new reading.
                existing.fromAddress = e.fromAddress
                existing.subject = e.subject
                existing.kind = e.kind
                existing.outcome = e.outcome
                existing.outcomes = e.outcomes
                existing.reason = e.reason.map { "reprocessed: \($0)" } ?? "reprocessed"
                existing.teacherID = e.teacherID
                existing.threadKeys = e.threadKeys
                try existing.update(db)
                entry = existing
            } else {
                if let existing = try LedgerEntry.filter(Column("mailbox") == e.mailbox && Column("uidValidity") == e.uidValidity && Column("uid") == e.uid).fetchOne(db)
                    ?? LedgerEntry.filter(Column("messageIDHeader") == e.messageIDHeader && Column("sha256") == e.sha256).fetchOne(db) {
                    return .alreadyRecorded(existing)
                }
                try db.execute(
                    sql: "INSERT INTO rawMessage (sha256, bytes, size) VALUES (?, ?, ?) ON CONFLICT(sha256) DO NOTHING",
                    arguments: [e.sha256, Data(draft.rawBytes), draft.rawBytes.count])
                entry = e
                try entry.insert(db)
            }
            // Status changes first: a banked row becoming counted frees nothing, but keeps the one-row-per-badge rule.
            for change in draft.statusChanges {
                try Self.apply(change, db, at: now)
            }
            var submissions: [SubmissionRecord] = []
            for var submission in draft.submissions {
                submission.messageRowID = entry.id!
                if submission.pdState == "credited" { submission.pdCreditedAt = now }
                try submission.insert(db)
                submissions.append(submission)
            }
            for change in draft.pdUpdates {
                try db.execute(
                    sql: "UPDATE submission SET pdState = ?, pdLogged = ?, pdCredited = ?, pdSource = ?, pdCreditedAt = ?, updatedAt = ? WHERE id = ?",
                    arguments: [change.state, change.logged, change.credited, change.source, change.state == "credited" ? now : nil, now, change.submissionID])
            }
            for (review, index) in draft.reviews {
                var review = review
                review.messageRowID = entry.id
                review.submissionID = index.map { submissions[$0].id! }
                try review.insert(db)
            }
            for var item in try compose(RecordedIDs(entry: entry, submissions: submissions)) {
                try item.insert(db)
            }
            try Self.audit(db, at: now, actor: "worker", action: draft.auditAction, subject: "message \(entry.id!)", detail: draft.auditDetail)
            return .recorded(entry)
        }
    }

    static func apply(_ change: StatusChange, _ db: Database, at now: Date) throws {
        try db.execute(
            // `outcome` stays what was decided (and told) then; `status` is where the badge stands now.
            sql: "UPDATE submission SET status = ?, contractYear = ?, countInYear = ?, updatedAt = ? WHERE id = ?",
            arguments: [change.status, change.contractYear, change.countInYear, now, change.submissionID])
    }

    /// Applies a roll-over: banked badges become counted (or stay banked for a later year), with the notice, in one transaction.
    public func applyRollover(_ changes: [StatusChange], teacherID: Int64, notice: OutboxItem?, at now: Date, detail: String) throws {
        try write { db in
            for change in changes { try Self.apply(change, db, at: now) }
            if var notice { try notice.insert(db) }
            try Self.audit(db, at: now, actor: "scheduler", action: "rollover.applied", subject: "teacher \(teacherID)", detail: detail)
        }
    }

    /// Notes the folder a message was moved to.
    public func markMoved(_ id: Int64, to folder: String) throws {
        try write { try $0.execute(sql: "UPDATE message SET movedTo = ? WHERE id = ?", arguments: [folder, id]) }
    }

    /// The stored raw bytes of a message.
    public func rawBytes(sha256: String) throws -> [UInt8]? {
        try read { db in try Data.fetchOne(db, sql: "SELECT bytes FROM rawMessage WHERE sha256 = ?", arguments: [sha256]).map { Array($0) } }
    }

    /// Counted and banked badges of a teacher, oldest first.
    public func recordedBadges(teacherID: Int64) throws -> [RecordedBadge] {
        try read { db in try Self.recordedBadges(db, teacherID: teacherID) }
    }

    static func recordedBadges(_ db: Database, teacherID: Int64) throws -> [RecordedBadge] {
        try SubmissionRecord.filter(Column("teacherID") == teacherID && Column("status") != "none").order(Column("receivedAt"), Column("id")).fetchAll(db)
            .compactMap(Self.recordedBadge)
    }

    static func recordedBadge(_ s: SubmissionRecord) -> RecordedBadge? {
        guard let id = s.id, let mcID = s.mcID, let year = s.contractYear else { return nil }
        let status: RecordedBadge.Status = s.status == "counted" ? .counted(ContractYear(startYear: year)) : .banked(for: ContractYear(startYear: year))
        return RecordedBadge(id: id, badgeKey: s.badgeKey, mcID: mcID, mcTitle: s.mcTitle ?? mcID, status: status, receivedAt: s.receivedAt,
                             pdHoursPending: s.pdState == "pending" || s.pdState == "ambiguous")
    }

    /// Which of `keys` another teacher has already submitted (counted, banked, or held for review).
    public func badgeKeysClaimed(_ keys: [String], byOtherThan teacherID: Int64) throws -> Set<String> {
        guard !keys.isEmpty else { return [] }
        return try read { db in
            let rows = try String.fetchAll(db, SubmissionRecord
                .select(Column("badgeKey"))
                .filter(keys.contains(Column("badgeKey")) && Column("teacherID") != teacherID && Column("outcome") != "not-approved"))
            return Set(rows)
        }
    }

    /// Badges of a teacher still waiting for PD hours whose message, or mcbot's reply to it, is one of `threadKeys`.
    /// Whether any of `threadKeys` is the Message-ID of a message mcbot sent.
    public func sentByBot(anyOf threadKeys: [String]) throws -> Bool {
        guard !threadKeys.isEmpty else { return false }
        return try read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM outbox WHERE messageIDHeader IN (\(databaseQuestionMarks(count: threadKeys.count))) LIMIT 1",
                              arguments: StatementArguments(threadKeys)) ?? false
        }
    }

    public func pendingPDBadges(teacherID: Int64, threadKeys: [String]) throws -> [RecordedBadge] {
        guard !threadKeys.isEmpty else { return [] }
        return try read { db in
            let messageRows = try Int64.fetchAll(db, sql: """
                SELECT id FROM message WHERE messageIDHeader IN (\(databaseQuestionMarks(count: threadKeys.count)))
                UNION SELECT messageRowID FROM outbox WHERE messageRowID IS NOT NULL AND messageIDHeader IN (\(databaseQuestionMarks(count: threadKeys.count)))
                """, arguments: StatementArguments(threadKeys + threadKeys))
            guard !messageRows.isEmpty else { return [] }
            return try SubmissionRecord
                .filter(messageRows.contains(Column("messageRowID")) && Column("teacherID") == teacherID && Column("status") != "none"
                        && ["pending", "ambiguous"].contains(Column("pdState")))
                .fetchAll(db).compactMap(Self.recordedBadge)
        }
    }
}

extension Store {
    /// Messages that could not be read or processed, newest first.
    public func quarantined() throws -> [LedgerEntry] {
        try read { db in
            try LedgerEntry.filter(Column("outcome") == LedgerEntry.Outcome.quarantined.rawValue).order(Column("receivedAt").desc, Column("id").desc).fetchAll(db)
        }
    }

    public func entry(id: Int64) throws -> LedgerEntry? {
        try read { try LedgerEntry.fetchOne($0, key: id) }
    }
}
