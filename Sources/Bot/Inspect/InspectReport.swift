import Badges
import Foundation
import Intake
import MIME

/// What `mcbot inspect --json` prints: the reading of one message, keys documented in README.
public struct InspectReport: Encodable, Sendable {
    public struct LinkEntry: Encodable, Sendable {
        let url: String
        @NullWhenAbsent var original: String?
    }
    public struct AttachmentEntry: Encodable, Sendable {
        @NullWhenAbsent var filename: String?
        let contentType: String
        let size: Int
        let sha256: String
        let inline: Bool
        let fromWinmailDat: Bool
        /// The Open Badges data baked into a PNG or SVG; null for other files.
        @NullWhenAbsent var badge: BadgeEntry?

    }

    public struct Forward: Encodable, Sendable {
        let form: String
        @NullWhenAbsent var from: String?
        @NullWhenAbsent var date: String?
        @NullWhenAbsent var subject: String?
        let links: [String]
        let attachments: [AttachmentEntry]
        let text: String
    }

    @NullWhenAbsent var from: String?
    @NullWhenAbsent var fromName: String?
    let replyTo: [String]
    let to: [String]
    @NullWhenAbsent var subject: String?
    @NullWhenAbsent var date: String?
    @NullWhenAbsent var messageID: String?
    let inReplyTo: [String]
    let kind: String
    let kindReason: String
    let bouncedRecipients: [String]
    @NullWhenAbsent var forwardedFrom: String?
    @NullWhenAbsent var forwarded: Forward?
    let links: [String]
    let wrappedLinks: [LinkEntry]
    let attachments: [AttachmentEntry]
    let newText: String
    let size: Int

    public init(message: MIMEMessage, intake: Intake) {
        let iso = ISO8601DateFormatter()
        from = intake.from?.normalized
        fromName = intake.from?.displayName
        replyTo = intake.replyTo.map(\.normalized)
        to = intake.to.map(\.normalized)
        subject = message.subject
        date = intake.date.map { iso.string(from: $0) }
        messageID = intake.messageID
        inReplyTo = intake.inReplyTo
        kind = intake.kind.rawValue
        kindReason = intake.kindReason
        bouncedRecipients = intake.bouncedRecipients
        forwardedFrom = intake.forwarded?.from?.normalized
        forwarded = intake.forwarded.map { f in
            Forward(
                form: f.form.rawValue, from: f.from?.normalized, date: f.date.map { iso.string(from: $0) } ?? f.dateText,
                subject: f.subject, links: (f.intake?.allLinks ?? []).map(\.url),
                attachments: (f.intake?.allAttachments ?? []).map(Self.entry), text: f.text)
        }
        links = intake.links.map(\.url)
        wrappedLinks = intake.links.compactMap { link in link.original.map { LinkEntry(url: link.url, original: $0) } }
        attachments = intake.attachments.map(Self.entry)
        newText = intake.newText
        size = message.size
    }

    static func entry(_ a: Attachment) -> AttachmentEntry {
        let baked = BadgeEvidenceReader.mayBeBadge(a) ? BakedBadge.unbake(a.bytes()) : nil
        return AttachmentEntry(filename: a.filename, contentType: a.contentType, size: a.size, sha256: a.sha256, inline: a.isInline,
                               fromWinmailDat: a.fromTNEF, badge: baked.map(BadgeEntry.init))
    }

    /// Pretty JSON with sorted keys; absent values are written as null (`NullWhenAbsent`) so every documented key is present.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// A readable summary for people.
    public func summary() -> String {
        var lines: [String] = []
        lines.append("From:        \(from ?? "(none)")\(fromName.map { " (\($0))" } ?? "")")
        lines.append("Subject:     \(subject ?? "(none)")")
        lines.append("Date:        \(date ?? "(none)")")
        lines.append("Kind:        \(kind) (\(kindReason))")
        if !bouncedRecipients.isEmpty { lines.append("Bounced:     \(bouncedRecipients.joined(separator: ", "))") }
        if let forwarded {
            lines.append("Forwarded:   \(forwarded.form) original from \(forwarded.from ?? "unknown")\(forwarded.subject.map { ", \"\($0)\"" } ?? "")")
        }
        lines.append("Links:       \(links.isEmpty ? "none" : "")")
        for link in intakeLinksForSummary() { lines.append("  \(link)") }
        lines.append("Attachments: \(attachments.isEmpty ? "none" : "")")
        for a in attachments {
            lines.append("  \(a.filename ?? "(unnamed)")  \(a.contentType)  \(a.size) bytes\(a.inline ? "  inline" : "")\(a.fromWinmailDat ? "  from winmail.dat" : "")")
            if let badge = a.badge { lines.append("    \(badge.summary)") }
        }
        if let forwarded, !forwarded.attachments.isEmpty {
            lines.append("Attachments of the forwarded original:")
            for a in forwarded.attachments { lines.append("  \(a.filename ?? "(unnamed)")  \(a.contentType)  \(a.size) bytes") }
        }
        let preview = newText.split(separator: "\n").prefix(8).joined(separator: "\n  ")
        lines.append("New text:\n  \(preview.isEmpty ? "(none)" : preview)")
        return lines.joined(separator: "\n")
    }

    private func intakeLinksForSummary() -> [String] {
        links.map { url in
            if let wrapped = wrappedLinks.first(where: { $0.url == url }) { return "\(url)  (unwrapped from \(wrapped.original ?? ""))" }
            return url
        }
    }
}

