import ArgumentParser
import Bot
import Foundation
import Store

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to a new file, safely while the worker runs (SQLite online backup, integrity-checked)."
    )
    @OptionGroup var options: CommonOptions
    @Argument(help: "The new file (it must not exist yet).") var file: String

    func run() async throws {
        let context = try await options.context()
        do {
            try context.store.backup(to: file)
        } catch let failure as Store.BackupFailure {
            printError("mcbot backup: \(failure)")
            throw ExitCode(73)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        print("database backed up to \(file) (\(size) bytes, integrity ok)")
    }
}
