import Bot
import Foundation
import MailTestSupport
import Store
import Testing
import Transport

/// Issue 2: the whole mail loop on the real servers, exactly once.
@Suite(.enabled(if: MailTestEnvironment.isEnabled, "needs ops/mailserver"))
struct MailLoopTests {
    static let badge = "https://microcredentials.digitalpromise.org/badges/classroom-culture/a1b2c3"

    @Test func approvedBadgeIsConfirmedThreadedFiledAndRecordedOnce() async throws {
        let bot = try await BotHarness(now: "2025-09-15T15:00:00Z")
        let ann = bot.teacher("ann")
        let original = try bot.send(from: ann.address, subject: "My Classroom Culture badge", body: "Here it is: \(Self.badge)\nPD hours: 8")

        let first = try bot.poll()
        #expect(first.processed == 1)
        let replies = try bot.mail(of: ann.user)
        #expect(replies.count == 1)
        let reply = try #require(replies.first)
        #expect(reply.outcomes == ["counted"])
        #expect(reply.inReplyTo == [original])
        #expect(reply.subject == "Re: My Classroom Culture badge")
        #expect(reply.message.header["auto-submitted"] == "auto-replied")
        #expect(reply.message.header["x-auto-response-suppress"] == "All")
        #expect(reply.message.messageID?.hasSuffix("@district.test") == true)
        #expect(reply.text.contains("Classroom Culture"))
        #expect(reply.text.contains("1 of 5"))
        #expect(reply.text.contains("November 2025"))
        #expect(try bot.count(in: "Processed") == 1)
        let submissions = try bot.store.read { try SubmissionRecord.fetchAll($0) }
        #expect(submissions.count == 1)
        #expect(submissions.first?.status == "counted")
        #expect(submissions.first?.pdCredited == 8)

        // The copy of the reply that came back to the bot's mailbox is filed in Sent, not answered.
        let second = try bot.poll()
        #expect(second.sentCopies == 1)
        #expect(second.sent == 0)
        #expect(try bot.count(in: "Sent") == 1)
        #expect(try bot.count(in: "INBOX") == 0)
        #expect(try bot.poll() == Poller.Summary())
        #expect(try bot.mail(of: ann.user).count == 1)
    }

    @Test func badgeOfAnUnlistedMCIsNotApproved() async throws {
        let bot = try await BotHarness(now: "2025-09-15T15:00:00Z")
        let bob = bot.teacher("bob")
        try bot.send(from: bob.address, subject: "badge", body: "https://microcredentials.digitalpromise.org/badges/underwater-basket-weaving/zz9")
        try bot.poll()
        let reply = try #require(try bot.mail(of: bob.user).first)
        #expect(reply.outcomes == ["not-approved"])
        #expect(reply.text.contains("not on the district's approved list"))
        #expect(reply.text.contains("Underwater Basket Weaving"))
        let submission = try #require(try bot.store.read { try SubmissionRecord.fetchOne($0) })
        #expect(submission.status == "none")
    }

    @Test func machineMailGetsNoReply() async throws {
        let bot = try await BotHarness(now: "2025-09-15T15:00:00Z")
        let ann = bot.teacher("ann")
        try bot.send(from: ann.address, subject: "Automatic reply: My badge", body: "I am out of the office.", headers: ["Auto-Submitted: auto-replied"])
        try bot.send(from: ann.address, subject: "Out of Office", body: "Back Monday. \(Self.badge)")
        let summary = try bot.poll()
        #expect(summary.processed == 2)
        #expect(try bot.mail(of: ann.user).isEmpty)
        #expect(try bot.count(in: "Processed") == 2)
        let entries = try bot.store.read { try LedgerEntry.fetchAll($0) }
        #expect(entries.allSatisfy { $0.outcome == .ignored })
        #expect(try bot.store.read { try SubmissionRecord.fetchCount($0) } == 0)
    }

    /// A delivery report as a district server sends it when a reply to `recipient` fails.
    static func bounce(of recipient: String, to bot: String) -> [UInt8] {
        Array("""
            From: Mail Delivery System <MAILER-DAEMON@mx.district.test>\r
            To: \(bot)\r
            Subject: Undelivered Mail Returned to Sender\r
            Message-ID: <\(UUID().uuidString)@mx.district.test>\r
            Auto-Submitted: auto-replied\r
            MIME-Version: 1.0\r
            Content-Type: multipart/report; report-type=delivery-status; boundary="dsn"\r
            \r
            --dsn\r
            Content-Type: text/plain\r
            \r
            Your message could not be delivered.\r
            --dsn\r
            Content-Type: message/delivery-status\r
            \r
            Reporting-MTA: dns; mx.district.test\r
            \r
            Final-Recipient: rfc822; \(recipient)\r
            Action: failed\r
            Status: 5.1.1\r
            --dsn--\r

            """.utf8)
    }

