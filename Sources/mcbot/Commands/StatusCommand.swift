import ArgumentParser
import Bot
import Foundation

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show counts per outcome, the outbox backlog, open reviews and the last poll."
    )

    @OptionGroup var options: CommonOptions

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() async throws {
        let context = try await options.context()
        let report = try context.store.status(today: context.rules.calendar.day(of: context.clock.now))
        if json {
            print(try jsonText(report))
            return
        }
        let zone = context.rules.calendar.timeZone
        func local(_ date: Date) -> String { DistrictTime.format(date, in: zone) }
        func counts(_ d: [String: Int]) -> String { d.isEmpty ? "none" : d.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") }
        print("Messages:        \(counts(report.messagesByOutcome))")
        print("Decisions:       \(counts(report.decisionsByOutcome))")
        print("Outbox:          \(report.outboxPending) waiting\(report.oldestPendingSince.map { " (oldest since \(local($0)))" } ?? ""), \(report.outboxFailed) failed")
        print("Open reviews:    \(report.openReviews)")
        print("Roster:          \(report.teachers) teachers")
        print("Approved today:  \(report.approvedMCs) micro-credentials")
        print("Last poll:       \(report.lastPollAt.map(local) ?? "never")")
        if let error = report.lastError { print("Last error:      \(error) (\(report.lastErrorAt.map(local) ?? ""))") }
    }
}
