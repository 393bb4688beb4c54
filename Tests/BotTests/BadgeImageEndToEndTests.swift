import Bot
import Foundation
import MailTestSupport
import Store
import Testing

/// Badge images over the real mail loop: the award baked into a PNG or SVG is read, matched to the
/// approved list and to the teacher, and decided like a badge link.
@Suite(.enabled(if: MailTestEnvironment.isEnabled, "needs ops/mailserver"))
struct BadgeImageEndToEndTests {
    func sendBadge(_ bot: BotHarness, from sender: String, file: TestMessage.File, body: String = "My badge is attached.\nPD hours: 6") throws {
        try bot.sendRaw(TestMessage.withFiles(from: sender, to: bot.botAddress, subject: "Growth Mindset badge", body: body, files: [file]), from: sender)
    }

    @Test func aBakedPNGBadgeOfTheTeacherIsCounted() async throws {
        let bot = try await BotHarness(now: "2025-09-15T15:00:00Z")
        let ann = bot.teacher("ann")
        let json = BadgeBaker.assertionJSON(id: "https://api.badgr.test/public/assertions/Ann1", badgeName: "Growth Mindset", email: ann.address)
        try sendBadge(bot, from: ann.address, file: .init(filename: "growth-mindset.png", contentType: "image/png", bytes: BadgeBaker.png(award: json)))
        #expect(try bot.poll().processed == 1)

        let reply = try #require(try bot.mail(of: ann.user).first)
        #expect(reply.outcomes == ["counted"])
        #expect(reply.text.contains("Growth Mindset"))
        #expect(reply.text.contains("growth-mindset.png"))
        #expect(reply.text.contains("1 of 5"))
        #expect(reply.text.contains("PD hours: 6 credited"))
        let submission = try #require(try bot.store.read { try SubmissionRecord.fetchOne($0) })
        #expect(submission.evidenceKind == "bakedBadge")
        #expect(submission.badgeKey == "api.badgr.test/public/assertions/ann1")
        #expect(submission.mcID == "dp-growth-mindset")
        #expect(try bot.store.read { try ReviewItem.fetchCount($0) } == 0)
    }

    @Test func aBadgeAwardedToAnotherAddressGoesToHR() async throws {
        let bot = try await BotHarness(now: "2025-09-15T15:00:00Z")
        let (ann, bob) = (bot.teacher("ann"), bot.teacher("bob"))
        let annsBadge = BadgeBaker.svg(award: BadgeBaker.assertionJSON(badgeName: "Growth Mindset", email: ann.address))
        try sendBadge(bot, from: bob.address, file: .init(filename: "badge.svg", contentType: "image/svg+xml", bytes: annsBadge))
        try bot.poll()

        let reply = try #require(try bot.mail(of: bob.user).first)
        #expect(reply.outcomes == ["needs-review"])
        #expect(reply.text.contains("awarded to an email address we do not have on file for you"))
        let review = try #require(try bot.store.read { try ReviewItem.fetchOne($0) })
        #expect(review.reason.contains("was awarded to an address that is not the teacher's"))
        #expect(try bot.mail(of: bot.hrUser).count == 1)
        #expect(try bot.store.read { try SubmissionRecord.fetchOne($0) }?.status == "none")
    }

    @Test func anImageWithoutBakedDataStillGoesToHR() async throws {
        let bot = try await BotHarness(now: "2025-09-15T15:00:00Z")
        let ann = bot.teacher("ann")
        let screenshot = BadgeBaker.png([.latin1Text(keyword: "Software", text: "Snipping Tool")])
        try sendBadge(bot, from: ann.address, file: .init(filename: "Growth_Mindset.png", contentType: "image/png", bytes: screenshot))
        try bot.poll()
        let reply = try #require(try bot.mail(of: ann.user).first)
        #expect(reply.outcomes == ["needs-review"], "\(reply.text)")
        #expect(reply.text.contains("we received a badge image that looks like Growth Mindset"))
    }

    @Test func theLogoInATeachersSignatureIsNotABadge() async throws {
        let bot = try await BotHarness(now: "2025-09-15T15:00:00Z")
        let ann = bot.teacher("ann")
        let logo = Data(BadgeBaker.png([.latin1Text(keyword: "Software", text: "district logo")])).base64EncodedString()
        let message = """
            From: \(ann.address)\r
            To: \(bot.botAddress)\r
            Subject: Can I pay the fee from discretionary funds?\r
            Message-ID: <logo-\(bot.id)@district.test>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/related; boundary="rel"\r
            \r
            --rel\r
            Content-Type: text/html; charset=utf-8\r
            \r
            <p>Can I pay the fee from discretionary funds?</p><p>Ann<br><img src="cid:image001.png@01DB"></p>\r
            --rel\r
            Content-Type: image/png; name="image001.png"\r
            Content-ID: <image001.png@01DB>\r
            Content-Disposition: inline; filename="image001.png"\r
            Content-Transfer-Encoding: base64\r
            \r
            \(logo)\r
            --rel--\r

            """
        try bot.sendRaw(Array(message.utf8), from: ann.address)
        try bot.poll()
        let reply = try #require(try bot.mail(of: ann.user).first)
        #expect(reply.outcomes == ["answer"], "\(reply.text)")
        #expect(try bot.store.read { try ReviewItem.fetchCount($0) } == 0)
    }
}
