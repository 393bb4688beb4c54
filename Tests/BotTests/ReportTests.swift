import Bot
import Foundation
import MIME
import MailTestSupport
import Store
import Testing

/// The reports mcbot mails by itself, each once per period, over the real mail loop.
@Suite(.enabled(if: MailTestEnvironment.isEnabled, "needs ops/mailserver"))
struct ReportTests {
    static let badge = DistrictRulesEndToEndTests.badges[0]

    func harness(_ now: String) async throws -> BotHarness {
        try await BotHarness(now: now) { env in
            env["MCBOT_POLICY_REPORTS_PD_HOURS_MONTHLY"] = "true"
            env["MCBOT_POLICY_REPORTS_COMPENSATION_LIST"] = "true"
            env["MCBOT_POLICY_REPORTS_REVIEW_DIGEST"] = "monday"
        }
    }

    /// The attached CSV of a report, as text.
    func attachedCSV(_ mail: ReceivedMail) -> String? {
        mail.message.root.leaves.first { $0.contentType.mimeType == "text/csv" }.map { String(decoding: $0.decodedBody(), as: UTF8.self) }
    }

    @Test func thePDHoursFileGoesToThePDContactOnceAMonth() async throws {
        let bot = try await harness("2025-09-20T15:00:00Z")
        let ann = bot.teacher("ann")
        try bot.send(from: ann.address, subject: "badge", body: "\(Self.badge)\nPD hours: 6")
        try bot.poll()
        let pdUser = "pd-\(bot.id)"
        #expect(try bot.mail(of: pdUser).isEmpty, "August had no PD hours: nothing is sent")

        bot.testClock.advance(11 * 86_400)  // October 1
        try bot.poll()
        try bot.poll()
        let reports = try bot.mail(of: pdUser)
        #expect(reports.count == 1)
        let report = try #require(reports.first)
        #expect(report.outcomes == ["report"])
        #expect(report.subject == "PD hours credited in September 2025: 1 micro-credentials")
        #expect(report.text.contains("mcbot export pd-hours --month 2025-09"))
        let csv = try #require(attachedCSV(report))
        #expect(csv.contains("Ann Teacher") && csv.contains(",6,6,2025-09-20,"))

        bot.testClock.advance(14 * 86_400)  // October 15: September's file went out already
        try bot.poll()
        #expect(try bot.mail(of: pdUser).count == 1)
    }

    @Test func theCompensationListGoesToHROnceTheWindowHasClosed() async throws {
        let bot = try await harness("2025-09-30T15:00:00Z")
        try bot.send(from: bot.teacher("bob").address, subject: "badge", body: Self.badge)
        try bot.poll()
        #expect(try bot.mail(of: bot.hrUser).isEmpty, "the window is still open")
        bot.testClock.advance(2 * 86_400)  // October 2
        try bot.poll()
        try bot.poll()
        let lists = try bot.mail(of: bot.hrUser).filter { $0.subject.hasPrefix("Micro-credential compensation list") }
        #expect(lists.count == 1)
        let list = try #require(lists.first)
        #expect(list.subject == "Micro-credential compensation list for 2025–26 (paid November 2025): 1 micro-credentials")
        #expect(list.text.contains("closed on October 1, 2025"))
        #expect(attachedCSV(list)?.contains("Bob Teacher") == true)
    }

    @Test func theReviewDigestListsOpenReviewsOnMondays() async throws {
        let bot = try await harness("2025-09-20T15:00:00Z")  // a Saturday
        let ann = bot.teacher("ann")
        let certificate = TestMessage.withFiles(from: ann.address, to: bot.botAddress, subject: "certificate", body: "Attached.",
                                                files: [.init(filename: "certificate.pdf", contentType: "application/pdf", bytes: Array("%PDF-1.4".utf8))])
        try bot.sendRaw(certificate, from: ann.address)
        try bot.poll()
        func digests() throws -> [ReceivedMail] { try bot.mail(of: bot.hrUser).filter { $0.subject.hasPrefix("Micro-credential reviews waiting") } }
        #expect(try digests().isEmpty, "not a Monday")

        bot.testClock.advance(2 * 86_400)  // Monday September 22
        try bot.poll()
        try bot.poll()
        let digest = try #require(try digests().first)
        #expect(try digests().count == 1)
        #expect(digest.text.contains("1 micro-credential case(s) are waiting for HR"))
        #expect(digest.text.contains("Ann Teacher") && digest.text.contains("certificate.pdf"))

        let review = try #require(try bot.store.reviews().first)
        try bot.store.resolveReview(review.id, note: "ok", by: "hr", at: bot.testClock.now)
        bot.testClock.advance(7 * 86_400)  // Monday September 29: nothing open
        try bot.poll()
        #expect(try digests().count == 1)
    }
}
