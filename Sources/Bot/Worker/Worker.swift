import Foundation
import Logging
import ServiceLifecycle

/// The long-running worker: poll, send, sleep, until SIGTERM or SIGINT; the message in hand is
/// always finished before it stops.
public struct Worker: Service {
    public let context: BotContext

    public init(context: BotContext) { self.context = context }

    public func run() async throws {
        let poller = Poller(context: context)
        let interval = context.settings.pollIntervalSeconds
        context.logger.info("mcbot worker started: polling \(context.settings.mailbox) every \(interval) s")
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let summary = try poller.pollOnce(shouldStop: { Task.isShuttingDownGracefully || Task.isCancelled })
                if summary != Poller.Summary() { context.logger.info("poll: \(summary)") }
            } catch {
                context.logger.error("poll failed: \(error); trying again in \(interval) s")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(interval)) }
        }
        context.logger.info("mcbot worker stopped")
    }

    /// Runs the worker in a service group that stops gracefully on SIGTERM and SIGINT.
    public static func runUntilStopped(context: BotContext) async throws {
        let group = ServiceGroup(
            configuration: .init(services: [.init(service: Worker(context: context))], gracefulShutdownSignals: [.sigterm, .sigint], logger: context.logger))
        try await group.run()
    }
}
