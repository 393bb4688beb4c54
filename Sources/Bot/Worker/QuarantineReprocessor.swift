import Store

/// `mcbot quarantine reprocess`: processes a quarantined message again, once.
public struct QuarantineReprocessor: Sendable {
    let context: BotContext

    public init(context: BotContext) { self.context = context }

    public enum Result: Sendable {
        case processed(LedgerEntry)
        /// It still cannot be read: nothing changed.
        case stillUnreadable(String)
        /// Only its header was kept (it was over the size limit): the whole message is needed.
        case onlyHeaderKept
        case notQuarantined
    }

    /// Reads the approved-list file first, as a poll does, so the message meets today's list.
    public func reprocess(_ entry: LedgerEntry) throws -> Result {
        try ApprovedListSync(context: context).syncIfChanged()
        return try MessageProcessor(context: context).reprocess(entry)
    }
}
