import CCurl
import Foundation

/// One libcurl easy handle. Reusing it keeps the connection (and IMAP login) open between requests.
/// Collects the server's response lines so failures can quote the server, and never records what
/// the client sent (that includes credentials).
final class CurlHandle {
    private let handle: UnsafeMutableRawPointer
    private(set) var serverLines: [String] = []
    var received: [UInt8] = []
    var receiveLimit: Int = .max
    var exceededLimit = false
    private var upload: [UInt8] = []
    private var uploadOffset = 0
    /// Owned, so its address stays valid for as long as libcurl holds it.
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    private var recipientList: UnsafeMutablePointer<curl_slist>?
    private var headerList: UnsafeMutablePointer<curl_slist>?

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    init(settings: ServerSettings) {
        _ = Self.globalInit
        handle = UnsafeMutableRawPointer(curl_easy_init()!)
        let context = Unmanaged.passUnretained(self).toOpaque()
        set(CURLOPT_NOSIGNAL, 1)
        if !settings.username.isEmpty {
            set(CURLOPT_USERNAME, settings.username)
            set(CURLOPT_PASSWORD, settings.password)
        }
        set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
        set(CURLOPT_SSL_VERIFYPEER, 1)
        set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile = settings.tls.caFile { set(CURLOPT_CAINFO, caFile) }
        set(CURLOPT_CONNECTTIMEOUT, settings.timeoutSeconds)
        set(CURLOPT_LOW_SPEED_LIMIT, 1)
        set(CURLOPT_LOW_SPEED_TIME, settings.timeoutSeconds)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        _ = mcbot_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = mcbot_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        _ = mcbot_curl_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let me = Unmanaged<CurlHandle>.fromOpaque(context!).takeUnretainedValue()
            let n = size * count
            if me.received.count + n > me.receiveLimit { me.exceededLimit = true; return 0 }
            data!.withMemoryRebound(to: UInt8.self, capacity: n) { me.received.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) }
            return n
        }
        _ = mcbot_curl_setopt_pointer(handle, CURLOPT_READDATA, context)
        _ = mcbot_curl_setopt_data_callback(handle, CURLOPT_READFUNCTION) { buffer, size, count, context in
            let me = Unmanaged<CurlHandle>.fromOpaque(context!).takeUnretainedValue()
            let n = min(size * count, me.upload.count - me.uploadOffset)
            guard n > 0 else { return 0 }
            me.upload.withUnsafeBufferPointer { source in
                UnsafeMutableRawPointer(buffer!).copyMemory(from: source.baseAddress! + me.uploadOffset, byteCount: n)
            }
            me.uploadOffset += n
            return n
        }
        _ = mcbot_curl_setopt_pointer(handle, CURLOPT_DEBUGDATA, context)
        _ = mcbot_curl_setopt_debug_callback(handle) { _, type, data, size, context in
            guard type == CURLINFO_HEADER_IN, let data, let context else { return 0 }
            let me = Unmanaged<CurlHandle>.fromOpaque(context).takeUnretainedValue()
            let text = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
            for line in text.split(whereSeparator: \.isNewline) {
                me.serverLines.append(String(line.prefix(500)))
            }
            if me.serverLines.count > 200 { me.serverLines.removeFirst(me.serverLines.count - 100) }
            return 0
        }
        set(CURLOPT_VERBOSE, 1)  // feeds the debug callback above; nothing is printed
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
        if let recipientList { curl_slist_free_all(recipientList) }
        if let headerList { curl_slist_free_all(headerList) }
    }

    func set(_ option: CURLoption, _ value: Int) { _ = mcbot_curl_setopt_long(handle, option, value) }
    func set(_ option: CURLoption, _ value: String?) {
        if let value { _ = mcbot_curl_setopt_string(handle, option, value) } else { _ = mcbot_curl_setopt_pointer(handle, option, nil) }
    }

    func setRecipients(_ recipients: [String]) {
        if let recipientList { curl_slist_free_all(recipientList) }
        recipientList = nil
        for r in recipients { recipientList = curl_slist_append(recipientList, r) }
        _ = mcbot_curl_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipientList)
    }

    /// Request header lines for HTTP.
    func setHeaders(_ lines: [String]) {
        if let headerList { curl_slist_free_all(headerList) }
        headerList = nil
        for line in lines { headerList = curl_slist_append(headerList, line) }
        _ = mcbot_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)
    }

    func info(_ item: CURLINFO) -> Int {
        var value = 0
        _ = mcbot_curl_getinfo_long(handle, item, &value)
        return value
    }

    func info(_ item: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard mcbot_curl_getinfo_string(handle, item, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    func setUpload(_ bytes: [UInt8]?) {
        upload = bytes ?? []
        uploadOffset = 0
        set(CURLOPT_UPLOAD, bytes == nil ? 0 : 1)
        if let bytes { _ = mcbot_curl_setopt_offset(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(bytes.count)) }
    }

    /// Runs the request; on failure returns the curl code, libcurl's message and the server's last words.
    func perform() -> (code: Int, message: String)? {
        received.removeAll(keepingCapacity: true)
        exceededLimit = false
        errorBuffer[0] = 0
        let code = curl_easy_perform(handle)
        guard code != CURLE_OK else { return nil }
        let bufferText = String(cString: errorBuffer)
        let message = bufferText.isEmpty ? String(cString: curl_easy_strerror(code)) : bufferText
        return (Int(code.rawValue), message)
    }

    /// The server's most telling recent line: a NO/BAD (IMAP) or a 4xx/5xx reply (SMTP).
    var lastServerComplaint: String? {
        serverLines.reversed().first { line in
            let words = line.split(separator: " ", maxSplits: 2)
            if words.count >= 2, words[1] == "NO" || words[1] == "BAD" { return true }
            if let first = line.first, first == "4" || first == "5", line.count > 3 { return true }
            return false
        }.map { line in
            // Drop the IMAP tag: "A003 NO [AUTHENTICATIONFAILED] ..." -> "NO [AUTHENTICATIONFAILED] ..."
            let words = line.split(separator: " ", maxSplits: 1)
            return words.count == 2 && (words[1].hasPrefix("NO") || words[1].hasPrefix("BAD")) ? String(words[1]) : line
        }
    }

    func clearServerLines() { serverLines.removeAll(keepingCapacity: true) }
}

extension CurlHandle {
    /// Maps a failed request to a `TransportError`, preferring the server's own words.
    func error(for failure: (code: Int, message: String), operation: String, server: String, mailbox: String? = nil, uid: UInt32? = nil) -> TransportError {
        let said = lastServerComplaint ?? failure.message
        let lower = said.lowercased()
        let mailboxMissing = lower.contains("nonexistent") || lower.contains("doesn't exist") || lower.contains("does not exist")
        switch failure.code {
        case Int(CURLE_LOGIN_DENIED.rawValue):
            // libcurl reports a refused SELECT with the same code as a refused login.
            if let mailbox, mailboxMissing { return .noSuchMailbox(mailbox, serverSaid: said) }
            return .authenticationFailed(server: server, serverSaid: said)
        case Int(CURLE_PEER_FAILED_VERIFICATION.rawValue), Int(CURLE_SSL_CONNECT_ERROR.rawValue), Int(CURLE_SSL_CACERT_BADFILE.rawValue),
             Int(CURLE_SSL_CERTPROBLEM.rawValue), Int(CURLE_SSL_CIPHER.rawValue), Int(CURLE_SSL_ISSUER_ERROR.rawValue):
            return .tlsFailed(server: server, detail: failure.message)
        case Int(CURLE_USE_SSL_FAILED.rawValue):
            return .tlsNotOffered(server: server)
        case Int(CURLE_COULDNT_RESOLVE_HOST.rawValue), Int(CURLE_COULDNT_CONNECT.rawValue):
            return .connectionFailed(server: server, detail: failure.message)
        case Int(CURLE_GOT_NOTHING.rawValue), Int(CURLE_RECV_ERROR.rawValue):
            return .connectionFailed(server: server, detail: "connection dropped: \(failure.message)")
        case Int(CURLE_OPERATION_TIMEDOUT.rawValue):
            return .timedOut(server: server, detail: failure.message)
        case Int(CURLE_WRITE_ERROR.rawValue) where exceededLimit:
            return .tooLarge(limit: receiveLimit)
        case Int(CURLE_REMOTE_FILE_NOT_FOUND.rawValue), Int(CURLE_QUOTE_ERROR.rawValue):
            if let mailbox, mailboxMissing {
                return .noSuchMailbox(mailbox, serverSaid: said)
            }
            if let mailbox, let uid, failure.code == Int(CURLE_REMOTE_FILE_NOT_FOUND.rawValue) {
                return .messageNotFound(mailbox: mailbox, uid: uid)
            }
            return .rejected(command: operation, serverSaid: said)
        case Int(CURLE_SEND_ERROR.rawValue) where lastServerComplaint != nil:
            return .rejected(command: operation, serverSaid: said)
        default:
            return .failed(operation: operation, code: failure.code, detail: lastServerComplaint.map { "\(failure.message); server said: \($0)" } ?? failure.message)
        }
    }
}
