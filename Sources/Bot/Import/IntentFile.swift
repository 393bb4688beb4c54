import Foundation
import MIME
import Policy
import Store
import Tables

/// The approval form's responses as Google Forms exports them: a timestamp, the respondent's email,
/// and the chosen MCs (checkbox answers joined by ", "). Column names come from the policy's
/// `intents.*_column` keys. MCs are matched to the approved list by title or id.
public enum IntentFile {
    public static func read(bytes: [UInt8], name: String, columns: PolicyLoader.IntentColumns, approved: ApprovedList, timeZone: TimeZone) throws
        -> (entries: [IntentEntry], problems: [String])
    {
        let table = try CSVTable(bytes: bytes, name: name)
        for (key, column) in [("intents.timestamp_column", columns.timestamp), ("intents.email_column", columns.email), ("intents.mcs_column", columns.mcs)]
        where table.column([column]) == nil {
            throw CSVTable.Unreadable(reason: "\(name) has no column \"\(column)\" (policy \(key)); its columns are: \(table.header.joined(separator: ", "))")
        }
        let titles = Dictionary(approved.periods.map { ($0.title.lowercased(), $0.mcID) }, uniquingKeysWith: { a, _ in a })
        let ids = Set(approved.periods.map(\.mcID))
        var entries: [IntentEntry] = []
        var problems: [String] = []
        for record in table.records {
            let at = "\(name) line \(record.line)"
            guard let stamp = record[columns.timestamp], let declaredAt = SpreadsheetDate.instant(stamp, in: timeZone) else {
                problems.append("\(at): \"\(record[columns.timestamp] ?? "")\" is not a timestamp; row skipped")
                continue
            }
            guard let emailText = record[columns.email], let email = AddressList.parse(emailText).first?.normalized else {
                problems.append("\(at): \"\(record[columns.email] ?? "")\" is not an email address; row skipped")
                continue
            }
            let chosen = record[columns.mcs] ?? ""
            for title in Self.choices(chosen, known: Array(titles.keys)) {
                let key = title.lowercased()
                guard let id = titles[key] ?? (ids.contains(title) ? title : nil) else {
                    problems.append("\(at): \"\(title)\" is not an MC on the approved list; that choice skipped")
                    continue
                }
                entries.append(IntentEntry(email: email, mcID: id, declaredAt: declaredAt, declaredOn: CalendarDay.of(declaredAt, in: timeZone)))
            }
        }
        return (entries, problems)
    }

    /// Splits the checkbox answers. Titles may themselves contain ", ", so known titles are matched first.
    static func choices(_ cell: String, known: [String]) -> [String] {
        var rest = cell
        var found: [String] = []
        for title in known.sorted(by: { $0.count > $1.count }) {
            if let range = rest.range(of: title, options: .caseInsensitive) {
                found.append(String(rest[range]))
                rest.replaceSubrange(range, with: ";")
            }
        }
        found += rest.split(whereSeparator: { $0 == "," || $0 == ";" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return found
    }
}
