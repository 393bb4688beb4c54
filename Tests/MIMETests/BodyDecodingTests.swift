import Testing
@testable import MIME

struct TransferEncodingTests {
    @Test func base64ToleratesLineBreaksJunkAndMissingPadding() {
        #expect(Base64.decode(Array("aGVs\r\nbG8g\n d29y bGQ=".utf8)) == Array("hello world".utf8))
        #expect(Base64.decode(Array("aGVsbG8".utf8)) == Array("hello".utf8))
        #expect(Base64.decode(Array("aGVs*bG8=trailing".utf8)) == Array("hello".utf8))
        #expect(Base64.decode([UInt8]()) == [])
    }

    @Test func base64RoundTripsEveryLength() {
        for length in 0..<70 {
            let bytes = (0..<length).map { UInt8(($0 * 37 + 11) & 0xFF) }
            let encoded = Base64.encodeBytes(bytes, lineLength: 76)
            #expect(Base64.decode(encoded) == bytes)
        }
    }

    @Test func quotedPrintableSoftBreaksAndBadEscapes() {
        #expect(QuotedPrintable.decode(Array("caf=C3=A9 =\r\nau lait=\nfin".utf8)) == Array("café au laitfin".utf8))
        #expect(QuotedPrintable.decode(Array("100%=ZZ sure=".utf8)) == Array("100%=ZZ sure".utf8))
        #expect(QuotedPrintable.decode(Array("lower =c3=a9".utf8)) == Array("lower é".utf8))
    }

    @Test func quotedPrintableEncodingRoundTripsAndKeepsLinesShort() {
        let text = "Une ligne très longue " + String(repeating: "avec des mots accentués é ", count: 10) + "fin.  \nFrom the start\n.dot"
        let encoded = QuotedPrintable.encode(Array(text.utf8))
        let lines = String(decoding: encoded, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(lines.contains { $0.hasPrefix("=46rom") })
        #expect(String(decoding: QuotedPrintable.decode(encoded), as: UTF8.self) == text.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func unknownTransferEncodingIsReadAsIs() throws {
        let m = try parse("Content-Transfer-Encoding: x-weird\r\n\r\nplain text")
        #expect(m.root.text() == "plain text")
    }
}

struct CharsetTests {
    @Test(arguments: [
        ([0x63, 0x61, 0x66, 0xE9] as [UInt8], "iso-8859-1", "café"),
        ([0x93, 0x71, 0x94] as [UInt8], "windows-1252", "“q”"),
        ([0x93, 0x71, 0x94] as [UInt8], "iso-8859-1", "\u{93}q\u{94}"),
        ([0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4] as [UInt8], "koi8-r", "Привет"),
        ([0xA6, 0x6E] as [UInt8], "big5", "好"),
        (Array("Hi +AKM-1".utf8), "unicode-1-1-utf-7", "Hi £1"),
    ])
    func declaredCharsetIsHonoured(bytes: [UInt8], charset: String, expected: String) {
        #expect(Charset.decode(bytes, declared: charset) == expected)
    }

    @Test func validUTF8UnderALegacyLabelIsReadAsUTF8() {
        #expect(Charset.decode(Array("您好".utf8), declared: "big5") == "您好")
        #expect(Charset.decode(Array("äöü".utf8), declared: "iso-8859-1") == "äöü")
    }

    @Test func invalidUTF8FallsBackToWindows1252() {
        #expect(Charset.decode([0x63, 0x61, 0x66, 0xE9, 0x80], declared: "utf-8") == "café€")
        #expect(Charset.decode([0xE9], declared: "x-unknown-charset") == "é")
    }
}

struct FlowedTextTests {
    @Test func softBreaksJoinAndQuotesStayApart() {
        let flowed = "This is a \nflowed line.\n> quoted \n> part\n-- \nsig"
        #expect(FlowedText.unflow(flowed, deleteSpace: false) == "This is a flowed line.\n> quoted part\n-- \nsig")
    }

    @Test func delSpRemovesTheTrailingSpace() {
        #expect(FlowedText.unflow("abc \ndef", deleteSpace: true) == "abcdef")
    }

    @Test func flowedPartsAreUnflowedWhenRead() throws {
        let m = try parse("Content-Type: text/plain; format=flowed\r\n\r\nOne \r\ntwo\r\n")
        #expect(m.root.text() == "One two\n")
    }
}
