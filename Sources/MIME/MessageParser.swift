/// Parses raw message bytes into a `MIMEMessage` tree. Tolerant of real-world damage (see
/// `HeaderParser` and `splitMultipart`), strict only about the `ParseLimits`.
public struct MessageParser: Sendable {
    public var limits: ParseLimits

    public init(limits: ParseLimits = .standard) { self.limits = limits }

    public func parse(_ bytes: [UInt8]) throws(ParseFailure) -> MIMEMessage {
        if bytes.count > limits.maxMessageBytes {
            throw .limitExceeded("\(bytes.count) bytes is over the \(limits.maxMessageBytes)-byte maximum message size")
        }
        var state = State()
        return try parseMessage(bytes, range: 0..<bytes.count, depth: 0, path: [], state: &state)
    }

    /// Only the top header block: for describing a message that cannot be parsed whole.
    public func parseHeader(_ bytes: [UInt8]) -> MessageHeader {
        let end = min(bytes.count, limits.maxHeaderBytes)
        let parsed = bytes.withUnsafeBufferPointer { p in
            try? HeaderParser(limits: limits).parse(p, from: 0, end: end, isMessage: true)
        }
        return parsed?.header ?? MessageHeader([])
    }

    private struct State { var partCount = 0 }

    private func parseMessage(_ source: [UInt8], range: Range<Int>, depth: Int, path: [Int], state: inout State) throws(ParseFailure) -> MIMEMessage {
        let root = try parseEntity(source, range: range, depth: depth, path: path, isMessage: true, defaultType: .textPlain, state: &state)
        return MIMEMessage(root: root, size: range.count)
    }

    private func parseEntity(
        _ source: [UInt8], range: Range<Int>, depth: Int, path: [Int], isMessage: Bool, defaultType: ContentType, state: inout State
    ) throws(ParseFailure) -> MIMEPart {
        if depth > limits.maxDepth { throw .limitExceeded("parts nested more than \(limits.maxDepth) deep") }
        state.partCount += 1
        if state.partCount > limits.maxParts { throw .limitExceeded("more than \(limits.maxParts) parts") }

        let parsed = try source.withUnsafeBufferPointer { p throws(ParseFailure) in
            try HeaderParser(limits: limits).parse(p, from: range.lowerBound, end: range.upperBound, isMessage: isMessage)
        }
        let header = parsed.header
        let bodyRange = parsed.bodyStart..<range.upperBound
        var contentType = header["content-type"].flatMap(ContentType.parse) ?? defaultType

        if contentType.isMultipart, let boundary = contentType.boundary, !boundary.isEmpty {
            let pieces = source.withUnsafeBufferPointer { Self.splitMultipart($0, range: bodyRange, boundary: boundary) }
            if !pieces.isEmpty {
                let childDefault: ContentType = contentType.subtype == "digest" ? .messageRFC822 : .textPlain
                var children: [MIMEPart] = []
                children.reserveCapacity(pieces.count)
                for (n, piece) in pieces.enumerated() {
                    children.append(try parseEntity(source, range: piece, depth: depth + 1, path: path + [n + 1], isMessage: false, defaultType: childDefault, state: &state))
                }
                return MIMEPart(header: header, contentType: contentType, body: .multipart(children), path: path, source: source, bodyRange: bodyRange)
            }
            // Declared multipart without a single boundary line: read the body as text.
            contentType = ContentType(type: "text", subtype: "plain", parameters: contentType.parameters)
        } else if contentType.isMultipart {
            contentType = ContentType(type: "text", subtype: "plain", parameters: contentType.parameters)
        }

        if contentType.isEmbeddedMessage {
            let encoding = TransferEncoding.parse(header["content-transfer-encoding"])
            let embedded: MIMEMessage
            if encoding == .identity {
                embedded = try parseMessage(source, range: bodyRange, depth: depth + 1, path: path, state: &state)
            } else {
                // Not allowed by RFC 2046, but sent: decode, then parse the result as its own buffer.
                let decoded = encoding.decode(source[bodyRange])
                embedded = try parseMessage(decoded, range: 0..<decoded.count, depth: depth + 1, path: path, state: &state)
            }
            if !embedded.header.isEmpty {
                return MIMEPart(header: header, contentType: contentType, body: .message(embedded), path: path, source: source, bodyRange: bodyRange)
            }
        }
        return MIMEPart(header: header, contentType: contentType, body: .leaf, path: path, source: source, bodyRange: bodyRange)
    }

    /// The content ranges between `--boundary` lines. A close delimiter that is followed by further
    /// delimiters (a nested part reusing its parent's boundary) is read as a separator, so no part
    /// is lost; text after the last close delimiter is the epilogue. With no close delimiter the
    /// last part runs to the end.
    static func splitMultipart(_ p: UnsafeBufferPointer<UInt8>, range: Range<Int>, boundary: String) -> [Range<Int>] {
        let marker = Array(("--" + boundary).utf8)
        let needle = [Bytes.lf] + marker
        var delimiters: [(lineStart: Int, next: Int, isClose: Bool)] = []

        func delimiter(at lineStart: Int) -> (next: Int, isClose: Bool)? {
            let after = lineStart + marker.count
            guard after <= range.upperBound else { return nil }
            var isClose = false
            var i = after
            if i + 1 < range.upperBound, p[i] == Bytes.dash, p[i + 1] == Bytes.dash { isClose = true; i += 2 }
            while i < range.upperBound, Bytes.isWhitespace(p[i]) { i += 1 }
            guard i == range.upperBound || p[i] == Bytes.cr || p[i] == Bytes.lf else { return nil }
            let (_, next) = Bytes.line(p, from: i, end: range.upperBound)
            return (next, isClose)
        }

        if range.count >= marker.count, p[range.lowerBound] == Bytes.dash,
           memcmpEqual(p, at: range.lowerBound, marker), let d = delimiter(at: range.lowerBound) {
            delimiters.append((range.lowerBound, d.next, d.isClose))
        }
        var searchFrom = range.lowerBound
        while let hit = Bytes.find(needle, in: p, from: searchFrom, end: range.upperBound) {
            let lineStart = hit + 1
            if let d = delimiter(at: lineStart) {
                delimiters.append((lineStart, d.next, d.isClose))
                searchFrom = max(d.next - 1, lineStart)
            } else {
                searchFrom = lineStart
            }
        }
        guard !delimiters.isEmpty else { return [] }
        let lastClose = delimiters.lastIndex { $0.isClose }
        var parts: [Range<Int>] = []
        for (n, d) in delimiters.enumerated() {
            if let lastClose, n >= lastClose { break }
            if d.isClose { continue }  // a mid-stream close: skip to the next delimiter
            let start = d.next
            var end: Int
            if n + 1 < delimiters.count {
                end = delimiters[n + 1].lineStart
                if end > start, p[end - 1] == Bytes.lf { end -= 1 }
                if end > start, p[end - 1] == Bytes.cr { end -= 1 }
            } else {
                end = range.upperBound
            }
            parts.append(start..<max(start, end))
        }
        return parts
    }

    private static func memcmpEqual(_ p: UnsafeBufferPointer<UInt8>, at start: Int, _ bytes: [UInt8]) -> Bool {
        guard start + bytes.count <= p.count else { return false }
        for (i, b) in bytes.enumerated() where p[start + i] != b { return false }
        return true
    }
}
