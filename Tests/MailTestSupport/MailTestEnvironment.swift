import Foundation
import Transport

/// The local mail servers that `ops/mailserver up` started, as tests see them (from the
/// `MCBOT_TEST_*` variables `ops/test` exports). Each test logs in as its own fresh users, so tests
/// run in parallel without seeing each other's mail.
public struct MailTestEnvironment: Sendable {
    public let password: String
    public let caFile: String
    public let imapURL: String
    public let imapsURL: String
    public let smtpURL: String
    public let smtpsURL: String
    public let smtpOutbox: String
    public let smtpServerCommand: String
    public let mailDirectory: String
    /// The badge host (HTTPS, serving files from `badgeHostDirectory`), e.g. https://127.0.0.1:10443.
    public let badgeHostURL: String
    public let badgeHostDirectory: String

    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String { "mail servers are not running: start them with `ops/mailserver up` and `. <(ops/mailserver env)`, or run `ops/test`" }
    }

    public static let current: MailTestEnvironment? = {
        let env = ProcessInfo.processInfo.environment
        guard let password = env["MCBOT_TEST_PASSWORD"], let ca = env["MCBOT_TEST_CA_FILE"], let imaps = env["MCBOT_TEST_IMAPS_URL"],
              let imap = env["MCBOT_TEST_IMAP_URL"], let smtp = env["MCBOT_TEST_SMTP_URL"], let smtps = env["MCBOT_TEST_SMTPS_URL"],
              let outbox = env["MCBOT_TEST_SMTP_OUTBOX"], let server = env["MCBOT_TEST_SMTP_SERVER"], let dir = env["MCBOT_TEST_MAIL_DIR"],
              let badgeURL = env["MCBOT_TEST_BADGE_HOST_URL"], let badgeDir = env["MCBOT_TEST_BADGE_HOST_DIR"]
        else { return nil }
        return MailTestEnvironment(
            password: password, caFile: ca, imapURL: imap, imapsURL: imaps, smtpURL: smtp, smtpsURL: smtps,
            smtpOutbox: outbox, smtpServerCommand: server, mailDirectory: dir, badgeHostURL: badgeURL, badgeHostDirectory: badgeDir)
    }()

    /// True when the servers are configured, or when `ops/test` demands them (then a missing server fails the test).
    public static var isEnabled: Bool {
        current != nil || ProcessInfo.processInfo.environment["MCBOT_REQUIRE_MAIL_SERVERS"] == "1"
    }

    public static func require() throws -> MailTestEnvironment {
        guard let current else { throw Unavailable() }
        return current
    }

    /// A user name no other test uses.
    public static func uniqueUser(_ prefix: String = "user") -> String {
        prefix + "-" + UUID().uuidString.prefix(8).lowercased()
    }

    public func imap(user: String, url: String? = nil, password: String? = nil, caFile: String?? = nil) -> ServerSettings {
        ServerSettings(url: url ?? imapsURL, username: user, password: password ?? self.password, tls: TLSSettings(caFile: caFile ?? self.caFile), timeoutSeconds: 20)
    }

    public func smtp(url: String? = nil, user: String = "mcbot", password: String? = nil) -> ServerSettings {
        ServerSettings(url: url ?? smtpURL, username: user, password: password ?? self.password, tls: TLSSettings(caFile: caFile), timeoutSeconds: 20)
    }

    /// Delivers a message to `recipient` through the real SMTP server (as a teacher's client would).
    public func deliver(_ message: [UInt8], from sender: String, to recipient: String) throws {
        try SMTPClient(settings: smtp()).send(message, from: sender, to: [recipient])
    }

    /// Messages in `mailbox` of `user`, oldest first, as raw bytes.
    public func messages(of user: String, in mailbox: String = "INBOX") throws -> [[UInt8]] {
        let session = IMAPSession(settings: imap(user: user))
        let status = try session.status(mailbox)
        return try session.search(mailbox, criteria: "ALL").map { try session.fetch(mailbox, uidValidity: status.uidValidity, uid: $0, maxBytes: 100 << 20) }
    }

    /// Waits up to `seconds` for `user`'s mailbox to hold at least `count` messages.
    public func waitForMessages(of user: String, in mailbox: String = "INBOX", count: Int, seconds: Double = 10) throws -> [[UInt8]] {
        let deadline = Date().addingTimeInterval(seconds)
        var found: [[UInt8]] = []
        repeat {
            found = (try? messages(of: user, in: mailbox)) ?? []
            if found.count >= count { return found }
            Thread.sleep(forTimeInterval: 0.1)
        } while Date() < deadline
        return found
    }

    /// Serves `body` (or answers `status`, or redirects to `location`) at `path` on the badge host; returns its URL.
    @discardableResult
    public func publishOnBadgeHost(_ path: String, body: String? = nil, status: Int? = nil, location: String? = nil) throws -> String {
        let file = URL(fileURLWithPath: badgeHostDirectory).appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        if let body { try body.write(to: file, atomically: true, encoding: .utf8) }
        if let status { try "\(status)".write(to: URL(fileURLWithPath: file.path + ".status"), atomically: true, encoding: .utf8) }
        if let location { try location.write(to: URL(fileURLWithPath: file.path + ".location"), atomically: true, encoding: .utf8) }
        return badgeHostURL + "/" + path
    }

    /// host:port of the badge host, as `badges.fetch_hosts` lists it.
    public var badgeHostName: String { String(badgeHostURL.dropFirst("https://".count)) }
}
