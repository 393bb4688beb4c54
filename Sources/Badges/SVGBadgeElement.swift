/// The Open Badges element of a baked SVG: `<prefix:assertion verify="...">` (2.0) or
/// `<prefix:credential verify="...">` (3.0), where `prefix` is bound to an Open Badges namespace.
/// A text scan rather than an XML parser: it needs one element and must survive any badly formed file.
public struct SVGBadgeElement: Sendable, Equatable {
    /// The `verify` attribute: the hosted URL of the assertion, or a compact JWS.
    public var verify: String?
    /// The element's content: the assertion or credential JSON (CDATA unwrapped, entities decoded).
    public var content: String?

    static let namespaces = ["http://openbadges.org", "https://purl.imsglobal.org/ob/v3p0"]

    public static func looksLikeSVG(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
        return head.contains("<svg")
    }

    public static func find(in bytes: [UInt8]) -> SVGBadgeElement? {
        let text = String(decoding: bytes, as: UTF8.self)
        for prefix in prefixes(in: text) {
            for name in ["assertion", "credential"] {
                if let element = element(named: "\(prefix):\(name)", in: text) { return element }
            }
        }
        return nil
    }

    /// Prefixes bound to an Open Badges namespace by `xmlns:prefix="..."`.
    static func prefixes(in text: String) -> [String] {
        var found: [String] = []
        var rest = text[...]
        while let range = rest.range(of: "xmlns:") {
            rest = rest[range.upperBound...]
            guard let equals = rest.firstIndex(of: "=") else { break }
            let prefix = String(rest[..<equals]).trimmingSpaces
            let value = quotedValue(rest[rest.index(after: equals)...]) ?? ""
            let bare = value.hasSuffix("/") ? String(value.dropLast()) : value
            if namespaces.contains(bare), !prefix.isEmpty, !found.contains(prefix) { found.append(prefix) }
        }
        return found
    }

    static func element(named name: String, in text: String) -> SVGBadgeElement? {
        guard let open = text.range(of: "<\(name)") else { return nil }
        let afterName = text[open.upperBound...]
        guard let first = afterName.first, first == " " || first == ">" || first == "/" || first.isNewline || first == "\t" else { return nil }
        guard let tagEnd = afterName.firstIndex(of: ">") else { return nil }
        let attributes = afterName[..<tagEnd]
        var element = SVGBadgeElement()
        if let verify = attributes.range(of: "verify") {
            var rest = attributes[verify.upperBound...].drop { $0 == " " }
            if rest.first == "=" {
                rest = rest.dropFirst()
                element.verify = quotedValue(rest).map(decodeEntities)
            }
        }
        if attributes.hasSuffix("/") { return element }
        let body = text[text.index(after: tagEnd)...]
        if let close = body.range(of: "</\(name)") {
            var content = String(body[..<close.lowerBound]).trimmingSpaces
            if content.hasPrefix("<![CDATA["), content.hasSuffix("]]>") {
                content = String(content.dropFirst(9).dropLast(3))
            } else {
                content = decodeEntities(content)
            }
            element.content = content.trimmingSpaces.isEmpty ? nil : content.trimmingSpaces
        }
        return element
    }

    /// The value of a `"..."` or `'...'` that starts `text` (after spaces).
    static func quotedValue(_ text: Substring) -> String? {
        let trimmed = text.drop { $0 == " " || $0.isNewline }
        guard let quote = trimmed.first, quote == "\"" || quote == "'" else { return nil }
        let inner = trimmed.dropFirst()
        guard let end = inner.firstIndex(of: quote) else { return nil }
        return String(inner[..<end])
    }

    /// The five XML entities and numeric references.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[amp...]
            guard let semi = after.firstIndex(of: ";"), after.distance(from: amp, to: semi) <= 10 else {
                result.append("&")
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = after[after.index(after: amp)..<semi]
            let replacement: String? = switch entity {
            case "amp": "&"
            case "lt": "<"
            case "gt": ">"
            case "quot": "\""
            case "apos": "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if entity.hasPrefix("#") {
                    UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    nil
                }
            }
            if let replacement {
                result += replacement
                rest = rest[rest.index(after: semi)...]
            } else {
                result.append("&")
                rest = rest[rest.index(after: amp)...]
            }
        }
        return result + rest
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        let scalars = String(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
