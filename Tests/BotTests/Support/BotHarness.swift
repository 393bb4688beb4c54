import Bot
import Foundation
import Intake
import MIME
import MailTestSupport
import Store
import Transport

/// One isolated mcbot on the real local mail servers: its own bot, HR and Professional Growth Team
/// mailboxes, a temporary database, the shipped policy and approved list (contacts overridden from
/// the environment, as an operator would), and a clock the test controls.
final class BotHarness: @unchecked Sendable {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    let env: MailTestEnvironment
    let directory: URL
    let id = MailTestEnvironment.uniqueUser("t").dropFirst(2)
    let testClock: TestClock
    var context: BotContext
    var environment: [String: String]

    var botUser: String { "bot-\(id)" }
    var botAddress: String { "\(botUser)@district.test" }
    var hrUser: String { "hr-\(id)" }
    var pgtUser: String { "pgt-\(id)" }

    /// A teacher's mailbox user name and address.
    func teacher(_ name: String) -> (user: String, address: String) {
        ("\(name)-\(id)", "\(name)-\(id)@district.test")
    }

    init(now: String, smtpURL: String? = nil, roster: [String] = ["ann", "bob", "cat"], configure: (inout [String: String]) -> Void = { _ in }) async throws {
        env = try MailTestEnvironment.require()
        testClock = TestClock(TestClock.date(now))
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mcbot-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let root = Self.repositoryRoot.path
        let config = """
            imap:
              url: \(env.imapsURL)
              user: bot-\(id)
              ca_file: \(env.caFile)
            smtp:
              url: \(smtpURL ?? env.smtpURL)
              user: mcbot
              ca_file: \(env.caFile)
            bot:
              address: bot-\(id)@district.test
              name: Micro-credential submissions
              message_id_domain: district.test
            database:
              path: \(directory.path)/mcbot.sqlite
            paths:
              templates: \(root)/templates
              policy: \(root)/Config/policy.yaml
              approved: \(root)/Config/approved.csv
            worker:
              poll_interval_seconds: 1
            badges:
              fetch_hosts: [\(env.badgeHostName)]
              ca_file: \(env.caFile)
            log:
              level: warning
            """
        try config.write(to: directory.appendingPathComponent("mcbot.yaml"), atomically: true, encoding: .utf8)
        var environment = [
            "MCBOT_IMAP_PASSWORD": env.password, "MCBOT_SMTP_PASSWORD": env.password,
            "MCBOT_POLICY_DISTRICT_DOMAINS": "district.test",
            "MCBOT_POLICY_CONTACTS_HR": "Human Resources <hr-\(id)@district.test>",
            "MCBOT_POLICY_CONTACTS_PD_HOURS": "PD Hours <pd-\(id)@district.test>",
            "MCBOT_POLICY_CONTACTS_PROFESSIONAL_GROWTH_TEAM": "Growth Team <pgt-\(id)@district.test>",
            // Tests about reminders and reports turn them back on; elsewhere they would add mail to count.
            "MCBOT_POLICY_REMINDER_DAYS": "none",
            "MCBOT_POLICY_REPORTS_PD_HOURS_MONTHLY": "false", "MCBOT_POLICY_REPORTS_COMPENSATION_LIST": "false",
            "MCBOT_POLICY_REPORTS_REVIEW_DIGEST": "none",
        ]
        configure(&environment)
        self.environment = environment
        context = try await BotContext.load(configFile: directory.appendingPathComponent("mcbot.yaml").path, clock: testClock.clock, environment: environment)
        if !roster.isEmpty {
            let rows = roster.enumerated().map { n, name in
                RosterEntry(employeeID: "E\(n + 1)", name: name.capitalized + " Teacher", email: "\(name)-\(id)@district.test", otherAddresses: [],
                            building: "Lincoln", source: "test")
            }
            _ = try context.store.importRoster(rows, at: testClock.now, actor: "test")
        }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    var store: Store { context.store }

    /// Sends a message from a teacher to the bot through the real SMTP server; returns its Message-ID.
    @discardableResult
    func send(from sender: String, subject: String, body: String, headers: [String] = [], inReplyTo: String? = nil) throws -> String {
        let messageID = UUID().uuidString + "@teacher.test"
        var extra = headers
        if let inReplyTo { extra += ["In-Reply-To: <\(inReplyTo)>", "References: <\(inReplyTo)>"] }
        try env.deliver(TestMessage.plain(from: sender, to: botAddress, subject: subject, body: body, messageID: messageID, extraHeaders: extra),
                        from: sender, to: botAddress)
        return messageID
    }

    func sendRaw(_ bytes: [UInt8], from sender: String) throws {
        try env.deliver(bytes, from: sender, to: botAddress)
    }

    @discardableResult
    func poll() throws -> Poller.Summary {
        try Poller(context: context).pollOnce()
    }

    /// The mcbot binary set up with this harness's configuration and environment, the clock at `now`.
    func mcbotProcess(_ arguments: [String], now: String) -> Process {
        let process = Process()
        process.executableURL = Self.repositoryRoot.appendingPathComponent(".build/debug/mcbot")
        process.arguments = arguments + ["--config", directory.appendingPathComponent("mcbot.yaml").path]
        var environment = ProcessInfo.processInfo.environment.merging(self.environment) { $1 }
        environment["MCBOT_NOW"] = now
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return process
    }

    /// Messages in a user's mailbox, read back as mcbot's own replies.
    func mail(of user: String, in folder: String = "INBOX") throws -> [ReceivedMail] {
        try env.messages(of: user, in: folder).map(ReceivedMail.init)
    }

    /// UIDs in the bot's `folder` matching an IMAP SEARCH `criteria`.
    func search(_ folder: String, _ criteria: String) throws -> [UInt32] {
        try IMAPSession(settings: env.imap(user: botUser)).search(folder, criteria: criteria)
    }

    func count(in folder: String, of user: String? = nil) throws -> Int {
        let session = IMAPSession(settings: env.imap(user: user ?? botUser))
        return try session.status(folder).messages
    }
}

/// A message as a recipient sees it.
struct ReceivedMail {
    let raw: [UInt8]
    let message: MIMEMessage

    init(_ raw: [UInt8]) throws {
        self.raw = raw
        message = try MessageParser().parse(raw)
    }

    /// The outcome kinds from X-Mcbot-Outcome.
    var outcomes: [String] {
        (message.header["x-mcbot-outcome"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }
    var ref: String? { message.header["x-mcbot-ref"] }
    var subject: String { message.subject ?? "" }
    /// The decoded text of the first text/plain part.
    var text: String { message.root.leaves.first { $0.contentType.mimeType == "text/plain" }?.text() ?? "" }
    var inReplyTo: [String] { message.inReplyTo }
    var to: [String] { message.to.map(\.normalized) }
    var cc: [String] { message.cc.map(\.normalized) }
}
