import Foundation
import Testing
@testable import Policy

/// Badges whose Open Badges award mcbot read (baked into an image, or hosted on a badge platform):
/// "Badges are the proof" (DOMAIN 9), "each teacher submits their own badge" (8), and approval judged
/// at the badge's issue date (2).
struct BadgeAwardRuleTests {
    func file(_ award: AwardFacts, name: String = "badge.png", sha: String = UUID().uuidString) -> EvidenceClassifier.File {
        .init(filename: name, contentType: "image/png", sha256: sha, award: award)
    }

    func classify(_ files: [EvidenceClassifier.File], links: [String] = []) -> [Evidence] {
        EvidenceClassifier(approved: approvedList, providers: faqRules().providers).classify(links: links, files: files)
    }

    func award(_ slug: String? = "alpha", id: String = "https://badgr.test/assertions/\(UUID().uuidString)", name: String? = nil, issuedOn: String? = "2025-08-20",
               recipient: Bool? = true, revoked: Bool = false, expires: String? = nil) -> AwardFacts {
        AwardFacts(awardID: id, badgeClassID: slug.map { "https://issuer.dp.test/classes/\($0)" }, badgeName: name, issuedOn: issuedOn.flatMap(CalendarDay.init),
                   expiresOn: expires.flatMap(CalendarDay.init), revoked: revoked, recipientIsTeacher: recipient)
    }

    @Test("DOMAIN 9: a badge image whose baked award names an approved MC and the teacher counts like a link")
    func bakedBadgeOfTheTeacherCounts() throws {
        let evidence = classify([file(award(id: "https://badgr.test/assertions/A1"))])
        #expect(evidence.map(\.kind) == [.bakedBadge])
        #expect(evidence.first?.key == "badgr.test/assertions/a1")
        #expect(evidence.first?.mc?.mcID == "alpha")
        let d = try #require(decide(evidence, at: "2025-09-10 09:00").badges.first)
        #expect(d.outcome == .counted)
        #expect(d.countInYear == 1)
    }

    @Test("A baked award is recognised by its badge name when HR listed no class id")
    func recognisedByName() throws {
        let evidence = classify([file(award(nil, name: "Beta"))])
        #expect(evidence.first?.mc?.mcID == "beta")
        #expect(decide(evidence, at: "2025-09-10 09:00").badges.first?.outcome == .counted)
    }

    @Test("DOMAIN 8: a badge awarded to someone else's address goes to HR, never counted")
    func someoneElsesBadge() throws {
        let d = try #require(decide(classify([file(award(recipient: false))]), at: "2025-09-10 09:00").badges.first)
        #expect(d.outcome == .needsReview)
        #expect(d.reason == .awardedToSomeoneElse)
        #expect(d.reviewer == .hr)
    }

    @Test("A recipient that cannot be checked (not an email) does not stop the badge")
    func uncheckableRecipient() {
        #expect(decide(classify([file(award(recipient: nil))]), at: "2025-09-10 09:00").badges.first?.outcome == .counted)
    }

