import Foundation
import GRDB

/// A roster row, validated by the importer.
public struct RosterEntry: Sendable, Equatable {
    public var employeeID: String
    public var name: String
    public var email: String
    public var otherAddresses: [String]
    public var building: String?
    /// Where it came from, for messages ("roster.csv line 4").
    public var source: String

    public init(employeeID: String, name: String, email: String, otherAddresses: [String], building: String?, source: String) {
        self.employeeID = employeeID
        self.name = name
        self.email = email.lowercased()
        self.otherAddresses = otherAddresses.map { $0.lowercased() }
        self.building = building
        self.source = source
    }
}

/// What an import did, line by line where something went wrong.
public struct ImportReport: Sendable, Equatable, Codable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public var removed = 0
    public var problems: [String] = []

    public init() {}

    public var summary: String {
        var parts = ["\(added) added", "\(updated) updated", "\(unchanged) unchanged"]
        if removed > 0 { parts.append("\(removed) removed") }
        if !problems.isEmpty { parts.append("\(problems.count) skipped") }
        return parts.joined(separator: ", ")
    }
}

extension Store {
    /// Adds or updates teachers by employee id; each teacher's addresses are replaced by the row's.
    /// A row whose address already belongs to another teacher is skipped and reported.
    public func importRoster(_ entries: [RosterEntry], at now: Date, actor: String) throws -> ImportReport {
        try write { db in
            var report = ImportReport()
            for entry in entries {
                var teacher = try Teacher.filter(Column("employeeID") == entry.employeeID).fetchOne(db)
                let addresses = Array(Set([entry.email] + entry.otherAddresses))
                let owners = try Row.fetchAll(db, sql: """
                    SELECT a.address, t.employeeID FROM teacherAddress a JOIN teacher t ON t.id = a.teacherID
                    WHERE a.address IN (\(databaseQuestionMarks(count: addresses.count)))
                    """, arguments: StatementArguments(addresses))
                if let clash = owners.first(where: { ($0["employeeID"] as String) != entry.employeeID }) {
                    report.problems.append("\(entry.source): \(clash["address"] as String) already belongs to employee \(clash["employeeID"] as String); row skipped")
                    continue
                }
                if let existingEmail = try Teacher.filter(Column("email") == entry.email && Column("employeeID") != entry.employeeID).fetchOne(db) {
                    report.problems.append("\(entry.source): \(entry.email) is employee \(existingEmail.employeeID)'s address; row skipped")
                    continue
                }
                let oldAddresses = try String.fetchAll(db, sql: "SELECT address FROM teacherAddress WHERE teacherID = ?", arguments: [teacher?.id])
                if var existing = teacher {
                    let same = existing.name == entry.name && existing.email == entry.email && existing.building == entry.building && existing.active
                        && Set(oldAddresses) == Set(addresses)
                    if same { report.unchanged += 1; continue }
                    existing.name = entry.name
                    existing.email = entry.email
                    existing.building = entry.building
                    existing.active = true
                    existing.updatedAt = now
                    try existing.update(db)
                    teacher = existing
                    report.updated += 1
                    try Self.audit(db, at: now, actor: actor, action: "roster.updated", subject: "teacher \(existing.id!)", detail: entry.source)
                } else {
                    var created = Teacher(employeeID: entry.employeeID, name: entry.name, email: entry.email, building: entry.building, updatedAt: now)
                    try created.insert(db)
                    teacher = created
                    report.added += 1
                    try Self.audit(db, at: now, actor: actor, action: "roster.added", subject: "teacher \(created.id!)", detail: entry.source)
                }
                try db.execute(sql: "DELETE FROM teacherAddress WHERE teacherID = ?", arguments: [teacher!.id])
                for address in addresses {
                    try db.execute(sql: "INSERT INTO teacherAddress (address, teacherID) VALUES (?, ?)", arguments: [address, teacher!.id])
                }
            }
            return report
        }
    }

    /// The active teacher with `address` among their addresses.
    public func teacher(forAddress address: String) throws -> Teacher? {
        try read { db in
            try Teacher.fetchOne(db, sql: """
                SELECT t.* FROM teacher t JOIN teacherAddress a ON a.teacherID = t.id WHERE a.address = ? AND t.active
                """, arguments: [address.lowercased()])
        }
    }

    /// Every address the roster lists for a teacher (the district one and any others).
    public func addresses(ofTeacher id: Int64) throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT address FROM teacherAddress WHERE teacherID = ? ORDER BY address", arguments: [id]) }
    }

    public func teacher(id: Int64) throws -> Teacher? {
        try read { try Teacher.fetchOne($0, key: id) }
    }

    public func teachers() throws -> [Teacher] {
        try read { try Teacher.filter(Column("active")).order(Column("name")).fetchAll($0) }
    }
}
