import ArgumentParser
import Bot
import Foundation
import Policy
import Store

/// Reads `file`, imports it with `body`, and prints each problem (standard error) and the summary.
/// An unreadable file or one without the needed columns exits 65 (EX_DATAERR) and imports nothing.
func runImport(_ file: String, label: String, _ body: (_ bytes: [UInt8], _ name: String) throws -> ImportReport) throws {
    let report: ImportReport
    do {
        report = try body(try RawFile.read(file), (file as NSString).lastPathComponent)
    } catch {
        printError("mcbot \(label) import: \(error)")
        throw ExitCode(65)
    }
    for problem in report.problems { printError(problem) }
    print("\(label): \(report.summary)")
}

struct ApprovedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approved",
        abstract: "The approved list of micro-credentials, with its history.",
        subcommands: [Import.self, List.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import an approved-list CSV; changes are recorded, never overwritten.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The CSV file.") var file: String

        func run() async throws {
            let context = try await options.context()
            try runImport(file, label: "approved list") { bytes, name in
                try ApprovedImport(context: context).run(bytes: bytes, name: name, actor: "cli")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the MCs approved on a day (default today), or every period with --all.")
        @OptionGroup var options: CommonOptions
        @Option(help: "The day to ask about (YYYY-MM-DD).") var on: String?
        @Flag(help: "Every period, past and present.") var all = false
        @Flag(help: "Print JSON.") var json = false

        struct Row: Encodable {
            let mcID: String, provider: String, title: String, addedOn: String, removedOn: String?, patterns: [String]
        }

        func run() async throws {
            let context = try await options.context()
            let list = try context.store.approvedList()
            var day = context.rules.calendar.day(of: context.clock.now)
            if let on {
                guard let parsed = CalendarDay(on) else {
                    printError("mcbot approved list: --on \(on) is not a YYYY-MM-DD date")
                    throw ExitCode(64)
                }
                day = parsed
            }
            let periods = all ? list.periods : list.approved(on: day)
            let rows = periods.map {
                Row(mcID: $0.mcID, provider: $0.provider, title: $0.title, addedOn: $0.addedOn.description, removedOn: $0.removedOn?.description,
                    patterns: $0.badgePatterns.map(\.text))
            }
            if json { print(try jsonText(rows)); return }
            print(all ? "All approved-list periods:" : "Approved on \(day): \(rows.count)")
            for r in rows {
                print("  \(r.mcID)  \(r.title)  [\(r.provider)]  from \(r.addedOn)\(r.removedOn.map { " until \($0)" } ?? "")")
            }
        }
    }
}

struct RosterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster", abstract: "The staff roster.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import a roster CSV; a bad row is reported with its line, the rest imported.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The CSV file (employee_id, name, email, other_addresses, building).") var file: String

        func run() async throws {
            let context = try await options.context()
            try runImport(file, label: "roster") { bytes, name in
                let read = try RosterFile.read(bytes: bytes, name: name)
                var report = try context.store.importRoster(read.entries, at: context.clock.now, actor: "cli")
                report.problems = read.problems + report.problems
                return report
            }
        }
    }
}

struct IntentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intents", abstract: "Declarations from the district approval form.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import the approval form's CSV export (column names from the policy's intents keys).")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The CSV exported from Google Forms.") var file: String

        func run() async throws {
            let context = try await options.context()
            try runImport(file, label: "intents") { bytes, name in
                let read = try IntentFile.read(
                    bytes: bytes, name: name, columns: context.policy.intentColumns, approved: try context.store.approvedList(),
                    timeZone: context.rules.calendar.timeZone)
                var report = try context.store.importIntents(read.entries, at: context.clock.now, actor: "cli")
                report.problems = read.problems + report.problems
                return report
            }
        }
    }
}
