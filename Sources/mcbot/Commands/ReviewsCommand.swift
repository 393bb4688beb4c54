import ArgumentParser
import Bot
import Foundation
import Store

struct ReviewsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reviews",
        abstract: "Cases waiting for HR or the Professional Growth Team: list them, and mark one resolved.",
        subcommands: [List.self, Resolve.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List open reviews, oldest first (with --all, resolved ones too).")
        @OptionGroup var options: CommonOptions
        @Flag(help: "Resolved reviews too.") var all = false
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let context = try await options.context()
            let reviews = try context.store.reviews(includeResolved: all)
            if json {
                print(try jsonText(reviews))
                return
            }
            guard !reviews.isEmpty else {
                print(all ? "No reviews." : "No open reviews.")
                return
            }
            let zone = context.rules.calendar.timeZone
            for r in reviews {
                let who = r.teacherName.map { "\($0) <\(r.teacherEmail ?? "")>" } ?? r.fromAddress ?? "unknown sender"
                print("#\(r.id)  \(DistrictTime.format(r.createdAt, in: zone))  for \(r.reviewer)  \(who)")
                if let subject = r.subject { print("    Subject: \(subject)\(r.messageRowID.map { "  (message \($0))" } ?? "")") }
                print("    \(r.reason)")
                if r.status == "resolved" {
                    print("    Resolved \(r.resolvedAt.map { DistrictTime.format($0, in: zone) } ?? "")\(r.note.map { ": \($0)" } ?? "")")
                }
            }
        }
    }

    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a review resolved, with a note for the record.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The review's number, as `mcbot reviews` shows it.") var id: Int64
        @Option(help: "What was decided (kept in the database and the audit log).") var note: String?
        @Option(help: "Who resolved it (default: the login name).") var by: String?

        func run() async throws {
            let context = try await options.context()
            let actor = by ?? ProcessInfo.processInfo.environment["SUDO_USER"] ?? ProcessInfo.processInfo.environment["USER"] ?? "cli"
            do {
                try context.store.resolveReview(id, note: note, by: actor, at: context.clock.now)
            } catch let problem as Store.ReviewProblem {
                printError("mcbot reviews resolve: \(problem)")
                throw ExitCode(65)
            }
            print("Review \(id) resolved.")
        }
    }
}
