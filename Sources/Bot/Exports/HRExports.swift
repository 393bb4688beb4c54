import Foundation
import Policy
import Store
import Tables

/// The files HR takes for payroll and PD hours, as CSV for their spreadsheets (dates in the
/// district's zone, one row per badge).
public struct HRExports: Sendable {
    let store: Store
    let calendar: SubmissionCalendar

    public init(context: BotContext) {
        store = context.store
        calendar = context.rules.calendar
    }

    public struct Export: Sendable {
        public var csv: String
        public var rows: Int
        /// What the file covers, for the summary line ("2025–26", "September 2025").
        public var covers: String
    }

    /// The contract year in progress on `day`: the one paid in its November.
    public func currentYear(on day: CalendarDay) -> ContractYear { calendar.contractYear(containing: day) }

    /// Every badge counted in `year`, with when it will be paid: the compensation list.
    public func payroll(year: ContractYear) throws -> Export {
        let lines = try store.payrollLines(contractYear: year.startYear)
        let payment = calendar.paymentMonth(of: year).description
        let rows = lines.map { line in
            [line.employeeID, line.name, line.email, line.building ?? "", year.name, line.countInYear.map(String.init) ?? "", line.mcID,
             line.mcTitle ?? line.mcID, line.provider ?? "", calendar.day(of: line.receivedAt).description, payment,
             line.pdCredited.map(ReplyComposer.hours) ?? "", line.badge]
        }
        let header = ["employee_id", "name", "email", "building", "contract_year", "number_in_year", "mc_id", "micro_credential", "provider",
                      "received_on", "payment_month", "pd_hours_credited", "badge"]
        return Export(csv: try CSVExport.text(header: header, rows: rows), rows: rows.count, covers: year.name)
    }

    /// PD hours credited in `month` (district time): the monthly PD-hours file.
    public func pdHours(month: YearMonth) throws -> Export {
        let zone = calendar.timeZone
        let lines = try store.pdHoursLines(creditedFrom: month.firstDay.start(in: zone), to: month.next.firstDay.start(in: zone))
        let rows = lines.map { line in
            [line.employeeID, line.name, line.email, line.building ?? "", line.mcID, line.mcTitle ?? line.mcID, line.pdLogged.map(ReplyComposer.hours) ?? "",
             ReplyComposer.hours(line.pdCredited), calendar.day(of: line.pdCreditedAt).description, calendar.day(of: line.receivedAt).description,
             line.pdSource.map { $0 == PDHoursStatement.messageText ? "message text" : $0 } ?? ""]
        }
        let header = ["employee_id", "name", "email", "building", "mc_id", "micro_credential", "hours_logged", "hours_credited", "credited_on",
                      "badge_received_on", "source"]
        return Export(csv: try CSVExport.text(header: header, rows: rows), rows: rows.count, covers: month.description)
    }
}
