import CCurl

/// Sends one message per call over SMTP through libcurl: implicit TLS (`smtps://`) or required
/// STARTTLS (`smtp://`), AUTH with the configured credentials, envelope sender and recipients.
public final class SMTPClient {
    public let settings: ServerSettings
    private let curl: CurlHandle
    /// AUTH happens once per connection, and libcurl reuses the connection between sends.
    private var hasAuthenticated = false

    public init(settings: ServerSettings) {
        self.settings = settings
        curl = CurlHandle(settings: settings)
    }

    public struct Receipt: Sendable, Equatable {
        /// The server's final reply to the message ("250 2.0.0 OK ...").
        public var serverReply: String
        /// False when the server never asked for AUTH, so the credentials went unused.
        public var authenticated: Bool
    }

    /// Sends `message` from `envelopeFrom` (may be empty for a null sender) to `recipients`.
    @discardableResult
    public func send(_ message: [UInt8], from envelopeFrom: String, to recipients: [String]) throws(TransportError) -> Receipt {
        precondition(!recipients.isEmpty, "a message needs at least one recipient")
        curl.set(CURLOPT_URL, settings.url)
        curl.set(CURLOPT_MAIL_FROM, "<\(envelopeFrom)>")
        curl.setRecipients(recipients.map { "<\($0)>" })
        curl.setUpload(message)
        curl.clearServerLines()
        defer { curl.setUpload(nil) }
        if let failure = curl.perform() {
            throw curl.error(for: failure, operation: "sending to \(recipients.joined(separator: ", "))", server: settings.serverName)
        }
        if curl.serverLines.contains(where: { $0.hasPrefix("235") }) { hasAuthenticated = true }
        return Receipt(serverReply: curl.serverLines.last ?? "", authenticated: hasAuthenticated)
    }
}
