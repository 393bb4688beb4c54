import Bot
import Foundation
import MailTestSupport
import Store
import Testing

@Suite(.enabled(if: MailTestEnvironment.isEnabled, "needs ops/mailserver"))
struct WorkerLifecycleTests {
    /// SIGTERM (and SIGINT) stop `mcbot run` cleanly: the message in hand is finished and moved, nothing half-done.
    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalStopsTheWorkerAfterTheMessageInHand(signal: Int32) async throws {
        let bot = try await BotHarness(now: "2025-09-20T15:00:00Z")
        let ann = bot.teacher("ann")
        for n in 0..<40 {
            try bot.send(from: ann.address, subject: "question \(n)", body: "Can I pay the fee from discretionary funds?")
        }
        let process = bot.mcbotProcess(["run"], now: "2025-09-20T10:00:00-05:00")
        try process.run()
        // Stop it once it has started on the backlog.
        for _ in 0..<200 {
            if (try bot.store.read { try LedgerEntry.fetchCount($0) }) > 0 { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let entries = try bot.store.read { try LedgerEntry.fetchAll($0) }
        #expect(!entries.isEmpty)
        #expect(entries.allSatisfy { $0.movedTo != nil }, "every recorded message was also filed")
        let waiting = try bot.search("INBOX", "FROM \"\(ann.address)\"").count
        #expect(waiting + (try bot.count(in: "Processed")) == 40, "nothing lost: each message is processed and filed, or still waiting")
    }
}

/// The FAQ statements that are facts to tell rather than rules to apply, checked in the rendered replies.
@Suite(.enabled(if: MailTestEnvironment.isEnabled, "needs ops/mailserver"))
struct FAQAnswerTests {
    func answer(_ question: String) async throws -> String {
        let bot = try await BotHarness(now: "2025-09-20T15:00:00Z")
        let ann = bot.teacher("ann")
        try bot.send(from: ann.address, subject: "question", body: question)
        try bot.poll()
        return try #require(try bot.mail(of: ann.user).first).text
    }

    @Test("FAQ: “Where is the website for micro-credentials?” and the approval form")
    func website() async throws {
        let text = try await answer("Do I need the approval form before I start?")
        #expect(text.contains("https://www.cusd200.org/o/cusd200/page/microcredentials"))
        #expect(text.contains("cannot be denied"))
    }

    @Test("FAQ: “The professional development hours will be processed on a monthly basis. ... contact Charlene Howington.”")
    func pdHoursMonthly() async throws {
        let text = try await answer("How do PD hours work?")
        #expect(text.contains("up to 8 professional development hours"))
        #expect(text.contains("processed monthly by PD Hours <pd-"))
    }

    @Test("FAQ: “Like graduate coursework, you are responsible for covering the cost” and “not ... discretionary funds”")
    func costs() async throws {
        let text = try await answer("Will the fee be refunded? Can I use discretionary funds?")
        #expect(text.contains("cannot be paid from discretionary funds"))
        let fees = try await answer("Will the fee be refunded?")
        #expect(fees.contains("They are not refunded"))
    }

    @Test("FAQ: “Can I complete both MCs and graduate coursework during the same year? Yes.”")
    func coursework() async throws {
        #expect(try await answer("Can I also take graduate coursework this year?").contains("you may complete both in the same year"))
    }

    @Test("FAQ: “You may complete five (5) micro-credentials per year” and working ahead")
    func capAndBanking() async throws {
        let text = try await answer("How many can I do, and can I work ahead for next year?")
        #expect(text.contains("up to 5 micro-credentials count per contract year"))
        #expect(text.contains("count for the next contract year (from July 1), paid that November"))
    }
}
