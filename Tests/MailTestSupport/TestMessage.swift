import Foundation

/// Builds plain teacher-style messages for tests.
public enum TestMessage {
    public static func plain(
        from: String, to: String, subject: String, body: String, messageID: String = UUID().uuidString + "@test.example",
        extraHeaders: [String] = []
    ) -> [UInt8] {
        var lines = [
            "From: \(from)", "To: \(to)", "Subject: \(subject)", "Date: Mon, 15 Sep 2025 10:00:00 -0500",
            "Message-ID: <\(messageID)>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        lines += extraHeaders
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + body.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n").utf8)
    }
}
