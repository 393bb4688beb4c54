#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level helpers shared by the parsers. Everything works on offsets into one buffer so that
/// large bodies are scanned, never copied.
enum Bytes {
    static let cr: UInt8 = 13
    static let lf: UInt8 = 10
    static let space: UInt8 = 32
    static let tab: UInt8 = 9
    static let colon: UInt8 = 58
    static let dash: UInt8 = 45

    @inline(__always) static func isWhitespace(_ b: UInt8) -> Bool { b == space || b == tab }

    @inline(__always) static func lowercased(_ b: UInt8) -> UInt8 { (b >= 65 && b <= 90) ? b | 0x20 : b }

    /// Index of the next `\n` at or after `from`, or `end`.
    @inline(__always)
    static func nextLineFeed(_ p: UnsafeBufferPointer<UInt8>, from: Int, end: Int) -> Int {
        guard from < end, let base = p.baseAddress else { return end }
        guard let hit = memchr(base + from, Int32(lf), end - from) else { return end }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// First occurrence of `needle` in `p[from..<end]`: memchr for its first byte, then a compare.
    static func find(_ needle: [UInt8], in p: UnsafeBufferPointer<UInt8>, from: Int, end: Int) -> Int? {
        guard let first = needle.first, from < end, end - from >= needle.count, let base = p.baseAddress else { return nil }
        let last = end - needle.count
        var i = from
        return needle.withUnsafeBufferPointer { n -> Int? in
            while i <= last {
                guard let hit = memchr(base + i, Int32(first), last - i + 1) else { return nil }
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + at, n.baseAddress!, n.count) == 0 { return at }
                i = at + 1
            }
            return nil
        }
    }

    /// The end of the line content starting at `start` (before `\r\n` or `\n`) and the start of the next line.
    @inline(__always)
    static func line(_ p: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> (contentEnd: Int, next: Int) {
        let lf = nextLineFeed(p, from: start, end: end)
        if lf == end { return (end, end) }
        let contentEnd = (lf > start && p[lf - 1] == cr) ? lf - 1 : lf
        return (contentEnd, lf + 1)
    }

    /// True when every byte is 7-bit.
    static func isASCII<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        for b in bytes where b >= 0x80 { return false }
        return true
    }

    /// `ascii` compared case-insensitively with `p[at..<at+ascii.count]`.
    static func hasPrefix(_ p: UnsafeBufferPointer<UInt8>, at: Int, end: Int, caseInsensitive ascii: [UInt8]) -> Bool {
        guard end - at >= ascii.count else { return false }
        for (i, b) in ascii.enumerated() where lowercased(p[at + i]) != b { return false }
        return true
    }
}

extension String {
    /// ASCII-only lowercasing, much cheaper than `lowercased()` for header names and tokens.
    public var asciiLowercased: String {
        var utf8 = Array(self.utf8)
        var changed = false
        for i in utf8.indices where utf8[i] >= 65 && utf8[i] <= 90 { utf8[i] |= 0x20; changed = true }
        return changed ? String(decoding: utf8, as: UTF8.self) : self
    }

    /// Whitespace (space, tab, CR, LF) trimmed from both ends.
    public var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
