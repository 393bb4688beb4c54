import ArgumentParser
import Bot
import Foundation

/// Options every command that touches the mailbox or database takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "The configuration file (default: $MCBOT_CONFIG, else Config/mcbot.yaml).")
    var config: String?

    @Option(name: .long, help: "Pretend it is this time (ISO 8601 with offset); also MCBOT_NOW.")
    var now: String?

    var configFile: String {
        config ?? ProcessInfo.processInfo.environment["MCBOT_CONFIG"] ?? "Config/mcbot.yaml"
    }

    /// Loads everything, or exits with the problems listed (exit code 78, EX_CONFIG). Only commands
    /// that talk to the mail servers need their passwords.
    func context(talksToMailServers: Bool = false) async throws -> BotContext {
        do {
            let clock = try Clock.from(override: now ?? ProcessInfo.processInfo.environment["MCBOT_NOW"])
            return try await BotContext.load(configFile: configFile, clock: clock, requireMailSecrets: talksToMailServers)
        } catch {
            FileHandle.standardError.write(Data("mcbot: \(error)\n".utf8))
            throw ExitCode(78)
        }
    }
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Pretty, sorted JSON.
func jsonText<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
