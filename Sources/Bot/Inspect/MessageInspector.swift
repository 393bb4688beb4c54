import Foundation
import Intake
import MIME

/// Reads a message file the way the worker would, for `mcbot inspect`.
public enum MessageInspector {
    public static func inspect(fileAt path: String, limits: ParseLimits = .standard) throws -> InspectReport {
        let bytes = try RawFile.read(path)
        let message = try MessageParser(limits: limits).parse(bytes)
        return InspectReport(message: message, intake: IntakeReader().read(message))
    }
}

/// Whole-file reads into a byte array, without the extra copy `Data` -> `[UInt8]` would make.
public enum RawFile {
    public struct Unreadable: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot read \(path): \(reason)" }
    }

    public static func read(_ path: String) throws -> [UInt8] {
        guard let handle = fopen(path, "rb") else { throw Unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { fclose(handle) }
        fseek(handle, 0, SEEK_END)
        let size = ftell(handle)
        fseek(handle, 0, SEEK_SET)
        guard size >= 0 else { throw Unreadable(path: path, reason: "not a regular file") }
        return try [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = fread(buffer.baseAddress, 1, size, handle)
            if count != size { throw Unreadable(path: path, reason: "short read") }
        }
    }
}
