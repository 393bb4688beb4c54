import Foundation
import Policy
import Store
import MIME

/// Reports mcbot mails by itself (`reports.*` in the policy), each once per period even across
/// restarts: the monthly PD-hours file to the PD-hours contact, the compensation list to HR once the
/// window has closed, and a weekly digest of HR's open reviews. An empty report is not sent.
struct ReportScheduler {
    let context: BotContext

    private var rules: PolicyRules { context.rules }

    func runIfDue() throws {
        let now = context.clock.now
        let today = rules.calendar.day(of: now)
        if rules.reports.monthlyPDHours { try sendPDHours(for: YearMonth(containing: today).previous, at: now) }
        if rules.reports.compensationList, let year = Self.compensationYearDue(today: today, calendar: rules.calendar) {
            try sendCompensationList(for: year, at: now)
        }
        if let weekday = rules.reports.reviewDigestWeekday, Self.weekday(of: today, in: rules.calendar.timeZone) == weekday {
            try sendReviewDigest(day: today, at: now)
        }
    }

    /// The contract year whose window has closed and whose list is therefore final, from the day after the close.
    static func compensationYearDue(today: CalendarDay, calendar: SubmissionCalendar) -> ContractYear? {
        let year = calendar.contractYear(containing: today)
        return today > calendar.lastDayOfWindow(year) ? year : nil
    }

    /// 1 Sunday ... 7 Saturday. (A digest day missed while mcbot was down is skipped: HR had each
    /// review's own notice, and next week's digest lists what is still open.)
    static func weekday(of day: CalendarDay, in zone: TimeZone) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.component(.weekday, from: day.start(in: zone).addingTimeInterval(12 * 3600))
    }

    private func sendPDHours(for month: YearMonth, at now: Date) throws {
        let period = String(format: "%04d-%02d", month.year, month.month)
        guard try !context.store.scheduledRunDone(job: "report.pd-hours", period: period) else { return }
        let export = try HRExports(context: context).pdHours(month: month)
        let contact = rules.contacts.pdHours
        let notice = export.rows == 0 ? nil : ReplyComposer(context: context).reportNotice(
            to: [MailAddress(displayName: contact.name, address: contact.email)], subject: "PD hours credited in \(month): \(export.rows) micro-credentials",
            values: ["pdHours": ["month": month.description, "rows": export.rows]], command: "mcbot export pd-hours --month \(period)",
            attachment: OutgoingAttachment(filename: "pd-hours-\(period).csv", contentType: "text/csv; charset=utf-8", bytes: Array(export.csv.utf8)))
        try queue("report.pd-hours", period: period, notice, at: now)
    }

    private func sendCompensationList(for year: ContractYear, at now: Date) throws {
        let period = "\(year.startYear)"
        guard try !context.store.scheduledRunDone(job: "report.compensation", period: period) else { return }
        let export = try HRExports(context: context).payroll(year: year)
        let payment = rules.calendar.paymentMonth(of: year).description
        let notice = export.rows == 0 ? nil : ReplyComposer(context: context).reportNotice(
            to: hr, subject: "Micro-credential compensation list for \(year.name) (paid \(payment)): \(export.rows) micro-credentials",
            values: ["payroll": ["year": year.name, "rows": export.rows, "paymentMonth": payment,
                                 "windowClose": rules.calendar.lastDayOfWindow(year).spelledOut]],
            command: "mcbot export payroll --year \(year.startYear)",
            attachment: OutgoingAttachment(filename: "compensation-\(year.startYear).csv", contentType: "text/csv; charset=utf-8", bytes: Array(export.csv.utf8)))
        try queue("report.compensation", period: period, notice, at: now)
    }

    private func sendReviewDigest(day: CalendarDay, at now: Date) throws {
        let period = day.description
        guard try !context.store.scheduledRunDone(job: "report.review-digest", period: period) else { return }
        let open = try context.store.reviews().filter { $0.reviewer == Reviewer.hr.rawValue }
        let zone = rules.calendar.timeZone
        let items = open.map { r -> [String: Any] in
            ["id": r.id, "created": DistrictTime.format(r.createdAt, in: zone), "who": r.teacherName ?? r.fromAddress ?? "unknown sender", "reason": r.reason]
        }
        let notice = open.isEmpty ? nil : ReplyComposer(context: context).reportNotice(
            to: hr, subject: "Micro-credential reviews waiting: \(open.count)", values: ["digest": ["count": open.count, "items": items]],
            command: "mcbot reviews", attachment: nil)
        try queue("report.review-digest", period: period, notice, at: now)
    }

    private var hr: [MailAddress] { rules.contacts.hr.map { MailAddress(displayName: $0.name, address: $0.email) } }

    private func queue(_ job: String, period: String, _ notice: OutboxItem?, at now: Date) throws {
        if try context.store.runScheduledJob(job: job, period: period, at: now, items: { notice.map { [$0] } ?? [] }), notice != nil {
            context.logger.info("\(job) for \(period) queued")
        }
    }
}
