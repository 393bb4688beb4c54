/// What a badge image carries, read without the network: the award itself (2.0 assertion, 3.0
/// credential, or a JWS of either), or only where it is hosted (legacy PNGs and bare SVG elements).
public struct BakedBadge: Sendable, Equatable {
    public enum Format: String, Sendable { case png, svg }

    public var format: Format
    /// The award, when the image holds it and it could be read.
    public var award: BadgeAward?
    /// Where the award is hosted, when the image says so (2.0 `verify` URL, legacy PNG text, or the award's own id).
    public var hostedAt: String?
    /// Why the baked data could not be read, when there was some.
    public var problem: String?

    /// Keywords of PNG text chunks that carry Open Badges data (2.0 and 3.0).
    static let pngKeywords = ["openbadges", "openbadgecredential"]

    /// Unbakes a PNG or SVG file; nil when it is neither or carries no Open Badges data.
    public static func unbake(_ bytes: [UInt8]) -> BakedBadge? {
        if PNGTextChunks.isPNG(bytes) {
            guard let chunk = PNGTextChunks.read(bytes).first(where: { pngKeywords.contains($0.keyword.lowercased()) }) else { return nil }
            if chunk.compressed {
                return BakedBadge(format: .png, problem: "its Open Badges data is compressed, which mcbot does not read")
            }
            return reading(chunk.text, format: .png, verify: nil)
        }
        if SVGBadgeElement.looksLikeSVG(bytes), let element = SVGBadgeElement.find(in: bytes) {
            return reading(element.content ?? element.verify ?? "", format: .svg, verify: element.verify)
        }
        return nil
    }

    /// Baked text is the award (JSON or JWS) or, in older badges, just its URL.
    static func reading(_ text: String, format: Format, verify: String?) -> BakedBadge {
        let trimmed = text.trimmingSpaces
        let verifyURL = verify.flatMap { $0.hasPrefix("http") ? $0 : nil }
        if trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://") {
            return BakedBadge(format: format, award: nil, hostedAt: trimmed)
        }
        guard let award = BadgeAward.decode(trimmed) else {
            return BakedBadge(format: format, hostedAt: verifyURL, problem: "its Open Badges data is not an assertion or credential mcbot can read")
        }
        let hosted = verifyURL ?? (award.verification != "signed" && !award.signed ? award.id.flatMap { $0.hasPrefix("http") ? $0 : nil } : nil)
        return BakedBadge(format: format, award: award, hostedAt: hosted)
    }
}
