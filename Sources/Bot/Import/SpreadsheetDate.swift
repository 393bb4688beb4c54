import Foundation
import Policy

/// Dates as spreadsheets write them: 2025-07-01, 7/1/2025, 07/01/2025 (US order), 2025/07/01,
/// optionally followed by a time ("9/15/2025 10:32:11").
enum SpreadsheetDate {
    static func day(_ text: String) -> CalendarDay? {
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
        guard let day = day(text) else { return nil }
        let timeText = text.trimmingCharacters(in: .whitespaces).split(separator: " ").dropFirst().first.map(String.init) ?? "0:00:00"
        let parts = timeText.split(separator: ":").compactMap { Int($0) }
        var seconds = 0
        if parts.count >= 2 { seconds = parts[0] * 3600 + parts[1] * 60 + (parts.count > 2 ? parts[2] : 0) }
        if text.lowercased().hasSuffix("pm"), parts.first.map({ $0 < 12 }) == true { seconds += 12 * 3600 }
        return day.start(in: zone).addingTimeInterval(TimeInterval(seconds))
    }
}
