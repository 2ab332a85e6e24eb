import DealCore

/// A command whose work is saved once `run()` returns, whatever becomes of
/// the report it prints: `dealdb import > /dev/full` committed the import
/// and then could not say so. "cannot write output" alone read as if the
/// import had failed; the message says what was saved (exit 1 still: the
/// report was lost).
protocol SavesWork {
    /// What was saved, for the message; nil when nothing was (a dry run).
    var savedWork: String? { get }
}

extension DealDB.Import: SavesWork {
    var savedWork: String? { dryRun ? nil : "the import itself was saved in \(options.location.path)" }
}

extension DealDB.Init: SavesWork {
    var savedWork: String? { "\(options.location.path) was created" }
}

extension DealDB.Migrate: SavesWork {
    var savedWork: String? { status ? nil : "\(options.location.path) was migrated" }
}

extension DealDB.Backup: SavesWork {
    var savedWork: String? { "the backup was written" }
}

extension DealDB.SQL: SavesWork {
    var savedWork: String? { write ? "the statements were run and saved" : nil }
}

extension DealDB.MergeParties: SavesWork {
    var savedWork: String? { dryRun ? nil : "the merge was saved" }
}

extension DealDB.Doctor: SavesWork {
    var savedWork: String? { repair ? "the repair was saved" : nil }
}
