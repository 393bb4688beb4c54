import ArgumentParser
import Bot
import Foundation
import Store

struct QuarantineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarantine",
        abstract: "Messages mcbot could not read: list them, save one's original bytes, or process one again.",
        subcommands: [List.self, Save.self, Reprocess.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List quarantined messages, newest first, with why.")
        @OptionGroup var options: CommonOptions
        @Flag(help: "Print JSON.") var json = false

        struct Row: Encodable {
            let message: Int64, receivedAt: Date, from: String?, subject: String?, size: Int, reason: String?, sha256: String, folder: String?
        }

        func run() async throws {
            let context = try await options.context()
            let entries = try context.store.quarantined()
            if json {
                print(try jsonText(entries.map {
                    Row(message: $0.id!, receivedAt: $0.receivedAt, from: $0.fromAddress, subject: $0.subject, size: $0.size, reason: $0.reason,
                        sha256: $0.sha256, folder: $0.movedTo)
                }))
                return
            }
            guard !entries.isEmpty else {
                print("No quarantined messages.")
                return
            }
            let zone = context.rules.calendar.timeZone
            for e in entries {
                print("message \(e.id!)  \(DistrictTime.format(e.receivedAt, in: zone))  \(e.fromAddress ?? "(unreadable sender)")  \(e.size) bytes")
                print("    Subject: \(e.subject ?? "(unreadable)")")
                print("    Why: \(e.reason ?? "unknown")")
            }
            print("\nSave one with: mcbot quarantine save MESSAGE FILE.eml (then `mcbot inspect FILE.eml`, or forward it)")
        }
    }

    struct Save: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a quarantined message's original bytes to a file.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The message's number, as `mcbot quarantine` shows it.") var message: Int64
        @Argument(help: "The file to write (.eml).") var file: String

        func run() async throws {
            let context = try await options.context()
            guard let entry = try context.store.entry(id: message), entry.outcome == .quarantined,
                  let bytes = try context.store.rawBytes(sha256: entry.sha256) else {
                printError("mcbot quarantine save: message \(message) is not in quarantine; `mcbot quarantine` lists them")
                throw ExitCode(65)
            }
            do {
                try Data(bytes).write(to: URL(fileURLWithPath: file), options: .withoutOverwriting)
            } catch {
                printError("mcbot quarantine save: cannot write \(file) (\(error.localizedDescription)); it must not exist yet")
                throw ExitCode(73)
            }
            print("message \(message): \(bytes.count) bytes written to \(file)")
            if bytes.count < entry.size {
                print("Only its header was kept (it is larger than worker.max_message_bytes); the whole message is in the \(context.settings.quarantineFolder) folder.")
            }
        }
    }

    struct Reprocess: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Process a quarantined message again (after a limit was raised or a fault fixed), as if it had just arrived.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The message's number, as `mcbot quarantine` shows it.") var message: Int64

        func run() async throws {
            let context = try await options.context()
            guard let entry = try context.store.entry(id: message) else {
                printError("mcbot quarantine reprocess: there is no message \(message); `mcbot quarantine` lists the quarantined ones")
                throw ExitCode(65)
            }
            switch try QuarantineReprocessor(context: context).reprocess(entry) {
            case .processed(let updated):
                print("message \(message): \(updated.outcomes.isEmpty ? updated.outcome.rawValue : updated.outcomes). Its replies go out with the worker's next send.")
                print("The message itself stays in the \(context.settings.quarantineFolder) folder; move it to \(context.settings.processedFolder) by hand if you like.")
            case .stillUnreadable(let reason):
                printError("mcbot quarantine reprocess: message \(message) still cannot be read: \(reason)")
                throw ExitCode(65)
            case .onlyHeaderKept:
                printError("mcbot quarantine reprocess: only the header of message \(message) was kept (it was over worker.max_message_bytes); raise the limit and move the message from \(context.settings.quarantineFolder) back to \(context.settings.mailbox) instead")
                throw ExitCode(65)
            case .notQuarantined:
                printError("mcbot quarantine reprocess: message \(message) is not in quarantine (processed already?)")
                throw ExitCode(65)
            }
        }
    }
}
