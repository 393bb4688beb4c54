import Foundation
import Policy
import Store

/// Jobs that run by the calendar rather than by mail: on a contract year's first day, banked badges
/// are applied (each teacher told); on the September reminder days, teachers who take part hear where
/// they stand before the deadline; HR's reports (`ReportScheduler`). Each job runs once per period,
/// even across restarts.
struct Scheduler {
    let context: BotContext

    /// Before the mailbox is read: a new year's roll-over comes before that year's new mail.
    func runBeforeMail() throws {
        try rollOverIfDue()
    }

    /// After the mailbox is read: reminders and reports reflect the mail that just arrived.
    func runAfterMail() throws {
        try remindIfDue()
        try ReportScheduler(context: context).runIfDue()
    }

    /// The reminder day (of the open window) most recently reached, if any; a day missed while mcbot
    /// was down is sent late, once, but never more than the latest one.
    static func dueReminderDay(today: CalendarDay, rules: PolicyRules) -> CalendarDay? {
        let calendar = rules.calendar
        let year = calendar.contractYear(containing: today)
        let first = calendar.firstDay(of: year), last = calendar.lastDayOfWindow(year)
        guard today <= last else { return nil }
        let days = rules.reminderDays.map { md -> CalendarDay in
            let inStartYear = md.inYear(year.startYear)
            return inStartYear >= first ? inStartYear : md.inYear(year.startYear + 1)
        }
        return days.filter { $0 >= first && $0 <= last && $0 <= today }.max()
    }

    /// Sends each teacher who takes part (declared an MC or has badges recorded) one reminder with
    /// their count, MCs declared but not yet sent, and missing PD logs. Teachers with nothing left to
    /// do for the year are not reminded.
    func remindIfDue() throws {
        let rules = context.rules
        let now = context.clock.now
        guard let day = Self.dueReminderDay(today: rules.calendar.day(of: now), rules: rules) else { return }
        let store = context.store
        if try store.scheduledRunDone(job: "reminder", period: day.description) { return }
        let year = rules.calendar.contractYear(containing: day)
        let approved = try store.approvedList()
        let composer = ReplyComposer(context: context)
        var notices: [OutboxItem] = []
        for teacher in try store.teachers() {
            let ledger = try store.recordedBadges(teacherID: teacher.id!)
            let intents = try store.intents(teacherID: teacher.id!)
            guard !ledger.isEmpty || !intents.isEmpty else { continue }
            let counted = ledger.filter { $0.countedYear == year }.count
            let recorded = Set(ledger.map(\.mcID))
            let declared = intents.keys.filter { !recorded.contains($0) }.map { approved.mc(id: $0)?.title ?? $0 }.sorted()
            let pdMissing = ledger.filter(\.pdHoursPending).map(\.mcTitle)
            let banked = ledger.filter { $0.bankedFor != nil }.count
            if counted >= rules.capPerYear && pdMissing.isEmpty { continue }
            if declared.isEmpty && pdMissing.isEmpty && counted == 0 && banked == 0 { continue }
            notices.append(composer.reminderNotice(teacher: teacher, year: year, counted: counted, declared: declared, pdMissing: pdMissing, banked: banked))
        }
        if try store.runScheduledJob(job: "reminder", period: day.description, at: now, items: { notices }) {
            context.logger.info("reminders for \(day): \(notices.count) queued")
        }
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
        if try store.scheduledRunDone(job: "rollover", period: period) { return }
        // Each teacher's change is one transaction and idempotent, so a crash part-way just resumes.
        let validator = Validator(rules: rules, approved: try store.approvedList())
        let composer = ReplyComposer(context: context)
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
