import MIME

/// The readable body of a message in two renderings: plain-preferred (what a person reads) and
/// HTML-preferred (where links live in `href`s). Each walks the parts that are body, not attachment;
/// alternatives pick their plain or HTML child, mixed parts are joined in order.
struct BodyText {
    var plain: String
    var html: String
    /// `cid:` references of images the HTML shows.
    var contentIDs: Set<String>

    static func of(_ message: MIMEMessage, isBodyPart: (MIMEPart) -> Bool) -> BodyText {
        var cids = Set<String>()
        let rendered = render(message.root, isBodyPart: isBodyPart, cids: &cids)
        return BodyText(plain: rendered.plain ?? rendered.html ?? "", html: rendered.html ?? rendered.plain ?? "", contentIDs: cids)
    }

    private static func render(_ part: MIMEPart, isBodyPart: (MIMEPart) -> Bool, cids: inout Set<String>) -> (plain: String?, html: String?) {
        switch part.body {
        case .message:
            return (nil, nil)
        case .multipart(let children):
            let rendered = children.map { render($0, isBodyPart: isBodyPart, cids: &cids) }
            if part.contentType.subtype == "alternative" {
                let plain = rendered.compactMap(\.plain).first { !$0.isEmpty } ?? rendered.compactMap(\.plain).first
                let html = rendered.compactMap(\.html).last { !$0.isEmpty } ?? rendered.compactMap(\.html).last
                return (plain ?? html, html ?? plain)
            }
            let plains = rendered.compactMap { $0.plain ?? $0.html }.filter { !$0.isEmpty }
            let htmls = rendered.compactMap { $0.html ?? $0.plain }.filter { !$0.isEmpty }
            return (plains.isEmpty ? nil : plains.joined(separator: "\n"), htmls.isEmpty ? nil : htmls.joined(separator: "\n"))
        case .leaf:
            guard isBodyPart(part), let text = part.text() else { return (nil, nil) }
            if part.contentType.subtype == "html" {
                let converted = HTMLText.convert(text)
                cids.formUnion(converted.contentIDs)
                return (nil, converted.text)
            }
            if part.contentType.subtype == "plain" || part.contentType.subtype == "enriched" { return (text, nil) }
            return (nil, nil)
        }
    }
}
