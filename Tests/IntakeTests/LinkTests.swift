import Foundation
import Testing
@testable import Intake
import Policy

struct LinkTests {
    @Test(arguments: [
        ("See https://x.test/a/b.", ["https://x.test/a/b"]),
        ("(https://x.test/wiki/Foo_(bar)) end", ["https://x.test/wiki/Foo_(bar)"]),
        ("<https://x.test/very/long/\n  path/continued> next", ["https://x.test/very/long/path/continued"]),
        ("<https://x.test/a> and\nhttps://x.test/b, done", ["https://x.test/a", "https://x.test/b"]),
        ("visit www.example.org/page!", ["http://www.example.org/page"]),
        ("HTTPS://Upper.test/Case", ["HTTPS://Upper.test/Case"]),
        ("\"https://q.test/x\"", ["https://q.test/x"]),
        ("no links here: http:// nor https:", []),
    ])
    func extractsLinksFromText(text: String, expected: [String]) {
        #expect(LinkExtractor.links(in: text).map(\.url) == expected)
    }

    @Test func duplicatesCollapseToTheUnwrappedTarget() {
        let text = "https://x.test/badge and https://www.google.com/url?q=https://x.test/badge"
        #expect(LinkExtractor.links(in: text).map(\.url) == ["https://x.test/badge"])
    }

    @Test(arguments: [
        ("https://eur03.safelinks.protection.outlook.com/?url=https%3A%2F%2Fa.test%2Fb%3Fc%3Dd&data=1", "https://a.test/b?c=d"),
        ("https://gcc02.safelinks.protection.office365.us/?url=https%3A%2F%2Fa.test&data=1", "https://a.test"),
        ("https://statics.teams.cdn.office.net/evergreen-assets/safelinks/1/atp-safelinks.html?url=https%3A%2F%2Fa.test%2Fteams", "https://a.test/teams"),
        ("https://urldefense.proofpoint.com/v2/url?u=http-3A__a.test_x-5Fy_z&d=1", "http://a.test/x_y/z"),
        ("https://urldefense.com/v3/__https://a.test/p?x=1*y=2__;Jg!!X!Y$", "https://a.test/p?x=1&y=2"),
        ("https://urldefense.com/v3/__https://a.test/**Aabc__;JSYj!!X$", "https://a.test/%&abc"),
        ("https://linkprotect.cudasvc.com/url?a=https%3a%2f%2fa.test%2fc&c=E", "https://a.test/c"),
        ("https://a.test/not/wrapped?url=https://b.test", "https://a.test/not/wrapped?url=https://b.test"),
    ])
    func unwrapsGateways(wrapped: String, target: String) {
        #expect(LinkUnwrapper.unwrap(wrapped) == target)
    }
}

struct QuoteTrimmerTests {
    func trimmed(_ text: String) -> String {
        QuoteTrimmer.trim(text.split(separator: "\n", omittingEmptySubsequences: false)).joined(separator: "\n")
    }

    @Test func topPostingDropsEverythingUnderTheAttribution() {
        #expect(trimmed("new\n\nOn Mon, 1 Sep 2025, A <a@b> wrote:\n> old\n> older") == "new")
        #expect(trimmed("neu\nAm 1. Sep. 2025 schrieb A:\n> alt") == "neu")
        #expect(trimmed("nouveau\nLe lun. 1 sept. 2025, A a écrit :\n> ancien") == "nouveau")
    }

    @Test func outlookHeaderBlockStartsHistory() {
        #expect(trimmed("new text\n________________________________\nFrom: HR <hr@x>\nSent: Monday\nTo: me\nSubject: Re: x\n\nold https://old.test") == "new text")
        #expect(trimmed("new\n-----Original Message-----\nFrom: x\nold") == "new")
    }

    @Test func bottomPostedAnswerIsKept() {
        #expect(trimmed("On Mon, A wrote:\n> question\n\nmy answer") == "\nmy answer")
    }
}

