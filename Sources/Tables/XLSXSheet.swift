import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The first worksheet of an Excel `.xlsx` file as rows of text, each with its row number, so a
/// problem can be named "log.xlsx line 7" as in a CSV. Reads shared strings, inline strings,
/// numbers and booleans; formulas give their cached value. Bounded against zip bombs.
public enum XLSXSheet {
    public struct Unreadable: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    /// Largest part read, uncompressed: a log of hours is a few kilobytes.
    static let maxPartBytes = 20 << 20

    public static func rows(_ bytes: [UInt8]) throws -> [(line: Int, fields: [String])] {
        let archive: ZipArchive
        do { archive = try ZipArchive(bytes) } catch {
            throw Unreadable(reason: "not an Excel .xlsx file (it is not a zip archive, or a damaged one)")
        }
        guard let sheetPath = firstSheetPath(archive) else {
            throw Unreadable(reason: "not an Excel .xlsx file (it has no worksheet)")
        }
        let shared = try archive.entry("xl/sharedStrings.xml").map { try SharedStringsParser.parse(read($0, from: archive)) } ?? []
        return try SheetParser.parse(read(archive.entry(sheetPath)!, from: archive), sharedStrings: shared)
    }

    /// The workbook's first sheet: by the workbook's order and relationships, else the first file under xl/worksheets/.
    static func firstSheetPath(_ archive: ZipArchive) -> String? {
        if let workbook = archive.entry("xl/workbook.xml"), let rels = archive.entry("xl/_rels/workbook.xml.rels"),
           let firstID = try? FirstSheetParser.relationshipID(read(workbook, from: archive)),
           let target = try? RelationshipsParser.target(of: firstID, in: read(rels, from: archive)) {
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            if archive.entry(path) != nil { return path }
        }
        return archive.entries.map(\.name).filter { $0.hasPrefix("xl/worksheets/") && $0.hasSuffix(".xml") }.sorted().first
    }

    static func read(_ entry: ZipArchive.Entry, from archive: ZipArchive) throws -> Data {
        do { return Data(try archive.contents(of: entry, limit: maxPartBytes)) } catch {
            throw Unreadable(reason: "the spreadsheet is damaged or too large to be a log of hours (\(error))")
        }
    }
}

/// `<si>` items of sharedStrings.xml, each the text of its `<t>` runs.
final class SharedStringsParser: NSObject, XMLParserDelegate {
    private var strings: [String] = []
    private var current = ""
    private var inText = false
    private var inPhonetic = false

    static func parse(_ data: Data) throws -> [String] {
        let delegate = SharedStringsParser()
        try run(data, delegate)
        return delegate.strings
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true  // phonetic guides repeat the text in another script
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
}

/// Rows and cells of a worksheet.
final class SheetParser: NSObject, XMLParserDelegate {
    private let shared: [String]
    private var rows: [(line: Int, fields: [String])] = []
    private var rowNumber = 0
    private var cells: [Int: String] = [:]
    private var cellColumn = 0
    private var cellType = ""
    private var value = ""
    private var collecting = false

    init(shared: [String]) { self.shared = shared }

    static func parse(_ data: Data, sharedStrings: [String]) throws -> [(line: Int, fields: [String])] {
        let delegate = SheetParser(shared: sharedStrings)
        try run(data, delegate)
        return delegate.rows
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            cells = [:]
            cellColumn = -1
        case "c":
            cellColumn = attributes["r"].flatMap(Self.column) ?? cellColumn + 1
            cellType = attributes["t"] ?? "n"
            value = ""
        case "v", "t":
            collecting = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t":
            collecting = false
        case "c":
            switch cellType {
            case "s": cells[cellColumn] = Int(value.trimmingCharacters(in: .whitespaces)).flatMap { $0 >= 0 && $0 < shared.count ? shared[$0] : nil } ?? ""
            case "b": cells[cellColumn] = value == "1" ? "TRUE" : "FALSE"
            default: cells[cellColumn] = value
            }
        case "row":
            guard let last = cells.keys.max(), last < 16_384 else { return }
            rows.append((rowNumber, (0...last).map { cells[$0] ?? "" }))
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if collecting { value += string } }

    /// "C7" -> 2 (zero-based column of an A1 reference).
    static func column(_ reference: String) -> Int? {
        var column = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            column = column * 26 + Int(scalar.value - 64)
            letters += 1
        }
        return letters == 0 || letters > 3 ? nil : column - 1
    }
}

/// The relationship id of the workbook's first `<sheet>`.
final class FirstSheetParser: NSObject, XMLParserDelegate {
    private var id: String?

    static func relationshipID(_ data: Data) throws -> String? {
        let delegate = FirstSheetParser()
        try run(data, delegate)
        return delegate.id
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        guard name == "sheet" || qualifiedName?.hasSuffix(":sheet") == true, id == nil else { return }
        id = attributes.first { $0.key == "r:id" || $0.key.hasSuffix(":id") }?.value
    }
}

/// The target of one relationship in a `.rels` part.
final class RelationshipsParser: NSObject, XMLParserDelegate {
    private let wanted: String
    private var target: String?

    init(wanted: String) { self.wanted = wanted }

    static func target(of id: String, in data: Data) throws -> String? {
        let delegate = RelationshipsParser(wanted: id)
        try run(data, delegate)
        return delegate.target
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "Relationship", attributes["Id"] == wanted { target = attributes["Target"] }
    }
}

/// Runs one SAX pass; no external entities or DTDs are loaded.
private func run(_ data: Data, _ delegate: XMLParserDelegate) throws {
    let parser = XMLParser(data: data)
    parser.shouldResolveExternalEntities = false
    parser.shouldProcessNamespaces = false
    parser.delegate = delegate
    guard parser.parse() else {
        throw XLSXSheet.Unreadable(reason: "a part of the spreadsheet is not well-formed XML")
    }
}
