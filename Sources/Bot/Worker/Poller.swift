import Foundation
import Intake
import Logging
import Store
import Transport

/// One pass over the mailbox: every message processed once (or, if already in the ledger, only
/// moved), then the outbox flushed. One IMAP connection for the whole pass.
public struct Poller: Sendable {
    public let context: BotContext

    public init(context: BotContext) { self.context = context }

    public struct Summary: Sendable, Equatable, CustomStringConvertible {
        public var processed = 0
        public var quarantined = 0
        public var alreadyRecorded = 0
        public var left = 0
        public var sent = 0
        public var sendFailures = 0
        /// Copies of mcbot's own replies filed in the Sent folder.
        public var sentCopies = 0
        public init() {}
        public var description: String {
            "processed \(processed), quarantined \(quarantined), already recorded \(alreadyRecorded), left \(left), sent copies filed \(sentCopies); replies sent \(sent), send failures \(sendFailures)"
        }
    }

    /// - Parameter shouldStop: checked between messages; the message in hand is always finished.
    public func pollOnce(shouldStop: () -> Bool = { false }) throws -> Summary {
        let settings = context.settings
        let store = context.store
        let log = context.logger
        var summary = Summary()
        try ApprovedListSync(context: context).syncIfChanged()
        try Scheduler(context: context).runBeforeMail()

        let session = IMAPSession(settings: settings.imap)
        let mailbox = settings.mailbox
        do {
            let status = try session.status(mailbox)
            if let known = try store.knownUIDValidity(mailbox: mailbox), known != status.uidValidity {
                log.warning("UIDVALIDITY of \(mailbox) changed from \(known) to \(status.uidValidity); messages are matched by content, none is processed twice")
            }
            try session.ensureMailbox(settings.processedFolder)
            try session.ensureMailbox(settings.quarantineFolder)
            if settings.keepSentCopies { try session.ensureMailbox(settings.sentFolder) }
            let uids = try session.search(mailbox)
            let sizes = (try? session.sizes(mailbox, uids: uids)) ?? [:]
            for (n, uid) in uids.enumerated() {
                if shouldStop() {
                    summary.left = uids.count - n
                    break
                }
                let position = MailPosition(mailbox: mailbox, uidValidity: status.uidValidity, uid: uid)
                do {
                    try handle(position, size: sizes[uid], session: session, summary: &summary)
                } catch let error as TransportError {
                    throw error
                } catch {
                    // A database problem: leave the message where it is and try again next poll.
                    log.error("could not record \(position): \(error); it stays in \(mailbox) for the next poll")
                    summary.left += 1
                }
            }
            try store.notePoll(mailbox: mailbox, uidValidity: status.uidValidity, at: context.clock.now, error: nil)
            if summary.left == 0 { try Scheduler(context: context).runAfterMail() }
        } catch let error as TransportError {
            try? store.notePoll(mailbox: mailbox, uidValidity: nil, at: context.clock.now, error: error.description)
            log.error("mailbox poll stopped: \(error)")
            // Replies already recorded still go out while the mailbox is unreachable.
            _ = OutboxSender(context: context).flush(shouldStop: shouldStop, mailbox: nil)
            throw error
        }
        (summary.sent, summary.sendFailures) = OutboxSender(context: context).flush(shouldStop: shouldStop, mailbox: session)
        return summary
    }

    private func handle(_ position: MailPosition, size: Int?, session: IMAPSession, summary: inout Summary) throws {
        let settings = context.settings
        let store = context.store
        if let entry = try store.entry(mailbox: position.mailbox, uidValidity: position.uidValidity, uid: position.uid) {
            try move(entry, from: position, session: session)
            summary.alreadyRecorded += 1
            return
        }
        let limit = settings.limits.maxMessageBytes
        var raw: [UInt8]
        var tooLarge: String?
        if let size, size > limit {
            tooLarge = "\(size) bytes is over the \(limit)-byte maximum message size (worker.max_message_bytes); only its header was stored"
        }
        if tooLarge == nil {
            do {
                raw = try session.fetch(position.mailbox, uidValidity: position.uidValidity, uid: position.uid, maxBytes: limit)
            } catch .tooLarge {
                tooLarge = "over the \(limit)-byte maximum message size (worker.max_message_bytes); only its header was stored"
                raw = []
            } catch .messageNotFound {
                return  // expunged meanwhile, or the mailbox was reset: the next poll sees the new state
            }
        } else {
            raw = []
        }
        if tooLarge != nil {
            raw = try session.fetchHeader(position.mailbox, uidValidity: position.uidValidity, uid: position.uid)
        }
        let sha256 = SHA256Hex.of(raw)
        if let entry = try store.entry(sha256: sha256) {
            // The same bytes seen before (a UIDVALIDITY reset, or a copy): never processed twice.
            try move(entry, from: position, session: session)
            summary.alreadyRecorded += 1
            return
        }
        let processor = MessageProcessor(context: context)
        let result = if let tooLarge {
            try processor.quarantine(raw, at: position, sha256: sha256, reason: "message too large: \(tooLarge)", receivedAt: context.clock.now)
        } else {
            try processor.process(raw, at: position, sha256: sha256)
        }
        switch result {
        case .recorded(let entry):
            switch entry.outcome {
            case .quarantined: summary.quarantined += 1
            case .sentCopy: summary.sentCopies += 1
            case .processed, .ignored: summary.processed += 1
            }
            context.logger.info("recorded \(position) as \(entry.outcome.rawValue)\(entry.outcomes.isEmpty ? "" : " (\(entry.outcomes))")", metadata: ["message": "\(entry.id!)"])
            try move(entry, from: position, session: session)
        case .alreadyRecorded(let entry):
            summary.alreadyRecorded += 1
            try move(entry, from: position, session: session)
        }
    }

    /// Moves a recorded message to its folder; done only after its transaction committed.
    private func move(_ entry: LedgerEntry, from position: MailPosition, session: IMAPSession) throws {
        let folder = entry.destination(processed: context.settings.processedFolder, quarantine: context.settings.quarantineFolder, sent: context.settings.sentFolder)
        try session.move(uid: position.uid, uidValidity: position.uidValidity, from: position.mailbox, to: folder)
        try context.store.markMoved(entry.id!, to: folder)
    }
}
