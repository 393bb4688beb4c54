import Foundation
import Intake
import Policy
import Store

/// Keeps the stored approved list in step with the CSV named by `paths.approved`: when the file's
/// content changes, it is imported (history kept), so HR edits the spreadsheet and nothing else.
struct ApprovedListSync {
    let context: BotContext

    func syncIfChanged() throws {
        guard let path = context.settings.approvedPath else { return }
        guard let bytes = try? RawFile.read(path) else {
            context.logger.error("cannot read the approved list at \(path) (paths.approved); keeping the stored list")
            return
        }
        let hash = SHA256Hex.of(bytes)
        guard try context.store.setting("approved.sha256") != hash else { return }
        let report = try ApprovedImport(context: context).run(bytes: bytes, name: (path as NSString).lastPathComponent, actor: "worker")
        try context.store.setSetting("approved.sha256", hash)
        context.logger.info("approved list \(path) imported: \(report.summary)")
        for problem in report.problems { context.logger.warning("\(problem)") }
    }
}

/// Imports an approved-list file into the store.
public struct ApprovedImport {
    public let context: BotContext
    public init(context: BotContext) { self.context = context }

    public func run(bytes: [UInt8], name: String, actor: String) throws -> ImportReport {
        let reading = try ApprovedListFile.read(bytes: bytes, name: name, knownProviders: context.rules.providers.map(\.id))
        let now = context.clock.now
        var report = try context.store.importApproved(reading.periods, today: context.rules.calendar.day(of: now), at: now, source: name, actor: actor)
        report.problems = reading.problems + report.problems
        return report
    }
}
