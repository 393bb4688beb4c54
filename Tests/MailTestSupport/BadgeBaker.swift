import Crypto
import Foundation

/// Makes badge images the way Open Badges bakers do, for tests: a valid 1x1 PNG with the award in
/// an `iTXt` (or legacy `tEXt`) chunk, or an SVG with an `openbadges:assertion` element.
public enum BadgeBaker {
    public enum PNGChunk {
        case internationalText(keyword: String, text: String, compressed: Bool = false)
        case latin1Text(keyword: String, text: String)
    }

    public static func png(_ extra: [PNGChunk]) -> [UInt8] {
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        // 1x1, 8-bit RGBA.
        out += chunk("IHDR", be32(1) + be32(1) + [8, 6, 0, 0, 0])
        let scanline: [UInt8] = [0, 0x1F, 0x6F, 0xB4, 0xFF]  // filter byte + one blue pixel
        out += chunk("IDAT", zlibStored(scanline))
        for item in extra {
            switch item {
            case .internationalText(let keyword, let text, let compressed):
                out += chunk("iTXt", Array(keyword.utf8) + [0, compressed ? 1 : 0, 0, 0, 0] + Array(text.utf8))
            case .latin1Text(let keyword, let text):
                out += chunk("tEXt", Array(keyword.utf8) + [0] + Array(text.utf8))
            }
        }
        out += chunk("IEND", [])
        return out
    }

    /// A PNG with an Open Badges 2.0 assertion (or 3.0 credential) baked in.
    public static func png(award json: String, keyword: String = "openbadges") -> [UInt8] {
        png([.internationalText(keyword: keyword, text: json)])
    }

    public static func svg(award json: String, verify: String? = nil, prefix: String = "openbadges", namespace: String = "http://openbadges.org") -> [UInt8] {
        let verifyAttribute = verify.map { " verify=\"\($0)\"" } ?? ""
        return Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:\(prefix)="\(namespace)" width="100" height="100">
              <\(prefix):assertion\(verifyAttribute)><![CDATA[\(json)]]></\(prefix):assertion>
              <circle cx="50" cy="50" r="40" fill="#1f6fb4"/>
            </svg>
            """.utf8)
    }

    /// An Open Badges 2.0 hosted assertion for `email`, hashed with SHA-256 and a salt as issuers do.
    public static func assertionJSON(
        id: String = "https://badges.example.test/assertions/a1", badgeClass: String = "https://badges.example.test/classes/growth-mindset",
        badgeName: String? = nil, email: String, salt: String = "pepper", issuedOn: String = "2025-08-20T14:00:00Z", revoked: Bool = false
    ) -> String {
        let hash = sha256Hex(email.lowercased() + salt)
        let badge = badgeName.map { "{\"id\": \"\(badgeClass)\", \"type\": \"BadgeClass\", \"name\": \"\($0)\", \"issuer\": {\"id\": \"https://badges.example.test/issuer\", \"name\": \"Digital Promise\"}}" } ?? "\"\(badgeClass)\""
        return """
            {"@context": "https://w3id.org/openbadges/v2", "type": "Assertion", "id": "\(id)",
             "recipient": {"type": "email", "hashed": true, "salt": "\(salt)", "identity": "sha256$\(hash)"},
             "badge": \(badge), "issuedOn": "\(issuedOn)", "verification": {"type": "hosted"}\(revoked ? ", \"revoked\": true" : "")}
            """
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return be32(UInt32(data.count)) + body + be32(crc32(body))
    }

    static func be32(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    /// zlib stream with one stored (uncompressed) deflate block.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        let length = UInt16(data.count)
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        return [0x78, 0x01, 0x01, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)] + data + be32(b << 16 | a)
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    public static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
