/// What a badge's Open Badges award says, as the Bot reads it with the Badges module (Policy stays
/// free of formats and the network): baked into an image (its shape, not its authenticity), or
/// fetched from where the issuer hosts it.
public struct AwardFacts: Sendable, Equatable {
    public enum Source: String, Sendable { case baked, hosted }

    public var source: Source
    /// The assertion's or credential's own id (for hosted badges, its URL).
    public var awardID: String?
    /// The BadgeClass or Achievement id: the same for every award of one MC.
    public var badgeClassID: String?
    public var badgeName: String?
    public var issuerName: String?
    public var issuedOn: CalendarDay?
    public var expiresOn: CalendarDay?
    public var revoked: Bool
    /// Whether the award names one of the teacher's addresses; nil when that cannot be told.
    public var recipientIsTeacher: Bool?

    public init(
        source: Source = .baked, awardID: String? = nil, badgeClassID: String? = nil, badgeName: String? = nil, issuerName: String? = nil, issuedOn: CalendarDay? = nil,
        expiresOn: CalendarDay? = nil, revoked: Bool = false, recipientIsTeacher: Bool? = nil
    ) {
        self.source = source
        self.awardID = awardID
        self.badgeClassID = badgeClassID
        self.badgeName = badgeName
        self.issuerName = issuerName
        self.issuedOn = issuedOn
        self.expiresOn = expiresOn
        self.revoked = revoked
        self.recipientIsTeacher = recipientIsTeacher
    }

    /// How HR would recognise the badge: its name, else its class id.
    public var description: String {
        [badgeName.map { "“\($0)”" }, badgeClassID.map { "class \($0)" }, issuerName.map { "from \($0)" }].compactMap { $0 }.joined(separator: ", ")
    }
}

/// What happened when mcbot asked a badge platform for a link's award.
public enum HostedCheck: Sendable, Equatable {
    /// The award was there (its facts travel in `AwardFacts`).
    case found
    /// HTTP 410: the issuer revoked the badge.
    case revoked
    /// HTTP 404: no badge at that link.
    case notFound
    /// HTTP 401/403: the badge exists but is private (Open Badges 3.0 on Badgr until made public).
    case `private`
    /// The platform could not be reached or answered with something else; the link is judged as before.
    case unreachable(String)
}

extension HostedCheck {
    public var isUnreachable: Bool {
        if case .unreachable = self { return true }
        return false
    }
}
