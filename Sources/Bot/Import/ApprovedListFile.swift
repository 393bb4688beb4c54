import Foundation
import Policy
import Tables

/// The approved-list CSV HR keeps in a spreadsheet. Columns (any order, header names as below):
/// provider, mc_id, title, badge_patterns, badge_class_ids, badge_names, added, removed. Several
/// patterns, ids or names go in one cell separated by spaces, semicolons or line breaks.
public enum ApprovedListFile {
    public struct Reading: Sendable {
        public var periods: [ApprovedPeriod]
        public var problems: [String]
    }

    public static func read(bytes: [UInt8], name: String, knownProviders: [String]) throws -> Reading {
        let table = try CSVTable(bytes: bytes, name: name)
        var reading = Reading(periods: [], problems: [])
        guard let idColumn = table.column(["mc_id", "mc id", "id"]), let titleColumn = table.column(["title", "mc title", "micro-credential"]),
              let addedColumn = table.column(["added", "added_on", "added on", "date added"]) else {
            throw CSVTable.Unreadable(reason: "\(name) needs the columns mc_id, title and added (found: \(table.header.joined(separator: ", ")))")
        }
        let providerColumn = table.column(["provider"])
        let patternsColumn = table.column(["badge_patterns", "badge patterns", "badge url patterns", "patterns"])
        let classColumn = table.column(["badge_class_ids", "badge class ids", "badge_class_id"])
        let namesColumn = table.column(["badge_names", "badge names"])
        let removedColumn = table.column(["removed", "removed_on", "removed on", "date removed"])
        var seen: [String: Int] = [:]
        for record in table.records {
            let at = "\(name) line \(record.line)"
            guard let id = record[idColumn] else { reading.problems.append("\(at): no mc_id; row skipped"); continue }
            guard let title = record[titleColumn] else { reading.problems.append("\(at): no title for \(id); row skipped"); continue }
            guard let addedText = record[addedColumn], let added = SpreadsheetDate.day(addedText) else {
                reading.problems.append("\(at): \"\(record[addedColumn] ?? "")\" is not a date in added (write 2025-07-01); row skipped")
                continue
            }
            var removed: CalendarDay?
            if let column = removedColumn, let text = record[column] {
                guard let day = SpreadsheetDate.day(text) else {
                    reading.problems.append("\(at): \"\(text)\" is not a date in removed; row skipped")
                    continue
                }
                guard day > added else {
                    reading.problems.append("\(at): removed (\(day)) is not after added (\(added)); row skipped")
                    continue
                }
                removed = day
            }
            let provider = providerColumn.flatMap { record[$0] } ?? ""
            if !knownProviders.isEmpty, !provider.isEmpty, !knownProviders.contains(provider) {
                reading.problems.append("\(at): provider \"\(provider)\" is not in policy providers.list (\(knownProviders.joined(separator: ", "))); row kept")
            }
            let patterns = split(patternsColumn.flatMap { record[$0] })
            let classes = split(classColumn.flatMap { record[$0] })
            let names = namesColumn.flatMap { record[$0] }.map { $0.split(whereSeparator: { $0 == ";" || $0 == "\n" }).map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
            if patterns.isEmpty && classes.isEmpty && names.isEmpty {
                reading.problems.append("\(at): \(id) has no badge_patterns, badge_class_ids or badge_names, so no badge can be recognised as it; row kept")
            }
            let key = "\(id)|\(added)"
            if let first = seen[key] {
                reading.problems.append("\(at): \(id) added \(added) repeats line \(first); row skipped")
                continue
            }
            seen[key] = record.line
            reading.periods.append(ApprovedPeriod(
                mcID: id, provider: provider, title: title, badgePatterns: patterns.map(URLPattern.init), badgeClassIDs: classes, badgeNames: names,
                addedOn: added, removedOn: removed))
        }
        return reading
    }

    private static func split(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "\n" || $0 == "," }).map(String.init)
    }
}
