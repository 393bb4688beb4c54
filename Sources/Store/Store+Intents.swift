import Foundation
import GRDB
import Policy

/// A declaration on the district approval form.
public struct IntentEntry: Sendable, Equatable {
    public var email: String
    public var mcID: String
    public var declaredAt: Date
    public var declaredOn: CalendarDay
    public init(email: String, mcID: String, declaredAt: Date, declaredOn: CalendarDay) {
        self.email = email.lowercased()
        self.mcID = mcID
        self.declaredAt = declaredAt
        self.declaredOn = declaredOn
    }
}

extension Store {
    /// Records declarations; re-importing the same export changes nothing, and the earliest
    /// declaration of an MC by a teacher is the one that counts.
    public func importIntents(_ entries: [IntentEntry], at now: Date, actor: String) throws -> ImportReport {
        try write { db in
            var report = ImportReport()
            for e in entries {
                let existing = try Row.fetchOne(db, sql: "SELECT id, declaredAt FROM intent WHERE email = ? AND mcID = ?", arguments: [e.email, e.mcID])
                if let existing {
                    if (existing["declaredAt"] as Date) <= e.declaredAt { report.unchanged += 1; continue }
                    try db.execute(sql: "UPDATE intent SET declaredAt = ?, declaredOn = ? WHERE id = ?", arguments: [e.declaredAt, e.declaredOn.description, existing["id"] as Int64])
                    report.updated += 1
                } else {
                    try db.execute(sql: "INSERT INTO intent (email, mcID, declaredOn, declaredAt, importedAt) VALUES (?, ?, ?, ?, ?)",
                                   arguments: [e.email, e.mcID, e.declaredOn.description, e.declaredAt, now])
                    report.added += 1
                }
            }
            try Self.audit(db, at: now, actor: actor, action: "intents.imported", subject: nil, detail: report.summary)
            return report
        }
    }

    /// MCs a teacher declared (under any of their addresses), with the day of the first declaration.
    public func intents(teacherID: Int64) throws -> [String: CalendarDay] {
        try read { db in
            var result: [String: CalendarDay] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT i.mcID, i.declaredOn FROM intent i JOIN teacherAddress a ON a.address = i.email WHERE a.teacherID = ?
                """, arguments: [teacherID]) {
                guard let day = CalendarDay(row["declaredOn"] as String) else { continue }
                let id: String = row["mcID"]
                if let existing = result[id], existing <= day { continue }
                result[id] = day
            }
            return result
        }
    }
}
