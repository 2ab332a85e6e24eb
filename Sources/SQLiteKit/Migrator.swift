import Foundation

/// Applies numbered migrations in order, each in its own IMMEDIATE
/// transaction, and records them in `schema_migrations`. A database that
/// disagrees with the migrations this binary carries is refused before
/// anything is written.
package struct Migrator: Sendable {
    package let migrations: [Migration]

    package init(migrations: [Migration]) throws {
        let sorted = migrations.sorted { $0.version < $1.version }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where previous.version == next.version {
            throw MigrationError.duplicateVersion(next.version)
        }
        self.migrations = sorted
    }

    package struct AppliedMigration: Sendable, Equatable {
        package let version: Int
        package let name: String
        package let checksum: String
        package let appliedAt: String
    }

    package struct Status: Sendable {
        package let applied: [AppliedMigration]
        package let pending: [Migration]
        package var isUpToDate: Bool { pending.isEmpty }
    }

    /// What has been applied and what is pending. Reads only; throws when the
    /// database cannot be migrated by this binary.
    package func status(of database: Database) throws -> Status {
        let applied = try appliedMigrations(in: database)
        try check(applied)
        let done = Set(applied.map(\.version))
        return Status(applied: applied, pending: migrations.filter { !done.contains($0.version) })
    }

    /// Applies every pending migration; returns those it applied.
    @discardableResult
    package func migrate(_ database: Database) throws -> [Migration] {
        var applied: [Migration] = []
        for migration in try status(of: database).pending {
            let didApply = try database.inTransaction(.immediate) { () -> Bool in
                // Another process may have applied it while we waited for the lock.
                let current = try appliedMigrations(in: database)
                try check(current)
                if current.contains(where: { $0.version == migration.version }) { return false }
                try createTable(in: database)
                try database.execute(script: migration.sql)
                let violations = try database.fetchAll(sql: "PRAGMA foreign_key_check").count
                if violations > 0 {
                    throw MigrationError.foreignKeyViolations(
                        version: migration.version, name: migration.name, count: violations)
                }
                try database.execute(
                    sql: """
                        INSERT INTO schema_migrations (version, name, checksum, applied_at)
                        VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                        """,
                    arguments: [.integer(Int64(migration.version)), .text(migration.name), .text(migration.checksum)])
                return true
            }
            if didApply { applied.append(migration) }
        }
        return applied
    }

    private func check(_ applied: [AppliedMigration]) throws {
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        for record in applied {
            guard let migration = known[record.version] else {
                throw MigrationError.unknownVersion(
                    version: record.version, name: record.name, newest: migrations.last?.version ?? 0)
            }
            if migration.checksum != record.checksum {
                throw MigrationError.checksumMismatch(
                    version: record.version, name: record.name,
                    recorded: record.checksum, expected: migration.checksum)
            }
        }
    }

    private func appliedMigrations(in database: Database) throws -> [AppliedMigration] {
        let exists = try database.scalar(
            sql: "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")
        guard exists.int64 == 1 else { return [] }
        return try database.fetchAll(
            sql: "SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version"
        ).map { row in
            AppliedMigration(version: Int(row.int64(0) ?? 0), name: row.string(1) ?? "",
                             checksum: row.string(2) ?? "", appliedAt: row.string(3) ?? "")
        }
    }

    private func createTable(in database: Database) throws {
        try database.execute(sql: """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER PRIMARY KEY,
                name       TEXT NOT NULL,
                checksum   TEXT NOT NULL,
                applied_at TEXT NOT NULL
            ) STRICT
            """)
    }
}
