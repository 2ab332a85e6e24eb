import Foundation
import SQLiteKit

/// An open dealdb database: checked against the migrations this binary
/// carries and brought up to date before anyone reads or writes it.
///
/// The store knows nothing of the seed dataset: seeding imports documents,
/// and the document importer writes through the store. `Seed/` holds the
/// public `open` and `create`, which pass the seed in as `populate`.
package final class DealStore {
    let database: Database
    package let path: String
    /// What opening did that the user should be told (on stderr).
    package let notices: [String]
    /// The migrations that opening applied.
    let appliedMigrations: [Migration]
    /// Whether `database` was opened read-only (SQLite refuses every write).
    package let isReadOnly: Bool

    /// What a command will do with the database.
    package enum Access: Sendable {
        /// Only read: the connection that checked the migrations is kept, read-only.
        case read
        case write
    }

    private init(database: Database, path: String, notices: [String], appliedMigrations: [Migration] = [],
                 isReadOnly: Bool = false) {
        self.database = database
        self.path = path
        self.notices = notices
        self.appliedMigrations = appliedMigrations
        self.isReadOnly = isReadOnly
    }

    /// What fills a newly built database after its migrations (the seed).
    typealias Populate = (Database) throws -> Void

    /// Opens the database at `location`, migrating it when it is behind. The
    /// default database is created and filled by `populateDefault` when it
    /// does not exist yet; any other missing path is an error.
    static func open(_ location: DatabaseLocation, access: Access, busyTimeout: Duration,
                     populateDefault: Populate) throws -> DealStore {
        let path = location.path
        switch DatabaseFile.inspect(path) {
        case .directory:
            throw DealError(.unreadableInput, "\(path): is a directory, not a database file")
        case .special:
            throw DealError.specialFile(path)
        case .missing where location.isDefault:
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try build(at: path, populate: populateDefault)
            let store = try openExisting(path, access: access, busyTimeout: busyTimeout)
            return DealStore(database: store.database, path: path,
                             notices: ["created the default database at \(path) and loaded the seed dataset"],
                             isReadOnly: store.isReadOnly)
        case .missing:
            throw DealError(.unreadableInput, "\(path): no such database; create it with: \(initializeCommand: path)")
        case .empty where access == .read:
            // A command that only reads does not turn a file into a database.
            throw DealError(.unreadableInput, "\(path): is an empty file, not a dealdb database; "
                + "make it one with: \(initializeCommand: path)")
        case .empty:
            let store = try openExisting(path, access: access, busyTimeout: busyTimeout)
            return DealStore(database: store.database, path: path,
                             notices: ["\(path) was an empty file: created the dealdb schema in it"],
                             appliedMigrations: store.appliedMigrations, isReadOnly: store.isReadOnly)
        case .file:
            return try openExisting(path, access: access, busyTimeout: busyTimeout)
        }
    }

    /// Creates a new database at `path`, migrated and filled by `populate`.
    /// An existing non-empty file is replaced only with `force`, and only
    /// once the new database is complete: it is built beside the target and
    /// renamed over it.
    static func create(at givenPath: String, force: Bool, populate: Populate?) throws -> DealStore {
        // A symbolic link is followed: its target is replaced, the link stays.
        let path = try OutputTarget.followLinks(givenPath)
        if try OutputTarget.resolve(path).kind == .special {
            throw DealError(.failure, "\(givenPath): is a device, FIFO or socket, not a database file")
        }
        switch DatabaseFile.inspect(path) {
        case .directory:
            throw DealError(.unreadableInput, "\(path): is a directory, not a database file")
        case .special:
            throw DealError.specialFile(path)
        case .file where !force:
            throw DealError(.failure, "\(path): already exists and is not empty; use \(setting: .force) to replace it")
        case .missing, .empty, .file:
            break
        }
        try build(at: path) { try populate?($0) }
        return try openExisting(path, access: .write, busyTimeout: .seconds(30))
    }

    /// The migration state, read without changing anything.
    package static func migrationStatus(at path: String) throws -> SchemaStatus {
        try checkOpenable(path)
        let database = try connect(path, mode: .readOnly, busyTimeout: .seconds(30))
        return SchemaStatus(try translatingErrors(path) { try DealSchema.migrator().status(of: database) })
    }

    /// A fresh database held in memory: the schema and the built-in
    /// countries, no seed. Nothing is written to disk.
    package static func inMemory() throws -> DealStore {
        let database = try connect(":memory:", mode: .create, busyTimeout: .seconds(30))
        try translatingErrors(":memory:") { _ = try DealSchema.migrator().migrate(database) }
        return DealStore(database: database, path: ":memory:", notices: [])
    }

    /// A copy held in memory of the database at `path`, which is only read
    /// and checked as `open` checks it; a database behind this binary's
    /// migrations is migrated in the copy, not on disk.
    static func inMemoryCopy(of path: String) throws -> DealStore {
        try checkOpenable(path)
        let hadWALFiles = ["-wal", "-shm"].contains { FileManager.default.fileExists(atPath: path + $0) }
        defer { if !hadWALFiles { Database.removeWALFiles(leftBy: path) } }
        let copy = try connect(":memory:", mode: .create, busyTimeout: .seconds(30))
        // The reading connection is closed when this returns, before the defer.
        try { () throws -> Void in
            let existing = try connect(path, mode: .readOnly, busyTimeout: .seconds(30))
            let status = try translatingErrors(path) { try DealSchema.migrator().status(of: existing) }
            try checkMigrationRecord(path, existing, status)
            try translatingErrors(path) { try existing.backup(into: copy, pagesPerStep: -1) }
        }()
        try translatingErrors(path) { _ = try DealSchema.migrator().migrate(copy) }
        return DealStore(database: copy, path: ":memory:", notices: [])
    }

    /// Whether opening brought the schema up to date (see `appliedMigrations`).
    package var migrated: Bool { !appliedMigrations.isEmpty }

    /// A connection that SQLite itself keeps from writing: the store's own
    /// when it is read-only, else a second one.
    func readOnlyConnection(busyTimeout: Duration = .seconds(30)) throws -> Database {
        if isReadOnly { return database }
        return try Self.connect(path, mode: .readOnly, busyTimeout: busyTimeout)
    }

    private static func openExisting(_ path: String, access: Access, busyTimeout: Duration) throws -> DealStore {
        // Everything is checked through a read-only connection first, so a
        // database this binary must refuse is left byte-for-byte as it was
        // (a read-write open would already switch it to WAL). A command that
        // only reads keeps that connection when nothing is to be migrated:
        // every connection parses the whole schema again, a millisecond of a
        // short command.
        let checking = try connect(path, mode: .readOnly, busyTimeout: busyTimeout)
        let status = try translatingErrors(path) { try DealSchema.migrator().status(of: checking) }
        try checkMigrationRecord(path, checking, status)
        // A SQLite file another program made, with no tables yet: a command
        // that only reads does not turn it into a dealdb database (as with
        // an empty file); one that writes does, and says so.
        let wasBlank = status.applied.isEmpty
        if wasBlank && access == .read {
            throw DealError(.unreadableInput, "\(path): is an empty SQLite database (no tables), not a dealdb database; "
                + "make it one with: \(migrateCommand: path)")
        }
        if access == .read && status.isUpToDate {
            return DealStore(database: checking, path: path, notices: [], isReadOnly: true)
        }
        let database = try connect(path, mode: .readWrite, busyTimeout: busyTimeout)
        let applied = status.isUpToDate ? [] : try migrate(database, at: path, from: status)
        var notices: [String] = []
        if wasBlank && FileStatus(path: path).map({ $0.size > 0 }) == true {
            notices.append("\(path) was an empty SQLite database: created the dealdb schema in it")
        }
        if let last = applied.last, applied.count < DealSchema.migrations.count {
            notices.append("migrated \(path) to version \(last.version) ("
                + applied.map(\.fileName).joined(separator: ", ") + ")")
        }
        return DealStore(database: database, path: path, notices: notices, appliedMigrations: applied)
    }

    /// Applies the pending migrations, each in its own transaction. Stopped
    /// by a signal after some were applied, it says how far it got: "nothing
    /// was changed" would be false.
    private static func migrate(_ database: Database, at path: String, from status: Migrator.Status) throws -> [Migration] {
        do {
            return try translatingErrors(path) { try DealSchema.migrator().migrate(database) }
        } catch let error as DealError {
            guard case .interrupted = error.kind,
                  let now = try? DealSchema.migrator().status(of: database),
                  now.applied.count > status.applied.count, let last = now.applied.last else { throw error }
            throw DealError(error.kind, "interrupted after migrating \(path) to version \(last.version) (of "
                + "\(DealSchema.latestVersion)); the database is sound, and \(migrateCommand: path) applies the rest")
        }
    }

    /// A database with tables but no `schema_migrations` (deleted by hand,
    /// or not ours at all) would be migrated from scratch over its tables
    /// and fail half-way on the first row that exists; say what is wrong.
    private static func checkMigrationRecord(_ path: String, _ database: Database, _ status: Migrator.Status) throws {
        guard status.applied.isEmpty else { return }
        let tables = try translatingErrors(path) {
            try database.scalar(sql: "SELECT count(*) FROM sqlite_schema WHERE type = 'table'").int64 ?? 0
        }
        guard tables > 0 else { return }
        throw DealError(.failure, "\(path): has tables but no record of its migrations (the schema_migrations table "
            + "is missing), so its schema version is unknown; it is not a dealdb database, or that table was deleted "
            + "(restore it from a backup); nothing was changed")
    }

    static func checkOpenable(_ path: String) throws {
        switch DatabaseFile.inspect(path) {
        case .directory:
            throw DealError(.unreadableInput, "\(path): is a directory, not a database file")
        case .missing:
            throw DealError(.unreadableInput, "\(path): no such database; create it with: \(initializeCommand: path)")
        case .special:
            throw DealError.specialFile(path)
        case .empty, .file:
            break
        }
    }

    private static func build(at path: String, populate: Populate) throws {
        let directory = (path as NSString).deletingLastPathComponent
        guard directory.isEmpty || DatabaseFile.inspect(directory) == .directory else {
            throw DealError(.failure, "\(path): cannot create: no directory \(directory)")
        }
        TemporaryFile.removeStale(beside: path)
        let temporary = TemporaryFile.path(beside: path)
        // One our PID left in an earlier life (containers) would be reopened.
        DatabaseFile.remove(temporary)
        defer { DatabaseFile.remove(temporary) }
        do {
            let database = try connect(temporary, mode: .create, busyTimeout: .seconds(30))
            try translatingErrors(path) {
                try DealSchema.migrator().migrate(database)
                try populate(database)
            }
        }
        // The connection is closed here, which checkpoints the WAL into the
        // main file, so renaming the main file moves the whole database.
        DatabaseFile.remove(path, keepMainFile: true)
        if let reason = TemporaryFile.rename(temporary, over: path) {
            throw DealError(.failure, "\(path): cannot create: \(reason)")
        }
    }

    static func connect(_ path: String, mode: Database.OpenMode, busyTimeout: Duration) throws -> Database {
        try translatingErrors(path) {
            let database = try Database(path: path, mode: mode, busyTimeout: busyTimeout)
            database.setProgressHandler(every: 1_000) { Cancellation.requestedSignal != nil }
            return database
        }
    }

    /// Opening, checking and migrating `path`: SQLite's failures as
    /// DealError(sqlite:) words them, named by the path the user gave.
    private static func translatingErrors<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try translatingSQLiteFailures(path: path, statementFault: { DealError(.failure, "\(path): \($0.message)") },
                                                 body)
        } catch let error as MigrationError {
            throw DealError(.failure, "\(path): \(error)")
        }
    }
}

extension DealStore {
    /// Runs `body`, a read or write of this store for a caller outside
    /// DealCore: each of DealCore's package entry points runs in one, so that
    /// it throws DealCore's error only, SQLite's failures worded by
    /// DealError(sqlite:) and named by the path the user gave (the CLI's last
    /// resort, DealError(anyFailure:), knows only SQLite's absolute path).
    func translatingFailures<T>(_ body: () throws -> T) throws -> T {
        try translatingSQLiteFailures(path: path, body)
    }
}

extension DealError {
    /// A FIFO, device or socket named as the database: refused before SQLite
    /// opens it, which would block on a FIFO with no writer.
    static func specialFile(_ path: String) -> DealError {
        DealError(.unreadableInput, "\(path): is a device, FIFO or socket, not a database file")
    }
}
