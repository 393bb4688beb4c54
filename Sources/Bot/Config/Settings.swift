import Foundation
import MIME
import Transport

/// mcbot's configuration (`Config/mcbot.yaml` plus `MCBOT_*` environment overrides). README lists
/// every key; `load` reports every problem by key with its fix.
public struct Settings: Sendable {
    public var configFile: String
    public var imap: ServerSettings
    public var mailbox: String
    public var processedFolder: String
    public var quarantineFolder: String
    /// Where the copies of mcbot's own replies are filed.
    public var sentFolder: String
    /// Address every reply to the bot's mailbox too (envelope only), so HR sees what was sent and an
    /// interrupted send can be checked instead of repeated.
    public var keepSentCopies: Bool
    public var smtp: ServerSettings
    /// The address mcbot writes from (the HR mailbox's, usually), with a display name.
    public var botAddress: MailAddress
    /// Right-hand side of the Message-IDs mcbot creates.
    public var messageIDDomain: String
    public var databasePath: String
    public var templatesPath: String
    public var policyPath: String
    public var approvedPath: String?
    public var pollIntervalSeconds: Int
    public var limits: ParseLimits
    /// authserv-ids of the district's own mail servers, whose Authentication-Results mcbot trusts.
    public var trustedAuthservIDs: [String]
    public var outboxMaxAttempts: Int
    /// Replies to one address in 24 hours before mcbot stops answering it and tells HR (a loop guard).
    public var maxRepliesPerSenderPerDay: Int
    /// Which badge platforms mcbot may ask for a badge's hosted award.
    public var badgeFetch: BadgeFetchSettings
    public var logLevel: String

    static let knownKeys: Set<String> = [
        "imap.url", "imap.user", "imap.password", "imap.ca_file", "imap.mailbox", "imap.processed_folder", "imap.quarantine_folder",
        "imap.timeout_seconds", "imap.sent_folder", "worker.keep_sent_copies", "smtp.url", "smtp.user", "smtp.password", "smtp.ca_file", "smtp.timeout_seconds",
        "bot.address", "bot.name", "bot.message_id_domain", "database.path", "paths.templates", "paths.policy", "paths.approved",
        "worker.poll_interval_seconds", "worker.max_message_bytes", "worker.outbox_max_attempts", "worker.max_replies_per_sender_per_day", "security.trusted_authserv_ids",
        "badges.fetch_hosts", "badges.ca_file", "badges.timeout_seconds", "log.level",
    ]

    /// Reads and checks the configuration; throws `ConfigError` listing every problem. The mail
    /// passwords are required only by what talks to the mail servers (`requireMailSecrets`): HR's
    /// commands (reviews, exports, imports, backup) run without them.
    public static func load(
        file: String, environment: [String: String] = ProcessInfo.processInfo.environment, requireMailSecrets: Bool = true
    ) async throws -> Settings {
        var c = try await ConfigSource(file: file, environmentPrefix: ["mcbot"], environment: environment, knownKeys: knownKeys)

        func server(_ section: String, schemes: (implicit: String, startTLS: String), example: String) -> ServerSettings? {
            let url = c.string("\(section).url", required: true, example: example)
            let user = c.string("\(section).user", required: true)
            let password = c.secret("\(section).password", required: requireMailSecrets) ?? (requireMailSecrets ? nil : "")
            let caFile = c.path("\(section).ca_file")
            let timeout = c.integer("\(section).timeout_seconds", default: 60, range: 5...3600)
            if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
                c.problem("\(section).ca_file", "cannot read \(caFile)", "Give the path of the PEM file of the CA that signed the server's certificate")
            }
            if let url {
                let scheme = url.split(separator: ":").first.map { $0.lowercased() } ?? ""
                if scheme != schemes.implicit && scheme != schemes.startTLS {
                    c.problem("\(section).url", "\"\(url)\" must start with \(schemes.implicit):// (TLS) or \(schemes.startTLS):// (STARTTLS, required)",
                              "For example \(example)")
                } else if URL(string: url)?.host == nil {
                    c.problem("\(section).url", "\"\(url)\" has no host name", "For example \(example)")
                }
            }
            guard let url, let user, let password else { return nil }
            return ServerSettings(url: url, username: user, password: password, tls: TLSSettings(caFile: caFile), timeoutSeconds: timeout)
        }

