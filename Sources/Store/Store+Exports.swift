import Foundation
import GRDB

/// One counted badge with its teacher: a line of the payroll (compensation) export.
public struct PayrollLine: Codable, Sendable, Equatable, FetchableRecord {
    public var employeeID: String
    public var name: String
    public var email: String
    public var building: String?
    public var contractYear: Int
    public var countInYear: Int?
    public var mcID: String
    public var mcTitle: String?
    public var provider: String?
    public var receivedAt: Date
    public var badge: String
    public var pdCredited: Double?
}

/// One badge whose PD hours were credited: a line of the monthly PD-hours export.
public struct PDHoursLine: Codable, Sendable, Equatable, FetchableRecord {
    public var employeeID: String
    public var name: String
    public var email: String
    public var building: String?
    public var mcID: String
    public var mcTitle: String?
    public var pdLogged: Double?
    public var pdCredited: Double
    public var pdSource: String?
    public var pdCreditedAt: Date
    public var receivedAt: Date
}

extension Store {
    /// Badges counted in `contractYear`, by teacher and order counted.
    public func payrollLines(contractYear: Int) throws -> [PayrollLine] {
        try read { db in
            try PayrollLine.fetchAll(db, sql: """
                SELECT t.employeeID, t.name, t.email, t.building, s.contractYear, s.countInYear, s.mcID, s.mcTitle, s.provider,
                       s.receivedAt, COALESCE(s.badgeURL, s.filename, s.badgeKey) AS badge, s.pdCredited
                FROM submission s JOIN teacher t ON t.id = s.teacherID
                WHERE s.status = 'counted' AND s.contractYear = ? AND s.mcID IS NOT NULL
                ORDER BY t.name, t.employeeID, s.countInYear, s.id
                """, arguments: [contractYear])
        }
    }

    /// Badges whose PD hours were credited from `start` (inclusive) to `end` (exclusive).
    public func pdHoursLines(creditedFrom start: Date, to end: Date) throws -> [PDHoursLine] {
        try read { db in
            try PDHoursLine.fetchAll(db, sql: """
                SELECT t.employeeID, t.name, t.email, t.building, s.mcID, s.mcTitle, s.pdLogged, s.pdCredited, s.pdSource, s.pdCreditedAt, s.receivedAt
                FROM submission s JOIN teacher t ON t.id = s.teacherID
                WHERE s.pdState = 'credited' AND s.pdCredited IS NOT NULL AND s.pdCreditedAt >= ? AND s.pdCreditedAt < ? AND s.mcID IS NOT NULL
                ORDER BY t.name, t.employeeID, s.pdCreditedAt, s.id
                """, arguments: [start, end])
        }
    }
}
