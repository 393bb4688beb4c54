import Testing
@testable import Tables

struct CSVTableTests {
    @Test func recordsKnowTheirLineEvenAfterQuotedLineBreaks() throws {
        let table = try CSVTable(text: "name,notes,hours\nAnn,\"two\nlines\",3\n\nBob,plain,4\n")
        #expect(table.records.map(\.line) == [2, 5])
        #expect(table.records[0]["notes"] == "two\nlines")
        #expect(table.records[1]["HOURS"] == "4")
    }

    @Test func byteOrderMarkAndCRLFFromExcel() throws {
        let table = try CSVTable(bytes: [0xEF, 0xBB, 0xBF] + Array("Employee ID,Name\r\n1,Ann\r\n".utf8))
        #expect(table.header == ["Employee ID", "Name"])
        #expect(table.records.first?["employee id"] == "1")
    }

    @Test func semicolonsAndWindows1252() throws {
        let table = try CSVTable(bytes: Array("Nom;Heures\n".utf8) + [0x52, 0xE9, 0x6D, 0x69] + Array(";2\n".utf8))
        #expect(table.records.first?["nom"] == "Rémi")
        #expect(table.records.first?["heures"] == "2")
    }

    @Test func emptyFileIsUnreadable() {
        #expect(throws: CSVTable.Unreadable.self) { _ = try CSVTable(text: "") }
    }

    @Test func columnLookupByCandidates() throws {
        let table = try CSVTable(text: "PD Hours (total),x\n1,2\n")
        #expect(table.column(["hours"]) == nil)
        #expect(table.columns(containing: ["hour"]) == ["PD Hours (total)"])
    }
}

/// CSV written for HR: quoted where needed, and never a formula.
struct CSVExportTests {
    @Test func quotesAndNeutralizesFormulas() throws {
        let text = try CSVExport.text(header: ["name", "title", "hours"], rows: [
            ["Okafor, Ben", "=HYPERLINK(\"http://x.test\")", "8"],
            ["Ann \"Annie\" Rivera", "@SUM(A1)", "-2"],
            ["Chloe", "+1", "-x"],
        ])
        #expect(text == """
            name,title,hours\r
            "Okafor, Ben","'=HYPERLINK(""http://x.test"")",8\r
            "Ann ""Annie"" Rivera",'@SUM(A1),-2\r
            Chloe,'+1,'-x\r

            """)
        // And it reads back as the same cells (apostrophes kept, so a spreadsheet shows text).
        let table = try CSVTable(bytes: Array(text.utf8))
        #expect(table.records.first?.fields == ["Okafor, Ben", "'=HYPERLINK(\"http://x.test\")", "8"])
    }
}
