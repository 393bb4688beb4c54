import Foundation

/// The name and issuer of an Open Badges 2.0 BadgeClass document (what a hosted assertion's
/// `badge` URL serves).
public struct BadgeClassSummary: Sendable, Equatable {
    public var name: String
    public var issuerName: String?

    public static func decode(_ text: String) -> BadgeClassSummary? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let name = object["name"] as? String, !name.isEmpty else { return nil }
        return BadgeClassSummary(name: name, issuerName: (object["issuer"] as? [String: Any])?["name"] as? String)
    }
}
