import Transport

/// Fetching a badge's hosted award: the live one goes through libcurl to the allowed hosts only.
public struct BadgeFetcher: Sendable {
    public var get: @Sendable (_ url: String) throws -> HTTPResponse

    public init(get: @escaping @Sendable (_ url: String) throws -> HTTPResponse) { self.get = get }

    public static func live(_ settings: BadgeFetchSettings) -> BadgeFetcher {
        let client = HTTPClient(tls: settings.tls, timeoutSeconds: settings.timeoutSeconds, maxBytes: 1 << 20)
        return BadgeFetcher { url in
            try client.get(url, accept: "application/ld+json, application/json;q=0.9", allowedHost: settings.allows)
        }
    }
}
