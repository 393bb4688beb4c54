import Foundation
import Policy
import Tables

/// Reads the PD hours a teacher states plainly: a line such as `PD hours: 7.5` (optionally naming
/// the MC) in their own text, or an hours column in an attached log (CSV or Excel .xlsx).
public enum PDLogReader {
    public struct Reading: Sendable, Equatable {
        public var statements: [PDHoursStatement]
        public var problems: [PDLogProblem]
    }

    public static func read(_ intake: Intake) -> Reading {
        var reading = Reading(statements: statements(inText: intake.newText), problems: [])
        for attachment in intake.attachments where isCSV(attachment) || isSpreadsheet(attachment) {
            let name = attachment.filename ?? (isSpreadsheet(attachment) ? "attached spreadsheet" : "attached log")
            let log = isSpreadsheet(attachment) ? statements(inSpreadsheet: attachment.bytes(), name: name) : statements(inCSV: attachment.bytes(), name: name)
            reading.statements += log.statements
            reading.problems += log.problems
        }
        // A log sent as a PDF cannot be read; when no hours were found elsewhere, say so.
        if reading.statements.isEmpty {
            for attachment in intake.attachments where isPDFLog(attachment) {
                reading.problems.append(PDLogProblem(
                    source: attachment.filename ?? "attached PDF",
                    problem: "a log of hours in a PDF cannot be read; please write the hours in your message (for example \"PD hours: 7.5\") or send the log as .xlsx or .csv"))
            }
        }
        for attachment in intake.attachments where isUnreadableSpreadsheet(attachment) {
            reading.problems.append(PDLogProblem(
                source: attachment.filename ?? "attached spreadsheet",
                problem: "this spreadsheet format cannot be read; please save it as .xlsx or .csv, or write the hours in your message"))
        }
        return reading
    }

    /// A PDF whose name says it is the log ("PD log.pdf", "hours.pdf").
    static func isPDFLog(_ a: Attachment) -> Bool {
        let name = a.filename?.lowercased() ?? ""
        return (a.contentType == "application/pdf" || name.hasSuffix(".pdf")) && ["log", "hour", "hrs"].contains { name.contains($0) }
    }

    /// Older Excel, OpenDocument and Numbers files: a log mcbot sees but cannot open.
    static func isUnreadableSpreadsheet(_ a: Attachment) -> Bool {
        let name = a.filename?.lowercased() ?? ""
        return [".xls", ".ods", ".numbers"].contains { name.hasSuffix($0) }
            || ["application/vnd.ms-excel", "application/vnd.oasis.opendocument.spreadsheet"].contains(a.contentType)
    }

    static func isCSV(_ a: Attachment) -> Bool {
        a.contentType == "text/csv" || a.contentType == "application/csv" || (a.filename?.lowercased().hasSuffix(".csv") ?? false)
    }

    static func isSpreadsheet(_ a: Attachment) -> Bool {
        a.contentType == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" || (a.filename?.lowercased().hasSuffix(".xlsx") ?? false)
    }

    private static let genericWords: Set<String> = [
        "pd", "hours", "hour", "hrs", "hr", "total", "professional", "development", "for", "log", "my", "of", "the", "i", "spent", "logged",
        "completed", "is", "are", "were", "was", "a", "and", "mc", "micro-credential", "microcredential", "time",
    ]

