import Foundation
import Testing
@testable import Intake

/// One fixture per client quirk: what mcbot must read from each.
struct ClientQuirkTests {
    @Test func outlookSafeLinksInTextAndHTMLAreUnwrapped() throws {
        let i = try intake("outlook_safelinks")
        #expect(i.links.map(\.url) == [
            "https://microcredentials.digitalpromise.org/badges/growth-mindset/q7w8e9",
            "https://www.cusd200.org/o/cusd200/page/microcredentials",
            "https://nea.certificationbank.com/badges/classroom-management/x1",
        ])
        #expect(i.links[0].original?.contains("safelinks.protection.outlook.com") == true)
    }

    @Test func gatewayWrappersOfEveryKindAndNestedAreUnwrapped() throws {
        let urls = try intake("gateway_wrappers").links.map(\.url)
        #expect(urls == [
            "https://microcredentials.digitalpromise.org/badges/formative-assessment/a1",
            "https://nea.certificationbank.com/badges/restorative-practices/b2?ref=x&y",
            "https://microcredentials.digitalpromise.org/badges/classroom-culture/c3",
            "https://badgr.com/public/assertions/AbCdEf123",
            "https://example.org/page",
        ])
    }

    @Test(arguments: [
        ("gmail_forward", "no-reply@digitalpromise.org", "Congratulations! You earned a micro-credential", "https://microcredentials.digitalpromise.org/badges/classroom-culture/dp-555"),
        ("outlook_forward", "dan@district.org", "my badge", "https://nea.certificationbank.com/badges/family-engagement/n-77"),
        ("apple_mail_forward", "mc@nea.org", "Your NEA micro-credential", "https://nea.certificationbank.com/badges/classroom-management/e-12"),
        ("ios_forward", "badges@digitalpromise.org", "Badge", "https://microcredentials.digitalpromise.org/badges/growth-mindset/ios-9"),
        ("thunderbird_forward", "badges@example.org", "badge", "https://microcredentials.digitalpromise.org/badges/formative-assessment/tb-3"),
    ])
    func inlineForwardsGiveTheOriginalAuthorAndContent(fixture: String, author: String, subject: String, link: String) throws {
        let i = try intake(fixture)
        let forwarded = try #require(i.forwarded)
        #expect(forwarded.form == .inline)
        #expect(forwarded.from?.normalized == author)
        #expect(forwarded.subject == subject)
        #expect(forwarded.links.map(\.url) == [link])
        #expect(i.links.map(\.url).contains(link), "inline-forwarded text is the message's own content")
        #expect(!i.newText.contains(link), "the forwarder's own text stops at the forward")
    }

    @Test func forwardDatesAreRead() throws {
        #expect(try intake("apple_mail_forward").forwarded?.date == ISO8601DateFormatter().date(from: "2025-09-12T21:02:11Z"))
        #expect(try intake("thunderbird_forward").forwarded?.date == ISO8601DateFormatter().date(from: "2025-09-19T08:11:12Z"))
    }

    @Test func attachedOriginalIsReadWhole() throws {
        let i = try intake("attached_forward")
        let forwarded = try #require(i.forwarded)
        #expect(forwarded.form == .attached)
        #expect(forwarded.from?.normalized == "gail@district.org")
        #expect(forwarded.intake?.messageID == "gail-orig@district.org")
        #expect(i.links.isEmpty)
        #expect(i.allLinks.map(\.url) == ["https://microcredentials.digitalpromise.org/badges/classroom-culture/g-1"])
        #expect(i.attachments.map(\.filename) == ["badge from Gail.eml"])
        #expect(i.allAttachments.compactMap(\.filename) == ["badge from Gail.eml", "hours.csv"])
    }

    @Test func quotedHistoryIsNotCountedAgain() throws {
        let gmail = try intake("gmail_reply_quoted")
        #expect(gmail.links.isEmpty)
        #expect(gmail.newText == "My log: PD hours: 7")
        let outlook = try intake("outlook_reply_history")
        #expect(outlook.links.map(\.url) == ["https://nea.certificationbank.com/badges/restorative-practices/new-1"])
    }

    @Test func inlineAnswersBetweenQuotesSurvive() throws {
        let i = try intake("inline_answers")
        #expect(i.links.map(\.url) == ["https://microcredentials.digitalpromise.org/badges/growth-mindset/cat-1"])
        #expect(i.newText.contains("PD hours: 5"))
        #expect(!i.newText.contains("Which micro-credential"))
    }

    @Test(arguments: [
        ("auto_reply_rfc3834", MessageKind.autoReply),
        ("exchange_oof", .autoReply),
        ("german_oof", .autoReply),
        ("exchange_ordinary", .person),
        ("dsn_bounce", .bounce),
        ("list_mail", .list),
        ("gmail_forward", .person),
    ])
    func machineMailIsRecognised(fixture: String, kind: MessageKind) throws {
        #expect(try intake(fixture).kind == kind)
    }

    @Test func bounceNamesTheFailedRecipientAndIsNotAForward() throws {
        let i = try intake("dsn_bounce")
        #expect(i.bouncedRecipients == ["gone@district.org"])
        #expect(i.forwarded == nil)
        #expect(i.links.isEmpty)
        #expect(i.attachments.isEmpty)
    }

    @Test func encodedHeadersFilenamesAndWindows1252Body() throws {
        let i = try intake("encoded_headers")
        #expect(i.subject == "Mon badge compétence ✓")
        #expect(i.from?.displayName == "Zoë Teacher")
        #expect(i.newText == "“Café” badge attached.")
        #expect(i.attachments.first?.filename == "Certificat de réussite.pdf")
        #expect(i.attachments.first?.bytes() == Array("%PDF-1.4\n".utf8))
    }

    @Test func inlineImagesAreListedAndFlagged() throws {
        let i = try intake("inline_image")
        #expect(i.attachments.map(\.filename) == ["Classroom Culture.png", "logo.png"])
        #expect(i.attachments.allSatisfy { $0.isInline })
        #expect(i.attachments[0].contentID == "badge@ann")
        #expect(i.attachments[0].sha256 == SHA256Hex.of([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    }

    @Test func winmailDatIsUnpackedIntoItsFiles() throws {
        let i = try intake("winmail")
        #expect(i.attachments.map(\.filename) == ["Classroom Culture badge.png", "hours.csv"])
        #expect(i.attachments.allSatisfy { $0.fromTNEF })
        #expect(i.attachments[0].contentType == "image/png")
        #expect(i.attachments[1].bytes() == Array("Hours\r\n7.5\r\n".utf8))
    }
}

struct NullSenderTests {
    @Test func anEmptyReturnPathIsADeliveryReport() throws {
        let i = try intake(text: "Return-Path: <>\r\nFrom: postoffice@mx.example\r\nSubject: Notice\r\n\r\nSomething happened to your message.")
        #expect(i.kind == .bounce)
        #expect(i.kindReason.contains("empty Return-Path"))
    }

    @Test func anOutOfOfficeWithANullSenderStaysAnAutoReply() throws {
        let i = try intake(text: "Return-Path: <>\r\nAuto-Submitted: auto-replied\r\nFrom: a@district.org\r\nSubject: Away\r\n\r\nAway.")
        #expect(i.kind == .autoReply)
    }

    @Test func aMailerDaemonNoticeWithoutADSNPartIsABounceWithItsRecipient() throws {
        let i = try intake(text: """
            From: MAILER-DAEMON@mx.example (Mail Delivery System)\r
            Subject: Undelivered Mail Returned to Sender\r
            \r
            I'm sorry to have to inform you that your message could not be delivered.\r
            \r
            <gone@district.org>: host mx.district.org said: 550 5.1.1 unknown user\r
            """)
        #expect(i.kind == .bounce)
        #expect(i.bouncedRecipients == ["gone@district.org"])
    }
}
