/// Checks deal documents the way `import` would, without a database file:
/// for a pull request in a team that keeps its documents in git.
///
/// The documents are imported in a dry run into a database held in memory:
/// a fresh one (the schema and the built-in countries only), or a copy of an
/// existing database so that references to its records resolve. Every check
/// that `import` makes runs, the constraints SQLite enforces at write time
/// included, and no file is created or changed.
package enum DocumentCheck {
    /// What importing the documents would do.
    package struct Result: Sendable, Equatable {
        /// The inputs' names, in order.
        package let files: [String]
        package let summary: ImportSummary
    }

    /// Throws the same located errors as `import` (exit 65, every problem
    /// listed), reading the existing records of the database at `path` when
    /// given. That database is only read: one that is behind this binary's
    /// migrations is migrated in the copy, not on disk.
    package static func run(_ inputs: [DocumentInput], againstDatabaseAt path: String? = nil) throws -> Result {
        let scratch = try path.map(DealStore.inMemoryCopy(of:)) ?? DealStore.inMemory()
        let summary = try DocumentImporter(store: scratch)
            .run(inputs, dryRun: true, outcome: "the documents do not check")
        return Result(files: inputs.map(\.name), summary: summary)
    }
}
