import Bot
import Foundation
import MailTestSupport
import Store
import Testing

/// Badge links on a badge platform mcbot may ask (here the local badge host): the hosted award
/// identifies the MC and the recipient, and the platform's answer (410, 404, 403) is acted on.
@Suite(.enabled(if: MailTestEnvironment.isEnabled, "needs ops/mailserver"))
struct HostedBadgeEndToEndTests {
    let run = UUID().uuidString.prefix(8).lowercased()

    /// Publishes a hosted 2.0 assertion whose badge class (served beside it) is named `badgeName`.
    func publishAssertion(_ env: MailTestEnvironment, id: String, for email: String, badgeName: String = "Growth Mindset") throws -> String {
        let classURL = try env.publishOnBadgeHost("\(run)/classes/\(id)", body: """
            {"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass", "id": "\(env.badgeHostURL)/\(run)/classes/\(id)",
             "name": "\(badgeName)", "issuer": {"id": "\(env.badgeHostURL)/issuer", "name": "Digital Promise"}}
            """)
        let url = env.badgeHostURL + "/\(run)/public/assertions/\(id)"
        try env.publishOnBadgeHost("\(run)/public/assertions/\(id)",
                                   body: BadgeBaker.assertionJSON(id: url, badgeClass: classURL, email: email, issuedOn: "2025-09-01T12:00:00Z"))
        return url
    }

    @Test func aHostedBadgeNoPatternNamesIsIdentifiedAndCounted() async throws {
        let bot = try await BotHarness(now: "2025-09-15T15:00:00Z")
        let ann = bot.teacher("ann")
        let link = try publishAssertion(bot.env, id: "ann1", for: ann.address)
        try bot.send(from: ann.address, subject: "My badge", body: "Here it is: \(link)\nPD hours: 7")
        try bot.poll()

        let reply = try #require(try bot.mail(of: ann.user).first)
        #expect(reply.outcomes == ["counted"])
        #expect(reply.text.contains("Growth Mindset"))
        #expect(reply.text.contains("PD hours: 7 credited"))
        let submission = try #require(try bot.store.read { try SubmissionRecord.fetchOne($0) })
        #expect(submission.mcID == "dp-growth-mindset")
        #expect(submission.badgeKey == "127.0.0.1:\(bot.env.badgeHostName.split(separator: ":").last!)/\(run)/public/assertions/ann1")
    }

    @Test func theSameBadgeAsLinkAndAsImageIsOneBadge() async throws {
        let bot = try await BotHarness(now: "2025-09-15T15:00:00Z")
        let ann = bot.teacher("ann")
        let link = try publishAssertion(bot.env, id: "ann2", for: ann.address)
        let hostedJSON = try String(contentsOfFile: bot.env.badgeHostDirectory + "/\(run)/public/assertions/ann2", encoding: .utf8)
        let message = TestMessage.withFiles(from: ann.address, to: bot.botAddress, subject: "Badge", body: "Link: \(link)\nPD hours: 8",
                                            files: [.init(filename: "badge.png", contentType: "image/png", bytes: BadgeBaker.png(award: hostedJSON))])
        try bot.sendRaw(message, from: ann.address)
        try bot.poll()
        #expect(try bot.store.read { try SubmissionRecord.fetchCount($0) } == 1)
        #expect(try #require(try bot.mail(of: ann.user).first).outcomes == ["counted"])
    }

    @Test func aBadgeHostedForSomeoneElseGoesToHR() async throws {
        let bot = try await BotHarness(now: "2025-09-15T15:00:00Z")
        let (ann, bob) = (bot.teacher("ann"), bot.teacher("bob"))
        let annsLink = try publishAssertion(bot.env, id: "ann3", for: ann.address)
        try bot.send(from: bob.address, subject: "My badge", body: annsLink)
        try bot.poll()
        #expect(try #require(try bot.mail(of: bob.user).first).outcomes == ["needs-review"])
        #expect(try bot.mail(of: bot.hrUser).count == 1)
    }

    @Test(arguments: [
        (410, "needs-review", "marked as revoked by its issuer"),
        (403, "needs-more", "this badge is private"),
        (404, "needs-more", "there is no badge at this link"),
    ])
    func thePlatformsAnswerIsActedOn(status: Int, outcome: String, wording: String) async throws {
        let bot = try await BotHarness(now: "2025-09-15T15:00:00Z")
        let ann = bot.teacher("ann")
        let link = try bot.env.publishOnBadgeHost("\(run)/public/assertions/s\(status)", status: status)
        try bot.send(from: ann.address, subject: "My badge", body: link)
        try bot.poll()
        let reply = try #require(try bot.mail(of: ann.user).first)
        #expect(reply.outcomes == [outcome])
        #expect(reply.text.contains(wording), "\(reply.text)")
        #expect(try bot.store.read { try SubmissionRecord.fetchOne($0) }?.status == "none")
    }
}
