import Foundation
import MIME

/// Reads a parsed message into an `Intake`. Pure: the same bytes always give the same reading.
public struct IntakeReader: Sendable {
    /// How many attached originals deep to read (a forward of a forward of ...).
    public var maxForwardDepth: Int

    public init(maxForwardDepth: Int = 4) { self.maxForwardDepth = maxForwardDepth }

    public func read(_ message: MIMEMessage) -> Intake { read(message, depth: 0) }

    private func read(_ message: MIMEMessage, depth: Int) -> Intake {
        let verdict = MachineMailClassifier.classify(message)
        let subject = message.subject ?? ""
        let isBounce = verdict.kind == .bounce
        let isDigest = message.root.contentType.mimeType == "multipart/digest"

        let bodyParts = Self.bodyPartPredicate()
        var body = BodyText.of(message, isBodyPart: bodyParts)
        let attachments = collectAttachments(message, skipReports: isBounce, contentIDs: body.contentIDs, bodyPart: bodyParts)
        if let tnefText = attachments.tnefBody, body.plain.trimmed.isEmpty {
            body = BodyText(plain: tnefText, html: tnefText, contentIDs: body.contentIDs)
        }

        let isReply = message.header["in-reply-to"] != nil || Self.isReplySubject(subject)
        let subjectIsForward = ForwardDetector.isForwardSubject(subject)

        // An attached original (message/rfc822) is the forward when there is one.
        var forwarded: ForwardedMessage?
        if !isBounce, !isDigest, depth < maxForwardDepth, let embedded = Self.attachedOriginal(message) {
            let inner = read(embedded, depth: depth + 1)
            forwarded = ForwardedMessage(
                form: .attached, from: inner.from, date: inner.date, dateText: embedded.header["date"],
                subject: inner.subject, text: inner.newText, links: inner.links, intake: inner)
        }

        let plainReading = Self.readText(body.plain, isReply: isReply, subjectIsForward: subjectIsForward, lookForForward: forwarded == nil && !isBounce)
        let htmlReading = Self.readText(body.html, isReply: isReply, subjectIsForward: subjectIsForward, lookForForward: forwarded == nil && !isBounce)
        if forwarded == nil, let inline = plainReading.forward ?? htmlReading.forward {
            let block = inline.block
            let forwardLinks = Self.merge(LinkExtractor.links(in: plainReading.forwardedText), LinkExtractor.links(in: htmlReading.forwardedText))
            let text = plainReading.forwardedText.isEmpty ? htmlReading.forwardedText : plainReading.forwardedText
            let date = block.values[.date].flatMap(MailDate.parse)
            let originalSubject = block.values[.subject].map { EncodedWord.decode($0) }
            // The original as a nested intake of its own: what its header block and text say.
            let original = Intake(
                from: block.from, replyTo: [], to: AddressList.parse(block.values[.to]), subject: originalSubject ?? "", date: date, messageID: nil,
                inReplyTo: [], references: [], kind: .person, kindReason: "forwarded inline", bouncedRecipients: [], forwarded: nil,
                newText: text.trimmed, links: forwardLinks, attachments: [], authenticationResults: [])
            forwarded = ForwardedMessage(
                form: .inline, from: block.from, date: date, dateText: block.values[.date], subject: originalSubject, text: text,
                links: forwardLinks, intake: original)
        }

        var links = Self.merge(LinkExtractor.links(in: plainReading.ownText), LinkExtractor.links(in: htmlReading.ownText))
        if forwarded?.form == .inline { links = Self.merge(links, forwarded!.links) }
        let newText = plainReading.ownText.trimmed.isEmpty ? htmlReading.ownText : plainReading.ownText

        return Intake(
            from: message.from.first,
            replyTo: AddressList.parse(message.header["reply-to"]),
            to: message.to,
            subject: subject,
            date: message.date,
            messageID: message.messageID,
            inReplyTo: message.inReplyTo,
            references: message.references,
            kind: verdict.kind,
            kindReason: verdict.reason,
            bouncedRecipients: isBounce ? BounceReport.failedRecipients(message) : [],
            forwarded: forwarded,
            newText: newText.trimmed,
            links: links,
            attachments: attachments.files,
            authenticationResults: message.header.all("authentication-results"))
    }

    static func isReplySubject(_ subject: String) -> Bool {
        let lower = subject.lowercased().trimmed
        return ["re:", "re :", "aw:", "sv:", "antw:", "réf:", "ref:", "r:"].contains { lower.hasPrefix($0) }
    }

