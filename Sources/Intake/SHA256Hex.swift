import Crypto

/// Hex SHA-256, the key for raw messages and attachments.
public enum SHA256Hex {
    public static func of<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let digest: SHA256.Digest
        if let d = bytes.withContiguousStorageIfAvailable({ SHA256.hash(data: $0) }) { digest = d } else { digest = SHA256.hash(data: Array(bytes)) }
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
