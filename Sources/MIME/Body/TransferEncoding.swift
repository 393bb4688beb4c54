/// A Content-Transfer-Encoding. Unknown values are read as identity rather than rejected: an odd
/// encoding name must never stop a message from being read.
public enum TransferEncoding: Sendable, Equatable {
    case identity
    case base64
    case quotedPrintable

    public static func parse(_ raw: String?) -> TransferEncoding {
        guard let raw else { return .identity }
        switch HeaderParameters.parse(raw).value {
        case "base64": return .base64
        case "quoted-printable": return .quotedPrintable
        default: return .identity
        }
    }

    public func decode<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        switch self {
        case .identity: Array(bytes)
        case .base64: Base64.decode(bytes)
        case .quotedPrintable: QuotedPrintable.decode(bytes)
        }
    }
}
