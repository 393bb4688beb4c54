import Bot
import Foundation
import MIME
import MailTestSupport
import Policy
import Store
import Testing
import Transport

@Suite(.enabled(if: MailTestEnvironment.isEnabled, "needs ops/mailserver"))
struct HRForwardTests {
    static let badge = "https://nea.certificationbank.com/badges/family-engagement/fw-1"

    func forward(_ bot: BotHarness, authenticated: Bool) throws {
        let ann = bot.teacher("ann")
        var headers = ["From: Human Resources <hr-\(bot.id)@district.test>", "To: \(bot.botAddress)", "Subject: FW: my badge",
                       "Message-ID: <fw-\(UUID().uuidString)@district.test>"]
        if authenticated { headers.insert("Authentication-Results: mx.district.test; spf=pass; dmarc=pass header.from=district.test", at: 0) }
        let body = """
            Please reprocess.

            -----Original Message-----
            From: Ann Teacher [mailto:\(ann.address)]
            Sent: Thursday, September 18, 2025 7:45 AM
            To: Human Resources <hr-\(bot.id)@district.test>
            Subject: my badge

            \(Self.badge)
            PD hours: 6
            """
        try bot.sendRaw(Array((headers.joined(separator: "\r\n") + "\r\n\r\n" + body.replacingOccurrences(of: "\n", with: "\r\n")).utf8),
                        from: "hr-\(bot.id)@district.test")
    }

    @Test func anAuthenticatedForwardFromHRIsProcessedForTheTeacher() async throws {
        let bot = try await BotHarness(now: "2025-09-20T15:00:00Z") { $0["MCBOT_SECURITY_TRUSTED_AUTHSERV_IDS"] = "mx.district.test" }
        try forward(bot, authenticated: true)
        try bot.poll()
        let reply = try #require(try bot.mail(of: bot.teacher("ann").user).first)
        #expect(reply.outcomes == ["counted"])
        #expect(reply.cc == ["hr-\(bot.id)@district.test"])
        #expect(reply.text.contains("Family Engagement"))
        let submission = try #require(try bot.store.read { try SubmissionRecord.fetchOne($0) })
        #expect(submission.teacherID == (try bot.store.teacher(forAddress: bot.teacher("ann").address))?.id)
        #expect(submission.pdCredited == 6)
    }

    @Test func anUnauthenticatedForwardIsHeldForHR() async throws {
        let bot = try await BotHarness(now: "2025-09-20T15:00:00Z") { $0["MCBOT_SECURITY_TRUSTED_AUTHSERV_IDS"] = "mx.district.test" }
        try forward(bot, authenticated: false)
        try bot.poll()
        #expect(try bot.mail(of: bot.teacher("ann").user).isEmpty)
        let hr = try #require(try bot.mail(of: bot.hrUser).first)
        #expect(hr.text.contains("did not confirm that the forward came from"))
        #expect(try bot.store.read { try SubmissionRecord.fetchCount($0) } == 0)
    }

    @Test func aForgedSenderTheDistrictServerFailedIsHeld() async throws {
        let bot = try await BotHarness(now: "2025-09-20T15:00:00Z") { $0["MCBOT_SECURITY_TRUSTED_AUTHSERV_IDS"] = "mx.district.test" }
        let ann = bot.teacher("ann")
        try bot.send(from: ann.address, subject: "badge", body: Self.badge, headers: ["Authentication-Results: mx.district.test; dmarc=fail header.from=district.test"])
        try bot.poll()
        #expect(try bot.mail(of: ann.user).isEmpty)
        #expect(try bot.mail(of: bot.hrUser).first?.text.contains("failed sender authentication") == true)
    }
}

