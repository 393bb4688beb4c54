import Foundation

/// Dates in mail: RFC 5322 with obsolete forms, and the looser forms clients print in forwarded
/// header blocks ("Thursday, September 5, 2024 3:14 PM", "Mon, Sep 9, 2024 at 10:00 AM").
public enum MailDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
        "mst": -420, "mdt": -360, "pst": -480, "pdt": -420, "bst": 60, "cet": 60, "cest": 120,
    ]

    /// Parses a date; without a zone the time is read as UTC. Nil when no day, month and year are found
    /// or a field is out of range (hour 27, day 32).
    public static func parse(_ raw: String) -> Date? {
        var text = raw.lowercased()
        if let open = text.firstIndex(of: "(") { text = String(text[..<open]) }  // trailing "(CDT)" comments
        let tokens = text.split(whereSeparator: { " ,\t\r\n".contains($0) }).map(String.init)
        var day: Int?, month: Int?, year: Int?
        var hour = 0, minute = 0, second = 0
        var offsetMinutes = 0
        var pm: Bool?
        for token in tokens {
            if token.contains(":") {
                let parts = token.split(separator: ":").map { Int($0) }
                guard parts.count >= 2, let h = parts[0], let m = parts[1] else { continue }
                hour = h; minute = m
                if parts.count > 2, let s = parts[2] { second = s }
            } else if let m = months.firstIndex(where: { token.hasPrefix($0) }), month == nil {
                month = m + 1
            } else if token == "am" || token == "pm" {
                pm = token == "pm"
            } else if (token.hasPrefix("+") || token.hasPrefix("-")) && token.count == 5, let value = Int(token.dropFirst()) {
                let sign = token.hasPrefix("-") ? -1 : 1
                offsetMinutes = sign * (value / 100 * 60 + value % 100)
            } else if let zone = zones[token] {
                offsetMinutes = zone
            } else if let number = Int(token) {
                if token.count == 4 || number > 31 { year = number } else if day == nil { day = number } else if year == nil { year = number }
            } else if token.hasSuffix("st") || token.hasSuffix("nd") || token.hasSuffix("rd") || token.hasSuffix("th"),
                      let number = Int(token.dropLast(2)), day == nil {
                day = number
            }
        }
        if let isPM = pm {
            if isPM && hour < 12 { hour += 12 } else if !isPM && hour == 12 { hour = 0 }
        }
        guard let d = day, let mo = month, var y = year else { return nil }
        if y < 50 { y += 2000 } else if y < 100 { y += 1900 }
        guard (1...31).contains(d), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        var components = DateComponents()
        components.year = y; components.month = mo; components.day = d
        components.hour = hour; components.minute = minute; components.second = min(second, 59)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let utc = calendar.date(from: components), calendar.component(.day, from: utc) == d else { return nil }
        return utc.addingTimeInterval(TimeInterval(-offsetMinutes * 60))
    }

    /// RFC 5322 form in UTC, e.g. "Sun, 29 Nov 2026 17:47:51 +0000".
    public static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(weekdays[c.weekday! - 1]), \(c.day!) \(monthNames[c.month! - 1]) \(c.year!) \(two(c.hour!)):\(two(c.minute!)):\(two(c.second!)) +0000"
    }
}
