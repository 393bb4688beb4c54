import Bot
import Foundation
import MailTestSupport
import Store
import Testing

/// Processing a quarantined message again, once, as if it had just arrived.
@Suite(.enabled(if: MailTestEnvironment.isEnabled, "needs ops/mailserver"))
struct QuarantineReprocessTests {
    @Test func aMessageQuarantinedByAFaultIsProcessedOnceWhenAskedAgain() async throws {
        let bot = try await BotHarness(now: "2025-09-30T15:00:00Z")
        let ann = bot.teacher("ann")
        // As the worker records a message whose processing failed (a fault since fixed).
        let raw = TestMessage.plain(from: ann.address, to: bot.botAddress, subject: "My badge",
                                    body: "\(DistrictRulesEndToEndTests.badges[0])\nPD hours: 8", messageID: "held-\(bot.id)@district.test")
        let held = LedgerEntry(
            mailbox: "INBOX", uidValidity: 1, uid: 7, messageIDHeader: "held-\(bot.id)@district.test", sha256: BadgeBaker.sha256Hex(String(decoding: raw, as: UTF8.self)),
            size: raw.count, receivedAt: bot.testClock.now, fromAddress: ann.address, subject: "My badge", kind: nil, outcome: .quarantined,
            reason: "processing failed: database is locked", teacherID: nil)
        guard case .recorded(let entry) = try bot.store.record(IncomingDraft(entry: held, rawBytes: raw, auditAction: "message.quarantined"), at: bot.testClock.now, compose: { _ in [] }) else {
            Issue.record("not recorded")
            return
        }
        bot.testClock.advance(5 * 86_400)  // October 5: after the deadline, but the message arrived on September 30

        guard case .processed(let updated) = try QuarantineReprocessor(context: bot.context).reprocess(entry) else {
            Issue.record("not processed")
            return
        }
        #expect(updated.id == entry.id, "the same ledger row, not a second one")
        #expect(updated.outcome == .processed && updated.outcomes == "counted", "\(updated)")
        #expect(try bot.store.read { try LedgerEntry.fetchCount($0) } == 1)
        #expect(try bot.store.read { try SubmissionRecord.fetchOne($0) }?.contractYear == 2025, "judged by when it arrived")
        try bot.poll()
        let reply = try #require(try bot.mail(of: ann.user).first)
        #expect(reply.outcomes == ["counted"])
        #expect(reply.inReplyTo == ["held-\(bot.id)@district.test"])

        guard case .notQuarantined = try QuarantineReprocessor(context: bot.context).reprocess(try #require(try bot.store.entry(id: entry.id!))) else {
            Issue.record("processed twice")
            return
        }
        #expect(try bot.store.read { try SubmissionRecord.fetchCount($0) } == 1)
    }

    @Test func aMessageThatStillCannotBeReadIsLeftAsItWas() async throws {
        let bot = try await BotHarness(now: "2025-09-15T15:00:00Z")
        let ann = bot.teacher("ann")
        var nested = "From: \(ann.address)\r\nSubject: deep\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n"
        for level in 0..<40 { nested += "--b\(level)\r\nContent-Type: multipart/mixed; boundary=\"b\(level + 1)\"\r\n\r\n" }
        try bot.sendRaw(Array(nested.utf8), from: ann.address)
        try bot.poll()
        let entry = try #require(try bot.store.quarantined().first)
        guard case .stillUnreadable(let reason) = try QuarantineReprocessor(context: bot.context).reprocess(entry) else {
            Issue.record("a message past the depth limit was read")
            return
        }
        #expect(reason.contains("nested more than"))
        #expect(try bot.store.entry(id: entry.id!)?.outcome == .quarantined)
    }
}
