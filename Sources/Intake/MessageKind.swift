/// Who or what wrote a message. Only `person` mail is ever answered.
public enum MessageKind: String, Sendable, Codable, CaseIterable {
    case person
    /// Out-of-office and other automatic answers (RFC 3834 and vendor signals).
    case autoReply
    /// Delivery status notifications and other undeliverable reports.
    case bounce
    /// Mailing-list and bulk mail.
    case list
}