@Suite(.enabled(if: MailTestEnvironment.isEnabled, "needs ops/mailserver"))
struct InterruptedSendTests {
    /// A row whose send was cut off by a crash: delivered or not, the teacher gets it exactly once.
    @Test(arguments: [true, false])
    func anInterruptedSendGoesOutExactlyOnce(deliveredBeforeTheCrash: Bool) async throws {
        let bot = try await BotHarness(now: "2025-09-20T15:00:00Z")
        let ann = bot.teacher("ann")
        try bot.send(from: ann.address, subject: "badge", body: "\(MailLoopTests.badge)\nPD hours: 8")
        // Process without sending: a stopped SMTP URL keeps the reply in the outbox.
        var broken = bot.context
        broken.settings.smtp.url = "smtp://127.0.0.1:1"
        _ = try Poller(context: broken).pollOnce()
        let item = try #require(try bot.store.read { try OutboxItem.fetchOne($0) })
        // Simulate the crash: the send started, and (maybe) reached the server, but was never marked sent.
        try bot.store.write { try $0.execute(sql: "UPDATE outbox SET nextAttemptAt = ?, attempts = 0, lastError = NULL WHERE id = ?", arguments: [bot.testClock.now, item.id]) }
        try bot.store.markAttemptStarted(item.id!, at: bot.testClock.now)
        if deliveredBeforeTheCrash {
            try SMTPClient(settings: bot.env.smtp()).send(item.bytes, from: item.envelopeFrom, to: item.recipientList + [bot.botAddress])
        }
        let next = try bot.poll()
        #expect(next.sent == 0, "never resent at once")
        bot.testClock.advance(180)
        try bot.poll()
        try bot.poll()
        let received = try bot.mail(of: ann.user)
        #expect(received.count == 1)
        #expect(received.first?.message.messageID == item.messageIDHeader)
        #expect(try bot.store.outboxItem(id: item.id!)?.status == "sent")
        let reconciled = try bot.store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit WHERE action = 'outbox.reconciled'") }
        #expect(reconciled == (deliveredBeforeTheCrash ? 1 : 0))
    }
}

