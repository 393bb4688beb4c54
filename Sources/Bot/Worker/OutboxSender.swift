import Foundation
import Store
import Transport

/// Sends due outbox rows over one SMTP connection.
///
/// - A failure is retried with growing waits (30 s, 1 min, 2 min ... capped at an hour); a server
///   that is down or refuses our login stops the round without using up the other rows' attempts.
///   A recipient the server rejects outright, or a row out of attempts, is marked failed for HR.
/// - Exactly once: each reply is also addressed to the bot's own mailbox (envelope only), and a send
///   is marked as started before it begins. A row still marked after a crash is looked up in the
///   mailbox by its Message-ID: found means it went out (not sent again); not found after a grace
///   period means it did not, and it is sent.
public struct OutboxSender: Sendable {
    public let context: BotContext
    /// How long an interrupted send's copy may take to arrive before the send is repeated.
    static let interruptedGrace: TimeInterval = 120

    public init(context: BotContext) { self.context = context }

    /// - Parameter mailbox: the poll's IMAP session, for looking up interrupted sends; nil skips that.
    public func flush(shouldStop: () -> Bool = { false }, mailbox: IMAPSession?) -> (sent: Int, failed: Int) {
        let store = context.store
        let settings = context.settings
        let log = context.logger
        guard let due = try? store.dueOutbox(now: context.clock.now, limit: 500), !due.isEmpty else { return (0, 0) }
        let client = SMTPClient(settings: settings.smtp)
        var sent = 0, failed = 0
        for item in due {
            if shouldStop() { break }
            let now = context.clock.now
            if let started = item.attemptStartedAt, settings.keepSentCopies {
                switch wentOut(item, via: mailbox) {
                case .some(true):
                    try? store.markSent(item.id!, at: now, reconciled: true)
                    log.info("outbox \(item.id!): an interrupted send had gone out; not sending it again")
                    continue
                case .some(false) where now.timeIntervalSince(started) < Self.interruptedGrace:
                    continue  // its copy may still be on the way
                case .none:
                    continue  // cannot look it up now; try on a later poll
                default:
                    break
                }
            }
            do {
                try store.markAttemptStarted(item.id!, at: now)
                var recipients = item.recipientList
                if settings.keepSentCopies { recipients.append(settings.botAddress.address) }
                let receipt = try client.send(item.bytes, from: item.envelopeFrom, to: recipients)
                try store.markSent(item.id!, at: context.clock.now)
                if !receipt.authenticated {
                    log.warning("the SMTP server accepted mail without asking mcbot to log in; check smtp.url")
                }
                sent += 1
            } catch let error as TransportError {
                failed += 1
                let attempts = item.attempts + 1
                let permanent = Self.isPermanent(error) || attempts >= settings.outboxMaxAttempts
                let retryAt = permanent ? nil : context.clock.now.addingTimeInterval(Self.backoff(attempts: attempts))
                try? store.markAttemptFailed(item.id!, error: error.description, retryAt: retryAt, at: context.clock.now)
                log.warning("sending outbox \(item.id!) failed (attempt \(attempts)): \(error)\(permanent ? "; giving up" : "; will retry")")
                if Self.affectsAll(error) { break }
            } catch {
                log.error("outbox \(item.id!): \(error)")
            }
        }
        return (sent, failed)
    }

    /// Whether the copy of `item` is in the bot's mailbox (inbox, processed or sent folder); nil when it cannot be checked.
    private func wentOut(_ item: OutboxItem, via session: IMAPSession?) -> Bool? {
        guard let session else { return nil }
        let settings = context.settings
        let criteria = "HEADER Message-ID \"<\(item.messageIDHeader)>\""
        do {
            for folder in [settings.mailbox, settings.sentFolder, settings.processedFolder] where !(try session.search(folder, criteria: criteria)).isEmpty {
                return true
            }
            return false
        } catch {
            return nil
        }
    }

    /// Seconds before attempt `attempts + 1`.
    static func backoff(attempts: Int) -> TimeInterval {
        min(3600, 30 * pow(2, Double(max(0, attempts - 1))))
    }

    /// The server rejected this message for good (a 5xx answer to it).
    static func isPermanent(_ error: TransportError) -> Bool {
        if case .rejected(_, let said) = error { return said.hasPrefix("5") }
        if case .tooLarge = error { return true }
        return false
    }

    /// A problem with the server or our login, not with this message: the rest would fail too.
    static func affectsAll(_ error: TransportError) -> Bool {
        switch error {
        case .connectionFailed, .timedOut, .authenticationFailed, .tlsFailed, .tlsNotOffered: true
        default: false
        }
    }
}
