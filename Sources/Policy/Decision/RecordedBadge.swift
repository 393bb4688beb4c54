import Foundation

/// A badge already in the ledger for a teacher, as the rules need to see it.
public struct RecordedBadge: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case counted(ContractYear)
        case banked(for: ContractYear)
    }

    public var id: Int64
    public var badgeKey: String
    public var mcID: String
    public var mcTitle: String
    public var status: Status
    public var receivedAt: Date
    /// True while the PD log for it has not arrived.
    public var pdHoursPending: Bool

    public init(id: Int64, badgeKey: String, mcID: String, mcTitle: String, status: Status, receivedAt: Date, pdHoursPending: Bool = false) {
        self.id = id
        self.badgeKey = badgeKey
        self.mcID = mcID
        self.mcTitle = mcTitle
        self.status = status
        self.receivedAt = receivedAt
        self.pdHoursPending = pdHoursPending
    }

    public var countedYear: ContractYear? {
        if case .counted(let year) = status { return year }
        return nil
    }

    public var bankedFor: ContractYear? {
        if case .banked(let year) = status { return year }
        return nil
    }
}
