import CSV
import Foundation

/// A CSV file as HR's spreadsheets export it (or an `.xlsx` file's first sheet): a header row, then
/// records, each knowing the line it starts on so a problem can be reported as "roster.csv line 7".
/// Accepts a UTF-8 byte-order mark, CRLF, quoted fields with line breaks, and windows-1252 text from
/// older Excel versions.
public struct CSVTable: Sendable {
    public struct Record: Sendable {
        /// 1-based line the record starts on.
        public let line: Int
        public let fields: [String]
        let columns: [String: Int]

        /// The field under `column` (header matched case-insensitively, spaces trimmed); nil when absent.
        public subscript(column: String) -> String? {
            guard let index = columns[CSVTable.key(column)], index < fields.count else { return nil }
            let value = fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
            return value.isEmpty ? nil : value
        }

        public var isBlank: Bool { fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
    }

    public let header: [String]
    public let records: [Record]
    private let columns: [String: Int]

    public struct Unreadable: Error, CustomStringConvertible {
        public let reason: String
        public init(reason: String) { self.reason = reason }
        public var description: String { reason }
    }

    public init(bytes: [UInt8]) throws {
        var data = bytes
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
        let text = String(validating: data, as: UTF8.self) ?? String(data.map { Character(Unicode.Scalar(Self.cp1252($0))!) })
        try self.init(text: text)
    }

    public init(text: String) throws {
        let delimiter: UnicodeScalar = Self.guessDelimiter(text)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: delimiter)
        } catch {
            throw Unreadable(reason: "not a CSV file: \(error)")
        }
        var rows: [(line: Int, fields: [String])] = []
        var line = 1
        while let row = reader.next() {
            rows.append((line, row))
            line += 1 + row.reduce(0) { $0 + $1.filter { $0 == "\n" || $0 == "\r\n" }.count }
        }
        if let error = reader.error { throw Unreadable(reason: "not a CSV file: \(error)") }
        try self.init(rows: rows)
    }

    /// An Excel `.xlsx` file's first sheet, read as the same kind of table (lines are row numbers).
    public init(xlsx bytes: [UInt8]) throws {
        do { try self.init(rows: try XLSXSheet.rows(bytes)) } catch let error as XLSXSheet.Unreadable {
            throw Unreadable(reason: error.reason)
        }
    }

    /// A CSV file, or an `.xlsx` spreadsheet when `name` says so or the bytes are a zip archive.
    public init(bytes: [UInt8], name: String) throws {
        if name.lowercased().hasSuffix(".xlsx") || bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            try self.init(xlsx: bytes)
        } else {
            try self.init(bytes: bytes)
        }
    }

    /// The first non-blank row is the header.
    init(rows: [(line: Int, fields: [String])]) throws {
        let rows = rows.drop { $0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard let first = rows.first else { throw Unreadable(reason: "the file is empty") }
        header = first.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        var map: [String: Int] = [:]
        for (i, name) in header.enumerated() where map[Self.key(name)] == nil { map[Self.key(name)] = i }
        columns = map
        records = rows.dropFirst().map { Record(line: $0.line, fields: $0.fields, columns: map) }.filter { !$0.isBlank }
    }

    /// The same table with its header at the first row that `isHeader` accepts, for files with title
    /// rows above the real header ("PD log of Ann Rivera", then "Date, Activity, Hours").
    public func startingAtHeader(where isHeader: ([String]) -> Bool) -> CSVTable? {
        if isHeader(header) { return self }
        guard let index = records.firstIndex(where: { isHeader($0.fields) }) else { return nil }
        return try? CSVTable(rows: records[index...].map { ($0.line, $0.fields) })
    }

    /// The first header among `candidates` that the file has.
    public func column(_ candidates: [String]) -> String? {
        candidates.first { columns[Self.key($0)] != nil }
    }

    /// Headers that contain any of `words` (for loosely named columns like "PD Hours (total)").
    public func columns(containing words: [String]) -> [String] {
        header.filter { name in words.contains { Self.key(name).contains($0) } }
    }

    static func key(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// Comma unless the header row has more semicolons or tabs (European Excel uses ";").
    private static func guessDelimiter(_ text: String) -> UnicodeScalar {
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let counts: [(UnicodeScalar, Int)] = [(",", firstLine.filter { $0 == "," }.count), (";", firstLine.filter { $0 == ";" }.count), ("\t", firstLine.filter { $0 == "\t" }.count)]
        return counts.max { $0.1 < $1.1 }.flatMap { $0.1 > 0 ? $0.0 : nil } ?? ","
    }

    private static func cp1252(_ b: UInt8) -> UInt32 {
        let high: [UInt32] = [0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D, 0x8F,
                              0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178]
        return b >= 0x80 && b < 0xA0 ? high[Int(b - 0x80)] : UInt32(b)
    }
}
