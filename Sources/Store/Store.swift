import Foundation
import GRDB

/// mcbot's SQLite database (WAL mode). Every change a message causes is written in one transaction.
public final class Store: Sendable {
    let pool: DatabasePool
    public let path: String

    public struct OpenFailure: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot open the database at \(path): \(reason)" }
    }

    /// Opens (creating if needed) and migrates the database at `path`.
    public init(path: String) throws {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB picks NORMAL for WAL, which may lose the last commits on a power cut. The IMAP move
            // follows the commit, so a lost commit would be a lost message: every commit is synced.
            try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
            try Schema.migrator.migrate(pool)
        } catch {
            throw OpenFailure(path: path, reason: "\(error)")
        }
    }

    /// Runs `body` in one write transaction.
    public func write<T>(_ body: (Database) throws -> T) throws -> T { try pool.write(body) }
    public func read<T>(_ body: (Database) throws -> T) throws -> T { try pool.read(body) }

    /// Appends to the audit log (inside the caller's transaction).
    static func audit(_ db: Database, at: Date, actor: String, action: String, subject: String?, detail: String?) throws {
        try db.execute(
            sql: "INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [at, actor, action, subject, detail])
    }

    public func setting(_ key: String) throws -> String? {
        try read { try String.fetchOne($0, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) }
    }

    public func setSetting(_ key: String, _ value: String) throws {
        try write { try $0.execute(sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", arguments: [key, value]) }
    }
}
