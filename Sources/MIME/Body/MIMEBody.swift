/// What a part holds: content, child parts, or a whole message (message/rfc822).
public enum MIMEBody: Sendable {
    case leaf
    case multipart([MIMEPart])
    case message(MIMEMessage)
}
