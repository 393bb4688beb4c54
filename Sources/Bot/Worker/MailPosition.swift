/// Where a message sits on the IMAP server.
public struct MailPosition: Sendable, Equatable, CustomStringConvertible {
    public var mailbox: String
    public var uidValidity: UInt32
    public var uid: UInt32

    public init(mailbox: String, uidValidity: UInt32, uid: UInt32) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.uid = uid
    }

    public var description: String { "\(mailbox) UID \(uid) (UIDVALIDITY \(uidValidity))" }
}
