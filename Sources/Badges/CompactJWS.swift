import Foundation

/// A compact JWS (`header.payload.signature`, base64url). Signed Open Badges travel this way; the
/// payload is read here, the signature is not checked (that needs the issuer's key, fetched online).
public struct CompactJWS: Sendable, Equatable {
    public var header: [UInt8]
    public var payload: [UInt8]

    public init?(_ text: String) {
        let parts = text.trimmingSpaces.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let header = Self.base64URLDecode(parts[0]), let payload = Self.base64URLDecode(parts[1]) else { return nil }
        self.header = header
        self.payload = payload
    }

    static func base64URLDecode(_ text: Substring) -> [UInt8]? {
        guard !text.isEmpty, text.allSatisfy({ $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII || $0 == "-" || $0 == "_" }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).map { Array($0) }
    }
}
