import Crypto
import Foundation

/// Whom a badge was awarded to, as the assertion states it: an email address in the clear or as a
/// salted hash (`sha256$<hex>` or `md5$<hex>` of address + salt).
public struct RecipientIdentity: Sendable, Equatable {
    /// `email`, `url`, `telephone`, ... (Open Badges 3.0 `emailAddress` is read as `email`).
    public var type: String
    public var hashed: Bool
    public var identity: String
    public var salt: String?

    public init(type: String, hashed: Bool, identity: String, salt: String? = nil) {
        self.type = type
        self.hashed = hashed
        self.identity = identity
        self.salt = salt
    }

    public var isEmail: Bool { type.lowercased() == "email" || type.lowercased() == "emailaddress" }

    /// Whether `address` is this recipient. Issuers differ on case, so the address is tried as given
    /// and lowercased. Nil when the identity is not an email address or its hash kind is unknown.
    public func matches(_ address: String) -> Bool? {
        guard isEmail else { return nil }
        let candidates = Array(Set([address.trimmingSpaces, address.trimmingSpaces.lowercased()]))
        guard hashed else {
            let stated = identity.lowercased().hasPrefix("mailto:") ? String(identity.dropFirst(7)) : identity
            return candidates.contains { $0.lowercased() == stated.trimmingSpaces.lowercased() }
        }
        guard let dollar = identity.firstIndex(of: "$") else { return nil }
        let algorithm = identity[..<dollar].lowercased()
        let expected = identity[identity.index(after: dollar)...].lowercased()
        guard algorithm == "sha256" || algorithm == "md5" else { return nil }
        let salt = self.salt ?? ""
        return candidates.contains { candidate in
            let input = Data((candidate + salt).utf8)
            switch algorithm {
            case "sha256": return Self.hex(SHA256.hash(data: input)) == expected
            default: return Self.hex(Insecure.MD5.hash(data: input)) == expected
            }
        }
    }

    /// Whether any of `addresses` is this recipient; nil when that cannot be told.
    public func matches(anyOf addresses: [String]) -> Bool? {
        let answers = addresses.map(matches)
        if answers.contains(true) { return true }
        return answers.contains(false) ? false : nil
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
