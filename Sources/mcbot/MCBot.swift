import ArgumentParser
import Bot
import Foundation

/// The command-line tool: the worker (`run`, `poll`), reading (`inspect`, `status`) and HR's tools.
@main
struct MCBot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcbot",
        abstract: "Reads micro-credential submissions from the HR mailbox, applies the district's rules, and answers.",
        subcommands: [
            RunCommand.self, PollCommand.self, InspectCommand.self, StatusCommand.self, ApprovedCommand.self, RosterCommand.self, IntentsCommand.self,
            ReviewsCommand.self, ExportCommand.self, QuarantineCommand.self, BackupCommand.self,
        ]
    )
}
