import Foundation
import MailTestSupport

/// A private copy of the development SMTP server on its own port, so a test can stop and start it
/// without disturbing other tests.
final class PrivateSMTPServer {
    let env: MailTestEnvironment
    let port: Int
    private var process: Process?

    var url: String { "smtp://127.0.0.1:\(port)" }

    init(env: MailTestEnvironment) throws {
        self.env = env
        port = Int.random(in: 20000...29999)
        try start()
    }

    func start() throws {
        let parts = env.smtpServerCommand.split(separator: " ").map(String.init)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: parts[0])
        p.arguments = Array(parts.dropFirst()) + [
            "--starttls-port", "\(port)", "--lmtp-port", ProcessInfo.processInfo.environment["MCBOT_TEST_LMTP_PORT"] ?? "10024",
            "--cert", env.mailDirectory + "/tls/server.pem", "--key", env.mailDirectory + "/tls/server.key",
            "--outbox", FileManager.default.temporaryDirectory.appendingPathComponent("smtp-\(port)").path,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["MCBOT_SMTP_PASSWORD"] = env.password
        p.environment = environment
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        process = p
        // Wait until it accepts connections.
        for _ in 0..<100 {
            if Self.isListening(port) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "private SMTP server did not start on \(port)"])
    }

    func stop() throws {
        guard let process else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    deinit { try? stop() }

    static func isListening(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
