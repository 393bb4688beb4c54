import Foundation

/// What an Open Badges 2.0 assertion or 3.0 credential says about itself: which badge, from whom,
/// to whom, when, and whether its issuer revoked it. Read offline, so it shows the badge's shape,
/// not that it is authentic (that needs the hosted copy or the issuer's key).
public struct BadgeAward: Sendable, Equatable {
    public enum Standard: String, Sendable { case openBadges2 = "2.0", openBadges3 = "3.0" }

    public var standard: Standard
    /// The assertion's or credential's id: for hosted 2.0 assertions, the URL it lives at.
    public var id: String?
    /// The BadgeClass (2.0) or Achievement (3.0) id, the same for every award of one MC.
    public var badgeClassID: String?
    public var badgeName: String?
    public var issuerID: String?
    public var issuerName: String?
    public var issuedOn: Date?
    public var expires: Date?
    public var revoked: Bool
    public var recipient: RecipientIdentity?
    /// `hosted` or `signed` (2.0); nil when not stated.
    public var verification: String?
    /// Set when it arrived as a compact JWS whose signature is not checked here.
    public var signed: Bool = false

    /// Reads JSON, or a compact JWS carrying it; nil when it is neither an assertion nor a credential.
    public static func decode(_ text: String) -> BadgeAward? {
        let trimmed = text.trimmingSpaces
        if let jws = CompactJWS(trimmed) {
            guard var award = decode(json: jws.payload) else { return nil }
            award.signed = true
            return award
        }
        return decode(json: Array(trimmed.utf8))
    }

    static func decode(json bytes: [UInt8]) -> BadgeAward? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return nil }
        // A VC-JWT carries the credential in a `vc` claim.
        let node = (object["vc"] as? [String: Any]) ?? object
        let types = strings(node["type"]) + strings(node["@type"])
        if types.contains(where: { $0.hasSuffix("OpenBadgeCredential") || $0.hasSuffix("AchievementCredential") }) {
            return credential(node)
        }
        if types.contains(where: { $0 == "Assertion" || $0.hasSuffix("/Assertion") }) || (node["recipient"] != nil && node["badge"] != nil) {
            return assertion(node)
        }
        return nil
    }

    /// Open Badges 2.0 (and the older 1.x shapes, which have the same fields).
    static func assertion(_ node: [String: Any]) -> BadgeAward {
        let badge = node["badge"]
        let badgeObject = badge as? [String: Any]
        let issuer = badgeObject?["issuer"]
        var recipient: RecipientIdentity?
        if let r = node["recipient"] as? [String: Any], let identity = r["identity"] as? String {
            recipient = RecipientIdentity(type: r["type"] as? String ?? "email", hashed: bool(r["hashed"]) ?? identity.contains("$"),
                                          identity: identity, salt: r["salt"] as? String)
        } else if let identity = node["recipient"] as? String {
            // 0.5 / 1.0 style: a bare hash or address.
            recipient = RecipientIdentity(type: "email", hashed: identity.contains("$"), identity: identity, salt: node["salt"] as? String)
        }
        let verification = node["verification"] as? [String: Any] ?? node["verify"] as? [String: Any]
        let revoked = bool(node["revoked"]) ?? false
        return BadgeAward(
            standard: .openBadges2, id: node["id"] as? String ?? node["uid"] as? String,
            badgeClassID: badge as? String ?? badgeObject?["id"] as? String,
            badgeName: badgeObject?["name"] as? String,
            issuerID: issuer as? String ?? (issuer as? [String: Any])?["id"] as? String,
            issuerName: (issuer as? [String: Any])?["name"] as? String,
            issuedOn: date(node["issuedOn"]), expires: date(node["expires"]), revoked: revoked, recipient: recipient,
            verification: (verification?["type"] as? String)?.lowercased())
    }

    /// Open Badges 3.0, a W3C Verifiable Credential.
    static func credential(_ node: [String: Any]) -> BadgeAward {
        let subject = (node["credentialSubject"] as? [String: Any]) ?? [:]
        let achievement = (subject["achievement"] as? [String: Any]) ?? [:]
        let issuer = node["issuer"]
        var recipient: RecipientIdentity?
        let identifiers = (subject["identifier"] as? [[String: Any]]) ?? ((subject["identifier"] as? [String: Any]).map { [$0] } ?? [])
        if let email = identifiers.first(where: { ($0["identityType"] as? String)?.lowercased() == "emailaddress" }),
           let hash = email["identityHash"] as? String {
            recipient = RecipientIdentity(type: "emailAddress", hashed: bool(email["hashed"]) ?? hash.contains("$"), identity: hash, salt: email["salt"] as? String)
        } else if let id = subject["id"] as? String, id.lowercased().hasPrefix("mailto:") {
            recipient = RecipientIdentity(type: "email", hashed: false, identity: id)
        }
        return BadgeAward(
            standard: .openBadges3, id: node["id"] as? String, badgeClassID: achievement["id"] as? String,
            badgeName: achievement["name"] as? String ?? node["name"] as? String,
            issuerID: issuer as? String ?? (issuer as? [String: Any])?["id"] as? String,
            issuerName: (issuer as? [String: Any])?["name"] as? String,
            issuedOn: date(node["validFrom"]) ?? date(node["issuanceDate"]) ?? date(subject["activityEndDate"]),
            expires: date(node["validUntil"]) ?? date(node["expirationDate"]), revoked: false, recipient: recipient, verification: nil)
    }

    static func strings(_ value: Any?) -> [String] {
        if let one = value as? String { return [one] }
        return (value as? [Any])?.compactMap { $0 as? String } ?? []
    }

    static func bool(_ value: Any?) -> Bool? {
        if let flag = value as? Bool { return flag }
        if let text = value as? String { return ["true", "1", "yes"].contains(text.lowercased()) }
        return nil
    }

    /// ISO 8601 with or without fractional seconds or a time, or Unix seconds (1.0 assertions).
    static func date(_ value: Any?) -> Date? {
        if let seconds = value as? Double { return Date(timeIntervalSince1970: seconds) }
        if let seconds = value as? Int { return Date(timeIntervalSince1970: TimeInterval(seconds)) }
        guard let text = (value as? String)?.trimmingSpaces, !text.isEmpty else { return nil }
        if let seconds = Double(text), !text.contains("-") { return Date(timeIntervalSince1970: seconds) }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        if text.count == 10, let date = try? Date(text + "T00:00:00Z", strategy: .iso8601) { return date }
        return nil
    }
}