struct ConfigurationTests {
    func write(_ yaml: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mcbot-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("mcbot.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func everyProblemNamesItsKeyAndItsFix() async throws {
        let path = try write("""
            imap:
              url: http://mail.example.org
              usr: typo@example.org
              password: hunter2
            smtp:
              url: smtps://smtp.example.org:465
              user: bot@example.org
            bot:
              address: not an address
            worker:
              poll_interval_seconds: soon
            badges:
              fetch_hosts: [https://api.badgr.io/public]
            paths:
              templates: \(BotHarness.repositoryRoot.path)/templates
            """)
        do {
            _ = try await Settings.load(file: path, environment: ["MCBOT_SMTP_PASSWORD": "x"])
            Issue.record("a bad configuration loaded")
        } catch let error as ConfigError {
            let text = error.description
            #expect(text.contains("imap.url: \"http://mail.example.org\" must start with imaps:// (TLS) or imap:// (STARTTLS, required)"))
            #expect(text.contains("imap.usr: unknown key (did you mean imap.user?)"))
            #expect(text.contains("imap.user: missing. Set imap.user in \(path) or MCBOT_IMAP_USER"))
            #expect(text.contains("imap.password: secrets must not be written in the configuration file"))
            #expect(text.contains("bot.address: \"not an address\" is not an email address"))
            #expect(text.contains("worker.poll_interval_seconds: \"soon\" is not a whole number"))
            #expect(text.contains("badges.fetch_hosts: \"https://api.badgr.io/public\" is not a host name"))
            #expect(!text.contains("hunter2"), "secrets are never echoed")
        }
    }

    @Test func environmentOverridesEveryKeyAndSecretsComeFromFiles() async throws {
        let path = try write("imap:\n  url: imaps://wrong.example.org\n")
        let secretFile = FileManager.default.temporaryDirectory.appendingPathComponent("pw-\(UUID().uuidString)").path
        try "from-file\n".write(toFile: secretFile, atomically: true, encoding: .utf8)
        let settings = try await Settings.load(file: path, environment: [
            "MCBOT_IMAP_URL": "imaps://mail.district.org:993", "MCBOT_IMAP_USER": "bot@district.org", "MCBOT_IMAP_PASSWORD_FILE": secretFile,
            "MCBOT_SMTP_URL": "smtp://smtp.district.org:587", "MCBOT_SMTP_USER": "bot@district.org", "MCBOT_SMTP_PASSWORD": "env-secret",
            "MCBOT_BOT_ADDRESS": "bot@district.org", "MCBOT_PATHS_TEMPLATES": BotHarness.repositoryRoot.path + "/templates",
            "MCBOT_WORKER_POLL_INTERVAL_SECONDS": "30", "MCBOT_BADGES_FETCH_HOSTS": "none",
        ])
        #expect(settings.imap.url == "imaps://mail.district.org:993")
        #expect(settings.imap.password == "from-file")
        #expect(settings.smtp.password == "env-secret")
        #expect(settings.pollIntervalSeconds == 30)
        #expect(settings.badgeFetch.hosts.isEmpty, "none turns fetching off")
        #expect(settings.botAddress.domain == "district.org")
    }

    @Test func onlyTheWorkerNeedsTheMailPasswords() async throws {
        let path = try write("""
            imap:
              url: imaps://mail.district.org
              user: bot@district.org
            smtp:
              url: smtps://smtp.district.org
              user: bot@district.org
            bot:
              address: bot@district.org
            paths:
              templates: \(BotHarness.repositoryRoot.path)/templates
            """)
        let hrTools = try await Settings.load(file: path, environment: [:], requireMailSecrets: false)
        #expect(hrTools.imap.password.isEmpty)
        do {
            _ = try await Settings.load(file: path, environment: [:])
            Issue.record("the worker started without its passwords")
        } catch let error as ConfigError {
            #expect(error.description.contains("imap.password: missing. Set MCBOT_IMAP_PASSWORD, or MCBOT_IMAP_PASSWORD_FILE"))
            #expect(error.description.contains("smtp.password: missing"))
        }
    }

    @Test func onlyListedBadgeHostsAreFetched() {
        let fetching = BadgeFetchSettings(hosts: BadgeFetchSettings.defaultHosts + ["127.0.0.1:10443"])
        #expect(fetching.allows("api.badgr.io") && fetching.allows("API.EU.BADGR.IO") && fetching.allows("127.0.0.1:10443"))
        #expect(!fetching.allows("evilbadgr.io") && !fetching.allows("badgr.io.evil.test") && !fetching.allows("127.0.0.1:22"))
        #expect(!fetching.allows("api.credly.com"), "Credly's terms: only when the district adds it")
    }

    @Test func policyProblemsNameTheKey() async throws {
        let path = try write("cap_per_year: five\nwindow_close: \"October 32\"\ntime_zone: Mars/Olympus\ncontacts:\n  hr: []\nreports:\n  review_digest: mondays\n")
        do {
            _ = try await PolicyLoader.load(file: path, environment: [:])
            Issue.record("a bad policy loaded")
        } catch let error as ConfigError {
            #expect(error.description.contains("cap_per_year: \"five\" is not a whole number"))
            #expect(error.description.contains("window_close: \"October 32\" is not a month and day"))
            #expect(error.description.contains("time_zone: \"Mars/Olympus\" is not a time zone"))
            #expect(error.description.contains("contacts.hr: missing"))
            #expect(error.description.contains("district_domains: missing"))
            #expect(error.description.contains("reports.review_digest: \"mondays\" is not a weekday"))
        }
    }

    @Test func theShippedPolicyLoadsWithTheFAQDefaults() async throws {
        let loaded = try await PolicyLoader.load(file: BotHarness.repositoryRoot.path + "/Config/policy.yaml", environment: ["MCBOT_POLICY_CAP_PER_YEAR": "6"])
        #expect(loaded.rules.capPerYear == 6, "an environment override")
        #expect(loaded.rules.pdHoursPerMC == 8)
        #expect(loaded.rules.calendar.windowClose == MonthDay("10-01"))
        #expect(loaded.rules.providers.map(\.id) == ["digital-promise", "nea"])
        #expect(loaded.intentColumns.mcs == "Which micro-credentials do you intend to complete?")
        #expect(loaded.rules.reports == .standard, "PD-hours file monthly, compensation list after the deadline, digest on Mondays")
    }
}

struct ImportFileTests {
    let approved = ApprovedList([
        ApprovedPeriod(mcID: "dp-growth-mindset", provider: "digital-promise", title: "Growth Mindset", badgePatterns: [], addedOn: CalendarDay("2024-07-01")!),
        ApprovedPeriod(mcID: "nea-x", provider: "nea", title: "Literacy, Reading, and Writing", badgePatterns: [], addedOn: CalendarDay("2024-07-01")!),
    ])

