/// A contract year, named by the calendar year it starts in: 2025 is "2025–26".
public struct ContractYear: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let startYear: Int

    public init(startYear: Int) { self.startYear = startYear }

    public var next: ContractYear { ContractYear(startYear: startYear + 1) }
    public var previous: ContractYear { ContractYear(startYear: startYear - 1) }

    /// "2025–26".
    public var name: String {
        let end = (startYear + 1) % 100
        return "\(startYear)–\(end < 10 ? "0" : "")\(end)"
    }

    public var description: String { name }

    public static func < (a: ContractYear, b: ContractYear) -> Bool { a.startYear < b.startYear }

    public init(from decoder: Decoder) throws { startYear = try decoder.singleValueContainer().decode(Int.self) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(startYear)
    }
}

/// A month of a year, for "paid in November 2025".
public struct YearMonth: Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public var description: String { "\(MonthDay.monthNames[month - 1]) \(year)" }

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// "2025-09".
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else { return nil }
        self.init(year: year, month: month)
    }

    public init(containing day: CalendarDay) { self.init(year: day.year, month: day.month) }

    public var previous: YearMonth { month == 1 ? YearMonth(year: year - 1, month: 12) : YearMonth(year: year, month: month - 1) }
    public var next: YearMonth { month == 12 ? YearMonth(year: year + 1, month: 1) : YearMonth(year: year, month: month + 1) }
    public var firstDay: CalendarDay { CalendarDay(year: year, month: month, day: 1)! }
}