    /// Lines that pair a number with "hours"/"hrs". The words left over name the MC, if any; the same
    /// number stated twice for the same MC is one statement.
    public static func statements(inText text: String) -> [PDHoursStatement] {
        var found: [PDHoursStatement] = []
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.lowercased()
            guard line.contains("hour") || line.contains("hrs") else { continue }
            guard line.contains("pd") || line.contains("professional development") || line.contains("log") || line.contains("total")
                || line.hasPrefix("hours") else { continue }
            guard let number = firstNumber(in: line) else { continue }
            let words = line.split(whereSeparator: { !$0.isLetter && $0 != "-" }).map(String.init)
            let rest = words.filter { !genericWords.contains($0) }
            let hint = rest.count >= 1 ? rawLine.split(separator: ":").first.flatMap { piece -> String? in
                let candidate = piece.trimmingCharacters(in: .whitespaces)
                let candidateWords = candidate.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" }).map(String.init)
                return candidateWords.contains(where: { !genericWords.contains($0) }) && firstNumber(in: candidate.lowercased()) == nil ? candidate : nil
            } : nil
            // "My log shows 6 hours" and "PD hours: 6" in one message state one number twice.
            if found.contains(where: { $0.hours == number && $0.mcHint?.lowercased() == hint?.lowercased() }) { continue }
            found.append(PDHoursStatement(hours: number, mcHint: hint, source: PDHoursStatement.messageText))
        }
        return found
    }

    static func firstNumber(in text: String) -> Double? {
        var digits = ""
        var seenDot = false
        for ch in text {
            if ch.isNumber { digits.append(ch) } else if ch == "." && !digits.isEmpty && !seenDot { digits.append(ch); seenDot = true } else if !digits.isEmpty { break }
        }
        if digits.hasSuffix(".") { digits.removeLast() }
        return Double(digits)
    }

    /// Sums the hours column of a CSV log; a column naming the MC gives hours per MC.
    public static func statements(inCSV bytes: [UInt8], name: String) -> Reading {
        do { return statements(in: try CSVTable(bytes: bytes), name: name) } catch {
            return Reading(statements: [], problems: [PDLogProblem(source: name, problem: "\(error)")])
        }
    }

    /// The same for an Excel .xlsx log (its first sheet).
    public static func statements(inSpreadsheet bytes: [UInt8], name: String) -> Reading {
        do { return statements(in: try CSVTable(xlsx: bytes), name: name) } catch {
            return Reading(statements: [], problems: [PDLogProblem(source: name, problem: "\(error)")])
        }
    }

    static let hoursHeaders = ["pd hours", "hours", "total hours", "hrs"]

    static func statements(in file: CSVTable, name: String) -> Reading {
        // A title row ("PD hours log: Ann Rivera") may sit above the header: the header is the first
        // row of several cells with an hours column.
        let table = file.startingAtHeader { row in
            let cells = row.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
            return cells.count >= 2 && cells.contains { hoursHeaders.contains($0) || $0.contains("hour") }
        } ?? file
        guard let hoursColumn = table.column(["pd hours", "hours", "total hours", "hrs"]) ?? table.columns(containing: ["hour"]).first else {
            return Reading(statements: [], problems: [PDLogProblem(source: name, problem: "no column named Hours (found: \(table.header.joined(separator: ", ")))")])
        }
        let mcColumn = table.column(["micro-credential", "microcredential", "mc", "credential", "micro-credential title", "mc title"])
        var perMC: [String: (hours: Double, lines: [Int])] = [:]
        var order: [String] = []
        var problems: [PDLogProblem] = []
        for record in table.records {
            let firstCell = record.fields.first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            if firstCell.hasPrefix("total") { continue }  // a totals row would count the hours twice
            guard let text = record[hoursColumn] else { continue }
            guard let hours = Double(text.replacingOccurrences(of: ",", with: ".")), hours >= 0, hours < 1000 else {
                problems.append(PDLogProblem(source: "\(name) line \(record.line)", problem: "\"\(text)\" is not a number of hours"))
                continue
            }
            let mc = mcColumn.flatMap { record[$0] } ?? ""
            if perMC[mc] == nil { order.append(mc) }
            perMC[mc, default: (0, [])].hours += hours
            perMC[mc, default: (0, [])].lines.append(record.line)
        }
        let statements = order.map { mc in
            PDHoursStatement(hours: perMC[mc]!.hours, mcHint: mc.isEmpty ? nil : mc, source: name)
        }
        return Reading(statements: statements, problems: problems)
    }
}