        let imap = server("imap", schemes: ("imaps", "imap"), example: "imaps://mail.district.org:993")
        let mailbox = c.string("imap.mailbox", default: "INBOX")
        let processed = c.string("imap.processed_folder", default: "Processed")
        let quarantine = c.string("imap.quarantine_folder", default: "Quarantine")
        let sent = c.string("imap.sent_folder", default: "Sent")
        let keepCopies = c.boolean("worker.keep_sent_copies", default: true)
        for (key, name) in [("imap.mailbox", mailbox), ("imap.processed_folder", processed), ("imap.quarantine_folder", quarantine), ("imap.sent_folder", sent)]
        where !name.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 && $0 != "\"" && $0 != "\\" }) {
            c.problem(key, "\"\(name)\" must be plain ASCII without quotes or backslashes", "Rename the folder, e.g. Processed")
        }
        if Set([mailbox, processed, quarantine, sent]).count < 4 {
            c.problem("imap.processed_folder", "the mailbox and the processed, quarantine and sent folders must all differ", "Give each its own name")
        }
        let smtp = server("smtp", schemes: ("smtps", "smtp"), example: "smtps://smtp.district.org:465")
        let address = c.string("bot.address", required: true, example: "mc-submissions@district.org")
        let name = c.string("bot.name", default: "Micro-credential submissions")
        var botAddress: MailAddress?
        if let address {
            if let parsed = AddressList.parse(address).first, parsed.address.contains("@") {
                botAddress = MailAddress(displayName: name, address: parsed.address)
            } else {
                c.problem("bot.address", "\"\(address)\" is not an email address", "For example mc-submissions@district.org")
            }
        }
        let domain = c.string("bot.message_id_domain") ?? botAddress?.domain ?? "localhost"
        let database = c.path("database.path", default: "mcbot.sqlite")!
        let templates = c.path("paths.templates", default: "../templates")!
        if !FileManager.default.fileExists(atPath: templates) {
            c.problem("paths.templates", "no templates folder at \(templates)", "Point it at mcbot's templates/ folder")
        }
        let policy = c.path("paths.policy", default: "policy.yaml")!
        let approved = c.path("paths.approved")
        if let approved, !FileManager.default.fileExists(atPath: approved) {
            c.problem("paths.approved", "no approved-list file at \(approved)", "Give the path of the approved-list CSV, or remove the key")
        }
        let poll = c.integer("worker.poll_interval_seconds", default: 60, range: 1...86_400)
        let maxBytes = c.integer("worker.max_message_bytes", default: 50 * 1024 * 1024, range: 64 * 1024...500 * 1024 * 1024)
        let attempts = c.integer("worker.outbox_max_attempts", default: 40, range: 1...1000)
        let replyCap = c.integer("worker.max_replies_per_sender_per_day", default: 20, range: 1...10_000)
        let trusted = c.list("security.trusted_authserv_ids")
        var fetchHosts = c.list("badges.fetch_hosts", default: BadgeFetchSettings.defaultHosts).map { $0.lowercased() }
        if fetchHosts == ["none"] { fetchHosts = [] }
        for host in fetchHosts where host.contains("/") || host.contains(":/") || host.hasPrefix("*") && !host.hasPrefix("*.") {
            c.problem("badges.fetch_hosts", "\"\(host)\" is not a host name", "List host names such as api.badgr.io or *.badgr.io, or none")
        }
        let badgeCA = c.path("badges.ca_file")
        if let badgeCA, !FileManager.default.isReadableFile(atPath: badgeCA) {
            c.problem("badges.ca_file", "cannot read \(badgeCA)", "Give the path of a PEM CA file, or remove the key to use the system's CAs")
        }
        let badgeTimeout = c.integer("badges.timeout_seconds", default: 10, range: 1...120)
        let level = c.string("log.level", default: "info").lowercased()
        if !["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(level) {
            c.problem("log.level", "\"\(level)\" is not a log level", "Use one of trace, debug, info, notice, warning, error, critical")
        }
        guard c.problems.isEmpty, let imap, let smtp, let botAddress else {
            throw ConfigError(file: file, problems: c.problems)
        }
        return Settings(
            configFile: file, imap: imap, mailbox: mailbox, processedFolder: processed, quarantineFolder: quarantine, sentFolder: sent, keepSentCopies: keepCopies, smtp: smtp,
            botAddress: botAddress, messageIDDomain: domain, databasePath: database, templatesPath: templates, policyPath: policy,
            approvedPath: approved, pollIntervalSeconds: poll, limits: ParseLimits(maxMessageBytes: maxBytes),
            trustedAuthservIDs: trusted, outboxMaxAttempts: attempts, maxRepliesPerSenderPerDay: replyCap,
            badgeFetch: BadgeFetchSettings(hosts: fetchHosts, tls: TLSSettings(caFile: badgeCA), timeoutSeconds: badgeTimeout), logLevel: level)
    }
}
