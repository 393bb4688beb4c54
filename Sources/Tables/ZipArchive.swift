import CZlib

/// The files of a zip archive held in memory, read strictly: every offset and size is checked
/// against the bytes, deflate goes through zlib with a cap on the output, and the CRC-32 must
/// match. A damaged archive is an error, never a crash or an endless loop. (ZIPFoundation was
/// tried first; on damaged input its in-memory reader stops the process or loops forever.)
/// Zip64, multi-disk and encrypted archives are refused: an office file is none of them.
struct ZipArchive {
    struct Damaged: Error, CustomStringConvertible {
        let detail: String
        var description: String { detail }
    }

    struct Entry {
        let name: String
        let method: Int
        let crc32: UInt32
        let compressedSize: Int
        let uncompressedSize: Int
        let dataStart: Int
    }

    let bytes: [UInt8]
    let entries: [Entry]

    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        let n = bytes.count
        func u16(_ at: Int) throws -> Int {
            guard at >= 0, at + 2 <= n else { throw Damaged(detail: "truncated") }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8
        }
        func u32(_ at: Int) throws -> Int {
            guard at >= 0, at + 4 <= n else { throw Damaged(detail: "truncated") }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
        }
        // End of central directory: the last signature within the final 64 KB + 22 bytes.
        guard n >= 22 else { throw Damaged(detail: "too short to be a zip archive") }
        var end = -1
        var at = n - 22
        while at >= max(0, n - 22 - 65_535) {
            if try u32(at) == 0x0605_4B50 { end = at; break }
            at -= 1
        }
        guard end >= 0 else { throw Damaged(detail: "no zip directory") }
        let count = try u16(end + 10), directorySize = try u32(end + 12), directoryOffset = try u32(end + 16)
        guard try u16(end + 4) == 0, try u16(end + 6) == 0, count <= 10_000, directoryOffset + directorySize <= end else {
            throw Damaged(detail: "the zip directory is damaged")
        }
        var entries: [Entry] = []
        var entry = directoryOffset
        for _ in 0..<count {
            guard try u32(entry) == 0x0201_4B50 else { throw Damaged(detail: "the zip directory is damaged") }
            let flags = try u16(entry + 8), method = try u16(entry + 10)
            let crc = UInt32(try u32(entry + 16)), compressed = try u32(entry + 20), uncompressed = try u32(entry + 24)
            let nameLength = try u16(entry + 28), extraLength = try u16(entry + 30), commentLength = try u16(entry + 32)
            let local = try u32(entry + 42)
            guard flags & 1 == 0 else { throw Damaged(detail: "the archive is encrypted") }
            guard entry + 46 + nameLength <= directoryOffset + directorySize, try u32(local) == 0x0403_4B50 else {
                throw Damaged(detail: "the zip directory is damaged")
            }
            let name = String(decoding: bytes[(entry + 46)..<(entry + 46 + nameLength)], as: UTF8.self)
            let dataStart = local + 30 + (try u16(local + 26)) + (try u16(local + 28))
            guard dataStart + compressed <= directoryOffset else { throw Damaged(detail: "\(name) lies outside the archive") }
            entries.append(Entry(name: name, method: method, crc32: crc, compressedSize: compressed, uncompressedSize: uncompressed, dataStart: dataStart))
            entry += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
    }

    func entry(_ name: String) -> Entry? { entries.first { $0.name == name } }

    /// The content of `entry`, at most `limit` bytes.
    func contents(of entry: Entry, limit: Int) throws -> [UInt8] {
        guard entry.uncompressedSize <= limit else { throw Damaged(detail: "\(entry.name) is too large") }
        let raw = Array(bytes[entry.dataStart..<(entry.dataStart + entry.compressedSize)])
        let output: [UInt8]
        switch entry.method {
        case 0: output = raw
        case 8: output = try Self.inflate(raw, expected: entry.uncompressedSize, name: entry.name)
        default: throw Damaged(detail: "\(entry.name) uses compression method \(entry.method)")
        }
        guard output.count == entry.uncompressedSize, Self.crc32(output) == entry.crc32 else {
            throw Damaged(detail: "\(entry.name) is damaged (its checksum does not match)")
        }
        return output
    }

    /// Raw deflate into exactly `expected` bytes (the directory's size); more, or a stream that
    /// does not end there, is damage.
    static func inflate(_ input: [UInt8], expected: Int, name: String) throws -> [UInt8] {
        var stream = z_stream()
        guard mcbot_inflate_init_raw(&stream) == Z_OK else { throw Damaged(detail: "zlib could not start") }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: expected + 1)  // one spare byte shows a stream longer than declared
        var input = input
        let status: Int32 = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = UInt32(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                return CZlib.inflate(&stream, Z_FINISH)  // one call: all input and all room are given
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == expected else { throw Damaged(detail: "\(name) is damaged") }
        return Array(output[0..<expected])
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(CZlib.crc32(0, $0.baseAddress, uInt($0.count))) }
    }
}
