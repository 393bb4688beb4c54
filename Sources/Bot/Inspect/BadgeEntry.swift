import Badges
import Foundation

/// The `badge` object of an inspected attachment: what its baked Open Badges data says.
struct BadgeEntry: Encodable, Sendable {
    let format: String
    /// "2.0" or "3.0"; null when only a hosted URL (or nothing readable) was baked.
    @NullWhenAbsent var standard: String?
    @NullWhenAbsent var id: String?
    @NullWhenAbsent var badgeClassID: String?
    @NullWhenAbsent var badgeName: String?
    @NullWhenAbsent var issuer: String?
    @NullWhenAbsent var issuedOn: String?
    @NullWhenAbsent var expires: String?
    let revoked: Bool
    /// Arrived as a compact JWS, whose signature mcbot does not check.
    let signed: Bool
    /// `email`, `url`, ...; with `recipientHashed`, how the recipient is stated (never the address itself).
    @NullWhenAbsent var recipientType: String?
    @NullWhenAbsent var recipientHashed: Bool?
    @NullWhenAbsent var hostedAt: String?
    @NullWhenAbsent var problem: String?

    init(_ baked: BakedBadge) {
        let award = baked.award
        let iso = ISO8601DateFormatter()
        format = baked.format.rawValue
        standard = award?.standard.rawValue
        id = award?.id
        badgeClassID = award?.badgeClassID
        badgeName = award?.badgeName
        issuer = award?.issuerName ?? award?.issuerID
        issuedOn = award?.issuedOn.map { iso.string(from: $0) }
        expires = award?.expires.map { iso.string(from: $0) }
        revoked = award?.revoked ?? false
        signed = award?.signed ?? false
        recipientType = award?.recipient?.type
        recipientHashed = award?.recipient?.hashed
        hostedAt = baked.hostedAt
        problem = baked.problem
    }

    /// One line for the readable summary.
    var summary: String {
        if let problem { return "Open Badges \(format.uppercased()): \(problem)" }
        guard let standard else { return "Open Badges \(format.uppercased()): hosted at \(hostedAt ?? "?")" }
        let parts = [badgeName.map { "“\($0)”" }, issuer.map { "from \($0)" }, issuedOn.map { "issued \($0)" }, revoked ? "REVOKED" : nil,
                     signed ? "signed" : nil, hostedAt.map { "hosted at \($0)" }].compactMap { $0 }
        return "Open Badges \(standard) badge: \(parts.joined(separator: ", "))"
    }
}
