/// Base64 (RFC 2045) that tolerates what mail does to it: line breaks, stray characters and missing padding.
public enum Base64 {
    private static let invalid: UInt8 = 0xFF
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(c)] = UInt8(i)
        }
        table[Int(UInt8(ascii: "-"))] = 62  // base64url, seen in some generators
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Decodes, skipping every byte outside the alphabet and stopping at the first `=` pad.
    public static func decode<C: Collection>(_ input: C) -> [UInt8] where C.Element == UInt8 {
        if let result = input.withContiguousStorageIfAvailable({ decode(buffer: $0) }) { return result }
        return Array(input).withUnsafeBufferPointer { decode(buffer: $0) }
    }

    static func decode(buffer input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let capacity = input.count / 4 * 3 + 3
        return [UInt8](unsafeUninitializedCapacity: capacity) { out, written in
            decodeTable.withUnsafeBufferPointer { table in
                var o = 0
                var i = 0
                let n = input.count
                var quad: UInt32 = 0
                var have = 0
                while i < n {
                    // Fast path: four alphabet bytes in a row.
                    if have == 0 && i + 4 <= n {
                        let a = table[Int(input[i])], b = table[Int(input[i + 1])]
                        let c = table[Int(input[i + 2])], d = table[Int(input[i + 3])]
                        if (a | b | c | d) != invalid && (a | b | c | d) < 64 {
                            let v = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                            out[o] = UInt8(truncatingIfNeeded: v >> 16)
                            out[o + 1] = UInt8(truncatingIfNeeded: v >> 8)
                            out[o + 2] = UInt8(truncatingIfNeeded: v)
                            o += 3
                            i += 4
                            continue
                        }
                    }
                    let byte = input[i]
                    i += 1
                    if byte == UInt8(ascii: "=") { break }
                    let v = table[Int(byte)]
                    if v == invalid { continue }
                    quad = quad << 6 | UInt32(v)
                    have += 1
                    if have == 4 {
                        out[o] = UInt8(truncatingIfNeeded: quad >> 16)
                        out[o + 1] = UInt8(truncatingIfNeeded: quad >> 8)
                        out[o + 2] = UInt8(truncatingIfNeeded: quad)
                        o += 3
                        have = 0
                        quad = 0
                    }
                }
                if have == 2 {
                    out[o] = UInt8(truncatingIfNeeded: quad >> 4); o += 1
                } else if have == 3 {
                    out[o] = UInt8(truncatingIfNeeded: quad >> 10)
                    out[o + 1] = UInt8(truncatingIfNeeded: quad >> 2)
                    o += 2
                }
                written = o
            }
        }
    }

    /// Encodes without line breaks.
    public static func encode<C: Collection>(_ input: C) -> String where C.Element == UInt8 {
        String(decoding: encodeBytes(Array(input), lineLength: nil), as: UTF8.self)
    }

    /// Encodes with CRLF every `lineLength` characters (76 for MIME bodies).
    public static func encodeBytes(_ input: [UInt8], lineLength: Int?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count / 3 * 4 + 4 + (lineLength.map { input.count / $0 * 2 } ?? 0))
        var column = 0
        func emit(_ b: UInt8) {
            if let lineLength, column == lineLength { out.append(Bytes.cr); out.append(Bytes.lf); column = 0 }
            out.append(b)
            column += 1
        }
        var i = 0
        while i + 3 <= input.count {
            let v = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
            emit(alphabet[Int(v >> 18 & 63)]); emit(alphabet[Int(v >> 12 & 63)])
            emit(alphabet[Int(v >> 6 & 63)]); emit(alphabet[Int(v & 63)])
            i += 3
        }
        let rest = input.count - i
        if rest == 1 {
            let v = UInt32(input[i]) << 16
            emit(alphabet[Int(v >> 18 & 63)]); emit(alphabet[Int(v >> 12 & 63)]); emit(UInt8(ascii: "=")); emit(UInt8(ascii: "="))
        } else if rest == 2 {
            let v = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8
            emit(alphabet[Int(v >> 18 & 63)]); emit(alphabet[Int(v >> 12 & 63)]); emit(alphabet[Int(v >> 6 & 63)]); emit(UInt8(ascii: "="))
        }
        return out
    }
}