    @Test func rosterRowsWithProblemsAreNamedByLine() throws {
        let csv = "employee_id,name,email,other_addresses,building\n1,Ann,ann@district.org,\"ann@gmail.com; a.t@yahoo.com\",Lincoln\n2,,b@district.org,,\n3,Cy,nope,,\n1,Ann again,ann2@district.org,,\n"
        let read = try RosterFile.read(bytes: Array(csv.utf8), name: "roster.csv")
        #expect(read.entries.map(\.employeeID) == ["1"])
        #expect(read.entries.first?.otherAddresses == ["ann@gmail.com", "a.t@yahoo.com"])
        #expect(read.problems == [
            "roster.csv line 3: no name for employee 2; row skipped",
            "roster.csv line 4: \"nope\" is not an email address; row skipped",
            "roster.csv line 5: employee 1 repeats line 2; row skipped",
        ])
        #expect(throws: Error.self) { _ = try RosterFile.read(bytes: Array("who,what\n".utf8), name: "r.csv") }
    }

    @Test func approvedListRowsAreCheckedByLine() throws {
        let csv = """
            provider,mc_id,title,badge_patterns,badge_class_ids,badge_names,added,removed
            digital-promise,dp-a,Alpha,x.test/a/* x.test/a2/*,,,7/1/2024,
            digital-promise,dp-b,Beta,,,,someday,
            digital-promise,dp-c,Gamma,x.test/c/*,,,2025-01-01,2024-12-01
            other,dp-d,Delta,,,,2025-01-01,

            """
        let read = try ApprovedListFile.read(bytes: Array(csv.utf8), name: "approved.csv", knownProviders: ["digital-promise", "nea"])
        #expect(read.periods.map(\.mcID) == ["dp-a", "dp-d"])
        #expect(read.periods.first?.badgePatterns.map(\.text) == ["x.test/a/*", "x.test/a2/*"])
        #expect(read.periods.first?.addedOn == CalendarDay("2024-07-01"))
        #expect(read.problems.count == 4)
        #expect(read.problems[0].hasPrefix("approved.csv line 3: \"someday\" is not a date"))
        #expect(read.problems[1].hasPrefix("approved.csv line 4: removed (2024-12-01) is not after added"))
        #expect(read.problems[2].contains("line 5: provider \"other\" is not in policy providers.list"))
        #expect(read.problems[3].contains("line 5: dp-d has no badge_patterns"))
    }

    @Test func approvalFormExportMapsTitlesAndNamesBadChoices() throws {
        let columns = PolicyLoader.IntentColumns(timestamp: "Timestamp", email: "Email Address", mcs: "MCs")
        let csv = "Timestamp,Email Address,MCs\n9/15/2025 10:32:11,Ann@District.org,\"Growth Mindset, Literacy, Reading, and Writing\"\nyesterday,b@district.org,Growth Mindset\n9/16/2025 8:00:00,c@district.org,Knitting\n"
        let read = try IntentFile.read(bytes: Array(csv.utf8), name: "form.csv", columns: columns, approved: approved, timeZone: TimeZone(identifier: "America/Chicago")!)
        #expect(read.entries.map { $0.mcID }.sorted() == ["dp-growth-mindset", "nea-x"])
        #expect(read.entries.first?.email == "ann@district.org")
        #expect(read.entries.first?.declaredOn == CalendarDay("2025-09-15"))
        #expect(read.problems == [
            "form.csv line 3: \"yesterday\" is not a timestamp; row skipped",
            "form.csv line 4: \"Knitting\" is not an MC on the approved list; that choice skipped",
        ])
        let wrongColumns = PolicyLoader.IntentColumns(timestamp: "When", email: "Email Address", mcs: "MCs")
        #expect(throws: Error.self) { _ = try IntentFile.read(bytes: Array(csv.utf8), name: "form.csv", columns: wrongColumns, approved: approved, timeZone: .current) }
    }
}

@Suite(.enabled(if: MailTestEnvironment.isEnabled, "needs ops/mailserver"))
struct ReplyLimitTests {
    /// An autoresponder that does not mark itself could loop with mcbot forever; the daily cap stops it.
    @Test func afterTheDailyCapASenderIsNotAnsweredAndHRIsTold() async throws {
        let bot = try await BotHarness(now: "2025-09-20T15:00:00Z") { $0["MCBOT_WORKER_MAX_REPLIES_PER_SENDER_PER_DAY"] = "2" }
        let ann = bot.teacher("ann")
        for n in 0..<3 { try bot.send(from: ann.address, subject: "Thanks \(n)", body: "Thank you for your message.") }
        try bot.poll()
        #expect(try bot.mail(of: ann.user).count == 2)
        let hr = try bot.mail(of: bot.hrUser)
        #expect(hr.count == 1)
        #expect(hr.first?.text.contains("already answered \(ann.address) 2 times in the last day") == true)
        bot.testClock.advance(86_400 + 60)
        try bot.send(from: ann.address, subject: "A day later", body: "Thank you again.")
        try bot.poll()
        #expect(try bot.mail(of: ann.user).count == 3, "the cap is per day")
    }
}