    @Test func aBouncedReplyToATeacherGoesToHRAndOtherBouncesAreOnlyLogged() async throws {
        let bot = try await BotHarness(now: "2025-09-15T15:00:00Z")
        let ann = bot.teacher("ann")
        try bot.sendRaw(Self.bounce(of: ann.address, to: bot.botAddress), from: "")
        try bot.sendRaw(Self.bounce(of: "nobody-\(bot.id)@elsewhere.test", to: bot.botAddress), from: "")
        try bot.sendRaw(Self.bounce(of: "hr-\(bot.id)@district.test", to: bot.botAddress), from: "")
        #expect(try bot.poll().processed == 3)

        let reviews = try bot.store.read { try ReviewItem.fetchAll($0) }
        #expect(reviews.count == 1, "only the bounce of mail to a teacher needs a person")
        #expect(reviews.first?.reason.contains("Ann Teacher <\(ann.address)> could not be delivered") == true)
        #expect(reviews.first?.teacherID != nil)
        let notices = try bot.mail(of: bot.hrUser)
        #expect(notices.count == 1)
        #expect(notices.first?.subject == "Micro-credential review: Ann Teacher")
        #expect(notices.first?.text.contains("mcbot did not reply to the sender") == true)
        #expect(try bot.mail(of: ann.user).isEmpty)
        let outcomes = try bot.store.read { try LedgerEntry.fetchAll($0) }.sorted { $0.id! < $1.id! }.map(\.outcome)
        #expect(outcomes == [.processed, .ignored, .ignored])
        #expect(try bot.count(in: "Processed") == 3)
    }

    @Test func malformedMessageIsQuarantinedWithItsBytesAndTheNextIsStillProcessed() async throws {
        let bot = try await BotHarness(now: "2025-09-15T15:00:00Z")
        let ann = bot.teacher("ann")
        // Nested 40 deep: past the parser's depth limit.
        var nested = "From: \(ann.address)\r\nTo: \(bot.botAddress)\r\nSubject: deep\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n"
        for level in 0..<40 { nested += "--b\(level)\r\nContent-Type: multipart/mixed; boundary=\"b\(level + 1)\"\r\n\r\n" }
        nested += "--b40\r\nContent-Type: text/plain\r\n\r\n\(Self.badge)\r\n"
        let malformed = Array(nested.utf8)
        try bot.sendRaw(malformed, from: ann.address)
        try bot.send(from: ann.address, subject: "second", body: "\(Self.badge)\nPD hours: 6")

        let summary = try bot.poll()
        #expect(summary.quarantined == 1)
        #expect(summary.processed == 1)
        #expect(try bot.count(in: "Quarantine") == 1)
        #expect(try bot.count(in: "Processed") == 1)
        let quarantined = try #require(try bot.store.read { try LedgerEntry.filter(sql: "outcome = 'quarantined'").fetchOne($0) })
        #expect(quarantined.reason?.contains("nested more than") == true)
        let kept = try #require(try bot.store.rawBytes(sha256: quarantined.sha256))
        #expect(String(decoding: kept, as: UTF8.self).contains("Subject: deep"))
        // HR is told once; the teacher's good message was answered.
        let hr = try bot.mail(of: bot.hrUser)
        #expect(hr.count == 1)
        #expect(hr.first?.subject.contains("quarantined") == true)
        #expect(try bot.mail(of: ann.user).map(\.outcomes) == [["counted"]])

        // IT lists it and takes its bytes out for a look.
        let list = bot.mcbotProcess(["quarantine", "--json"], now: "2025-09-15T10:00:00-05:00")
        let pipe = Pipe()
        list.standardOutput = pipe
        try list.run()
        let listed = pipe.fileHandleForReading.readDataToEndOfFile()
        list.waitUntilExit()
        let rows = try #require(try JSONSerialization.jsonObject(with: listed) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["message"] as? Int == Int(quarantined.id!))
        #expect((rows.first?["reason"] as? String)?.contains("nested more than") == true)
        let file = bot.directory.appendingPathComponent("held.eml").path
        let save = bot.mcbotProcess(["quarantine", "save", "\(quarantined.id!)", file], now: "2025-09-15T10:00:00-05:00")
        try save.run()
        save.waitUntilExit()
        #expect(save.terminationStatus == 0)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: file))) == kept)
        let again = bot.mcbotProcess(["quarantine", "save", "\(quarantined.id!)", file], now: "2025-09-15T10:00:00-05:00")
        try again.run()
        again.waitUntilExit()
        #expect(again.terminationStatus == 73, "an existing file is never overwritten")
    }

    @Test func repliesWaitWhileSMTPIsDownAndGoOutWhenItIsBack() async throws {
        let env = try MailTestEnvironment.require()
        let smtp = try PrivateSMTPServer(env: env)
        let bot = try await BotHarness(now: "2025-09-15T15:00:00Z", smtpURL: smtp.url)
        let ann = bot.teacher("ann")
        try bot.send(from: ann.address, subject: "badge", body: Self.badge)

        try smtp.stop()
        let down = try bot.poll()
        #expect(down.processed == 1)
        #expect(down.sendFailures == 1)
        #expect(try bot.mail(of: ann.user).isEmpty)
        let waiting = try #require(try bot.store.read { try OutboxItem.fetchOne($0) })
        #expect(waiting.status == "pending")
        #expect(waiting.attempts == 1)
        #expect(waiting.lastError?.contains("cannot connect") == true)

        try smtp.start()
        #expect(try bot.poll().sent == 0, "the retry waits for its backoff")
        bot.testClock.advance(60)
        #expect(try bot.poll().sent == 1)
        let reply = try #require(try bot.mail(of: ann.user).first)
        #expect(reply.message.messageID == waiting.messageIDHeader)
        #expect(try bot.store.read { try OutboxItem.fetchOne($0) }?.status == "sent")
    }
}
