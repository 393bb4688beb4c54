/// A mail-server failure in words an operator can act on, with what the server itself said.
public enum TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    case authenticationFailed(server: String, serverSaid: String)
    case tlsFailed(server: String, detail: String)
    /// The server does not offer STARTTLS, and mcbot never sends credentials in the clear.
    case tlsNotOffered(server: String)
    case connectionFailed(server: String, detail: String)
    case timedOut(server: String, detail: String)
    case noSuchMailbox(String, serverSaid: String)
    /// UIDVALIDITY changed or the UID is gone: the message must be looked up again.
    case messageNotFound(mailbox: String, uid: UInt32)
    case rejected(command: String, serverSaid: String)
    case tooLarge(limit: Int)
    case failed(operation: String, code: Int, detail: String)

    public var description: String {
        switch self {
        case .authenticationFailed(let server, let said):
            "login to \(server) was refused (\(said)); check the user name and the password setting"
        case .tlsFailed(let server, let detail):
            "TLS with \(server) failed: \(detail); if the server uses a private CA, set its CA file"
        case .tlsNotOffered(let server):
            "\(server) does not offer STARTTLS; use the implicit-TLS URL (imaps:// or smtps://)"
        case .connectionFailed(let server, let detail): "cannot connect to \(server): \(detail)"
        case .timedOut(let server, let detail): "\(server) did not answer in time: \(detail)"
        case .noSuchMailbox(let name, let said): "mailbox \"\(name)\" does not exist (\(said))"
        case .messageNotFound(let mailbox, let uid): "message UID \(uid) is no longer in \(mailbox)"
        case .rejected(let command, let said): "the server refused \(command): \(said)"
        case .tooLarge(let limit): "message is larger than the \(limit)-byte limit"
        case .failed(let operation, let code, let detail): "\(operation) failed (curl \(code)): \(detail)"
        }
    }

    /// Worth retrying later (the server may come back); a configuration problem is not.
    public var isTransient: Bool {
        switch self {
        case .connectionFailed, .timedOut, .failed: true
        case .rejected(_, let said): said.hasPrefix("4") || said.contains(" 4")
        default: false
        }
    }
}
