import Foundation
import SQLiteKit

/// Which migrations a database has and which it lacks, as `migrate
/// --status` lists them: the domain's own type, so the CLI needs nothing
/// of SQLiteKit's migrator.
package struct SchemaStatus: Sendable {
    package struct Entry: Sendable, Equatable {
        /// `0001_schema`: the migration's file name without `.sql`.
        package let name: String
        /// When it was applied (SQLite's `datetime('now')`), nil when pending.
        package let appliedAt: String?
    }

    package let applied: [Entry]
    package let pending: [Entry]
    package var isUpToDate: Bool { pending.isEmpty }

    init(_ status: Migrator.Status) {
        applied = status.applied.map {
            Entry(name: String(format: "%04d", $0.version) + "_" + $0.name, appliedAt: $0.appliedAt)
        }
        pending = status.pending.map { Entry(name: String($0.fileName.dropLast(4)), appliedAt: nil) }
    }
}