    @Test("A revoked or expired badge goes to HR")
    func revokedOrExpired() {
        #expect(decide(classify([file(award(revoked: true))]), at: "2025-09-10 09:00").badges.first?.reason == .badgeRevoked)
        #expect(decide(classify([file(award(expires: "2025-09-01"))]), at: "2025-09-10 09:00").badges.first?.reason
            == .badgeExpired(on: CalendarDay("2025-09-01")!))
        #expect(decide(classify([file(award(expires: "2025-09-10"))]), at: "2025-09-10 09:00").badges.first?.outcome == .counted)
    }

    @Test("A baked badge that names no approved MC goes to HR (the list may lack its class id), not a refusal")
    func unknownBadgeClass() throws {
        let d = try #require(decide(classify([file(award("basket-weaving", name: "Basket Weaving"))]), at: "2025-09-10 09:00").badges.first)
        #expect(d.outcome == .needsReview)
        #expect(d.reason == .unidentifiedBadge)
    }

    @Test("DOMAIN 2: without a declaration, approval is judged at the badge's issue date")
    func approvalAtIssueDate() {
        // "retired" left the list on 2025-08-15.
        #expect(decide(classify([file(award("retired", issuedOn: "2025-08-01"))]), at: "2025-09-10 09:00").badges.first?.outcome == .counted)
        #expect(decide(classify([file(award("retired", issuedOn: "2025-08-20"))]), at: "2025-09-10 09:00").badges.first?.reason
            == .removedFromList(on: CalendarDay("2025-08-15")!))
    }

    @Test("DOMAIN 8: one badge sent as its link and as its image, or as two saved copies, is one badge")
    func oneBadgeOnce() {
        let id = "https://badgr.test/assertions/Z9"
        let evidence = classify([file(award(id: id), name: "a.png"), file(award(id: id), name: "copy of a.png")], links: [id])
        #expect(evidence.count == 1)
    }

    @Test("PD hours sent with a badge that goes to review belong to it: not reported as unmatched")
    func hoursWithABadgeUnderReview() {
        let image = EvidenceClassifier.File(filename: "Alpha.png", contentType: "image/png", sha256: "f00")
        let d = decide(classify([image]), at: "2025-09-10 09:00", pd: [PDHoursStatement(hours: 6, mcHint: nil, source: "message text")])
        #expect(d.badges.map(\.outcome) == [.needsReview])
        #expect(!d.notes.contains(.pdHoursUnmatched))
    }

    @Test("A catalog page sent with a vanished-MC report still goes to the Professional Growth Team")
    func vanishedWithCatalogPage() {
        let page = EvidenceClassifier(approved: approvedList, providers: faqRules().providers).classify(links: ["https://catalog.dp.test/alpha"], files: [])
        #expect(decide(page, at: "2025-09-10 09:00", topics: [.vanishedMC]).notes.contains(.vanishedMC))
    }

    func classify(link: String, _ lookup: EvidenceClassifier.HostedLookup) -> [Evidence] {
        EvidenceClassifier(approved: approvedList, providers: faqRules().providers).classify(links: [link], files: [], hosted: [link: lookup])
    }

    @Test("A hosted award identifies a platform link no approved pattern names, and keys it by the award's id")
    func hostedAwardIdentifiesTheLink() throws {
        var hosted = award("gamma", id: "https://api.platform.test/assertions/G1")
        hosted.source = .hosted
        let evidence = classify(link: "https://platform.test/page/G1", .init(check: .found, award: hosted))
        #expect(evidence.map(\.kind) == [.badgeLink])
        #expect(evidence.first?.mc?.mcID == "gamma")
        #expect(evidence.first?.key == "api.platform.test/assertions/g1")
        #expect(decide(evidence, at: "2025-09-10 09:00").badges.first?.outcome == .counted)
    }

    @Test("DOMAIN: a badge link that is private or missing needs more; a revoked one goes to HR", arguments: [
        (HostedCheck.private, Outcome.needsMore, BadgeDecision.Reason.badgePrivate),
        (.notFound, .needsMore, .badgeNotFound),
        (.revoked, .needsReview, .badgeRevoked),
    ])
    func platformAnswers(check: HostedCheck, outcome: Outcome, reason: BadgeDecision.Reason) throws {
        let evidence = classify(link: "https://badgr.test/assertions/X", .init(check: check))
        let d = try #require(decide(evidence, at: "2025-09-10 09:00").badges.first)
        #expect(d.outcome == outcome)
        #expect(d.reason == reason)
    }

    @Test("An unreachable platform changes nothing: the link is judged by its patterns, as without fetching")
    func unreachablePlatform() {
        let patterned = classify(link: "https://badgr.test/assertions/X", .init(check: .unreachable("timeout")))
        #expect(decide(patterned, at: "2025-09-10 09:00").badges.first?.reason == .unidentifiedBadge)
        #expect(classify(link: "https://elsewhere.test/x", .init(check: .unreachable("timeout"))).isEmpty)
    }

    func inline(_ name: String, size: Int) -> EvidenceClassifier.File {
        .init(filename: name, contentType: "image/png", sha256: UUID().uuidString, isInline: true, size: size)
    }

    @Test("A signature logo is not a badge image: with a badge link, and on its own")
    func signatureLogosAreNotEvidence() {
        let withLink = EvidenceClassifier(approved: approvedList, providers: faqRules().providers)
            .classify(links: ["https://badges.dp.test/alpha/1"], files: [inline("image001.png", size: 120_000), inline("logo.png", size: 4_000)])
        #expect(withLink.map(\.kind) == [.badgeLink])
        #expect(classify([inline("image001.png", size: 6_000)]).isEmpty, "a question with a logo in the signature is still a question")
    }

    @Test("An image pasted into the body is a badge image when nothing else is, and it is not logo-sized")
    func pastedBadgeImages() {
        #expect(classify([inline("image001.png", size: 85_000)]).map(\.kind) == [.badgeImage])
        #expect(classify([inline("Beta.png", size: 2_000)]).map(\.kind) == [.badgeImage], "its name names an approved MC")
        var baked = inline("image001.png", size: 2_000)
        baked.award = award()
        #expect(classify([baked]).map(\.kind) == [.bakedBadge], "baked data makes any image a badge")
    }

    @Test("DOMAIN 9: a certificate PDF goes to HR only when no badge came with it")
    func certificatesBesideABadge() {
        let pdf = EvidenceClassifier.File(filename: "certificate.pdf", contentType: "application/pdf", sha256: "p1")
        let classifier = EvidenceClassifier(approved: approvedList, providers: faqRules().providers)
        #expect(classifier.classify(links: ["https://badges.dp.test/alpha/1"], files: [pdf]).map(\.kind) == [.badgeLink])
        #expect(classifier.classify(links: [], files: [pdf]).map(\.kind) == [.certificate])
        #expect(classifier.classify(links: ["https://catalog.dp.test/alpha"], files: [pdf]).map(\.kind) == [.catalogLink, .certificate])
    }
}
