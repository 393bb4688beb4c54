import Foundation
import Store
import Transport

/// Sends due outbox rows over one SMTP connection. A failure is retried with growing waits (30 s,
/// 1 min, 2 min ... capped at an hour); a server that is down or refuses our login stops the round
/// without using up the other rows' attempts. A recipient the server rejects outright, or a row out
/// of attempts, is marked failed for HR (`mcbot status`).
public struct OutboxSender: Sendable {
    public let context: BotContext

    public init(context: BotContext) { self.context = context }

    public func flush(shouldStop: () -> Bool = { false }) -> (sent: Int, failed: Int) {
        let store = context.store
        let log = context.logger
        guard let due = try? store.dueOutbox(now: context.clock.now, limit: 500), !due.isEmpty else { return (0, 0) }
        let client = SMTPClient(settings: context.settings.smtp)
        var sent = 0, failed = 0
        for item in due {
            if shouldStop() { break }
            do {
                let receipt = try client.send(item.bytes, from: item.envelopeFrom, to: item.recipientList)
                try store.markSent(item.id!, at: context.clock.now)
                if !receipt.authenticated {
                    log.warning("the SMTP server accepted mail without asking mcbot to log in; check smtp.url")
                }
                sent += 1
            } catch let error as TransportError {
                failed += 1
                let attempts = item.attempts + 1
                let permanent = Self.isPermanent(error) || attempts >= context.settings.outboxMaxAttempts
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
