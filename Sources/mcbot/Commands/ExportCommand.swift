import ArgumentParser
import Bot
import Foundation
import Policy

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "CSV files for HR: the compensation list for payroll, and the monthly PD-hours file.",
        subcommands: [Payroll.self, PDHours.self]
    )

    struct Payroll: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "payroll", abstract: "Every badge counted in a contract year, with its payment month (the November compensation list).")
        @OptionGroup var options: CommonOptions
        @Option(help: "The contract year by the year it starts, e.g. 2025 for 2025–26 (default: the year in progress).") var year: Int?
        @Option(name: .shortAndLong, help: "Write the CSV to this file instead of standard output.") var output: String?

        func run() async throws {
            let context = try await options.context()
            let exports = HRExports(context: context)
            let year = year.map(ContractYear.init(startYear:)) ?? exports.currentYear(on: context.rules.calendar.day(of: context.clock.now))
            try deliver(try exports.payroll(year: year), to: output, what: "badges counted for")
        }
    }

    struct PDHours: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pd-hours", abstract: "PD hours credited in a month, for the monthly PD-hours processing.")
        @OptionGroup var options: CommonOptions
        @Option(help: "The month, YYYY-MM (default: last month, as processing follows the month's end).") var month: String?
        @Option(name: .shortAndLong, help: "Write the CSV to this file instead of standard output.") var output: String?

        func run() async throws {
            let context = try await options.context()
            let chosen: YearMonth
            if let month {
                guard let parsed = YearMonth(month) else {
                    printError("mcbot export pd-hours: --month \(month) is not a month; write it like 2025-09")
                    throw ExitCode(64)
                }
                chosen = parsed
            } else {
                chosen = YearMonth(containing: context.rules.calendar.day(of: context.clock.now)).previous
            }
            try deliver(try HRExports(context: context).pdHours(month: chosen), to: output, what: "badges with PD hours credited in")
        }
    }
}

/// Writes the CSV to `output` (atomically) or standard output; the summary goes to standard error.
private func deliver(_ export: HRExports.Export, to output: String?, what: String) throws {
    if let output {
        do {
            try export.csv.write(toFile: output, atomically: true, encoding: .utf8)
        } catch {
            printError("mcbot export: cannot write \(output): \(error.localizedDescription)")
            throw ExitCode(73)  // EX_CANTCREAT
        }
    } else {
        print(export.csv, terminator: "")
    }
    printError("\(export.rows) \(what) \(export.covers)\(output.map { " written to \($0)" } ?? "")")
}
