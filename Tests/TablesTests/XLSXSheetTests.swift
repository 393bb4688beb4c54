import Foundation
import Testing
@testable import Tables

/// Excel logs: the first sheet by the workbook's order, shared and inline strings, formulas' cached values.
struct XLSXSheetTests {
    static var log: [UInt8] {
        get throws { Array(try Data(contentsOf: Bundle.module.url(forResource: "Fixtures/pd_log", withExtension: "xlsx")!)) }
    }

    @Test func theFirstSheetIsReadWithItsRowNumbers() throws {
        let rows = try XLSXSheet.rows(try Self.log)
        #expect(rows.map(\.line) == [1, 3, 4, 5, 6, 8])
        #expect(rows[0].fields == ["PD hours log: Ann Rivera"])
        #expect(rows[1].fields == ["Date", "Activity", "Micro-credential", "Hours"])
        #expect(rows[2].fields == ["45870", "Read Mindset chapters", "Growth Mindset", "2.5"], "rich-text runs are one string")
        #expect(rows[3].fields == ["45871.375", "Lesson study", "Growth Mindset", "3"], "inline strings, and a formula's cached value")
        #expect(rows[4].fields == ["", "Classroom observation & notes", "Growth Mindset", "four"], "phonetic guides are not text")
        #expect(rows[5].fields == ["Total", "", "", "5.5"])
    }

    @Test func aTitleRowAboveTheHeaderCanBeSkipped() throws {
        let table = try CSVTable(xlsx: try Self.log)
        #expect(table.header == ["PD hours log: Ann Rivera"])
        let reheaded = try #require(table.startingAtHeader { $0.contains("Hours") })
        #expect(reheaded.header == ["Date", "Activity", "Micro-credential", "Hours"])
        #expect(reheaded.records.map(\.line) == [4, 5, 6, 8])
        #expect(reheaded.records.first?["hours"] == "2.5")
    }

    @Test func aFileNamedXlsxOrShapedLikeOneIsReadAsASpreadsheet() throws {
        #expect(try CSVTable(bytes: try Self.log, name: "export.csv").header == ["PD hours log: Ann Rivera"], "zip bytes win over the name")
        #expect(try CSVTable(bytes: Array("a,b\n1,2\n".utf8), name: "roster.csv").header == ["a", "b"])
    }

    @Test func whatIsNotASpreadsheetSaysSo() throws {
        #expect(throws: CSVTable.Unreadable.self) { try CSVTable(xlsx: Array("Date,Hours\n".utf8)) }
        do {
            _ = try CSVTable(xlsx: Array("not a zip".utf8))
        } catch let error as CSVTable.Unreadable {
            #expect(error.reason == "not an Excel .xlsx file (it is not a zip archive, or a damaged one)")
        }
    }

    @Test func damagedSpreadsheetsFailCleanly() throws {
        let log = try Self.log
        var state: UInt64 = 0x5EED
        for cut in stride(from: 0, to: log.count, by: 7) {
            _ = try? XLSXSheet.rows(Array(log[..<cut]))
        }
        let iterations = Int(ProcessInfo.processInfo.environment["MCBOT_FUZZ_ITERATIONS"] ?? "") ?? 300
        for _ in 0..<iterations {
            var bytes = log
            for _ in 0..<3 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                bytes[Int(state >> 33) % bytes.count] = UInt8(truncatingIfNeeded: state >> 17)
            }
            _ = try? XLSXSheet.rows(bytes)
        }
    }
}
