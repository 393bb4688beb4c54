/// TLS for every connection: certificate and host name are always verified; `caFile` adds a private CA.
public struct TLSSettings: Sendable, Equatable {
    /// PEM file of the CA that signed the server's certificate, when it is not a public one.
    public var caFile: String?

    public init(caFile: String? = nil) { self.caFile = caFile }
}

/// Where and how to log in to a mail server. The URL's scheme chooses TLS: `imaps`/`smtps` implicit,
/// `imap`/`smtp` STARTTLS, which is then required.
public struct ServerSettings: Sendable, Equatable {
    public var url: String
    public var username: String
    public var password: String
    public var tls: TLSSettings
    /// Seconds to wait for a connection, and for data once connected.
    public var timeoutSeconds: Int

    public init(url: String, username: String, password: String, tls: TLSSettings = TLSSettings(), timeoutSeconds: Int = 60) {
        self.url = url.hasSuffix("/") ? String(url.dropLast()) : url
        self.username = username
        self.password = password
        self.tls = tls
        self.timeoutSeconds = timeoutSeconds
    }

    /// host:port, for messages (never the credentials).
    public var serverName: String {
        let withoutScheme = url.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init) ?? url
        return withoutScheme.split(separator: "@").last.map(String.init) ?? withoutScheme
    }
}
