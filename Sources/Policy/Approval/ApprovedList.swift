/// One period during which an MC was on the district's approved list. An MC removed and added again
/// has two periods; the list keeps them all so "was it approved on day D?" has an answer.
public struct ApprovedPeriod: Sendable, Equatable {
    public var mcID: String
    public var provider: String
    public var title: String
    /// How to recognise this MC's badge: link patterns, Open Badges class ids, badge names.
    public var badgePatterns: [URLPattern]
    public var badgeClassIDs: [String]
    public var badgeNames: [String]
    public var addedOn: CalendarDay
    public var removedOn: CalendarDay?

    public init(
        mcID: String, provider: String, title: String, badgePatterns: [URLPattern], badgeClassIDs: [String] = [], badgeNames: [String] = [],
        addedOn: CalendarDay, removedOn: CalendarDay? = nil
    ) {
        self.mcID = mcID
        self.provider = provider
        self.title = title
        self.badgePatterns = badgePatterns
        self.badgeClassIDs = badgeClassIDs
        self.badgeNames = badgeNames
        self.addedOn = addedOn
        self.removedOn = removedOn
    }

    /// On the list from `addedOn` through the day before `removedOn`.
    public func covers(_ day: CalendarDay) -> Bool {
        day >= addedOn && (removedOn.map { day < $0 } ?? true)
    }
}

/// The approved list with its history.
public struct ApprovedList: Sendable, Equatable {
    public var periods: [ApprovedPeriod]

    public init(_ periods: [ApprovedPeriod]) { self.periods = periods }

    /// The MC (its latest period) whose badge patterns, class ids or names match, whether or not it is approved now.
    public func mc(forLink url: String) -> ApprovedPeriod? {
        latest(periods.filter { $0.badgePatterns.contains { $0.matches(url) } })
    }

    public func mc(forBadgeClass id: String) -> ApprovedPeriod? {
        latest(periods.filter { $0.badgeClassIDs.contains(id) })
    }

    public func mc(forBadgeName name: String) -> ApprovedPeriod? {
        let key = name.lowercased()
        return latest(periods.filter { $0.badgeNames.contains { $0.lowercased() == key } || $0.title.lowercased() == key })
    }

    public func mc(id: String) -> ApprovedPeriod? { latest(periods.filter { $0.mcID == id }) }

    /// Whether `mcID` was on the list on `day`.
    public func isApproved(_ mcID: String, on day: CalendarDay) -> Bool {
        periods.contains { $0.mcID == mcID && $0.covers(day) }
    }

    /// The day `mcID` left the list most recently before or on `day`, if it did.
    public func removal(of mcID: String, before day: CalendarDay) -> CalendarDay? {
        periods.filter { $0.mcID == mcID }.compactMap(\.removedOn).filter { $0 <= day }.max()
    }

    /// The periods in force on `day`.
    public func approved(on day: CalendarDay) -> [ApprovedPeriod] {
        periods.filter { $0.covers(day) }
    }

    private func latest(_ candidates: [ApprovedPeriod]) -> ApprovedPeriod? {
        candidates.max { $0.addedOn < $1.addedOn }
    }
}
