import Transport

/// Which badge platforms mcbot asks for a badge link's hosted award (`badges.*` in mcbot.yaml).
/// Only these hosts are ever fetched, so a link in a teacher's email cannot make mcbot reach
/// anything else; an empty list turns fetching off.
public struct BadgeFetchSettings: Sendable, Equatable {
    /// Host names, or `*.domain` for any host under it; a port may follow (`127.0.0.1:10443`).
    public var hosts: [String]
    public var tls: TLSSettings
    public var timeoutSeconds: Int

    /// Badgr / Canvas Credentials serve public assertions for verification. Credly restricts
    /// automated access in its terms, so it is left for the district to add.
    public static let defaultHosts = ["api.badgr.io", "*.badgr.io"]

    public init(hosts: [String], tls: TLSSettings = TLSSettings(), timeoutSeconds: Int = 10) {
        self.hosts = hosts
        self.tls = tls
        self.timeoutSeconds = timeoutSeconds
    }

    public func allows(_ host: String) -> Bool {
        let host = host.lowercased()
        return hosts.contains { pattern in
            pattern.hasPrefix("*.") ? host.hasSuffix(String(pattern.dropFirst(1))) : host == pattern
        }
    }
}
