import Foundation

/// Who a message is from, in the rules' terms, and whether it may be answered.
public enum SenderStanding: Sendable, Equatable {
    /// A teacher on the roster, matched by any of their addresses.
    case teacher(id: Int64)
    /// HR forwarding a teacher's message for (re)processing, authenticated by the district's server.
    case hrForward(teacherID: Int64)
    /// From the district's domain but not on the roster: asked to write from their roster address; HR reviews.
    case unknownDistrictSender
    /// Not on the roster, not from the district: no reply (a reply could be backscatter); HR reviews.
    case unknownOutsider
    /// The district's mail server says the sender failed authentication (DMARC): held for HR, no reply.
    case failedAuthentication
    /// HR forwarded something mcbot cannot trust or attribute: HR reviews it.
    case unverifiedForward(reason: String)

    public var mayReply: Bool {
        switch self {
        case .teacher, .hrForward, .unknownDistrictSender: true
        case .unknownOutsider, .failedAuthentication, .unverifiedForward: false
        }
    }
}

/// Decides the sender's standing from the roster lookups the caller did and the authentication
/// verdict of the district's own mail server. Reply-To is never consulted.
public struct SenderPolicy: Sendable {
    public var rules: PolicyRules

    public init(rules: PolicyRules) { self.rules = rules }

    /// - Parameters:
    ///   - fromAddress: the message's own From, lower-cased.
    ///   - teacherID: the roster teacher with that address, if any.
    ///   - authentication: the trusted Authentication-Results verdict, if the district's server left one.
    ///   - forwardedFrom: for HR's forwards, the original author's address and their roster id.
    public func standing(
        fromAddress: String, teacherID: Int64?, authentication: AuthenticationVerdict, forwardedFrom: (address: String, teacherID: Int64?)?
    ) -> SenderStanding {
        if authentication == .fail { return .failedAuthentication }
        if rules.isHRAddress(fromAddress), let forward = forwardedFrom {
            guard authentication == .pass else {
                return .unverifiedForward(reason: "the district's mail server did not confirm that the forward came from \(fromAddress)")
            }
            guard let id = forward.teacherID else {
                return .unverifiedForward(reason: "the forwarded message is from \(forward.address), who is not on the staff roster")
            }
            return .hrForward(teacherID: id)
        }
        if let teacherID { return .teacher(id: teacherID) }
        return rules.isDistrictAddress(fromAddress) ? .unknownDistrictSender : .unknownOutsider
    }
}

/// What the district's own mail server concluded about the sender (RFC 8601 Authentication-Results).
public enum AuthenticationVerdict: String, Sendable, Equatable {
    case pass
    case fail
    /// No result from a trusted server (none configured, or it did not check).
    case unknown

    /// Reads the first Authentication-Results field whose authserv-id is trusted. DMARC decides;
    /// without DMARC, an aligned DKIM pass counts as a pass.
    public static func from(headers: [String], trustedServers: [String], fromDomain: String) -> AuthenticationVerdict {
        guard !trustedServers.isEmpty else { return .unknown }
        let trusted = Set(trustedServers.map { $0.lowercased() })
        for header in headers {
            let parts = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
            guard let server = parts.first?.split(separator: " ").first.map(String.init), trusted.contains(server) else { continue }
            let results = parts.dropFirst()
            if let dmarc = results.first(where: { $0.hasPrefix("dmarc=") }) {
                if dmarc.hasPrefix("dmarc=pass") { return .pass }
                if dmarc.hasPrefix("dmarc=fail") { return .fail }
            }
            if results.contains(where: { $0.hasPrefix("dkim=pass") && $0.contains("header.d=\(fromDomain.lowercased())") }) { return .pass }
            return .unknown
        }
        return .unknown
    }
}
