import Badges
import Foundation
import MailTestSupport
import Testing

/// Unbaking badge images: the award is read from PNG text chunks and SVG elements, as bakers write them.
struct BakedBadgeTests {
    let teacher = "ann.lee@district.test"

    @Test func aPNGWithABakedAssertionGivesTheAwardAndWhereItIsHosted() throws {
        let png = BadgeBaker.png(award: BadgeBaker.assertionJSON(badgeName: "Growth Mindset", email: teacher))
        let baked = try #require(BakedBadge.unbake(png))
        #expect(baked.format == .png)
        #expect(baked.problem == nil)
        let award = try #require(baked.award)
        #expect(award.standard == .openBadges2)
        #expect(award.id == "https://badges.example.test/assertions/a1")
        #expect(award.badgeClassID == "https://badges.example.test/classes/growth-mindset")
        #expect(award.badgeName == "Growth Mindset")
        #expect(award.issuerName == "Digital Promise")
        #expect(award.issuedOn == Date(timeIntervalSince1970: 1_755_698_400))  // 2025-08-20T14:00:00Z
        #expect(award.verification == "hosted")
        #expect(!award.revoked && !award.signed)
        #expect(baked.hostedAt == "https://badges.example.test/assertions/a1")
    }

    @Test func theBadgeClassMayBeOnlyAURL() throws {
        let award = try #require(BakedBadge.unbake(BadgeBaker.png(award: BadgeBaker.assertionJSON(email: teacher)))?.award)
        #expect(award.badgeClassID == "https://badges.example.test/classes/growth-mindset")
        #expect(award.badgeName == nil)
    }

    @Test func aLegacyPNGHoldsOnlyTheAssertionURL() throws {
        let png = BadgeBaker.png([.latin1Text(keyword: "openbadges", text: "https://badges.example.test/assertions/old.json")])
        let baked = try #require(BakedBadge.unbake(png))
        #expect(baked.award == nil)
        #expect(baked.hostedAt == "https://badges.example.test/assertions/old.json")
    }

    @Test func aCompressedChunkIsReportedNotGuessed() throws {
        let png = BadgeBaker.png([.internationalText(keyword: "openbadges", text: "x\u{1}\u{2}", compressed: true)])
        let baked = try #require(BakedBadge.unbake(png))
        #expect(baked.award == nil)
        #expect(baked.problem?.contains("compressed") == true)
    }

    @Test func anOrdinaryImageIsNoBadge() {
        #expect(BakedBadge.unbake(BadgeBaker.png([.latin1Text(keyword: "Software", text: "GIMP")])) == nil)
        #expect(BakedBadge.unbake(Array("GIF89a".utf8)) == nil)
        #expect(BakedBadge.unbake([]) == nil)
    }

    @Test func unreadableBakedDataIsAProblemNotAnAward() throws {
        let baked = try #require(BakedBadge.unbake(BadgeBaker.png(award: "{\"hello\": 1}")))
        #expect(baked.award == nil)
        #expect(baked.problem != nil)
    }

