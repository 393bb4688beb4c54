import Foundation

/// Instants as the district reads them: "2025-09-20 09:00 CDT", in the district's own zone.
public enum DistrictTime {
    public static func format(_ date: Date, in zone: TimeZone) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = "yyyy-MM-dd HH:mm zzz"
        return f.string(from: date)
    }
}
