import Foundation
import MailTestSupport
import Testing
import Transport

@Suite(.enabled(if: MailTestEnvironment.isEnabled, "needs ops/mailserver"))
struct SMTPClientTests {
    @Test(arguments: [false, true])
    func sendsOverTLSWithAuthAndTheMessageArrives(implicitTLS: Bool) throws {
        let env = try MailTestEnvironment.require()
        let user = MailTestEnvironment.uniqueUser("smtp")
        let client = SMTPClient(settings: env.smtp(url: implicitTLS ? env.smtpsURL : env.smtpURL))
        let id = UUID().uuidString + "@test.example"
        let message = TestMessage.plain(from: "bot@district.test", to: "\(user)@district.test", subject: "hello", body: "hi", messageID: id)
        let receipt = try client.send(message, from: "bot@district.test", to: ["\(user)@district.test"])
        #expect(receipt.authenticated)
        #expect(receipt.serverReply.hasPrefix("250"))
        let inbox = try env.waitForMessages(of: user, count: 1)
        #expect(inbox.count == 1)
        #expect(String(decoding: inbox[0], as: UTF8.self).contains(id))
    }

    @Test func wrongPasswordIsAnAuthenticationFailure() throws {
        let env = try MailTestEnvironment.require()
        let client = SMTPClient(settings: env.smtp(password: "wrong"))
        #expect {
            try client.send(TestMessage.plain(from: "a@b.test", to: "c@d.test", subject: "s", body: "b"), from: "a@b.test", to: ["c@d.test"])
        } throws: { error in
            if case .authenticationFailed = error as? TransportError { return true }
            return false
        }
    }

    @Test func refusedConnectionIsTransient() throws {
        let env = try MailTestEnvironment.require()
        let client = SMTPClient(settings: env.smtp(url: "smtp://127.0.0.1:1"))
        #expect {
            try client.send(TestMessage.plain(from: "a@b.test", to: "c@d.test", subject: "s", body: "b"), from: "a@b.test", to: ["c@d.test"])
        } throws: { error in
            (error as? TransportError)?.isTransient == true
        }
    }
}
