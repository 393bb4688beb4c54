import Foundation
import GRDB
import Policy

extension Store {
    /// The approved list as it stands (superseded rows left out), with every period's dates.
    public func approvedList() throws -> ApprovedList {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM approvedPeriod WHERE supersededAt IS NULL ORDER BY mcID, addedOn")
            return ApprovedList(rows.compactMap(Self.period))
        }
    }

    private static func period(_ row: Row) -> ApprovedPeriod? {
        guard let added = CalendarDay(row["addedOn"] as String) else { return nil }
        func list(_ column: String) -> [String] { (row[column] as String).split(separator: "\n").map(String.init) }
        return ApprovedPeriod(
            mcID: row["mcID"], provider: row["provider"], title: row["title"], badgePatterns: list("badgePatterns").map(URLPattern.init),
            badgeClassIDs: list("badgeClassIDs"), badgeNames: list("badgeNames"), addedOn: added,
            removedOn: (row["removedOn"] as String?).flatMap(CalendarDay.init))
    }

    /// Brings the stored list in line with an imported file without losing history: new periods are
    /// added, changed ones superseded by a new row, and an MC missing from the file is closed as of
    /// `today`. Every change is in the audit log.
    public func importApproved(_ periods: [ApprovedPeriod], today: CalendarDay, at now: Date, source: String, actor: String) throws -> ImportReport {
        try write { db in
            var report = ImportReport()
            let current = try Row.fetchAll(db, sql: "SELECT * FROM approvedPeriod WHERE supersededAt IS NULL")
            var matched = Set<Int64>()
            func insert(_ p: ApprovedPeriod) throws {
                try db.execute(sql: """
                    INSERT INTO approvedPeriod (mcID, provider, title, badgePatterns, badgeClassIDs, badgeNames, addedOn, removedOn, importedAt, source)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [p.mcID, p.provider, p.title, p.badgePatterns.map(\.text).joined(separator: "\n"),
                                     p.badgeClassIDs.joined(separator: "\n"), p.badgeNames.joined(separator: "\n"),
                                     p.addedOn.description, p.removedOn?.description, now, source])
            }
            for p in periods {
                if let row = current.first(where: { ($0["mcID"] as String) == p.mcID && ($0["addedOn"] as String) == p.addedOn.description }) {
                    let id: Int64 = row["id"]
                    matched.insert(id)
                    if let old = Self.period(row), old == p {
                        report.unchanged += 1
                        continue
                    }
                    try db.execute(sql: "UPDATE approvedPeriod SET supersededAt = ? WHERE id = ?", arguments: [now, id])
                    try insert(p)
                    report.updated += 1
                    let change = (row["removedOn"] as String?) != p.removedOn?.description
                        ? "removed on \(p.removedOn?.description ?? "(none)")" : "details changed"
                    try Self.audit(db, at: now, actor: actor, action: "approved.changed", subject: p.mcID, detail: "\(p.title): \(change) (\(source))")
                } else {
                    try insert(p)
                    report.added += 1
                    try Self.audit(db, at: now, actor: actor, action: "approved.added", subject: p.mcID, detail: "\(p.title) from \(p.addedOn) (\(source))")
                }
            }
            for row in current where !matched.contains(row["id"] as Int64) {
                guard var old = Self.period(row), old.removedOn == nil else { continue }  // closed periods stay as history
                try db.execute(sql: "UPDATE approvedPeriod SET supersededAt = ? WHERE id = ?", arguments: [now, row["id"] as Int64])
                old.removedOn = max(today, old.addedOn)
                try insert(old)
                report.removed += 1
                try Self.audit(db, at: now, actor: actor, action: "approved.removed", subject: old.mcID, detail: "\(old.title): no longer in \(source), removed on \(today)")
            }
            return report
        }
    }

    /// Changes to the approved list, newest first.
    public func approvedChanges(limit: Int = 100) throws -> [(at: Date, action: String, mcID: String, detail: String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT at, action, subject, detail FROM audit WHERE action LIKE 'approved.%' ORDER BY id DESC LIMIT ?", arguments: [limit])
                .map { ($0["at"], $0["action"], $0["subject"] ?? "", $0["detail"] ?? "") }
        }
    }
}