struct PDLogReaderTests {
    @Test(arguments: [
        ("PD hours: 7.5", 7.5, nil as String?),
        ("Total PD hours - 8", 8, nil),
        ("I logged 6 PD hours", 6, nil),
        ("Hours: 4", 4, nil),
        ("Growth Mindset: 6 PD hours", 6, "Growth Mindset"),
    ])
    func readsPlainStatements(line: String, hours: Double, hint: String?) {
        let found = PDLogReader.statements(inText: "Hello\n\(line)\nThanks")
        #expect(found.count == 1)
        #expect(found.first?.hours == hours)
        #expect(found.first?.mcHint == hint)
    }

    @Test func aNumberStatedTwiceIsOneStatement() {
        let found = PDLogReader.statements(inText: "My log shows 6 hours.\nPD hours: 6\nGrowth Mindset: 6 PD hours")
        #expect(found.map(\.hours) == [6, 6])
        #expect(found.map(\.mcHint) == [nil, "Growth Mindset"])
        #expect(PDLogReader.statements(inText: "PD hours: 3\nPD hours: 4").map(\.hours) == [3, 4])
    }

    @Test func anExcelLogIsReadLikeACSVOne() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TablesTests/Fixtures/pd_log.xlsx")
        let reading = PDLogReader.statements(inSpreadsheet: Array(try Data(contentsOf: fixture)), name: "pd_log.xlsx")
        #expect(reading.statements == [PDHoursStatement(hours: 5.5, mcHint: "Growth Mindset", source: "pd_log.xlsx")], "the Total row is not added again")
        #expect(reading.problems == [PDLogProblem(source: "pd_log.xlsx line 6", problem: "\"four\" is not a number of hours")])
        #expect(PDLogReader.statements(inSpreadsheet: Array("oops".utf8), name: "log.xlsx").problems.first?.problem.contains("not an Excel .xlsx file") == true)
    }

    @Test func aSpreadsheetFormatThatCannotBeReadIsNamed() throws {
        let message = try intake(text: """
            From: ann@district.test\r
            Content-Type: multipart/mixed; boundary=b\r
            \r
            --b\r
            Content-Type: text/plain\r
            \r
            Log attached.\r
            --b\r
            Content-Type: application/vnd.ms-excel; name="hours.xls"\r
            Content-Transfer-Encoding: base64\r
            \r
            0M8R4KGxGuE=\r
            --b--\r
            """)
        let reading = PDLogReader.read(message)
        #expect(reading.statements.isEmpty)
        #expect(reading.problems.map(\.source) == ["hours.xls"])
        #expect(reading.problems.first?.problem.contains("save it as .xlsx or .csv") == true)
    }

    @Test func aLogSentAsAPDFIsNamedWhenNoHoursWereFound() throws {
        func message(_ body: String) throws -> Intake {
            try intake(text: "From: ann@district.test\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n\(body)\r\n"
                + "--b\r\nContent-Type: application/pdf; name=\"PD log.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQ=\r\n--b--\r\n")
        }
        let unread = PDLogReader.read(try message("Badge and log attached."))
        #expect(unread.problems.map(\.source) == ["PD log.pdf"])
        #expect(unread.problems.first?.problem.contains("cannot be read") == true)
        #expect(PDLogReader.read(try message("PD hours: 6")).problems.isEmpty, "the hours were given in the message")
    }

    @Test func ignoresHoursThatAreNotALog() {
        #expect(PDLogReader.statements(inText: "I was out for 3 hours yesterday").isEmpty)
        #expect(PDLogReader.statements(inText: "no numbers").isEmpty)
    }

    @Test func csvLogsSumPerMCAndNameTheirBadLines() throws {
        let reading = PDLogReader.read(try intake("pd_log_csv"))
        #expect(reading.statements.map(\.hours) == [9.5, 4])
        #expect(reading.statements.map(\.mcHint) == ["Classroom Culture", "Family Engagement"])
        #expect(reading.problems == [.init(source: "PD log.csv line 5", problem: "\"two\" is not a number of hours")])
    }

    @Test func csvWithoutAnHoursColumnSaysSo() {
        let reading = PDLogReader.statements(inCSV: Array("Date,Activity\n2025-09-01,Reading\n".utf8), name: "log.csv")
        #expect(reading.statements.isEmpty)
        #expect(reading.problems.first?.problem.contains("no column named Hours") == true)
    }
}
