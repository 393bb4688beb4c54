import Foundation
import MailTestSupport
import Testing

/// `mcbot inspect` as a person runs it: the binary, a message file, its JSON.
struct InspectCommandTests {
    func inspect(_ message: [UInt8], json: Bool = true) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("inspect-\(UUID().uuidString).eml")
        try Data(message).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = BotHarness.repositoryRoot.appendingPathComponent(".build/debug/mcbot")
        process.arguments = ["inspect", file.path] + (json ? ["--json"] : [])
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test func aBakedBadgeImageShowsItsAward() throws {
        let png = BadgeBaker.png(award: BadgeBaker.assertionJSON(badgeName: "Growth Mindset", email: "ann@district.test"))
        let message = TestMessage.withFiles(
            from: "Ann <Ann@District.test>", to: "mc@district.test", subject: "My badge", body: "Attached.",
            files: [.init(filename: "growth.png", contentType: "image/png", bytes: png),
                    .init(filename: "log.csv", contentType: "text/csv", bytes: Array("date,hours\n2025-08-01,6\n".utf8))])
        let result = try inspect(message)
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(object["from"] as? String == "ann@district.test")
        let attachments = try #require(object["attachments"] as? [[String: Any]])
        #expect(attachments.map { $0["filename"] as? String } == ["growth.png", "log.csv"])
        let badge = try #require(attachments[0]["badge"] as? [String: Any])
        #expect(badge["standard"] as? String == "2.0")
        #expect(badge["badgeName"] as? String == "Growth Mindset")
        #expect(badge["issuer"] as? String == "Digital Promise")
        #expect(badge["hostedAt"] as? String == "https://badges.example.test/assertions/a1")
        #expect(badge["recipientHashed"] as? Bool == true)
        #expect(attachments[1]["badge"] is NSNull, "every documented key is present, null when it does not apply")

        let summary = try inspect(message, json: false)
        #expect(summary.output.contains("Open Badges 2.0 badge: “Growth Mindset”, from Digital Promise"))
    }
}
