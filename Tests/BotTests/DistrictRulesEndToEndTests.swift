import Bot
import Foundation
import MailTestSupport
import Policy
import Store
import Testing

/// Issue 4 end to end: the district's rules over the real mail loop, with the clock set.
@Suite(.enabled(if: MailTestEnvironment.isEnabled, "needs ops/mailserver"))
struct DistrictRulesEndToEndTests {
    static let badges = [
        "https://microcredentials.digitalpromise.org/badges/classroom-culture/e2e-1",
        "https://microcredentials.digitalpromise.org/badges/growth-mindset/e2e-2",
        "https://microcredentials.digitalpromise.org/badges/formative-assessment/e2e-3",
        "https://nea.certificationbank.com/badges/classroom-management/e2e-4",
        "https://nea.certificationbank.com/badges/restorative-practices/e2e-5",
        "https://nea.certificationbank.com/badges/family-engagement/e2e-6",
    ]

    @Test func sixBadgesInTheWindowGiveFiveConfirmationsAndOneBankingNoticeThenJulyFirstAppliesIt() async throws {
        let bot = try await BotHarness(now: "2025-09-20T15:00:00Z")
        let ann = bot.teacher("ann")
        for (n, link) in Self.badges.enumerated() {
            try bot.send(from: ann.address, subject: "Badge \(n + 1)", body: "\(link)\nPD hours: 8")
            bot.testClock.advance(60)
        }
        let summary = try bot.poll()
        #expect(summary.processed == 6)
        let replies = try bot.mail(of: ann.user).sorted { $0.subject < $1.subject }
        #expect(replies.map(\.outcomes) == [["counted"], ["counted"], ["counted"], ["counted"], ["counted"], ["banked"]])
        let notice = try #require(replies.last)
        #expect(notice.text.contains("BANKED for 2026–27"))
        #expect(notice.text.contains("you already have 5 micro-credentials counted for 2025–26"))
        #expect(notice.text.contains("automatically on July 1, 2026"))
        #expect(notice.text.contains("paid in November 2026"))
        #expect(replies[4].text.contains("5 of 5"))

        // The next July 1, the first poll applies the banked badge and tells the teacher, once.
        bot.testClock.now = TestClock.date("2026-07-01T05:05:00Z")  // 00:05 in Chicago
        try bot.poll()
        let afterRollover = try bot.mail(of: ann.user)
        let rollover = try #require(afterRollover.first { $0.outcomes.contains("rollover") })
        #expect(rollover.outcomes == ["counted", "rollover"])
        #expect(rollover.text.contains("Family Engagement: COUNTED for 2026–27 (1 of 5)"))
        #expect(rollover.text.contains("You can still submit 4 more"))
        let statuses = try bot.store.read { try SubmissionRecord.filter(sql: "status != 'none'").order(sql: "id").fetchAll($0) }
        #expect(statuses.map(\.contractYear) == [2025, 2025, 2025, 2025, 2025, 2026])
        #expect(statuses.map(\.status) == Array(repeating: "counted", count: 6))
        try bot.poll()
        #expect(try bot.mail(of: ann.user).count == afterRollover.count, "the roll-over runs once")
    }

