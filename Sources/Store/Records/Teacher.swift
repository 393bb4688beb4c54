import Foundation
import GRDB

/// A staff member from the roster.
public struct Teacher: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var employeeID: String
    public var name: String
    /// The district address replies go to.
    public var email: String
    public var building: String?
    public var active: Bool
    public var updatedAt: Date

    public static let databaseTableName = "teacher"

    public init(id: Int64? = nil, employeeID: String, name: String, email: String, building: String?, active: Bool = true, updatedAt: Date) {
        self.id = id
        self.employeeID = employeeID
        self.name = name
        self.email = email
        self.building = building
        self.active = active
        self.updatedAt = updatedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// First name for a greeting ("Dear Ann,").
    public var firstName: String {
        if name.contains(",") { return name.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? name }
        return name.split(separator: " ").first.map(String.init) ?? name
    }
}
