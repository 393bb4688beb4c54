/// One entity of a message. The body stays encoded in the shared source buffer until asked for, so
/// parsing a message with a large attachment costs no copy of it.
public final class MIMEPart: Sendable {
    public let header: MessageHeader
    /// The declared type, or the default for its place (text/plain, or message/rfc822 in a digest).
    public let contentType: ContentType
    public let disposition: ContentDisposition?
    public let transferEncoding: TransferEncoding
    public let body: MIMEBody
    /// Position in the tree: [] for the top, [1] for its first child, [2, 1] for that child's first child.
    public let path: [Int]
    let source: [UInt8]
    public let bodyRange: Range<Int>

    init(header: MessageHeader, contentType: ContentType, body: MIMEBody, path: [Int], source: [UInt8], bodyRange: Range<Int>) {
        self.header = header
        self.contentType = contentType
        self.disposition = header["content-disposition"].map(ContentDisposition.parse)
        self.transferEncoding = TransferEncoding.parse(header["content-transfer-encoding"])
        self.body = body
        self.path = path
        self.source = source
        self.bodyRange = bodyRange
    }

    /// The body as it was sent (still transfer-encoded).
    public var encodedBody: ArraySlice<UInt8> { source[bodyRange] }

    /// The body with its transfer encoding removed.
    public func decodedBody() -> [UInt8] {
        source.withUnsafeBufferPointer { p in
            transferEncoding.decode(UnsafeBufferPointer(rebasing: p[bodyRange]))
        }
    }

    /// The decoded text of a text part, newlines normalised to `\n`; nil for other types.
    public func text() -> String? {
        guard contentType.isText else { return nil }
        var text = Charset.decode(decodedBody(), declared: contentType.charset)
        if text.contains("\r") { text = text.replacingLineBreaks() }
        if contentType.subtype == "plain", contentType.parameters["format"]?.asciiLowercased == "flowed" {
            text = FlowedText.unflow(text, deleteSpace: contentType.parameters["delsp"]?.asciiLowercased == "yes")
        }
        return text
    }

    /// The file name from Content-Disposition, else from Content-Type's `name`, decoded.
    public var filename: String? {
        let name = disposition?.filename ?? contentType.name
        guard let name = name?.withoutControlCharacters.trimmed, !name.isEmpty else { return nil }
        return name
    }

    /// The Content-ID without angle brackets.
    public var contentID: String? {
        guard var id = header["content-id"]?.trimmed, !id.isEmpty else { return nil }
        if id.hasPrefix("<") { id.removeFirst() }
        if id.hasSuffix(">") { id.removeLast() }
        return id
    }

    /// Leaves of this subtree in document order, not descending into embedded messages.
    public var leaves: [MIMEPart] {
        switch body {
        case .leaf, .message: [self]
        case .multipart(let children): children.flatMap(\.leaves)
        }
    }

    public var children: [MIMEPart] {
        if case .multipart(let children) = body { return children }
        return []
    }

    public var embeddedMessage: MIMEMessage? {
        if case .message(let message) = body { return message }
        return nil
    }
}

extension String {
    /// CRLF and lone CR become LF.
    func replacingLineBreaks() -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" { out.append("\n"); previousCR = true; continue }
            if scalar == "\n" && previousCR { previousCR = false; continue }
            previousCR = false
            out.append(scalar)
        }
        return String(out)
    }
}
