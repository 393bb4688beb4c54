import CCurl
import Foundation

/// What an HTTPS server answered.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var body: [UInt8]
    public var contentType: String?
    /// The URL that answered, after the redirects that were followed.
    public var url: String

    public init(status: Int, body: [UInt8], contentType: String?, url: String) {
        self.status = status
        self.body = body
        self.contentType = contentType
        self.url = url
    }
}

/// Fetches public documents (hosted badge assertions) over HTTPS through libcurl: HTTPS only,
/// certificate and host name verified, no credentials, a size cap, and redirects followed only to
/// hosts the caller allows, so a link in a teacher's email cannot steer mcbot inside the network.
public struct HTTPClient: Sendable {
    public var tls: TLSSettings
    public var timeoutSeconds: Int
    public var maxBytes: Int
    public var maxRedirects: Int

    public init(tls: TLSSettings = TLSSettings(), timeoutSeconds: Int = 15, maxBytes: Int = 1 << 20, maxRedirects: Int = 3) {
        self.tls = tls
        self.timeoutSeconds = timeoutSeconds
        self.maxBytes = maxBytes
        self.maxRedirects = maxRedirects
    }

    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        /// Not an https:// URL, or its host is not one the caller allows.
        case notAllowed(String)
        case tooManyRedirects(String)

        public var description: String {
            switch self {
            case .notAllowed(let url): "\(url) is not an https:// URL on an allowed host"
            case .tooManyRedirects(let url): "\(url) redirected too many times"
            }
        }
    }

    /// GETs `url` with an `Accept` header; any HTTP status is a response, a network failure throws.
    public func get(_ url: String, accept: String, allowedHost: (String) -> Bool) throws -> HTTPResponse {
        var current = url
        for _ in 0...maxRedirects {
            guard let host = Self.httpsHost(current), allowedHost(host) else { throw Refusal.notAllowed(current) }
            let handle = CurlHandle(settings: ServerSettings(url: current, username: "", password: "", tls: tls, timeoutSeconds: timeoutSeconds))
            handle.set(CURLOPT_URL, current)
            handle.set(CURLOPT_HTTPGET, 1)
            handle.set(CURLOPT_FOLLOWLOCATION, 0)  // each hop is checked against the allowed hosts here
            handle.set(CURLOPT_PROTOCOLS_STR, "https")
            handle.set(CURLOPT_TIMEOUT, timeoutSeconds)
            handle.set(CURLOPT_USERAGENT, "mcbot (micro-credential badge check)")
            handle.setHeaders(["Accept: \(accept)"])
            handle.receiveLimit = maxBytes
            if let failure = handle.perform() {
                throw handle.error(for: failure, operation: "GET \(current)", server: host)
            }
            let status: Int = handle.info(CURLINFO_RESPONSE_CODE)
            if (300..<400).contains(status), let location: String = handle.info(CURLINFO_REDIRECT_URL) {
                current = location
                continue
            }
            return HTTPResponse(status: status, body: handle.received, contentType: handle.info(CURLINFO_CONTENT_TYPE), url: current)
        }
        throw Refusal.tooManyRedirects(url)
    }

    /// The lower-cased host (with its port, if any) of an https:// URL.
    public static func httpsHost(_ url: String) -> String? {
        guard let components = URLComponents(string: url), components.scheme?.lowercased() == "https", let host = components.host?.lowercased(),
              !host.isEmpty, components.user == nil else { return nil }
        return components.port.map { "\(host):\($0)" } ?? host
    }
}
