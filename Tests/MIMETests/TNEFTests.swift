import Testing
@testable import MIME

/// Builds winmail.dat bytes the way Outlook lays them out.
enum TNEFWriter {
    static func attribute(level: UInt8, id: UInt32, _ data: [UInt8]) -> [UInt8] {
        let checksum = UInt16(truncatingIfNeeded: data.reduce(0) { $0 + Int($1) })
        var out: [UInt8] = [level]
        out += le32(id)
        out += le32(UInt32(data.count))
        return out + data + le16(checksum)
    }
    static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }

    /// MAPI properties with one PT_UNICODE long file name.
    static func longFilename(_ name: String) -> [UInt8] {
        var utf16: [UInt8] = name.utf16.flatMap { le16($0) }
        utf16 += [0, 0]
        let length = UInt32(utf16.count)
        while utf16.count % 4 != 0 { utf16.append(0) }
        var out: [UInt8] = le32(1)
        out += le16(0x001F)
        out += le16(0x3707)
        out += le32(1)
        out += le32(length)
        return out + utf16
    }

    static func file(_ files: [(short: String, long: String?, data: [UInt8])]) -> [UInt8] {
        var out = le32(0x223E_9F78) + le16(0x0001)
        out += attribute(level: 1, id: 0x0008_9006, [1, 0, 0, 0])  // attTnefVersion-like noise
        for f in files {
            out += attribute(level: 2, id: 0x0006_9002, [UInt8](repeating: 0, count: 14))
            out += attribute(level: 2, id: 0x0001_8010, Array(f.short.utf8) + [0])
            out += attribute(level: 2, id: 0x0006_800F, f.data)
            if let long = f.long { out += attribute(level: 2, id: 0x0006_9005, longFilename(long)) }
        }
        return out
    }
}

struct TNEFTests {
    @Test func filesInsideWinmailDatAreRecovered() throws {
        let bytes = TNEFWriter.file([("BADGE~1.PNG", "Classroom Culture badge.png", [0x89, 0x50, 0x4E, 0x47]), ("hours.csv", nil, Array("Hours\n8\n".utf8))])
        #expect(TNEF.isTNEF(bytes))
        let tnef = try #require(TNEF.parse(bytes))
        #expect(tnef.attachments.map(\.filename) == ["Classroom Culture badge.png", "hours.csv"])
        #expect(tnef.attachments[0].data == [0x89, 0x50, 0x4E, 0x47])
        #expect(tnef.attachments[1].data == Array("Hours\n8\n".utf8))
    }

    @Test func damagedTNEFKeepsWhatCameBefore() throws {
        let bytes = TNEFWriter.file([("a.txt", nil, Array("first".utf8)), ("b.txt", nil, Array("second".utf8))])
        let cut = Array(bytes.prefix(bytes.count - 5))
        let tnef = try #require(TNEF.parse(cut))
        #expect(tnef.attachments.first?.filename == "a.txt")
        #expect(TNEF.parse(Array("not tnef".utf8)) == nil)
    }
}