    @Test func everyTruncationOfABakedPNGIsSafe() {
        let png = BadgeBaker.png(award: BadgeBaker.assertionJSON(email: teacher))
        for cut in 0..<png.count {
            let baked = BakedBadge.unbake(Array(png[0..<cut]))
            if let award = baked?.award { #expect(award.id == "https://badges.example.test/assertions/a1") }
        }
        // IDAT's length field claiming more bytes than the file has: reading stops there.
        var corrupt = png
        corrupt[33] = 0x7F
        #expect(BakedBadge.unbake(corrupt) == nil)
    }

    @Test func anSVGWithAnAssertionInCDATA() throws {
        let svg = BadgeBaker.svg(award: BadgeBaker.assertionJSON(badgeName: "Formative Assessment", email: teacher),
                                 verify: "https://badges.example.test/assertions/a1")
        let baked = try #require(BakedBadge.unbake(svg))
        #expect(baked.format == .svg)
        #expect(baked.award?.badgeName == "Formative Assessment")
        #expect(baked.hostedAt == "https://badges.example.test/assertions/a1")
    }

    @Test func anSVGNamespacePrefixIsWhateverTheFileBinds() throws {
        let svg = BadgeBaker.svg(award: BadgeBaker.assertionJSON(email: teacher), prefix: "ob")
        #expect(try #require(BakedBadge.unbake(svg)).award?.id == "https://badges.example.test/assertions/a1")
        // The element name alone, without the namespace binding, is not enough.
        let unbound = Array(String(decoding: svg, as: UTF8.self).replacingOccurrences(of: "http://openbadges.org", with: "http://example.test").utf8)
        #expect(BakedBadge.unbake(unbound) == nil)
    }

    @Test func anSVGWithEntityEscapedJSON() throws {
        let json = BadgeBaker.assertionJSON(badgeName: "Family & Community", email: teacher)
        let escaped = json.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org/">
            <openbadges:assertion verify="https://badges.example.test/assertions/a1?x=1&amp;y=2">\(escaped)</openbadges:assertion></svg>
            """
        let baked = try #require(BakedBadge.unbake(Array(svg.utf8)))
        #expect(baked.award?.badgeName == "Family & Community")
        #expect(baked.hostedAt == "https://badges.example.test/assertions/a1?x=1&y=2")
    }

    @Test func aSignedAssertionIsReadFromItsJWSPayload() throws {
        let payload = Data(BadgeBaker.assertionJSON(email: teacher).utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let jws = "eyJhbGciOiJSUzI1NiJ9.\(payload).c2lnbmF0dXJl"
        let baked = try #require(BakedBadge.unbake(BadgeBaker.png(award: jws)))
        let award = try #require(baked.award)
        #expect(award.signed)
        #expect(award.id == "https://badges.example.test/assertions/a1")
        #expect(baked.hostedAt == nil, "a signed badge is checked with the issuer's key, not at a URL")
    }
}

/// Open Badges 3.0 credentials and the recipient check.
struct BadgeAwardTests {
    static let credential = """
        {"@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
         "id": "urn:uuid:8a2f", "type": ["VerifiableCredential", "OpenBadgeCredential"],
         "issuer": {"id": "https://nea.example.test/issuer", "type": ["Profile"], "name": "National Education Association"},
         "validFrom": "2025-05-02T10:11:12.345Z",
         "credentialSubject": {"type": ["AchievementSubject"],
           "identifier": [{"type": "IdentityObject", "identityType": "emailAddress", "hashed": true,
                           "identityHash": "sha256$HASH", "salt": "s4lt"}],
           "achievement": {"id": "https://nea.example.test/achievements/classroom-management", "type": ["Achievement"], "name": "Classroom Management"}}}
        """

    func credential(for email: String) -> String {
        Self.credential.replacingOccurrences(of: "HASH", with: BadgeBaker.sha256Hex(email + "s4lt"))
    }

    @Test func anOpenBadges3CredentialInAPNG() throws {
        let png = BadgeBaker.png(award: credential(for: "bob@district.test"), keyword: "openbadgecredential")
        let award = try #require(BakedBadge.unbake(png)?.award)
        #expect(award.standard == .openBadges3)
        #expect(award.badgeClassID == "https://nea.example.test/achievements/classroom-management")
        #expect(award.badgeName == "Classroom Management")
        #expect(award.issuerName == "National Education Association")
        #expect(award.issuedOn.map { Int($0.timeIntervalSince1970) } == 1_746_180_672)
        #expect(award.recipient?.matches("bob@district.test") == true)
        #expect(award.recipient?.matches("ann@district.test") == false)
    }

    @Test func anOpenBadges3CredentialInAnSVG() throws {
        let svg = BadgeBaker.svg(award: credential(for: "bob@district.test"), prefix: "ob3", namespace: "https://purl.imsglobal.org/ob/v3p0")
            .replacingAll("ob3:assertion", with: "ob3:credential")
        #expect(try #require(BakedBadge.unbake(svg)).award?.badgeName == "Classroom Management")
    }

    @Test func aVCJWTCarriesTheCredentialInItsVCClaim() throws {
        let claims = "{\"iss\": \"https://nea.example.test/issuer\", \"vc\": \(credential(for: "bob@district.test"))}"
        let payload = Data(claims.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let award = try #require(BadgeAward.decode("eyJhbGciOiJFUzI1NiJ9.\(payload).c2ln"))
        #expect(award.standard == .openBadges3 && award.signed)
        #expect(award.badgeName == "Classroom Management")
    }

    @Test(arguments: [
        // (identity, salt, address, expected)
        ("sha256$" + BadgeBaker.sha256Hex("ann@district.test" + "x"), "x", "Ann@District.test", true),
        ("sha256$" + BadgeBaker.sha256Hex("ann@district.test"), "", "ann@district.test", true),  // Credly: no salt
        ("sha256$" + BadgeBaker.sha256Hex("ann@district.test"), "", "bob@district.test", false),
        ("md5$0f1bd2a1bcd0a9b1a7b9d3b3b4e3f0c8", "", "ann@district.test", false),
        ("ann@district.test", nil, "ANN@district.test", true),
    ] as [(String, String?, String, Bool)])
    func recipientHashesAreCheckedAgainstTheAddress(identity: String, salt: String?, address: String, expected: Bool) {
        let recipient = RecipientIdentity(type: "email", hashed: identity.contains("$"), identity: identity, salt: salt)
        #expect(recipient.matches(address) == expected)
    }

    @Test func aRecipientThatIsNotAnEmailCannotBeChecked() {
        #expect(RecipientIdentity(type: "url", hashed: false, identity: "https://ann.example").matches("ann@district.test") == nil)
        #expect(RecipientIdentity(type: "email", hashed: true, identity: "sha1$abc").matches("ann@district.test") == nil)
    }

    @Test func anyOfATeachersAddressesMayBeTheRecipient() {
        let recipient = RecipientIdentity(type: "email", hashed: true, identity: "sha256$" + BadgeBaker.sha256Hex("ann.personal@mail.test"), salt: nil)
        #expect(recipient.matches(anyOf: ["ann@district.test", "ann.personal@mail.test"]) == true)
        #expect(recipient.matches(anyOf: ["ann@district.test"]) == false)
    }

    @Test(arguments: [
        ("\"2025-08-20\"", 1_755_648_000),
        ("\"2025-08-20T14:00:00Z\"", 1_755_698_400),
        ("\"2025-08-20T09:00:00-05:00\"", 1_755_698_400),
        ("\"2025-08-20T14:00:00.5Z\"", 1_755_698_400),
        ("1755698400", 1_755_698_400),
    ])
    func issueDatesInTheShapesIssuersUse(value: String, seconds: Int) throws {
        let json = "{\"type\": \"Assertion\", \"badge\": \"https://b.test/c\", \"recipient\": {\"identity\": \"a@b.test\"}, \"issuedOn\": \(value)}"
        let award = try #require(BadgeAward.decode(json))
        #expect(award.issuedOn.map { Int($0.timeIntervalSince1970) } == seconds)
    }

    @Test func aRevokedFlagIsRead() throws {
        let award = try #require(BadgeAward.decode(BadgeBaker.assertionJSON(email: "a@b.test", revoked: true)))
        #expect(award.revoked)
    }
}

extension Array where Element == UInt8 {
    func replacingAll(_ old: String, with new: String) -> [UInt8] {
        Array(String(decoding: self, as: UTF8.self).replacingOccurrences(of: old, with: new).utf8)
    }
}

/// Badge platforms' page links mapped to where their Open Badges JSON is served.
struct HostedAssertionTests {
    @Test(arguments: [
        ("https://www.credly.com/badges/0b9a1c2e-1111-2222-3333-444455556666/public_url",
         "https://api.credly.com/v1/obi/v2/badge_assertions/0b9a1c2e-1111-2222-3333-444455556666"),
        ("https://www.youracclaim.com/badges/abc-123", "https://api.credly.com/v1/obi/v2/badge_assertions/abc-123"),
        ("https://badgr.com/public/assertions/AbCdEfGhIjKlMnOpQrStUv?identity__email=a%40b.test",
         "https://api.badgr.io/public/assertions/AbCdEfGhIjKlMnOpQrStUv?v=2_0"),
        ("https://api.eu.badgr.io/public/assertions/XyZ", "https://api.eu.badgr.io/public/assertions/XyZ?v=2_0"),
        ("https://badgelist.com/Teachers/Growth-Mindset/u/ann", "https://badgelist.com/Teachers/Growth-Mindset/o/ann.json"),
        ("https://issuer.example.test/assertions/42", "https://issuer.example.test/assertions/42"),
    ])
    func platformPagesMapToTheirAPI(link: String, expected: String) {
        #expect(HostedAssertion.url(forBadgeLink: link) == expected)
    }
}