    /// Text parts that are body, not files: text/plain or text/html without a filename or an
    /// attachment disposition.
    static func bodyPartPredicate() -> @Sendable (MIMEPart) -> Bool {
        { part in
            guard part.contentType.isText, ["plain", "html", "enriched"].contains(part.contentType.subtype) else { return false }
            if part.disposition?.isAttachment == true { return false }
            return part.filename == nil || part.disposition?.isInline == true
        }
    }

    struct TextReading {
        var ownText: String
        var forward: ForwardDetector.Found?
        var forwardedText: String
    }

    /// Splits a rendering into the sender's own text (quotes trimmed) and an inline-forwarded original.
    static func readText(_ text: String, isReply: Bool, subjectIsForward: Bool, lookForForward: Bool) -> TextReading {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lookForForward, let found = ForwardDetector.find(in: lines, subjectIsForward: subjectIsForward || !isReply) {
            let own = QuoteTrimmer.trim(Array(lines[..<found.ownEnd]))
            let forwardedLines = Array(lines[found.block.endLine...]).map { Self.unquoteForwarded($0) }
            let forwarded = QuoteTrimmer.trim(forwardedLines)
            return TextReading(ownText: own.joined(separator: "\n"), forward: found, forwardedText: forwarded.joined(separator: "\n"))
        }
        let kept = isReply ? QuoteTrimmer.trim(lines) : QuoteTrimmer.trim(lines, cutHistory: false)
        return TextReading(ownText: kept.joined(separator: "\n"), forward: nil, forwardedText: "")
    }

    /// iOS and Apple Mail quote a forwarded original with one level of `>`; it is content, not history.
    private static func unquoteForwarded(_ line: Substring) -> Substring {
        if line.hasPrefix("> ") { return line.dropFirst(2) }
        if line == ">" { return "" }
        return line
    }

    static func merge(_ a: [Link], _ b: [Link]) -> [Link] {
        var seen = Set(a.map(\.url))
        var result = a
        for link in b where seen.insert(link.url).inserted { result.append(link) }
        return result
    }

    /// The first message/rfc822 part that is not the whole message body of a delivery report or digest.
    static func attachedOriginal(_ message: MIMEMessage) -> MIMEMessage? {
        if let embedded = message.root.embeddedMessage { return embedded }
        for part in message.parts where part.contentType.mimeType != "multipart/digest" && part.contentType.mimeType != "multipart/report" {
            for child in part.children {
                if let embedded = child.embeddedMessage { return embedded }
            }
        }
        return nil
    }

    struct CollectedAttachments {
        var files: [Attachment] = []
        var tnefBody: String?
    }

    /// Every named or non-text leaf (and named attached originals), with `winmail.dat` unpacked.
    func collectAttachments(_ message: MIMEMessage, skipReports: Bool, contentIDs: Set<String>, bodyPart: (MIMEPart) -> Bool) -> CollectedAttachments {
        var collected = CollectedAttachments()
        for part in message.parts {
            if case .multipart = part.body { continue }
            if part === message.root, part.embeddedMessage != nil { continue }
            let type = part.contentType.mimeType
            if skipReports && (type == "message/delivery-status" || type == "text/rfc822-headers" || part.contentType.isEmbeddedMessage) { continue }
            if bodyPart(part) { continue }
            if part.embeddedMessage != nil && part.filename == nil { continue }
            if part.contentType.isText && part.filename == nil && part.disposition?.isAttachment != true { continue }
            let bytes = part.embeddedMessage != nil ? Array(part.encodedBody) : part.decodedBody()
            if TNEF.isTNEF(bytes), let tnef = TNEF.parse(bytes) {
                for file in tnef.attachments {
                    collected.files.append(Attachment(
                        filename: file.filename, contentType: file.contentType ?? MediaType.guess(file.filename),
                        bytes: file.data, isInline: false, fromTNEF: true, contentID: nil, source: .bytes(file.data)))
                }
                if let text = tnef.bodyText { collected.tnefBody = text }
                continue
            }
            let cid = part.contentID
            let isInline = part.disposition?.isInline == true || (cid.map(contentIDs.contains) ?? false)
            collected.files.append(Attachment(
                filename: part.filename, contentType: type, bytes: bytes, isInline: isInline, fromTNEF: false,
                contentID: cid, source: part.embeddedMessage != nil ? .bytes(bytes) : .part(part)))
        }
        return collected
    }
}
