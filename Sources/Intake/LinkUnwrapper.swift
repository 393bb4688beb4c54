import Foundation

/// Recovers the real target of a link rewritten by a mail security gateway: Microsoft Safe Links
/// (every variant), Proofpoint URL Defense v2 and v3, Google redirects and Barracuda, nested in any
/// order. A link that is not wrapped comes back unchanged.
public enum LinkUnwrapper {
    public static func unwrap(_ url: String) -> String {
        var current = url
        for _ in 0..<8 {
            guard let next = unwrapOnce(current), next != current else { return current }
            current = next
        }
        return current
    }

    static func unwrapOnce(_ url: String) -> String? {
        guard let components = URLComponents(string: url) ?? URLComponents(string: url.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed.union(["%", "#"])) ?? url),
              let host = components.host?.lowercased() else { return nil }
        let path = components.path
        func query(_ name: String) -> String? {
            components.queryItems?.first { $0.name.lowercased() == name }?.value
        }
        if host.hasSuffix("safelinks.protection.outlook.com") || host.hasSuffix(".safelinks.protection.office365.us")
            || (host.hasSuffix("outlook.office.com") && path.lowercased().contains("safelink"))
            || (host.hasSuffix("outlook.office365.com") && path.lowercased().contains("safelink"))
            || (host.hasSuffix("teams.cdn.office.net") && path.lowercased().contains("safelinks")) {
            return query("url")
        }
        if host == "urldefense.proofpoint.com", path.hasPrefix("/v2/url"), let u = query("u") {
            let restored = u.replacingOccurrences(of: "-", with: "%").replacingOccurrences(of: "_", with: "/")
            return restored.removingPercentEncoding ?? restored
        }
        if host == "urldefense.proofpoint.com", path.hasPrefix("/v1/url"), let u = query("u") {
            return u
        }
        if host == "urldefense.com" || host == "urldefense.us", url.contains("/v3/__") {
            return proofpointV3(url)
        }
        if (host.hasPrefix("www.google.") || host.hasPrefix("google.")) && path == "/url" {
            return query("q") ?? query("url")
        }
        if host == "linkprotect.cudasvc.com", path.hasPrefix("/url") {
            return query("a")
        }
        return nil
    }

    /// Proofpoint v3: `urldefense.com/v3/__URL__;TOKENS!!...`: each `*` in URL stands for the next
    /// character of the base64url TOKENS, and `**X` for a run whose length X encodes (A=2, B=3, ...).
    static func proofpointV3(_ url: String) -> String? {
        guard let start = url.range(of: "/v3/__") else { return nil }
        let rest = url[start.upperBound...]
        guard let end = rest.range(of: "__;") else {
            return rest.range(of: "__").map { String(rest[..<$0.lowerBound]) }
        }
        let embedded = Array(rest[..<end.lowerBound])
        let afterTokens = rest[end.upperBound...]
        let encoded = afterTokens.prefix { $0 != "!" }
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        let replacements = Data(base64Encoded: base64).map { Array(String(decoding: $0, as: UTF8.self)) } ?? []
        let runAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var out = ""
        var marker = 0
        var i = 0
        while i < embedded.count {
            if embedded[i] == "*" {
                if i + 2 < embedded.count, embedded[i + 1] == "*", let run = runAlphabet.firstIndex(of: embedded[i + 2]) {
                    let length = run + 2
                    out += String(replacements[min(marker, replacements.count)..<min(marker + length, replacements.count)])
                    marker += length
                    i += 3
                    continue
                }
                if marker < replacements.count { out.append(replacements[marker]) }
                marker += 1
                i += 1
                continue
            }
            out.append(embedded[i])
            i += 1
        }
        return out
    }
}
