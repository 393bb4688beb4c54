import ArgumentParser
import Bot

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the worker: poll the mailbox, answer, send; stops gracefully on SIGTERM or SIGINT."
    )

    @OptionGroup var options: CommonOptions

    func run() async throws {
        let context = try await options.context(talksToMailServers: true)
        try await Worker.runUntilStopped(context: context)
    }
}

struct PollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poll",
        abstract: "Poll the mailbox and flush the outbox."
    )

    @OptionGroup var options: CommonOptions

    @Flag(help: "Poll once and exit (the only mode; `mcbot run` polls repeatedly).")
    var once = false

    func run() async throws {
        guard once else {
            printError("mcbot poll: add --once (use `mcbot run` to keep polling)")
            throw ExitCode(64)
        }
        let context = try await options.context(talksToMailServers: true)
        do {
            let summary = try Poller(context: context).pollOnce()
            print("poll: \(summary)")
        } catch {
            printError("mcbot poll: \(error)")
            throw ExitCode(75)
        }
    }
}
