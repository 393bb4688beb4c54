import Foundation
import Policy

/// Dates as spreadsheets write them: 2025-07-01, 7/1/2025, 07/01/2025 (US order), 2025/07/01,
/// optionally followed by a time ("9/15/2025 10:32:11"), or an Excel serial number as .xlsx cells
/// hold them (45839.4 is 2025-07-01 09:36).
enum SpreadsheetDate {
    static func day(_ text: String) -> CalendarDay? {
        if let serial = serial(text) { return serial.day }
        let datePart = text.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
        if let day = CalendarDay(datePart) { return day }
        let pieces = datePart.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" }).compactMap { Int($0) }
        guard pieces.count == 3 else { return nil }
        if pieces[0] > 31 { return CalendarDay(year: pieces[0], month: pieces[1], day: pieces[2]) }
        let year = pieces[2] < 100 ? 2000 + pieces[2] : pieces[2]
        return CalendarDay(year: year, month: pieces[0], day: pieces[1])
    }

    /// A timestamp read in `zone` ("9/15/2025 10:32:11" or ISO 8601).
    static func instant(_ text: String, in zone: TimeZone) -> Date? {
        if let date = Clock.parseISO8601(text) { return date }
        if let serial = serial(text) { return serial.day.start(in: zone).addingTimeInterval(TimeInterval(serial.seconds)) }
        guard let day = day(text) else { return nil }
        let timeText = text.trimmingCharacters(in: .whitespaces).split(separator: " ").dropFirst().first.map(String.init) ?? "0:00:00"
        let parts = timeText.split(separator: ":").compactMap { Int($0) }
        var seconds = 0
        if parts.count >= 2 { seconds = parts[0] * 3600 + parts[1] * 60 + (parts.count > 2 ? parts[2] : 0) }
        if text.lowercased().hasSuffix("pm"), parts.first.map({ $0 < 12 }) == true { seconds += 12 * 3600 }
        return day.start(in: zone).addingTimeInterval(TimeInterval(seconds))
    }

    /// Excel's serial dates: days since 1899-12-30, the fraction being the time of day. Only values
    /// from 1954 to 2119 are taken as dates, so a stray number is not mistaken for one.
    static func serial(_ text: String) -> (day: CalendarDay, seconds: Int)? {
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), (20_000...80_000).contains(value) else { return nil }
        let days = Int(value.rounded(.down))
        let seconds = min(86_399, Int(((value - Double(days)) * 86_400).rounded()))
        return (CalendarDay(year: 1899, month: 12, day: 30)!.adding(days: days), seconds)
    }
}
