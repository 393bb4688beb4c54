/// Reads an RFC 5322 header block, repairing what real mail gets wrong: leading blank lines and an
/// mbox `From ` line before a message, continuation lines that lost their indentation, and a body
/// that starts without the blank separator line.
struct HeaderParser {
    let limits: ParseLimits

    struct Result {
        let header: MessageHeader
        /// Offset where the body starts.
        let bodyStart: Int
    }

    /// - Parameter isMessage: true for a whole message (tolerates junk before the headers); false for a MIME part,
    ///   where a blank first line means "no headers".
    func parse(_ p: UnsafeBufferPointer<UInt8>, from start: Int, end: Int, isMessage: Bool) throws(ParseFailure) -> Result {
        var pos = start
        if isMessage {
            while pos < end, p[pos] == Bytes.cr || p[pos] == Bytes.lf { pos += 1 }
            if Bytes.hasPrefix(p, at: pos, end: end, caseInsensitive: Array("from ".utf8)), p[pos] == UInt8(ascii: "F") {
                let (contentEnd, next) = Bytes.line(p, from: pos, end: end)
                if !lineHasColonBeforeSpace(p, from: pos, end: contentEnd) { pos = next }
            }
        }
        var fields: [HeaderField] = []
        var currentName: String?
        var currentValue: [UInt8] = []
        var totalBytes = 0

        func flush() throws(ParseFailure) {
            guard let name = currentName else { return }
            if fields.count >= limits.maxHeaderFields { throw .limitExceeded("more than \(limits.maxHeaderFields) header fields") }
            fields.append(HeaderField(name: name, value: Self.headerText(currentValue)))
            currentName = nil
            currentValue.removeAll(keepingCapacity: true)
        }

        while pos < end {
            let (contentEnd, next) = Bytes.line(p, from: pos, end: end)
            totalBytes += next - pos
            if totalBytes > limits.maxHeaderBytes { throw .limitExceeded("header block longer than \(limits.maxHeaderBytes) bytes") }
            if contentEnd == pos {  // the blank separator line
                try flush()
                return Result(header: MessageHeader(fields), bodyStart: next)
            }
            if Bytes.isWhitespace(p[pos]) {
                if currentName != nil {
                    currentValue.append(contentsOf: UnsafeBufferPointer(rebasing: p[pos..<contentEnd]))
                } else if fields.isEmpty && !isMessage {
                    return Result(header: MessageHeader([]), bodyStart: pos)
                }
                pos = next
                continue
            }
            if let colon = headerNameEnd(p, from: pos, end: contentEnd) {
                try flush()
                var nameEnd = colon
                while nameEnd > pos, Bytes.isWhitespace(p[nameEnd - 1]) { nameEnd -= 1 }
                currentName = String(decoding: UnsafeBufferPointer(rebasing: p[pos..<nameEnd]), as: UTF8.self)
                var valueStart = colon + 1
                while valueStart < contentEnd, Bytes.isWhitespace(p[valueStart]) { valueStart += 1 }
                currentValue.append(contentsOf: UnsafeBufferPointer(rebasing: p[valueStart..<contentEnd]))
                if currentValue.count > limits.maxHeaderFieldBytes {
                    throw .limitExceeded("a header field longer than \(limits.maxHeaderFieldBytes) bytes")
                }
                pos = next
                continue
            }
            if currentName != nil && Self.valueIsUnfinished(currentValue) {
                // A folded line that lost its leading whitespace ("D <d@" / "example.com>").
                currentValue.append(contentsOf: UnsafeBufferPointer(rebasing: p[pos..<contentEnd]))
                pos = next
                continue
            }
            // Not a header line: the body began without a blank line (or, for a part, there are no headers).
            try flush()
            return Result(header: MessageHeader(fields), bodyStart: pos)
        }
        try flush()
        return Result(header: MessageHeader(fields), bodyStart: end)
    }

    /// Offset of the colon when the line is `name:` with a printable, space-free name (obsolete `name :` allowed).
    private func headerNameEnd(_ p: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int? {
        var i = start
        while i < end {
            let b = p[i]
            if b == Bytes.colon { return i > start ? i : nil }
            if Bytes.isWhitespace(b) {
                var j = i
                while j < end, Bytes.isWhitespace(p[j]) { j += 1 }
                return (j < end && p[j] == Bytes.colon && i > start) ? j : nil
            }
            if b < 33 || b > 126 { return nil }
            i += 1
        }
        return nil
    }

    private func lineHasColonBeforeSpace(_ p: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Bool {
        headerNameEnd(p, from: start, end: end) != nil
    }

    /// A value cut off mid-address: an open `<` or quote, or ending in `@` or `,`.
    static func valueIsUnfinished(_ value: [UInt8]) -> Bool {
        var angle = 0
        var quoted = false
        for b in value {
            if b == UInt8(ascii: "\"") { quoted.toggle() } else if !quoted && b == UInt8(ascii: "<") { angle += 1 } else if !quoted && b == UInt8(ascii: ">") { angle -= 1 }
        }
        if angle > 0 || quoted { return true }
        var last = value.count - 1
        while last >= 0, Bytes.isWhitespace(value[last]) { last -= 1 }
        guard last >= 0 else { return false }
        return value[last] == UInt8(ascii: "@")
    }

    /// Header bytes as text: UTF-8 when valid (RFC 6532 and raw 8-bit senders), else windows-1252.
    static func headerText(_ bytes: [UInt8]) -> String {
        if Bytes.isASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self) ?? Charset.windows1252(bytes)
    }
}
