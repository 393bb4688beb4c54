#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns bytes in a declared charset into text. Order of trust: bytes that are valid UTF-8 are
/// read as UTF-8 even under a legacy label (mislabelled mail is common and valid UTF-8 almost never
/// happens by chance); then the declared charset through iconv; then windows-1252, which decodes any
/// byte, so a reading never fails.
public enum Charset {
    /// Decodes `bytes`; `declared` is the raw charset label from the message, if any.
    public static func decode<C: Collection>(_ bytes: C, declared: String?) -> String where C.Element == UInt8 {
        if bytes.isEmpty { return "" }
        let name = canonicalName(declared)
        let needsConverter = name == "utf-7" || name.hasPrefix("utf-16") || name.hasPrefix("utf-32")
            || name == "ucs-2"
        if !needsConverter {
            if Bytes.isASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
            if let text = validUTF8(bytes) { return text }
            if name == "utf-8" || name == "us-ascii" || name.isEmpty || name == "windows-1252" || name == "iso-8859-1" {
                return name == "iso-8859-1" ? latin1(bytes) : windows1252(bytes)
            }
        }
        if let text = iconvDecode(Array(bytes), from: name) { return text }
        if let text = validUTF8(bytes) { return text }
        return windows1252(bytes)
    }

    /// A lower-case, alias-resolved charset name ("" when none was declared).
    public static func canonicalName(_ declared: String?) -> String {
        guard var name = declared?.trimmed.asciiLowercased, !name.isEmpty else { return "" }
        if name.hasPrefix("\"") || name.hasPrefix("'") { name = String(name.dropFirst().dropLast()) }
        switch name {
        case "utf8", "utf-8", "unicode-1-1-utf-8", "x-unicode20utf8": return "utf-8"
        case "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "cp367", "ibm367", "default": return "us-ascii"
        case "iso-8859-1", "iso_8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1:1987", "cp819":
            return "iso-8859-1"
        case "windows-1252", "cp1252", "x-cp1252", "win-1252", "ms-ansi": return "windows-1252"
        case "unicode-1-1-utf-7", "utf7", "utf-7", "x-unicode-2-0-utf-7": return "utf-7"
        case "gb2312", "gbk", "x-gbk", "cp936", "euc-cn", "gb_2312-80": return "gb18030"
        case "big5", "x-big5", "big-5", "cn-big5", "csbig5": return "big5-hkscs"
        case "ks_c_5601-1987", "ks_c_5601", "euc-kr", "x-windows-949", "cp949": return "cp949"
        case "x-sjis", "sjis", "shift-jis", "ms_kanji", "csshiftjis": return "shift_jis"
        case "iso-8859-8-i", "iso-8859-8-e": return "iso-8859-8"
        default: return name
        }
    }

    static func validUTF8<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
        if let contiguous = bytes.withContiguousStorageIfAvailable({ String(validating: $0, as: UTF8.self) }) {
            return contiguous
        }
        return String(validating: Array(bytes), as: UTF8.self)
    }

    static func latin1<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var scalars = String.UnicodeScalarView()
        for b in bytes { scalars.append(Unicode.Scalar(b)) }
        return String(scalars)
    }

    /// windows-1252: Latin-1 with printable characters in 0x80-0x9F.
    static func windows1252<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            if b >= 0x80 && b < 0xA0, let mapped = Unicode.Scalar(cp1252High[Int(b - 0x80)]), mapped.value != 0 {
                scalars.append(mapped)
            } else {
                scalars.append(Unicode.Scalar(b))
            }
        }
        return String(scalars)
    }

    private static let cp1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// Converts through the C library's iconv; nil when the charset is unknown or the bytes are invalid in it.
    static func iconvDecode(_ bytes: [UInt8], from name: String) -> String? {
        guard !name.isEmpty else { return nil }
        let handle = iconv_open("UTF-8", name)
        guard let handle, handle != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(handle) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                let result = iconv(handle, &inPtr, &inLeft, &outPtr, &outLeft)
                if result == -1 || inLeft != 0 { return nil }
                return outBuf.count - outLeft
            }
        }
        guard let produced else { return nil }
        return String(validating: output[0..<produced], as: UTF8.self)
    }
}
