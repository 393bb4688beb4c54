import CCurl
import Foundation

/// The state of a mailbox that decides whether stored UIDs still mean the same messages.
public struct MailboxStatus: Sendable, Equatable {
    public var uidValidity: UInt32
    public var uidNext: UInt32
    public var messages: Int
}

/// One IMAP connection through libcurl, kept open across calls (one login per poll). Not thread-safe:
/// use it from one task and close it when the poll ends.
public final class IMAPSession {
    public let settings: ServerSettings
    private let curl: CurlHandle
    private var cachedCapabilities: Set<String>?

    public init(settings: ServerSettings) {
        self.settings = settings
        curl = CurlHandle(settings: settings)
    }

    /// Runs a command; returns the untagged lines the server sent back.
    @discardableResult
    private func command(_ text: String, mailbox: String? = nil, uidValidity: UInt32? = nil, uid: UInt32? = nil, operation: String? = nil) throws(TransportError) -> [String] {
        curl.set(CURLOPT_URL, url(mailbox: mailbox, uidValidity: uidValidity))
        curl.set(CURLOPT_CUSTOMREQUEST, text)
        curl.setUpload(nil)
        curl.receiveLimit = 64 * 1024 * 1024
        curl.clearServerLines()
        if let failure = curl.perform() {
            throw curl.error(for: failure, operation: operation ?? text, server: settings.serverName, mailbox: mailbox, uid: uid)
        }
        return String(decoding: curl.received, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
    }

    private func url(mailbox: String?, uidValidity: UInt32? = nil, uid: UInt32? = nil) -> String {
        var u = settings.url + "/"
        if let mailbox { u += Self.encodePath(mailbox) }
        if let uidValidity { u += ";UIDVALIDITY=\(uidValidity)" }
        if let uid { u += ";UID=\(uid)" }
        return u
    }

    private static func encodePath(_ mailbox: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return mailbox.addingPercentEncoding(withAllowedCharacters: allowed) ?? mailbox
    }

    /// A mailbox name as an IMAP quoted string.
    static func quoted(_ mailbox: String) -> String {
        "\"" + mailbox.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    public func capabilities() throws(TransportError) -> Set<String> {
        if let cachedCapabilities { return cachedCapabilities }
        let lines = try command("CAPABILITY")
        var caps = Set<String>()
        for line in lines where line.hasPrefix("* CAPABILITY") {
            for word in line.split(separator: " ").dropFirst(2) { caps.insert(word.uppercased()) }
        }
        cachedCapabilities = caps
        return caps
    }

    /// UIDVALIDITY, UIDNEXT and message count, from STATUS.
    public func status(_ mailbox: String) throws(TransportError) -> MailboxStatus {
        let lines = try command("STATUS \(Self.quoted(mailbox)) (MESSAGES UIDNEXT UIDVALIDITY)", operation: "STATUS \(mailbox)")
        guard let line = lines.first(where: { $0.hasPrefix("* STATUS") }) else {
            throw .rejected(command: "STATUS \(mailbox)", serverSaid: lines.last ?? "no STATUS response")
        }
        func number(_ key: String) -> UInt32? {
            guard let range = line.range(of: key + " ") else { return nil }
            return UInt32(line[range.upperBound...].prefix { $0.isNumber })
        }
        guard let validity = number("UIDVALIDITY"), let next = number("UIDNEXT") else {
            throw .rejected(command: "STATUS \(mailbox)", serverSaid: line)
        }
        return MailboxStatus(uidValidity: validity, uidNext: next, messages: Int(number("MESSAGES") ?? 0))
    }

    /// UIDs matching `criteria` (e.g. "UNDELETED"), ascending.
    public func search(_ mailbox: String, criteria: String = "UNDELETED") throws(TransportError) -> [UInt32] {
        let lines = try command("UID SEARCH \(criteria)", mailbox: mailbox, operation: "SEARCH in \(mailbox)")
        var uids: [UInt32] = []
        for line in lines where line.hasPrefix("* SEARCH") {
            uids += line.split(separator: " ").dropFirst(2).compactMap { UInt32($0) }
        }
        return uids.sorted()
    }

    /// RFC822.SIZE of each UID, to refuse oversized messages before downloading them.
    public func sizes(_ mailbox: String, uids: [UInt32]) throws(TransportError) -> [UInt32: Int] {
        guard !uids.isEmpty else { return [:] }
        let set = uids.map(String.init).joined(separator: ",")
        let lines = try command("UID FETCH \(set) (RFC822.SIZE)", mailbox: mailbox, operation: "FETCH sizes in \(mailbox)")
        var result: [UInt32: Int] = [:]
        for line in lines {
            guard let uidRange = line.range(of: "UID "), let sizeRange = line.range(of: "RFC822.SIZE ") else { continue }
            if let uid = UInt32(line[uidRange.upperBound...].prefix { $0.isNumber }), let size = Int(line[sizeRange.upperBound...].prefix { $0.isNumber }) {
                result[uid] = size
            }
        }
        return result
    }

    /// The raw bytes of a message; fails with `.messageNotFound` when UIDVALIDITY changed or the UID is gone.
    public func fetch(_ mailbox: String, uidValidity: UInt32, uid: UInt32, maxBytes: Int) throws(TransportError) -> [UInt8] {
        curl.set(CURLOPT_CUSTOMREQUEST, nil as String?)
        curl.setUpload(nil)
        curl.set(CURLOPT_URL, url(mailbox: mailbox, uidValidity: uidValidity, uid: uid))
        curl.receiveLimit = maxBytes
        curl.clearServerLines()
        if let failure = curl.perform() {
            throw curl.error(for: failure, operation: "FETCH \(uid) from \(mailbox)", server: settings.serverName, mailbox: mailbox, uid: uid)
        }
        return curl.received
    }

    /// Adds flags; with `uidValidity` the call fails rather than touch a different message after a reset.
    /// Only the header section of a message (for messages too large to download whole).
    public func fetchHeader(_ mailbox: String, uidValidity: UInt32, uid: UInt32) throws(TransportError) -> [UInt8] {
        curl.set(CURLOPT_CUSTOMREQUEST, nil as String?)
        curl.setUpload(nil)
        curl.set(CURLOPT_URL, url(mailbox: mailbox, uidValidity: uidValidity, uid: uid) + ";SECTION=HEADER")
        curl.receiveLimit = 4 << 20
        curl.clearServerLines()
        if let failure = curl.perform() {
            throw curl.error(for: failure, operation: "FETCH header of \(uid) from \(mailbox)", server: settings.serverName, mailbox: mailbox, uid: uid)
        }
        return curl.received
    }

    public func addFlags(_ flags: String, uid: UInt32, mailbox: String, uidValidity: UInt32? = nil) throws(TransportError) {
        try command("UID STORE \(uid) +FLAGS.SILENT (\(flags))", mailbox: mailbox, uidValidity: uidValidity, uid: uid, operation: "STORE flags on \(uid)")
    }

    /// Moves a message; without the MOVE extension, copies it, flags it \Deleted and expunges that UID.
    /// - Parameter uidValidity: guards against moving a different message after a mailbox reset.
    /// - Parameter useMove: false forces the COPY fallback (servers without MOVE; tests).
    public func move(uid: UInt32, uidValidity: UInt32? = nil, from mailbox: String, to destination: String, useMove: Bool = true) throws(TransportError) {
        let caps = try capabilities()
        if useMove && caps.contains("MOVE") {
            try command("UID MOVE \(uid) \(Self.quoted(destination))", mailbox: mailbox, uidValidity: uidValidity, uid: uid, operation: "MOVE \(uid) to \(destination)")
            return
        }
        try command("UID COPY \(uid) \(Self.quoted(destination))", mailbox: mailbox, uidValidity: uidValidity, uid: uid, operation: "COPY \(uid) to \(destination)")
        try addFlags("\\Deleted", uid: uid, mailbox: mailbox)
        if caps.contains("UIDPLUS") {
            try command("UID EXPUNGE \(uid)", mailbox: mailbox, uid: uid, operation: "EXPUNGE \(uid)")
        } else {
            try command("EXPUNGE", mailbox: mailbox, operation: "EXPUNGE")
        }
    }

    /// Creates `mailbox` unless it exists already.
    public func ensureMailbox(_ mailbox: String) throws(TransportError) {
        let lines = try command("LIST \"\" \(Self.quoted(mailbox))", operation: "LIST \(mailbox)")
        if lines.contains(where: { $0.hasPrefix("* LIST") }) { return }
        do {
            try command("CREATE \(Self.quoted(mailbox))", operation: "CREATE \(mailbox)")
        } catch .rejected(_, let said) where said.uppercased().contains("ALREADYEXISTS") || said.lowercased().contains("already exists") {
            return
        }
    }

    /// Appends a message (used by tests and the demo to play a teacher's mail into the mailbox).
    public func append(_ bytes: [UInt8], to mailbox: String) throws(TransportError) {
        curl.set(CURLOPT_CUSTOMREQUEST, nil as String?)
        curl.set(CURLOPT_URL, url(mailbox: mailbox))
        curl.setUpload(bytes)
        curl.clearServerLines()
        defer { curl.setUpload(nil) }
        if let failure = curl.perform() {
            throw curl.error(for: failure, operation: "APPEND to \(mailbox)", server: settings.serverName, mailbox: mailbox)
        }
    }
}
