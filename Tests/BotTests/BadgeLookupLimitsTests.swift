import Foundation
import Policy
import Testing
import Transport
@testable import Bot

/// A message full of badge links, or a badge platform that is down, must not hold the mailbox up.
struct BadgeLookupLimitsTests {
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var urls: [String] = []
        func add(_ url: String) { lock.withLock { urls.append(url) } }
        var all: [String] { lock.withLock { urls } }
    }

    func reader(_ calls: Calls, answer: @escaping @Sendable (String) throws -> HTTPResponse) -> BadgeEvidenceReader {
        BadgeEvidenceReader(
            calendar: SubmissionCalendar(contractYearStart: MonthDay("07-01")!, windowClose: MonthDay("10-01")!, compensationMonth: 11,
                                         timeZone: TimeZone(identifier: "America/Chicago")!),
            fetching: BadgeFetchSettings(hosts: ["down.test", "up.test"]),
            fetcher: BadgeFetcher { url in calls.add(url); return try answer(url) })
    }

    @Test func aPlatformThatDoesNotAnswerIsAskedOncePerMessage() {
        let calls = Calls()
        let lookups = reader(calls) { url in
            if url.contains("down.test") { throw TransportError.timedOut(server: "down.test", detail: "no answer in 10 s") }
            return HTTPResponse(status: 404, body: [], contentType: nil, url: url)
        }.lookups(links: ["https://down.test/a", "https://down.test/b", "https://up.test/c", "https://down.test/d"], teacherAddresses: [])
        #expect(calls.all == ["https://down.test/a", "https://up.test/c"])
        #expect(lookups["https://up.test/c"]?.check == .notFound)
        #expect(lookups["https://down.test/a"]?.check.isUnreachable == true)
        #expect(lookups["https://down.test/b"] == nil, "judged as without fetching")
    }

    @Test func atMostTenLinksAreLookedUpPerMessage() {
        let calls = Calls()
        let links = (1...15).map { "https://up.test/\($0)" }
        _ = reader(calls) { HTTPResponse(status: 404, body: [], contentType: nil, url: $0) }.lookups(links: links, teacherAddresses: [])
        #expect(calls.all == Array(links.prefix(BadgeEvidenceReader.maxLookupsPerMessage)))
    }
}
