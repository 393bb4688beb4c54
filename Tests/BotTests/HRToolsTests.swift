import Bot
import Foundation
import MailTestSupport
import Policy
import Store
import Testing

/// What HR takes out of mcbot: the compensation list, the monthly PD-hours file, and the review queue.
@Suite(.enabled(if: MailTestEnvironment.isEnabled, "needs ops/mailserver"))
struct HRToolsTests {
    static let badges = DistrictRulesEndToEndTests.badges

    /// Ann: two badges in September (one with its log); the second's log arrives in October. Bob: one badge.
    func septemberAndOctober() async throws -> BotHarness {
        let bot = try await BotHarness(now: "2025-09-20T15:00:00Z")
        let (ann, bob) = (bot.teacher("ann"), bot.teacher("bob"))
        try bot.send(from: ann.address, subject: "first", body: "\(Self.badges[0])\nPD hours: 10")
        bot.testClock.advance(60)
        try bot.send(from: ann.address, subject: "second", body: Self.badges[1])
        try bot.send(from: bob.address, subject: "mine", body: "\(Self.badges[3])\nPD hours: 7.5")
        try bot.poll()
        let waiting = try #require(try bot.mail(of: ann.user).first { $0.subject == "Re: second" })
        bot.testClock.advance(15 * 86_400)  // October 5
        try bot.send(from: ann.address, subject: "Re: second", body: "PD hours: 6", inReplyTo: waiting.message.messageID)
        try bot.poll()
        return bot
    }

    func rows(_ csv: String) -> [[String]] {
        csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func thePayrollListHasEveryCountedBadgeOfTheYear() async throws {
        let bot = try await septemberAndOctober()
        let export = try HRExports(context: bot.context).payroll(year: ContractYear(startYear: 2025))
        #expect(export.rows == 3)
        let table = rows(export.csv)
        #expect(table[0] == ["employee_id", "name", "email", "building", "contract_year", "number_in_year", "mc_id", "micro_credential", "provider",
                             "received_on", "payment_month", "pd_hours_credited", "badge"])
        #expect(table[1] == ["E1", "Ann Teacher", bot.teacher("ann").address, "Lincoln", "2025–26", "1", "dp-classroom-culture", "Classroom Culture",
                             "digital-promise", "2025-09-20", "November 2025", "8", Self.badges[0]])
        #expect(table[2][5...7] == ["2", "dp-growth-mindset", "Growth Mindset"])
        #expect(table[2][11] == "6", "the log sent in October is on the list too")
        #expect(table[3][1] == "Bob Teacher" && table[3][11] == "7.5")
        #expect(try HRExports(context: bot.context).payroll(year: ContractYear(startYear: 2024)).rows == 0)
    }

    @Test func thePDHoursFileHasTheHoursCreditedInItsMonth() async throws {
        let bot = try await septemberAndOctober()
        let exports = HRExports(context: bot.context)
        let september = rows(try exports.pdHours(month: YearMonth(year: 2025, month: 9)).csv)
        #expect(september[0] == ["employee_id", "name", "email", "building", "mc_id", "micro_credential", "hours_logged", "hours_credited",
                                 "credited_on", "badge_received_on", "source"])
        #expect(september.dropFirst().map { [$0[1], $0[5], $0[6], $0[7], $0[8]] } == [
            ["Ann Teacher", "Classroom Culture", "10", "8", "2025-09-20"],
            ["Bob Teacher", "Classroom Management", "7.5", "7.5", "2025-09-20"],
        ])
        let october = rows(try exports.pdHours(month: YearMonth(year: 2025, month: 10)).csv)
        #expect(october.dropFirst().map { [$0[1], $0[5], $0[7], $0[8], $0[9]] } == [["Ann Teacher", "Growth Mindset", "6", "2025-10-05", "2025-09-20"]])
    }

    @Test func theCommandWritesTheFileAndRefusesABadMonth() async throws {
        let bot = try await septemberAndOctober()
        let file = bot.directory.appendingPathComponent("payroll.csv").path
        let export = bot.mcbotProcess(["export", "payroll", "--year", "2025", "--output", file], now: "2025-11-01T12:00:00-05:00")
        try export.run()
        export.waitUntilExit()
        #expect(export.terminationStatus == 0)
        #expect(rows(try String(contentsOfFile: file, encoding: .utf8)).count == 4)

        let bad = bot.mcbotProcess(["export", "pd-hours", "--month", "September"], now: "2025-11-01T12:00:00-05:00")
        try bad.run()
        bad.waitUntilExit()
        #expect(bad.terminationStatus == 64)
    }

    @Test func reviewsAreListedAndResolvedOnce() async throws {
        let bot = try await BotHarness(now: "2025-09-20T15:00:00Z")
        let ann = bot.teacher("ann")
        let certificate = TestMessage.withFiles(from: ann.address, to: bot.botAddress, subject: "certificate", body: "Attached.",
                                                files: [.init(filename: "certificate.pdf", contentType: "application/pdf", bytes: Array("%PDF-1.4".utf8))])
        try bot.sendRaw(certificate, from: ann.address)
        try bot.poll()

        let open = try bot.store.reviews()
        #expect(open.count == 1)
        let review = try #require(open.first)
        #expect(review.teacherName == "Ann Teacher" && review.subject == "certificate" && review.reviewer == "hr")
        #expect(review.reason.contains("certificate.pdf"))

        try bot.store.resolveReview(review.id, note: "Checked with Digital Promise: counts.", by: "hr-clerk", at: bot.testClock.now)
        #expect(try bot.store.reviews().isEmpty)
        let resolved = try #require(try bot.store.reviews(includeResolved: true).first)
        #expect(resolved.status == "resolved" && resolved.note == "Checked with Digital Promise: counts.")
        #expect(throws: Store.ReviewProblem.alreadyResolved(review.id, on: bot.testClock.now)) {
            try bot.store.resolveReview(review.id, note: nil, by: "hr-clerk", at: bot.testClock.now)
        }
        #expect(throws: Store.ReviewProblem.noSuchReview(999)) { try bot.store.resolveReview(999, note: nil, by: "x", at: bot.testClock.now) }
        let audit = try bot.store.read { try String.fetchAll($0, sql: "SELECT actor || ' ' || action FROM audit WHERE action = 'review.resolved'") }
        #expect(audit == ["hr-clerk review.resolved"])
    }
}
