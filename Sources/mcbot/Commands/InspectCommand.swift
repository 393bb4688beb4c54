import ArgumentParser
import Bot
import Foundation

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what mcbot reads from a message file, without touching any mailbox or database."
    )

    @Argument(help: "A message file (.eml, raw RFC 5322 bytes).")
    var file: String

    @Flag(help: "Print one JSON object instead of a summary.")
    var json = false

    func run() throws {
        let report: InspectReport
        do {
            report = try MessageInspector.inspect(fileAt: file)
        } catch {
            FileHandle.standardError.write(Data("mcbot inspect: \(error)\n".utf8))
            throw ExitCode(2)
        }
        print(json ? try report.json() : report.summary())
    }
}
