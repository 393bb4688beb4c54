/// What a badge file's baked Open Badges data says, as the Bot reads it with the Badges module
/// (Policy stays free of file formats). Offline facts: the badge's shape, not its authenticity.
public struct BakedAward: Sendable, Equatable {
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
        awardID: String? = nil, badgeClassID: String? = nil, badgeName: String? = nil, issuerName: String? = nil, issuedOn: CalendarDay? = nil,
        expiresOn: CalendarDay? = nil, revoked: Bool = false, recipientIsTeacher: Bool? = nil
    ) {
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
