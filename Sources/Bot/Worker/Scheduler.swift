import Foundation
import Policy
import Store

/// Jobs that run by the calendar rather than by mail: on a contract year's first day, banked badges
/// are applied (each teacher told). Each job runs once per period, even across restarts.
struct Scheduler {
    let context: BotContext

    func runDueJobs() throws {
        try rollOverIfDue()
    }

    /// On or after the first day of a contract year (before any of its mail is read), applies banked badges.
    func rollOverIfDue() throws {
        let rules = context.rules
        guard rules.autoApplyBanked else { return }
        let now = context.clock.now
        let today = rules.calendar.day(of: now)
        let year = rules.calendar.contractYear(containing: today)
        let period = "\(year.startYear)"
        let store = context.store
        // Each teacher's change is one transaction and idempotent, so a crash part-way just resumes.
        let validator = Validator(rules: rules, approved: try store.approvedList())
        let composer = ReplyComposer(context: context)
        if try store.scheduledRunDone(job: "rollover", period: period) { return }
        for teacher in try store.teachers() {
            let ledger = try store.recordedBadges(teacherID: teacher.id!)
            guard let plan = validator.rollOver(into: year, ledger: ledger), !plan.isEmpty else { continue }
            var changes = plan.applied.map { StatusChange(submissionID: $0.badge.id, status: "counted", contractYear: year.startYear, countInYear: $0.countInYear) }
            changes += plan.stillBanked.map { StatusChange(submissionID: $0.id, status: "banked", contractYear: year.next.startYear, countInYear: nil) }
            let notice = composer.rolloverNotice(teacher: teacher, plan: plan)
            try store.applyRollover(changes, teacherID: teacher.id!, notice: notice, at: now,
                                    detail: "\(plan.applied.count) applied to \(year.name), \(plan.stillBanked.count) still banked")
            context.logger.info("roll-over for \(teacher.email): \(plan.applied.count) applied, \(plan.stillBanked.count) still banked")
        }
        _ = try store.claimScheduledRun(job: "rollover", period: period, at: now)
    }
}
