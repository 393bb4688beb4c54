import Foundation
import MIME
import Store
import Tables

/// The staff roster CSV: employee_id, name, email (the district address), other_addresses
/// (optional, separated by spaces, commas or semicolons), building (optional).
public enum RosterFile {
    public static func read(bytes: [UInt8], name: String) throws -> (entries: [RosterEntry], problems: [String]) {
        let table = try CSVTable(bytes: bytes, name: name)
        guard let idColumn = table.column(["employee_id", "employee id", "id"]), let nameColumn = table.column(["name", "full name"]),
              let emailColumn = table.column(["email", "district email", "email address"]) else {
            throw CSVTable.Unreadable(reason: "\(name) needs the columns employee_id, name and email (found: \(table.header.joined(separator: ", ")))")
        }
        let otherColumn = table.column(["other_addresses", "other addresses", "aliases"])
        let buildingColumn = table.column(["building", "school"])
        var entries: [RosterEntry] = []
        var problems: [String] = []
        var seenIDs: [String: Int] = [:]
        for record in table.records {
            let at = "\(name) line \(record.line)"
            guard let id = record[idColumn] else { problems.append("\(at): no employee_id; row skipped"); continue }
            guard let fullName = record[nameColumn] else { problems.append("\(at): no name for employee \(id); row skipped"); continue }
            guard let emailText = record[emailColumn], let email = AddressList.parse(emailText).first?.normalized else {
                problems.append("\(at): \"\(record[emailColumn] ?? "")\" is not an email address; row skipped")
                continue
            }
            if let first = seenIDs[id] { problems.append("\(at): employee \(id) repeats line \(first); row skipped"); continue }
            seenIDs[id] = record.line
            var others: [String] = []
            var bad = false
            for piece in (otherColumn.flatMap { record[$0] } ?? "").split(whereSeparator: { " ,;\n".contains($0) }) {
                guard let address = AddressList.parse(String(piece)).first?.normalized else {
                    problems.append("\(at): \"\(piece)\" in other_addresses is not an email address; row skipped")
                    bad = true
                    break
                }
                others.append(address)
            }
            if bad { continue }
            entries.append(RosterEntry(employeeID: id, name: fullName, email: email, otherAddresses: others, building: buildingColumn.flatMap { record[$0] }, source: at))
        }
        return (entries, problems)
    }
}
