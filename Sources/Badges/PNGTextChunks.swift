/// The text chunks of a PNG file (`tEXt` and uncompressed `iTXt`), where Open Badges bakes an
/// assertion. Reads chunk headers only as far as the bytes go: a truncated or corrupt file yields
/// what was read before the damage, never a crash.
public enum PNGTextChunks {
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    public struct TextChunk: Sendable, Equatable {
        public var keyword: String
        public var text: String
        /// A compressed `iTXt` (or `zTXt`): its text is not read.
        public var compressed: Bool
    }

    public static func isPNG(_ bytes: [UInt8]) -> Bool {
        bytes.count >= signature.count && Array(bytes[0..<signature.count]) == signature
    }

    /// The `tEXt`, `iTXt` and `zTXt` chunks in file order.
    public static func read(_ bytes: [UInt8]) -> [TextChunk] {
        guard isPNG(bytes) else { return [] }
        var chunks: [TextChunk] = []
        var offset = signature.count
        while offset + 8 <= bytes.count {
            let length = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let dataStart = offset + 8
            guard length >= 0, length <= bytes.count - dataStart else { break }
            let data = bytes[dataStart..<(dataStart + length)]
            switch type {
            case "tEXt": if let chunk = textChunk(data) { chunks.append(chunk) }
            case "iTXt": if let chunk = internationalTextChunk(data) { chunks.append(chunk) }
            case "zTXt": if let keyword = data.split(separator: 0, maxSplits: 1).first { chunks.append(TextChunk(keyword: latin1(keyword), text: "", compressed: true)) }
            case "IEND": return chunks
            default: break
            }
            offset = dataStart + length + 4  // skip the CRC
        }
        return chunks
    }

    /// `keyword NUL text`, both Latin-1.
    private static func textChunk(_ data: ArraySlice<UInt8>) -> TextChunk? {
        guard let nul = data.firstIndex(of: 0) else { return nil }
        return TextChunk(keyword: latin1(data[data.startIndex..<nul]), text: latin1(data[(nul + 1)...]), compressed: false)
    }

    /// `keyword NUL flag method language NUL translated-keyword NUL text`, the text in UTF-8.
    private static func internationalTextChunk(_ data: ArraySlice<UInt8>) -> TextChunk? {
        guard let nul = data.firstIndex(of: 0), nul + 2 < data.endIndex else { return nil }
        let keyword = latin1(data[data.startIndex..<nul])
        let compressed = data[nul + 1] != 0
        guard let languageEnd = data[(nul + 3)...].firstIndex(of: 0),
              let translatedEnd = data[(languageEnd + 1)...].firstIndex(of: 0) else { return nil }
        let text = compressed ? "" : String(decoding: data[(translatedEnd + 1)...], as: UTF8.self)
        return TextChunk(keyword: keyword, text: text, compressed: compressed)
    }

    private static func latin1(_ bytes: ArraySlice<UInt8>) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}
