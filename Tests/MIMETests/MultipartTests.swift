import Testing
@testable import MIME

struct MultipartTests {
    @Test func nestedAlternativeAndAttachment() throws {
        let m = try parse("""
            Content-Type: multipart/mixed; boundary="outer"\r
            \r
            preamble\r
            --outer\r
            Content-Type: multipart/alternative; boundary="inner"\r
            \r
            --inner\r
            Content-Type: text/plain\r
            \r
            plain\r
            --inner\r
            Content-Type: text/html\r
            \r
            <p>html</p>\r
            --inner--\r
            --outer\r
            Content-Type: image/png; name="badge.png"\r
            Content-Transfer-Encoding: base64\r
            \r
            iVBORw0K\r
            --outer--\r
            epilogue
            """)
        #expect(m.root.children.count == 2)
        #expect(m.root.leaves.map(\.contentType.mimeType) == ["text/plain", "text/html", "image/png"])
        #expect(m.root.leaves[0].text() == "plain")
        #expect(m.root.leaves[2].filename == "badge.png")
        #expect(m.root.leaves[2].decodedBody() == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A])
        #expect(m.root.leaves[1].path == [1, 2])
    }

    @Test func boundaryThatPrefixesAnotherIsNotConfused() throws {
        let m = try parse("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\none\r\n--b-not\r\nstill one\r\n--b\r\n\r\ntwo\r\n--b--\r\n")
        #expect(m.root.children.count == 2)
        #expect(m.root.children[0].text() == "one\n--b-not\nstill one")
    }

    @Test func missingCloseDelimiterKeepsTheLastPart() throws {
        let m = try parse("Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n\r\nfirst\r\n--x\r\nContent-Type: text/plain\r\n\r\nlast part")
        #expect(m.root.children.map { $0.text() } == ["first", "last part"])
    }

    @Test func nestedPartReusingItsParentsBoundaryLosesNothing() throws {
        let m = try parse("""
            Content-Type: multipart/mixed; boundary="B"\r
            \r
            --B\r
            Content-Type: multipart/alternative; boundary="B"\r
            \r
            \r
            --B\r
            Content-Type: text/plain\r
            \r
            text\r
            --B--\r
            \r
            --B\r
            Content-Type: image/gif; name="xx.gif"\r
            Content-Disposition: attachment\r
            \r
            data\r
            --B--\r
            """)
        #expect(m.root.leaves.compactMap(\.filename) == ["xx.gif"])
    }

    @Test func declaredMultipartWithoutBoundaryLinesIsReadAsText() throws {
        let m = try parse("Content-Type: multipart/alternative; boundary=nothere\r\n\r\nJust text.")
        #expect(m.root.contentType.mimeType == "text/plain")
        #expect(m.root.text() == "Just text.")
    }

    @Test func digestPartsDefaultToMessages() throws {
        let m = try parse("Content-Type: multipart/digest; boundary=d\r\n\r\n--d\r\n\r\nFrom: a@b.test\r\nSubject: one\r\n\r\nbody\r\n--d--")
        #expect(m.root.children.first?.embeddedMessage?.subject == "one")
    }

    @Test func attachedMessageIsParsedEvenWhenBase64Encoded() throws {
        let inner = Base64.encode(Array("From: orig@x.test\r\nSubject: Welcome\r\n\r\nHello".utf8))
        let m = try parse("Content-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\nContent-Type: message/rfc822; name=\"sample.eml\"\r\nContent-Transfer-Encoding: base64\r\n\r\n\(inner)\r\n--m--")
        let embedded = try #require(m.root.children.first?.embeddedMessage)
        #expect(embedded.subject == "Welcome")
        #expect(embedded.from.first?.address == "orig@x.test")
    }

    @Test func depthLimitIsEnforced() {
        var text = "Content-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n"
        for level in 0..<30 { text += "--b\(level)\r\nContent-Type: multipart/mixed; boundary=\"b\(level + 1)\"\r\n\r\n" }
        #expect(throws: ParseFailure.limitExceeded("parts nested more than 16 deep")) {
            _ = try MessageParser().parse(Array(text.utf8))
        }
    }

    @Test func partCountLimitIsEnforced() {
        let parts = (0..<20).map { _ in "--p\r\n\r\nx\r\n" }.joined()
        #expect(throws: ParseFailure.self) {
            _ = try MessageParser(limits: ParseLimits(maxParts: 10)).parse(Array("Content-Type: multipart/mixed; boundary=p\r\n\r\n\(parts)--p--".utf8))
        }
    }

    @Test func sizeLimitIsEnforced() {
        #expect(throws: ParseFailure.self) {
            _ = try MessageParser(limits: ParseLimits(maxMessageBytes: 10)).parse(Array("Subject: more than ten bytes\r\n\r\n".utf8))
        }
    }

    @Test func largeAttachmentIsNotCopiedWhileParsing() throws {
        let payload = Base64.encodeBytes([UInt8](repeating: 7, count: 300_000), lineLength: 76)
        let text = Array("Content-Type: multipart/mixed; boundary=z\r\n\r\n--z\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n".utf8)
            + payload + Array("\r\n--z--\r\n".utf8)
        let m = try MessageParser().parse(text)
        let part = try #require(m.root.children.first)
        #expect(part.encodedBody.count == payload.count)
        #expect(part.decodedBody().count == 300_000)
    }
}

struct HTMLTextTests {
    @Test func linksAreWrittenAfterTheirTextOnce() {
        let html = HTMLText.convert("<p>My <a href=\"https://example.org/badge?a=1&amp;b=2\">badge</a> and <a href='https://x.test/'>https://x.test</a></p>")
        #expect(html.text == "My badge <https://example.org/badge?a=1&b=2> and https://x.test")
        #expect(html.links == ["https://example.org/badge?a=1&b=2", "https://x.test/"])
    }

    @Test func blockquotesBecomeQuotedLines() {
        let html = HTMLText.convert("<div>New text</div><div class=\"gmail_quote\">On Mon, X wrote:<br><blockquote>old<br>older</blockquote></div>")
        #expect(html.text == "New text\nOn Mon, X wrote:\n> old\n> older")
    }

    @Test func scriptsStylesAndCommentsAreSkippedAndEntitiesDecoded() {
        let html = HTMLText.convert("<html><head><title>T</title><style>p{}</style></head><body><!-- hidden --><script>x()</script>caf&eacute; &#8211; &#x2713; &nbsp;&lt;ok&gt;</body></html>")
        #expect(html.text == "café – ✓ <ok>")
    }

    @Test func inlineImagesAreListedByContentID() {
        let html = HTMLText.convert("<img src=\"cid:logo@1\"><img src=\"https://x.test/a.png\">")
        #expect(html.contentIDs == ["logo@1"])
        #expect(html.links == ["https://x.test/a.png"])
    }
}
