import Foundation
import MIME

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

    /// A file attached to a test message.
    public typealias File = OutgoingAttachment

    /// A `multipart/mixed` message: the text, then each file base64-encoded as an attachment.
    public static func withFiles(
        from: String, to: String, subject: String, body: String, files: [File], messageID: String = UUID().uuidString + "@test.example"
    ) -> [UInt8] {
        let boundary = "=_mcbot_test_\(UUID().uuidString.prefix(8))"
        var text = [
            "From: \(from)", "To: \(to)", "Subject: \(subject)", "Date: Mon, 15 Sep 2025 10:00:00 -0500",
            "Message-ID: <\(messageID)>", "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"\(boundary)\"", "",
            "--\(boundary)", "Content-Type: text/plain; charset=utf-8", "", body,
        ].joined(separator: "\r\n")
        for file in files {
            let encoded = Data(file.bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            text += "\r\n--\(boundary)\r\nContent-Type: \(file.contentType); name=\"\(file.filename)\"\r\n"
                + "Content-Disposition: attachment; filename=\"\(file.filename)\"\r\nContent-Transfer-Encoding: base64\r\n\r\n\(encoded)"
        }
        return Array((text + "\r\n--\(boundary)--\r\n").utf8)
    }
}
