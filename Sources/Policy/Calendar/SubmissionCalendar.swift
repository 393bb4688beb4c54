import Foundation

/// The district's yearly rhythm: contract years start on `contractYearStart`; a year's submission
/// window runs from that day through the end of `windowClose`, in the district's time zone; counted
/// badges are paid in `compensationMonth` of the year the contract year starts.
public struct SubmissionCalendar: Sendable, Equatable {
    public var contractYearStart: MonthDay
    public var windowClose: MonthDay
    public var compensationMonth: Int
    public var timeZone: TimeZone

    public init(contractYearStart: MonthDay, windowClose: MonthDay, compensationMonth: Int, timeZone: TimeZone) {
        self.contractYearStart = contractYearStart
        self.windowClose = windowClose
        self.compensationMonth = compensationMonth
        self.timeZone = timeZone
    }

    public func day(of date: Date) -> CalendarDay { CalendarDay.of(date, in: timeZone) }

    public func firstDay(of year: ContractYear) -> CalendarDay { contractYearStart.inYear(year.startYear) }

    /// The contract year `day` belongs to.
    public func contractYear(containing day: CalendarDay) -> ContractYear {
        day >= contractYearStart.inYear(day.year) ? ContractYear(startYear: day.year) : ContractYear(startYear: day.year - 1)
    }

    /// The last day badges are accepted for `year` (its window's close).
    public func lastDayOfWindow(_ year: ContractYear) -> CalendarDay {
        let close = windowClose.inYear(year.startYear)
        // A close before the start (e.g. start 07-01, close 01-15) falls in the following calendar year.
        return close >= firstDay(of: year) ? close : windowClose.inYear(year.startYear + 1)
    }

    public func isInWindow(_ day: CalendarDay) -> Bool {
        let year = contractYear(containing: day)
        return day <= lastDayOfWindow(year)
    }

    /// The contract year whose window is open on `day`, else the one whose window opens next.
    public func yearToCount(on day: CalendarDay) -> ContractYear {
        let year = contractYear(containing: day)
        return day <= lastDayOfWindow(year) ? year : year.next
    }

    /// When badges counted in `year` are paid.
    public func paymentMonth(of year: ContractYear) -> YearMonth {
        let month = compensationMonth
        let paidYear = month >= contractYearStart.month ? year.startYear : year.startYear + 1
        return YearMonth(year: paidYear, month: month)
    }
}
