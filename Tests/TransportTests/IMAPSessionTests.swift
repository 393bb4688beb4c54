import Foundation
import MailTestSupport
import Testing
import Transport

@Suite(.enabled(if: MailTestEnvironment.isEnabled, "needs ops/mailserver"))
struct IMAPSessionTests {
    @Test func appendSearchFetchAndMoveOverImplicitTLS() throws {
        let env = try MailTestEnvironment.require()
        let user = MailTestEnvironment.uniqueUser("imap")
        let session = IMAPSession(settings: env.imap(user: user))
        let first = TestMessage.plain(from: "a@district.test", to: "\(user)@district.test", subject: "one", body: "first")
        let second = TestMessage.plain(from: "b@district.test", to: "\(user)@district.test", subject: "two", body: "second")
        try session.append(first, to: "INBOX")
        try session.append(second, to: "INBOX")

        let status = try session.status("INBOX")
        #expect(status.messages == 2)
        let uids = try session.search("INBOX")
        #expect(uids.count == 2)
        #expect(try session.fetch("INBOX", uidValidity: status.uidValidity, uid: uids[0], maxBytes: 1 << 20) == first)
        let sizes = try session.sizes("INBOX", uids: uids)
        #expect(sizes[uids[1]] == second.count)

        try session.ensureMailbox("Processed")
        try session.ensureMailbox("Processed")  // a second time is fine
        try session.move(uid: uids[0], uidValidity: status.uidValidity, from: "INBOX", to: "Processed")
        #expect(try session.search("INBOX") == [uids[1]])
        #expect(try session.status("Processed").messages == 1)
    }

    @Test func copyFallbackMovesWithoutLeavingACopy() throws {
        let env = try MailTestEnvironment.require()
        let user = MailTestEnvironment.uniqueUser("copy")
        let session = IMAPSession(settings: env.imap(user: user))
        try session.append(TestMessage.plain(from: "a@district.test", to: "x@district.test", subject: "s", body: "b"), to: "INBOX")
        try session.ensureMailbox("Quarantine")
        let uid = try #require(try session.search("INBOX").first)
        try session.move(uid: uid, from: "INBOX", to: "Quarantine", useMove: false)
        #expect(try session.search("INBOX", criteria: "ALL").isEmpty)
        #expect(try session.status("Quarantine").messages == 1)
    }

    @Test func startTLSOnThePlainPort() throws {
        let env = try MailTestEnvironment.require()
        let session = IMAPSession(settings: env.imap(user: MailTestEnvironment.uniqueUser(), url: env.imapURL))
        #expect(try session.status("INBOX").messages == 0)
    }

    @Test func wrongPasswordQuotesTheServer() throws {
        let env = try MailTestEnvironment.require()
        let session = IMAPSession(settings: env.imap(user: "someone", password: "not-the-password"))
        #expect {
            _ = try session.status("INBOX")
        } throws: { error in
            guard case .authenticationFailed(_, let said) = error as? TransportError else { return false }
            return said.contains("AUTHENTICATIONFAILED") || said.lowercased().contains("authentication failed")
        }
    }

    @Test func untrustedCertificateIsRefused() throws {
        let env = try MailTestEnvironment.require()
        let session = IMAPSession(settings: env.imap(user: "someone", caFile: .some(nil)))
        #expect {
            _ = try session.status("INBOX")
        } throws: { error in
            if case .tlsFailed = error as? TransportError { return true }
            return false
        }
    }

    @Test func changedUIDValidityIsNotFound() throws {
        let env = try MailTestEnvironment.require()
        let user = MailTestEnvironment.uniqueUser()
        let session = IMAPSession(settings: env.imap(user: user))
        try session.append(TestMessage.plain(from: "a@district.test", to: "x@district.test", subject: "s", body: "b"), to: "INBOX")
        let status = try session.status("INBOX")
        let uid = try #require(try session.search("INBOX").first)
        let fresh = IMAPSession(settings: env.imap(user: user))  // a new connection selects again and checks UIDVALIDITY
        #expect(throws: TransportError.messageNotFound(mailbox: "INBOX", uid: uid)) {
            _ = try fresh.fetch("INBOX", uidValidity: status.uidValidity &+ 1, uid: uid, maxBytes: 1 << 20)
        }
    }

    @Test func fetchFromAMissingMailboxNamesIt() throws {
        let env = try MailTestEnvironment.require()
        let session = IMAPSession(settings: env.imap(user: MailTestEnvironment.uniqueUser()))
        #expect {
            _ = try session.search("NoSuchFolder")
        } throws: { error in
            if case .noSuchMailbox("NoSuchFolder", _) = error as? TransportError { return true }
            return false
        }
    }

    @Test func oversizedFetchIsRefused() throws {
        let env = try MailTestEnvironment.require()
        let user = MailTestEnvironment.uniqueUser()
        let session = IMAPSession(settings: env.imap(user: user))
        try session.append(TestMessage.plain(from: "a@district.test", to: "x@district.test", subject: "s", body: String(repeating: "x", count: 5000)), to: "INBOX")
        let status = try session.status("INBOX")
        let uid = try #require(try session.search("INBOX").first)
        #expect(throws: TransportError.tooLarge(limit: 1000)) {
            _ = try session.fetch("INBOX", uidValidity: status.uidValidity, uid: uid, maxBytes: 1000)
        }
    }

    @Test func unreachableServerIsATransientConnectionFailure() throws {
        let env = try MailTestEnvironment.require()
        let session = IMAPSession(settings: env.imap(user: "x", url: "imaps://127.0.0.1:1"))
        #expect {
            _ = try session.status("INBOX")
        } throws: { error in
            guard let error = error as? TransportError, case .connectionFailed = error else { return false }
            return error.isTransient
        }
    }
}
