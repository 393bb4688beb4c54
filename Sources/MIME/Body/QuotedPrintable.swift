/// Quoted-printable (RFC 2045 §6.7) and the Q encoding of RFC 2047.
public enum QuotedPrintable {
    /// Decodes `=XX` escapes and soft line breaks; a malformed `=` is kept literally.
    public static func decode<C: Collection>(_ input: C, underscoreIsSpace: Bool = false) -> [UInt8] where C.Element == UInt8 {
        if let result = input.withContiguousStorageIfAvailable({ decode(buffer: $0, underscoreIsSpace: underscoreIsSpace) }) {
            return result
        }
        return Array(input).withUnsafeBufferPointer { decode(buffer: $0, underscoreIsSpace: underscoreIsSpace) }
    }

    static func decode(buffer s: UnsafeBufferPointer<UInt8>, underscoreIsSpace: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        let n = s.count
        while i < n {
            let b = s[i]
            if b == UInt8(ascii: "=") {
                if i + 2 < n, let hi = hexValue(s[i + 1]), let lo = hexValue(s[i + 2]) {
                    out.append(hi << 4 | lo)
                    i += 3
                    continue
                }
                // Soft line break: "=" then optional whitespace then CRLF or LF.
                var j = i + 1
                while j < n, Bytes.isWhitespace(s[j]) { j += 1 }
                if j < n, s[j] == Bytes.cr, j + 1 < n, s[j + 1] == Bytes.lf { i = j + 2; continue }
                if j < n, s[j] == Bytes.lf { i = j + 1; continue }
                if j == n { break }
                out.append(b)
                i += 1
            } else if underscoreIsSpace && b == UInt8(ascii: "_") {
                out.append(Bytes.space)
                i += 1
            } else {
                out.append(b)
                i += 1
            }
        }
        return out
    }

    @inline(__always) static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 48...57: b - 48
        case 65...70: b - 55
        case 97...102: b - 87
        default: nil
        }
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    /// Encodes text for a body: lines kept, at most 76 characters a line, trailing whitespace protected.
    public static func encode(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count + input.count / 8)
        var line: [UInt8] = []
        func softBreak() { out.append(contentsOf: line); out.append(contentsOf: Array("=\r\n".utf8)); line.removeAll() }
        func put(_ piece: [UInt8]) {
            if line.count + piece.count > 75 { softBreak() }
            line.append(contentsOf: piece)
        }
        var i = 0
        while i < input.count {
            let b = input[i]
            if b == Bytes.lf || (b == Bytes.cr && i + 1 < input.count && input[i + 1] == Bytes.lf) {
                if let last = line.last, Bytes.isWhitespace(last) {
                    line.removeLast()
                    put([UInt8(ascii: "="), hex[Int(last >> 4)], hex[Int(last & 15)]])
                }
                out.append(contentsOf: line); out.append(Bytes.cr); out.append(Bytes.lf); line.removeAll()
                i += b == Bytes.cr ? 2 : 1
                continue
            }
            let printable = (b >= 33 && b <= 126 && b != UInt8(ascii: "=")) || b == Bytes.space || b == Bytes.tab
            // A line starting "From " or "." is escaped for the sake of mbox and SMTP dot-stuffing tools.
            let startsFrom = b == UInt8(ascii: "F") && input[i...].starts(with: Array("From ".utf8))
            if printable && !(line.isEmpty && (b == UInt8(ascii: ".") || startsFrom)) {
                put([b])
            } else {
                put([UInt8(ascii: "="), hex[Int(b >> 4)], hex[Int(b & 15)]])
            }
            i += 1
        }
        if let last = line.last, Bytes.isWhitespace(last) {
            line.removeLast()
            put([UInt8(ascii: "="), hex[Int(last >> 4)], hex[Int(last & 15)]])
        }
        out.append(contentsOf: line)
        return out
    }
}
