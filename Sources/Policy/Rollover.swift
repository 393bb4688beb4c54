/// What the first day of a contract year does to one teacher's banked badges.
public struct RolloverPlan: Sendable, Equatable {
    public struct Applied: Sendable, Equatable {
        public var badge: RecordedBadge
        public var countInYear: Int
    }

    public var year: ContractYear
    /// Banked badges now counted in `year`, oldest first.
    public var applied: [Applied]
    /// Banked badges beyond the cap, now banked for the year after.
    public var stillBanked: [RecordedBadge]

    public var isEmpty: Bool { applied.isEmpty && stillBanked.isEmpty }
}

extension Validator {
    /// Applies badges banked for `year` (or earlier) to it, oldest first, up to the cap; the rest stay
    /// banked for the following year. Nil when the teacher has nothing banked or auto-apply is off.
    /// Running it twice changes nothing: applied badges are counted, the rest are banked for later.
    public func rollOver(into year: ContractYear, ledger: [RecordedBadge]) -> RolloverPlan? {
        guard rules.autoApplyBanked else { return nil }
        let banked = ledger.filter { ($0.bankedFor.map { $0 <= year }) ?? false }.sorted { $0.receivedAt < $1.receivedAt }
        guard !banked.isEmpty else { return nil }
        var counted = ledger.filter { $0.countedYear == year }.count
        var applied: [RolloverPlan.Applied] = []
        var still: [RecordedBadge] = []
        for badge in banked {
            if counted < rules.capPerYear {
                counted += 1
                applied.append(.init(badge: badge, countInYear: counted))
            } else {
                still.append(badge)
            }
        }
        return RolloverPlan(year: year, applied: applied, stillBanked: still)
    }
}