    @Test func mcbotNowDrivesTheCommandLineToo() async throws {
        // The same roll-over through the mcbot binary with MCBOT_NOW, as an operator would dry-run it.
        let bot = try await BotHarness(now: "2025-10-05T15:00:00Z")
        let bob = bot.teacher("bob")
        try bot.send(from: bob.address, subject: "late badge", body: "\(Self.badges[0])\nPD hours: 5")
        try bot.poll()
        let late = try #require(try bot.mail(of: bob.user).first)
        #expect(late.outcomes == ["banked"])
        #expect(late.text.contains("after the October 1, 2025 deadline"))
        #expect(late.text.contains("You now have 0 of 5 micro-credentials counted for 2025–26, and 1 banked"))

        let run = try Self.mcbot(["poll", "--once"], bot: bot, now: "2026-07-01T08:00:00-05:00")
        #expect(run.status == 0)
        let rollover = try #require(try bot.mail(of: bob.user).first { $0.outcomes.contains("rollover") })
        #expect(rollover.text.contains("Classroom Culture: COUNTED for 2026–27"))
        let status = try Self.mcbot(["status", "--json"], bot: bot, now: "2026-07-01T08:10:00-05:00")
        let json = try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any]
        #expect((json?["decisionsByOutcome"] as? [String: Int])?["banked"] == 1, "the decision row keeps what was decided then")
    }

    @Test func pdLogSentLaterInTheThreadIsCredited() async throws {
        let bot = try await BotHarness(now: "2025-09-20T15:00:00Z")
        let cat = bot.teacher("cat")
        try bot.send(from: cat.address, subject: "badge", body: Self.badges[1])
        try bot.poll()
        let first = try #require(try bot.mail(of: cat.user).first)
        #expect(first.outcomes == ["counted", "needs-more"])
        #expect(first.text.contains("waiting for your log of hours"))

        try bot.send(from: cat.address, subject: "Re: badge", body: "Here you go.\nPD hours: 9\n\n> earlier text", inReplyTo: first.message.messageID)
        try bot.poll()
        let second = try #require(try bot.mail(of: cat.user).last)
        #expect(second.outcomes == ["counted"])
        #expect(second.text.contains("Growth Mindset: 8 PD hours credited (your log shows 9"))
        let submission = try #require(try bot.store.read { try SubmissionRecord.filter(sql: "status = 'counted'").fetchOne($0) })
        #expect(submission.pdCredited == 8)
        #expect(submission.pdState == "credited")
    }

    @Test func aThankYouInTheConversationIsNotAnswered() async throws {
        let bot = try await BotHarness(now: "2025-09-20T15:00:00Z")
        let ann = bot.teacher("ann")
        try bot.send(from: ann.address, subject: "badge", body: "\(Self.badges[0])\nPD hours: 8")
        try bot.poll()
        let confirmation = try #require(try bot.mail(of: ann.user).first)
        try bot.send(from: ann.address, subject: "Re: badge", body: "Thank you so much!\n\n> COUNTED for 2025–26", inReplyTo: confirmation.message.messageID)
        try bot.poll()
        try bot.poll()
        #expect(try bot.mail(of: ann.user).count == 1, "no 'we found no badge' answer to a thank-you")
        let thanks = try #require(try bot.store.read { try LedgerEntry.fetchAll($0) }.first { $0.subject == "Re: badge" && $0.outcome != .sentCopy })
        #expect(thanks.outcome == .processed && thanks.outcomes.isEmpty)
        #expect(thanks.reason?.contains("not answered") == true)

        try bot.send(from: ann.address, subject: "thanks", body: "Thank you so much!")
        try bot.poll()
        #expect(try bot.mail(of: ann.user).last?.outcomes == ["needs-more"], "outside a conversation with mcbot it is answered")
    }

    @Test func anExcelLogOfHoursIsReadAndItsBadLineNamed() async throws {
        let bot = try await BotHarness(now: "2025-09-20T15:00:00Z")
        let ann = bot.teacher("ann")
        let log = try Data(contentsOf: BotHarness.repositoryRoot.appendingPathComponent("Tests/TablesTests/Fixtures/pd_log.xlsx"))
        let message = TestMessage.withFiles(
            from: ann.address, to: bot.botAddress, subject: "Growth Mindset", body: "My badge: \(Self.badges[1])\nMy log is attached.",
            files: [.init(filename: "PD log.xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes: Array(log))])
        try bot.sendRaw(message, from: ann.address)
        try bot.poll()
        let reply = try #require(try bot.mail(of: ann.user).first)
        #expect(reply.outcomes == ["counted", "needs-more"])
        #expect(reply.text.contains("PD hours: 5.5 credited"))
        #expect(reply.text.contains("PD log.xlsx line 6: \"four\" is not a number of hours"))
        #expect(try bot.store.read { try SubmissionRecord.fetchOne($0) }?.pdCredited == 5.5)
    }

    @Test func theSameBadgeFromTwoTeachersGoesToHRAndIsNotCounted() async throws {
        let bot = try await BotHarness(now: "2025-09-20T15:00:00Z")
        try bot.send(from: bot.teacher("ann").address, subject: "mine", body: "\(Self.badges[2])\nPD hours: 8")
        try bot.poll()
        try bot.send(from: bot.teacher("bob").address, subject: "mine too", body: "\(Self.badges[2])\nPD hours: 8")
        try bot.poll()
        let bobReply = try #require(try bot.mail(of: bot.teacher("bob").user).first)
        #expect(bobReply.outcomes == ["needs-review"])
        #expect(bobReply.text.contains("already submitted by another staff member"))
        let hr = try bot.mail(of: bot.hrUser)
        #expect(hr.count == 1)
        #expect(hr.first?.text.contains("already submitted by another staff member") == true)
        #expect(hr.first?.message.root.leaves.contains { $0.contentType.mimeType == "message/rfc822" } == true, "the original is attached")
        #expect(try bot.store.read { try SubmissionRecord.filter(sql: "status = 'counted'").fetchCount($0) } == 1)
        #expect(try bot.store.read { try ReviewItem.fetchCount($0) } == 1)
    }

    @Test func sendersOffTheRoster() async throws {
        let bot = try await BotHarness(now: "2025-09-20T15:00:00Z")
        let stranger = "newhire-\(bot.id)"
        try bot.send(from: "\(stranger)@district.test", subject: "badge", body: Self.badges[0])
        try bot.send(from: "someone-\(bot.id)@gmail.test", subject: "badge", body: Self.badges[0])
        try bot.poll()
        let district = try bot.mail(of: stranger)
        #expect(district.count == 1)
        #expect(district.first?.text.contains("district email address that\nHR has on file") == true)
        #expect(try bot.mail(of: "someone-\(bot.id)").isEmpty, "no backscatter to outside senders")
        #expect(try bot.mail(of: bot.hrUser).count == 2)
        #expect(try bot.store.read { try SubmissionRecord.fetchCount($0) } == 0)
    }

    @Test func questionsGetAnAnswerAndVanishedMCsGoToTheGrowthTeam() async throws {
        let bot = try await BotHarness(now: "2025-09-20T15:00:00Z")
        let dan = bot.teacher("ann")
        try bot.send(from: dan.address, subject: "Question", body: "Can I pay the MC fee with discretionary funds?")
        try bot.send(from: dan.address, subject: "Help", body: "The micro-credential disappeared from the website before I could submit!")
        try bot.poll()
        let replies = try bot.mail(of: dan.user).sorted { $0.subject < $1.subject }
        #expect(replies.map(\.outcomes) == [["needs-review"], ["answer"]])
        #expect(replies[0].text.contains("Professional Growth Team (Growth Team) will contact you"))
        #expect(replies[1].text.contains("cannot be paid from discretionary funds"))
        #expect(try bot.mail(of: bot.pgtUser).count == 1)
    }

    /// Runs the mcbot binary against the harness's configuration and returns its exit status and output.
    static func mcbot(_ arguments: [String], bot: BotHarness, now: String) throws -> (status: Int32, output: String) {
        let process = bot.mcbotProcess(arguments, now: now)
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}

@Suite(.enabled(if: MailTestEnvironment.isEnabled, "needs ops/mailserver"))
struct ReminderTests {
    @Test func septemberRemindersArePersonalAndSentOncePerReminderDay() async throws {
        let bot = try await BotHarness(now: "2025-09-10T15:00:00Z") { $0["MCBOT_POLICY_REMINDER_DAYS"] = nil }
        let ann = bot.teacher("ann"), bob = bot.teacher("bob")
        _ = try bot.store.importIntents([
            IntentEntry(email: ann.address, mcID: "dp-growth-mindset", declaredAt: bot.testClock.now, declaredOn: CalendarDay("2025-08-01")!),
            IntentEntry(email: ann.address, mcID: "dp-classroom-culture", declaredAt: bot.testClock.now, declaredOn: CalendarDay("2025-08-01")!),
        ], at: bot.testClock.now, actor: "test")
        try bot.send(from: ann.address, subject: "badge", body: DistrictRulesEndToEndTests.badges[0])  // Classroom Culture, no PD log
        try bot.poll()  // September 10: the September 1 reminder is late but still due: sent now, once
        let first = try bot.mail(of: ann.user).filter { $0.outcomes == ["reminder"] }
        #expect(first.count == 1)
        let text = try #require(first.first).text
        #expect(text.contains("must reach HR by October 1, 2025"))
        #expect(text.contains("You have 1 of 5 micro-credentials counted for 2025–26"))
        #expect(text.contains("* Growth Mindset"), "declared but not yet sent")
        #expect(text.contains("log of PD hours for:\n* Classroom Culture"))
        #expect(try bot.mail(of: bob.user).isEmpty, "a teacher who takes no part is not reminded")

        try bot.poll()
        #expect(try bot.mail(of: ann.user).filter { $0.outcomes == ["reminder"] }.count == 1, "once per reminder day")
        bot.testClock.now = TestClock.date("2025-09-15T14:00:00Z")
        try bot.poll()
        #expect(try bot.mail(of: ann.user).filter { $0.outcomes == ["reminder"] }.count == 2)
        bot.testClock.now = TestClock.date("2025-10-02T14:00:00Z")
        try bot.poll()
        #expect(try bot.mail(of: ann.user).filter { $0.outcomes == ["reminder"] }.count == 2, "none once the window has closed")
    }
}
