import SQLiteKit

/// The dataset from the source article, embedded from `seeds/` at build time.
package enum SeedData {
    package static var inputs: [DocumentInput] {
        EmbeddedFiles.seeds.map { DocumentInput(name: "seeds/\($0.name)", text: $0.contents) }
    }

    @discardableResult
    static func load(into database: Database) throws -> ImportSummary {
        try DocumentImporter(database: database).run(inputs, dryRun: false)
    }
}

/// Opening and creating databases as the command line does: with the seed.
/// They live here, above both the store and the documents, because the seed
/// is imported as documents (see `DealStore`).
extension DealStore {
    /// Opens the database at `location`, migrating it when it is behind. The
    /// default database is created and seeded when it does not exist yet; any
    /// other missing path is an error.
    package static func open(_ location: DatabaseLocation, access: Access = .write,
                            busyTimeout: Duration = .seconds(30)) throws -> DealStore {
        try open(location, access: access, busyTimeout: busyTimeout, populateDefault: { try SeedData.load(into: $0) })
    }

    /// Creates a new database at `path`, migrated and, when asked, seeded
    /// (see `create(at:force:populate:)` for how a file is replaced).
    @discardableResult
    package static func create(at path: String, force: Bool, seed: Bool) throws -> DealStore {
        try create(at: path, force: force, populate: seed ? { try SeedData.load(into: $0) } : nil)
    }

    /// Builds a database from deal documents (after the seed, when asked):
    /// a team's rebuild. The new database is made beside `path` and takes
    /// its place only when every document imported; on any problem the
    /// previous file is left exactly as it was.
    package static func rebuild(at path: String, force: Bool, seed: Bool,
                                documents: [DocumentInput]) throws -> (store: DealStore, imported: ImportSummary) {
        var imported = ImportSummary()
        let store = try create(at: path, force: force) { database in
            if seed { try SeedData.load(into: database) }
            imported = try DocumentImporter(database: database)
                .run(documents, dryRun: false, outcome: "\(path) was not replaced")
        }
        return (store, imported)
    }
}
