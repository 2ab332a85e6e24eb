import SQLiteKit

/// The schema as this binary knows it: the migrations embedded from
/// `migrations/` at build time.
package enum DealSchema {
    static let migrations: [Migration] = EmbeddedFiles.migrations.map { file in
        // The build embeds only files named NNNN_name.sql; a bad name is a
        // build-time mistake that the schema tests catch.
        (try? Migration(fileName: file.name, contents: file.contents))
            ?? Migration(version: 0, name: file.name, sql: file.contents)
    }

    static func migrator() throws -> Migrator {
        try Migrator(migrations: migrations)
    }

    package static var latestVersion: Int { migrations.map(\.version).max() ?? 0 }
}
