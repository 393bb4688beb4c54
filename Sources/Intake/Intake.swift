import Foundation
import MIME

/// What mcbot reads from one message: who sent it, what kind of mail it is, what it forwards,
/// the links and files it carries, and the sender's own new text.
public struct Intake: Sendable {
    /// The address in the message's own From header (never Reply-To).
    public var from: MailAddress?
    public var replyTo: [MailAddress]
    public var to: [MailAddress]
    public var subject: String
    public var date: Date?
    public var messageID: String?
    public var inReplyTo: [String]
    public var references: [String]
    public var kind: MessageKind
    /// The signal that decided `kind`, for the audit log and `inspect`.
    public var kindReason: String
    /// For bounces: the recipients that failed, as the report names them.
    public var bouncedRecipients: [String]
    /// The original a forward carries (attached or inline), read as a nested intake.
    public var forwarded: ForwardedMessage?
    /// The sender's own text with quoted history removed (inline forwarded content is in `forwarded`).
    public var newText: String
    /// Unwrapped links of the sender's own content and of inline-forwarded text; quoted history excluded.
    public var links: [Link]
    /// Named or non-text parts, inline images included, files of `winmail.dat` unpacked.
    public var attachments: [Attachment]
    /// Authentication-Results fields, for the sender-trust decision made downstream.
    public var authenticationResults: [String]

    /// Links of this message and of the original it forwards, own first, without repeats.
    public var allLinks: [Link] {
        var seen = Set(links.map(\.url))
        var result = links
        for link in forwarded?.intake?.allLinks ?? [] where seen.insert(link.url).inserted {
            result.append(link)
        }
        return result
    }

    /// Attachments of this message and of an attached original.
    public var allAttachments: [Attachment] {
        attachments + (forwarded?.intake?.allAttachments ?? [])
    }
}

/// A URL found in a message, unwrapped from Safe Links and similar gateways.
public struct Link: Sendable, Hashable {
    /// The target after unwrapping: the stable key.
    public var url: String
    /// The form in the message, when it differed.
    public var original: String?
}

/// A file carried by a message. Bytes are decoded on demand.
public struct Attachment: Sendable {
    public var filename: String?
    public var contentType: String
    public var size: Int
    /// Hex SHA-256 of the decoded bytes.
    public var sha256: String
    /// Shown inside the body (Content-Disposition inline or referenced by `cid:`).
    public var isInline: Bool
    /// Unpacked from an Outlook `winmail.dat`.
    public var fromTNEF: Bool
    public var contentID: String?
    private let source: Source

    enum Source: Sendable {
        case part(MIMEPart)
        case bytes([UInt8])
    }

    init(filename: String?, contentType: String, bytes: [UInt8], isInline: Bool, fromTNEF: Bool, contentID: String?, source: Source) {
        self.filename = filename
        self.contentType = contentType
        self.size = bytes.count
        self.sha256 = SHA256Hex.of(bytes)
        self.isInline = isInline
        self.fromTNEF = fromTNEF
        self.contentID = contentID
        self.source = source
    }

    /// The decoded content.
    public func bytes() -> [UInt8] {
        switch source {
        case .part(let part): part.decodedBody()
        case .bytes(let bytes): bytes
        }
    }
}

/// The original message inside a forward.
public struct ForwardedMessage: Sendable {
    public enum Form: String, Sendable { case attached, inline }
    public var form: Form
    public var from: MailAddress?
    public var date: Date?
    /// The date as the forward block printed it.
    public var dateText: String?
    public var subject: String?
    /// Inline: the forwarded text; attached: the original's new text.
    public var text: String
    /// Inline forwards: links of the forwarded text (also counted in the outer `links`).
    public var links: [Link]
    /// The original as an intake of its own: an attached one read whole, an inline one from its
    /// header block and text (an array only to give the recursive type its indirection).
    private var nested: [Intake]
    public var intake: Intake? { nested.first }

    public init(form: Form, from: MailAddress?, date: Date?, dateText: String?, subject: String?, text: String, links: [Link], intake: Intake?) {
        self.form = form
        self.from = from
        self.date = date
        self.dateText = dateText
        self.subject = subject
        self.text = text
        self.links = links
        self.nested = intake.map { [$0] } ?? []
    }
}
