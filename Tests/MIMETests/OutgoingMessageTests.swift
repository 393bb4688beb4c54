import Foundation
import Testing
@testable import MIME

struct OutgoingMessageTests {
    func sample(html: String? = nil, attachments: [OutgoingAttachment] = []) -> OutgoingMessage {
        OutgoingMessage(
            from: MailAddress(displayName: "Micro-credential submissions", address: "bot@district.test"),
            to: [MailAddress(displayName: "Zoë Teacher", address: "zoe@district.test")],
            subject: "Re: Mon badge « Culture de classe » – reçu",
            messageID: "mcbot.1@district.test", date: Date(timeIntervalSince1970: 1_757_948_400),
            inReplyTo: "orig@teacher.test", references: ["older@teacher.test", "orig@teacher.test"],
            extraHeaders: [HeaderField(name: "Auto-Submitted", value: "auto-replied"), HeaderField(name: "X-Mcbot-Outcome", value: "counted")],
            textBody: "Dear Zoë,\nCOUNTED for 2025–26.\n" + String(repeating: "long line ", count: 30), htmlBody: html, attachments: attachments)
    }

    @Test func rendersAMessageThatReadsBackTheSame() throws {
        let bytes = sample().render()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(Bytes.isASCII(bytes))
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        let m = try MessageParser().parse(bytes)
        #expect(m.subject == "Re: Mon badge « Culture de classe » – reçu")
        #expect(m.to.first?.displayName == "Zoë Teacher")
        #expect(m.messageID == "mcbot.1@district.test")
        #expect(m.inReplyTo == ["orig@teacher.test"])
        #expect(m.references == ["older@teacher.test", "orig@teacher.test"])
        #expect(m.header["auto-submitted"] == "auto-replied")
        #expect(m.root.text()?.hasPrefix("Dear Zoë,\nCOUNTED for 2025–26.") == true)
    }

    @Test func encodedSubjectsFoldWithinRFC2047sLineLimit() throws {
        var message = sample()
        message.subject = "Reminder: micro-credential badges for 2025–26 are due October 1, 2025 — please send them"
        let text = String(decoding: message.render(), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        let subjectStart = try #require(lines.firstIndex { $0.hasPrefix("Subject:") })
        #expect(lines[subjectStart].hasPrefix("Subject: =?UTF-8?B?"), "the first word stays on the field's first line")
        #expect(lines.filter { $0.contains("=?UTF-8?B?") }.allSatisfy { $0.utf8.count <= 76 })
        #expect(try MessageParser().parse(message.render()).subject == message.subject)
    }

    @Test func htmlAlternativeAndAttachedOriginal() throws {
        let original = Array("From: t@x.test\r\nSubject: orig\r\n\r\nhello\r\n".utf8)
        let m = try MessageParser().parse(sample(html: "<p>Dear Zoë</p>", attachments: [.originalMessage(original)]).render())
        #expect(m.root.contentType.mimeType == "multipart/mixed")
        #expect(m.root.leaves.map(\.contentType.mimeType) == ["text/plain", "text/html", "message/rfc822"])
        #expect(m.root.leaves[2].embeddedMessage?.subject == "orig")
        let binary = try MessageParser().parse(sample(attachments: [.originalMessage(Array("Subject: é\n\n".utf8))]).render())
        #expect(binary.root.leaves.last?.decodedBody() == Array("Subject: é\n\n".utf8))
        #expect(binary.root.leaves.last?.filename == "original.eml")
    }
}
