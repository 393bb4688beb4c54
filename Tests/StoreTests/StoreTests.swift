import Foundation
import GRDB
import Policy
import Testing
@testable import Store

/// The store on a real SQLite file.
struct StoreTests {
    let store: Store
    let now = Date(timeIntervalSince1970: 1_757_948_400)

    init() throws {
        store = try Store(path: FileManager.default.temporaryDirectory.appendingPathComponent("mcbot-store-\(UUID().uuidString).sqlite").path)
    }

    func entry(uid: UInt32, sha: String, messageID: String? = "m@x") -> LedgerEntry {
        LedgerEntry(mailbox: "INBOX", uidValidity: 7, uid: uid, messageIDHeader: messageID, sha256: sha, size: 3, receivedAt: now, fromAddress: "a@b",
                    subject: "s", kind: "person", outcome: .processed, reason: nil, teacherID: nil)
    }

    @Test func aMessageIsRecordedOnceByPositionAndByContent() throws {
        var composed = 0
        let first = try store.record(IncomingDraft(entry: entry(uid: 1, sha: "aa"), rawBytes: [1, 2, 3], auditAction: "t"), at: now) { _ in composed += 1; return [] }
        guard case .recorded(let recorded) = first else { Issue.record("not recorded"); return }
        let samePosition = try store.record(IncomingDraft(entry: entry(uid: 1, sha: "bb"), rawBytes: [9], auditAction: "t"), at: now) { _ in composed += 1; return [] }
        let sameContent = try store.record(IncomingDraft(entry: entry(uid: 2, sha: "aa"), rawBytes: [1, 2, 3], auditAction: "t"), at: now) { _ in composed += 1; return [] }
        if case .alreadyRecorded(let e) = samePosition { #expect(e.id == recorded.id) } else { Issue.record("recorded twice by position") }
        if case .alreadyRecorded(let e) = sameContent { #expect(e.id == recorded.id) } else { Issue.record("recorded twice by content") }
        #expect(composed == 1)
        #expect(try store.rawBytes(sha256: "aa") == [1, 2, 3])
        #expect(try store.entry(mailbox: "INBOX", uidValidity: 7, uid: 1)?.id == recorded.id)
    }

    @Test func aBackupIsAWholeCheckedCopyAndNeverOverwrites() throws {
        try store.record(IncomingDraft(entry: entry(uid: 5, sha: "dd"), rawBytes: [4, 5], auditAction: "t"), at: now) { _ in [] }
        let destination = FileManager.default.temporaryDirectory.appendingPathComponent("mcbot-backup-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: destination) }
        try store.backup(to: destination)
        let copy = try Store(path: destination)
        #expect(try copy.entry(sha256: "dd")?.uid == 5)
        #expect(try copy.rawBytes(sha256: "dd") == [4, 5])
        #expect(throws: Store.BackupFailure.self) { try store.backup(to: destination) }
        #expect(try copy.entry(sha256: "dd") != nil, "the existing backup is untouched")
    }

    @Test func aFailedComposeWritesNothing() throws {
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.record(IncomingDraft(entry: entry(uid: 3, sha: "cc"), rawBytes: [1], auditAction: "t"), at: now) { _ in throw Boom() }
        }
        #expect(try store.entry(sha256: "cc") == nil)
        #expect(try store.rawBytes(sha256: "cc") == nil)
    }

    @Test func aBadgeTakesOnePlacePerTeacher() throws {
        let report = try store.importRoster([RosterEntry(employeeID: "1", name: "Ann", email: "ann@x.test", otherAddresses: ["ann@gmail.test"], building: nil, source: "t")], at: now, actor: "t")
        #expect(report.added == 1)
        let teacher = try #require(try store.teacher(forAddress: "ANN@gmail.test"))
        func submission(_ status: String) -> SubmissionRecord {
            SubmissionRecord(messageRowID: 0, teacherID: teacher.id, evidenceKind: "badgeLink", badgeKey: "k", badgeURL: nil, filename: nil, mcID: "alpha",
                             mcTitle: "Alpha", provider: "dp", outcome: status, reason: "r", status: status, contractYear: 2025, countInYear: 1,
                             pdState: "none", pdLogged: nil, pdCredited: nil, pdSource: nil, receivedAt: now, updatedAt: now)
        }
        try store.record(IncomingDraft(entry: entry(uid: 10, sha: "s1"), rawBytes: [1], submissions: [submission("counted")], auditAction: "t"), at: now) { _ in [] }
        #expect(throws: DatabaseError.self) {
            try store.record(IncomingDraft(entry: entry(uid: 11, sha: "s2"), rawBytes: [2], submissions: [submission("banked")], auditAction: "t"), at: now) { _ in [] }
        }
        try store.record(IncomingDraft(entry: entry(uid: 12, sha: "s3"), rawBytes: [3], submissions: [submission("none")], auditAction: "t"), at: now) { _ in [] }
        #expect(try store.recordedBadges(teacherID: teacher.id!).count == 1)
        #expect(try store.entry(sha256: "s2") == nil, "the failed message left nothing behind")
    }

    @Test func rosterImportUpdatesAndRefusesAddressClashes() throws {
        _ = try store.importRoster([RosterEntry(employeeID: "1", name: "Ann", email: "ann@x.test", otherAddresses: [], building: "A", source: "l2")], at: now, actor: "t")
        let again = try store.importRoster([
            RosterEntry(employeeID: "1", name: "Ann B", email: "ann@x.test", otherAddresses: [], building: "A", source: "l2"),
            RosterEntry(employeeID: "2", name: "Bob", email: "ann@x.test", otherAddresses: [], building: nil, source: "l3"),
        ], at: now, actor: "t")
        #expect(again.updated == 1)
        #expect(again.problems.count == 1)
        #expect(again.problems.first?.hasPrefix("l3:") == true)
        #expect(try store.teacher(forAddress: "ann@x.test")?.name == "Ann B")
    }

    @Test func approvedListKeepsItsHistory() throws {
        let day = CalendarDay("2025-07-01")!
        let alpha = ApprovedPeriod(mcID: "alpha", provider: "dp", title: "Alpha", badgePatterns: [URLPattern("x.test/alpha/*")], addedOn: day)
        let beta = ApprovedPeriod(mcID: "beta", provider: "dp", title: "Beta", badgePatterns: [], addedOn: day)
        let first = try store.importApproved([alpha, beta], today: day, at: now, source: "a.csv", actor: "t")
        #expect(first.added == 2)
        var alphaRemoved = alpha
        alphaRemoved.removedOn = CalendarDay("2025-09-01")
        let second = try store.importApproved([alphaRemoved], today: CalendarDay("2025-10-01")!, at: now, source: "a.csv", actor: "t")
        #expect(second.updated == 1)
        #expect(second.removed == 1, "beta is missing from the file")
        let list = try store.approvedList()
        #expect(list.isApproved("alpha", on: CalendarDay("2025-08-31")!))
        #expect(!list.isApproved("alpha", on: CalendarDay("2025-09-01")!))
        #expect(list.isApproved("beta", on: CalendarDay("2025-09-30")!))
        #expect(!list.isApproved("beta", on: CalendarDay("2025-10-01")!))
        #expect(try store.approvedChanges().count == 4)
        let unchanged = try store.importApproved([alphaRemoved], today: CalendarDay("2025-10-02")!, at: now, source: "a.csv", actor: "t")
        #expect(unchanged.unchanged == 1)
        #expect(unchanged.removed == 0, "a closed period stays history")
        let rows = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM approvedPeriod") }
        #expect(rows == 4, "two periods, each superseded once: rows are added, never rewritten")
    }

    @Test func intentsKeepTheEarliestDeclaration() throws {
        _ = try store.importRoster([RosterEntry(employeeID: "1", name: "Ann", email: "ann@x.test", otherAddresses: [], building: nil, source: "t")], at: now, actor: "t")
        let later = IntentEntry(email: "ann@x.test", mcID: "alpha", declaredAt: now, declaredOn: CalendarDay("2025-09-15")!)
        let earlier = IntentEntry(email: "ANN@x.test", mcID: "alpha", declaredAt: now.addingTimeInterval(-86400 * 30), declaredOn: CalendarDay("2025-08-16")!)
        _ = try store.importIntents([later], at: now, actor: "t")
        let report = try store.importIntents([earlier, later], at: now, actor: "t")
        #expect(report.updated == 1)
        #expect(report.unchanged == 1)
        let teacher = try #require(try store.teacher(forAddress: "ann@x.test"))
        #expect(try store.intents(teacherID: teacher.id!) == ["alpha": CalendarDay("2025-08-16")!])
    }

    @Test func outboxRetriesAndGivesUp() throws {
        let item = OutboxItem(messageIDHeader: "o1@x", kind: "reply", outcomes: ["counted"], ref: "message-1", messageRowID: nil, teacherID: nil,
                              envelopeFrom: "bot@x", recipients: ["a@x"], subject: "s", bytes: [1], createdAt: now)
        try store.enqueue([item])
        let due = try store.dueOutbox(now: now)
        #expect(due.count == 1)
        try store.markAttemptStarted(due[0].id!, at: now)
        try store.markAttemptFailed(due[0].id!, error: "down", retryAt: now.addingTimeInterval(60), at: now)
        #expect(try store.dueOutbox(now: now).isEmpty)
        let retry = try #require(try store.dueOutbox(now: now.addingTimeInterval(61)).first)
        #expect(retry.attempts == 1)
        #expect(retry.attemptStartedAt == nil)
        try store.markAttemptFailed(retry.id!, error: "550 no such user", retryAt: nil, at: now)
        #expect(try store.outboxItem(id: retry.id!)?.status == "failed")
        #expect(try store.status(today: CalendarDay("2025-09-15")!).outboxFailed == 1)
    }

    @Test func commitsAreDurableAcrossAPowerCut() throws {
        #expect(try store.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2, "FULL")
        #expect(try store.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
    }

    @Test func scheduledJobsRunOncePerPeriod() throws {
        #expect(try store.claimScheduledRun(job: "rollover", period: "2025", at: now))
        #expect(try !store.claimScheduledRun(job: "rollover", period: "2025", at: now))
        #expect(try store.scheduledRunDone(job: "rollover", period: "2025"))
    }
}
