import Testing
@testable import MIME

struct HeaderParserTests {
    @Test func foldedValuesAreUnfolded() throws {
        let m = try parse("Subject: a long\r\n  folded\r\n\tsubject\r\nFrom: a@b.test\r\n\r\nbody")
        #expect(m.subject == "a long  folded\tsubject".replacingOccurrences(of: "\t", with: " "))
        #expect(m.from.first?.address == "a@b.test")
    }

    @Test func obsoleteSpaceBeforeColonIsAccepted() throws {
        let m = try parse("Subject : spaced\r\nFrom : x@y.test\r\n\r\nb")
        #expect(m.subject == "spaced")
        #expect(m.from.first?.address == "x@y.test")
    }

    @Test func leadingBlankLinesAndMboxFromLineAreSkipped() throws {
        let m = try parse("\r\n\nFrom someone@x Mon Jan  1 00:00:00 2024\nFrom: real@x.test\nSubject: s\n\nbody")
        #expect(m.from.first?.address == "real@x.test")
        #expect(m.subject == "s")
    }

    @Test func continuationThatLostItsIndentIsRepaired() throws {
        let m = try parse("From: a@b.test\r\nCc: C <c@example.com>, D <d@\r\nexample.com>\r\nSubject: s\r\n\r\nbody")
        #expect(m.cc.map(\.address) == ["c@example.com", "d@example.com"])
        #expect(m.subject == "s")
    }

    @Test func bodyWithoutSeparatorLineStartsAtTheFirstNonHeaderLine() throws {
        let m = try parse("From: a@b.test\nSubject: s\ncounter to RFC 5322, no blank line\nmore")
        #expect(m.subject == "s")
        #expect(m.root.text()?.hasPrefix("counter to RFC 5322") == true)
    }

    @Test func lookupIsCaseInsensitiveAndKeepsOrder() throws {
        let m = try parse("Received: one\r\nRECEIVED: two\r\nfrom: a@b.test\r\n\r\n")
        #expect(m.header.all("received") == ["one", "two"])
        #expect(m.header["FROM"] == "a@b.test")
    }

    @Test func rawUTF8AndLatin1HeadersAreRead() throws {
        let utf8 = try MessageParser().parse(Array("Subject: Ça marche\r\n\r\n".utf8))
        #expect(utf8.subject == "Ça marche")
        let latin1 = try MessageParser().parse(Array("Subject: caf".utf8) + [0xE9] + Array("\r\n\r\n".utf8))
        #expect(latin1.subject == "café")
    }

    @Test func controlCharactersAreDroppedFromText() throws {
        let m = try parse("Subject: =?ISO_8859-1?Q?testing=00?=\r\n\r\n")
        #expect(m.subject == "testing")
    }

    @Test func tooManyFieldsIsALimit() {
        let many = (0..<50).map { "X-\($0): v" }.joined(separator: "\r\n") + "\r\n\r\n"
        #expect(throws: ParseFailure.self) {
            _ = try MessageParser(limits: ParseLimits(maxHeaderFields: 10)).parse(Array(many.utf8))
        }
    }

    @Test func overlongFieldIsALimit() {
        let long = "Subject: " + String(repeating: "a", count: 5000) + "\r\n\r\n"
        #expect(throws: ParseFailure.limitExceeded("a header field longer than 1000 bytes")) {
            _ = try MessageParser(limits: ParseLimits(maxHeaderFieldBytes: 1000)).parse(Array(long.utf8))
        }
    }

    @Test func headerOnlyParseReadsTheTopBlock() {
        let header = MessageParser().parseHeader(Array("From: a@b.test\r\nMessage-ID: <x@y>\r\n\r\n--junk".utf8))
        #expect(header["message-id"] == "<x@y>")
    }
}

struct EncodedWordTests {
    @Test(arguments: [
        ("=?UTF-8?Q?caf=C3=A9?=", "café"),
        ("=?iso-8859-1?q?caf=E9_au_lait?=", "café au lait"),
        ("=?UTF-8?B?Y2Fmw6k=?=", "café"),
        ("=?UTF-8?B?Y2Fmw6k?=", "café"),  // missing padding
        ("plain =?UTF-8?Q?and?= =?UTF-8?Q?_joined?= end", "plain and joined end"),
        ("=?UTF-8?Q?a?=\r\n =?UTF-8?Q?b?=", "ab"),
        ("=?utf-8*en?Q?language?=", "language"),
        ("=?UTF-8?Q?mixed?= =?ISO-8859-1?B?6Q==?=", "mixedé"),
        ("=?bogus", "=?bogus"),
        ("=?UTF-8?X?unknown?=", "=?UTF-8?X?unknown?="),
        ("=?koi8-r?B?8NLJ18XU?=", "Привет"),
    ])
    func decodes(raw: String, expected: String) {
        #expect(EncodedWord.decode(raw) == expected)
    }

    @Test func multibyteCharacterSplitAcrossTwoWordsSurvives() {
        // "é" is C3 A9: the first word ends after C3, the second starts with A9.
        #expect(EncodedWord.decode("=?UTF-8?B?Y2Fmww==?= =?UTF-8?B?qQ==?=") == "café")
        #expect(EncodedWord.decode("=?UTF-8?Q?caf=C3?= =?UTF-8?Q?=A9?=") == "café")
    }

    @Test func encodeRoundTripsAndKeepsWordsShort() {
        let text = "Réponse: ceci est un très long sujet avec des accents éèêë pour vérifier le découpage ✓"
        let encoded = EncodedWord.encode(text)
        #expect(encoded.split(separator: " ").allSatisfy { $0.count <= 75 })
        #expect(EncodedWord.decode(encoded) == text)
        #expect(EncodedWord.encode("plain ascii") == "plain ascii")
    }
}

struct HeaderParametersTests {
    @Test func quotedAndCommentedValues() {
        let p = HeaderParameters.parse("text/plain; charset=\"utf-8\" (a comment); format=flowed")
        #expect(p.value == "text/plain")
        #expect(p["charset"] == "utf-8")
        #expect(p["format"] == "flowed")
    }

    @Test func rfc2231ContinuationsAndCharset() {
        let p = HeaderParameters.parse("attachment; filename*0*=utf-8''Caf%C3%A9%20; filename*1=\"log\"; filename*2*=%2Ecsv")
        #expect(p["filename"] == "Café log.csv")
        let single = HeaderParameters.parse("attachment; filename*=iso-8859-1'fr'caf%E9.pdf; filename=\"fallback.pdf\"")
        #expect(single["filename"] == "café.pdf")
    }

    @Test func bareEncodedWordInAParameter() {
        let p = HeaderParameters.parse("application/pdf; name==?utf-8?B?VGhpcyBpcyBhIHRlc3QucGRm?=")
        #expect(p["name"] == "This is a test.pdf")
        let quoted = HeaderParameters.parse("attachment; filename=\"=?UTF-8?Q?r=C3=A9sum=C3=A9.pdf?=\"")
        #expect(quoted["filename"] == "résumé.pdf")
    }

    @Test func contentTypeDefaultsAndOddities() {
        #expect(ContentType.parse("TEXT/HTML; CHARSET=UTF-8")?.mimeType == "text/html")
        #expect(ContentType.parse("TEXT/HTML; CHARSET=UTF-8")?.charset == "UTF-8")
        #expect(ContentType.parse("text")?.mimeType == "text/plain")
        #expect(ContentType.parse("garbage") == nil)
    }
}
