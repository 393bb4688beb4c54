import CSV
import Foundation

/// Writes a CSV for HR's spreadsheets (RFC 4180 quoting through CSV.swift, CRLF lines). A cell that
/// a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) is
/// prefixed with an apostrophe: names and titles come from outside and must stay text.
public enum CSVExport {
    public static func text(header: [String], rows: [[String]]) throws -> String {
        let stream = OutputStream.toMemory()
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        try writer.write(row: header)
        for row in rows { try writer.write(row: row.map(neutralized)) }
        stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self) + "\r\n"
    }

    public static func neutralized(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return cell }
        // A plain negative number is data, not a formula.
        if first == "-", Double(cell) != nil { return cell }
        return "'" + cell
    }
}
