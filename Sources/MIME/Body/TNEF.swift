/// Outlook's `winmail.dat` (TNEF, MS-OXTNEF): the files inside it, which may be the only copy of a
/// teacher's attachments, and the plain-text body when one is carried. Reading stops quietly at the
/// first damaged attribute and returns what came before.
public struct TNEF: Sendable, Equatable {
    public struct Attachment: Sendable, Equatable {
        public var filename: String
        public var contentType: String?
        public var data: [UInt8]
    }

    public var attachments: [Attachment] = []
    public var bodyText: String?

    static let signature: UInt32 = 0x223E_9F78
    private static let attachRendData: UInt32 = 0x0006_9002
    private static let attachTitle: UInt32 = 0x0001_8010
    private static let attachData: UInt32 = 0x0006_800F
    private static let attachment: UInt32 = 0x0006_9005
    private static let messageProps: UInt32 = 0x0006_9003
    private static let oemCodepage: UInt32 = 0x0006_9007

    /// True when `bytes` start with the TNEF signature.
    public static func isTNEF(_ bytes: [UInt8]) -> Bool {
        var reader = Reader(bytes)
        return reader.u32() == signature
    }

    public static func parse(_ bytes: [UInt8]) -> TNEF? {
        var reader = Reader(bytes)
        guard reader.u32() == signature, reader.u16() != nil else { return nil }
        var result = TNEF()
        var current: Attachment?
        func finishAttachment() {
            if let done = current, !done.data.isEmpty || !done.filename.isEmpty { result.attachments.append(done) }
            current = nil
        }
        while reader.u8() != nil, let id = reader.u32(), let length = reader.u32() {  // level, id, length
            guard let data = reader.bytes(Int(length)), reader.u16() != nil else { break }
            switch id {
            case attachRendData:
                finishAttachment()
                current = Attachment(filename: "", contentType: nil, data: [])
            case attachTitle:
                if current == nil { current = Attachment(filename: "", contentType: nil, data: []) }
                if current!.filename.isEmpty { current!.filename = cString(data) }
            case attachData:
                if current == nil { current = Attachment(filename: "", contentType: nil, data: []) }
                current!.data = data
            case attachment:
                let props = MAPIProperties.parse(data)
                if current == nil { current = Attachment(filename: "", contentType: nil, data: []) }
                if let long = props.string(0x3707) ?? props.string(0x3704), !long.isEmpty { current!.filename = long }
                if let mime = props.string(0x370E) { current!.contentType = mime }
                if current!.data.isEmpty, let binary = props.binary(0x3701) { current!.data = binary }
            case messageProps:
                let props = MAPIProperties.parse(data)
                if let body = props.string(0x1000), !body.isEmpty { result.bodyText = body }
            default:
                break
            }
        }
        finishAttachment()
        for i in result.attachments.indices where result.attachments[i].filename.isEmpty {
            result.attachments[i].filename = "attachment-\(i + 1).dat"
        }
        return result
    }

    private static func cString(_ data: [UInt8]) -> String {
        let bytes = data.prefix { $0 != 0 }
        return Charset.decode(bytes, declared: "windows-1252")
    }

    /// A little-endian cursor.
    struct Reader {
        let data: [UInt8]
        var offset = 0
        init(_ data: [UInt8]) { self.data = data }

        mutating func u8() -> UInt8? {
            guard offset < data.count else { return nil }
            defer { offset += 1 }
            return data[offset]
        }
        mutating func u16() -> UInt16? {
            guard offset + 2 <= data.count else { return nil }
            defer { offset += 2 }
            return UInt16(data[offset]) | UInt16(data[offset + 1]) << 8
        }
        mutating func u32() -> UInt32? {
            guard offset + 4 <= data.count else { return nil }
            defer { offset += 4 }
            return UInt32(data[offset]) | UInt32(data[offset + 1]) << 8 | UInt32(data[offset + 2]) << 16 | UInt32(data[offset + 3]) << 24
        }
        mutating func bytes(_ n: Int) -> [UInt8]? {
            guard n >= 0, offset + n <= data.count else { return nil }
            defer { offset += n }
            return Array(data[offset..<offset + n])
        }
        mutating func skip(_ n: Int) -> Bool {
            guard n >= 0, offset + n <= data.count else { return false }
            offset += n
            return true
        }
    }
}

/// A MAPI property list as TNEF encodes it; only the string and binary values mcbot needs are kept.
struct MAPIProperties {
    private var strings: [UInt16: String] = [:]
    private var binaries: [UInt16: [UInt8]] = [:]

    func string(_ id: UInt16) -> String? { strings[id] }
    func binary(_ id: UInt16) -> [UInt8]? { binaries[id] }

    static func parse(_ data: [UInt8]) -> MAPIProperties {
        var props = MAPIProperties()
        var r = TNEF.Reader(data)
        guard let count = r.u32() else { return props }
        for _ in 0..<min(count, 10_000) {
            guard let type = r.u16(), let id = r.u16() else { break }
            if id >= 0x8000 {  // named property: GUID, kind, then an id or a name
                guard r.skip(16), let kind = r.u32() else { break }
                if kind == 0 { guard r.skip(4) else { break } } else {
                    guard let length = r.u32(), r.skip(Int(length)), r.skip(padding(Int(length))) else { break }
                }
            }
            let isMulti = type & 0x1000 != 0
            let base = type & 0x0FFF
            var values = 1
            if isMulti || [0x001E, 0x001F, 0x0102, 0x000D].contains(base) {
                guard let n = r.u32() else { break }
                values = Int(n)
            }
            var ok = true
            for _ in 0..<min(values, 10_000) {
                switch base {
                case 0x001E, 0x001F, 0x0102, 0x000D:
                    guard let length = r.u32(), let bytes = r.bytes(Int(length)), r.skip(padding(Int(length))) else { ok = false; break }
                    if base == 0x001E {
                        props.strings[id] = Charset.decode(bytes.prefix { $0 != 0 }, declared: "windows-1252")
                    } else if base == 0x001F {
                        props.strings[id] = utf16(bytes)
                    } else {
                        props.binaries[id] = bytes
                    }
                case 0x0002, 0x0003, 0x0004, 0x000A, 0x000B: ok = r.skip(4)
                case 0x0005, 0x0006, 0x0007, 0x0014, 0x0040: ok = r.skip(8)
                case 0x0048: ok = r.skip(16)
                default: ok = false
                }
                if !ok { break }
            }
            if !ok { break }
        }
        return props
    }

    private static func padding(_ length: Int) -> Int { (4 - length % 4) % 4 }

    private static func utf16(_ bytes: [UInt8]) -> String {
        var units: [UInt16] = []
        var i = 0
        while i + 1 < bytes.count {
            let unit = UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8
            if unit == 0 { break }
            units.append(unit)
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}
