import Foundation
import GRDB

extension Store {
    public struct BackupFailure: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    /// Copies the whole database to a new file with SQLite's online backup: consistent while the
    /// worker keeps writing, and checked with `PRAGMA integrity_check` before it is reported done.
    /// An existing file is never overwritten.
    public func backup(to destination: String) throws {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw BackupFailure(reason: "\(destination) already exists; give a new file name")
        }
        do {
            let copy = try DatabaseQueue(path: destination)
            try pool.backup(to: copy)
            let verdict = try copy.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
            guard verdict == "ok" else { throw BackupFailure(reason: "the copy failed its integrity check: \(verdict ?? "no answer")") }
        } catch let failure as BackupFailure {
            throw failure
        } catch {
            try? FileManager.default.removeItem(atPath: destination)
            throw BackupFailure(reason: "cannot back up to \(destination): \(error)")
        }
    }
}
