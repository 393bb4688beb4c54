import Foundation
import MailTestSupport
import Testing
import Transport

/// The HTTPS client against the local badge host: TLS verified, only allowed hosts, capped sizes.
@Suite(.enabled(if: MailTestEnvironment.isEnabled, "needs ops/mailserver"))
struct HTTPClientTests {
    let env: MailTestEnvironment
    let run = UUID().uuidString.prefix(8).lowercased()

    init() throws { env = try MailTestEnvironment.require() }

    var client: HTTPClient { HTTPClient(tls: TLSSettings(caFile: env.caFile), timeoutSeconds: 10, maxBytes: 4096) }
    func onlyTheBadgeHost(_ host: String) -> Bool { host == env.badgeHostName }

    @Test func aDocumentComesBackWithItsStatusAndType() throws {
        let url = try env.publishOnBadgeHost("\(run)/a.json", body: "{\"type\": \"Assertion\"}")
        let response = try client.get(url, accept: "application/ld+json", allowedHost: onlyTheBadgeHost)
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "{\"type\": \"Assertion\"}")
        #expect(response.contentType == "application/ld+json")
    }

    @Test func errorStatusesAreAnswersNotFailures() throws {
        let gone = try env.publishOnBadgeHost("\(run)/gone.json", status: 410)
        #expect(try client.get(gone, accept: "*/*", allowedHost: onlyTheBadgeHost).status == 410)
        #expect(try client.get(env.badgeHostURL + "/\(run)/missing", accept: "*/*", allowedHost: onlyTheBadgeHost).status == 404)
    }

    @Test func redirectsAreFollowedOnlyToAllowedHosts() throws {
        let target = try env.publishOnBadgeHost("\(run)/target.json", body: "{}")
        let hop = try env.publishOnBadgeHost("\(run)/hop", location: target)
        let followed = try client.get(hop, accept: "*/*", allowedHost: onlyTheBadgeHost)
        #expect(followed.status == 200 && followed.url == target)

        let away = try env.publishOnBadgeHost("\(run)/away", location: "https://169.254.169.254/latest/meta-data/")
        #expect(throws: HTTPClient.Refusal.notAllowed("https://169.254.169.254/latest/meta-data/")) {
            try client.get(away, accept: "*/*", allowedHost: onlyTheBadgeHost)
        }
        let loop = try env.publishOnBadgeHost("\(run)/loop", location: env.badgeHostURL + "/\(run)/loop")
        #expect(throws: HTTPClient.Refusal.tooManyRedirects(loop)) { try client.get(loop, accept: "*/*", allowedHost: onlyTheBadgeHost) }
    }

    @Test func plainHTTPAndOtherHostsAreNeverFetched() {
        #expect(throws: HTTPClient.Refusal.self) { try client.get("http://\(env.badgeHostName)/x", accept: "*/*", allowedHost: { _ in true }) }
        #expect(throws: HTTPClient.Refusal.self) { try client.get("https://user@\(env.badgeHostName)/x", accept: "*/*", allowedHost: { _ in true }) }
        #expect(throws: HTTPClient.Refusal.self) { try client.get(env.badgeHostURL + "/x", accept: "*/*", allowedHost: { _ in false }) }
    }

    @Test func certificatesAreVerified() throws {
        let url = try env.publishOnBadgeHost("\(run)/tls.json", body: "{}")
        // Without the private CA the host's certificate is not trusted.
        let error = #expect(throws: TransportError.self) { try HTTPClient(timeoutSeconds: 10).get(url, accept: "*/*", allowedHost: onlyTheBadgeHost) }
        if case .tlsFailed = error {} else { Issue.record("expected a TLS failure, got \(String(describing: error))") }
    }

    @Test func aDocumentOverTheSizeCapIsRefused() throws {
        let url = try env.publishOnBadgeHost("\(run)/big.json", body: String(repeating: "x", count: 10_000))
        #expect(throws: TransportError.tooLarge(limit: 4096)) { try client.get(url, accept: "*/*", allowedHost: onlyTheBadgeHost) }
    }
}
