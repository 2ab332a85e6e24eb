import SQLiteKit

/// The dataset from the source article, embedded from `seeds/` at build time.
public enum SeedData {
    public static var inputs: [DocumentInput] {
        EmbeddedFiles.seeds.map { DocumentInput(name: "seeds/\($0.name)", text: $0.contents) }
    }

    @discardableResult
    public static func load(into database: Database) throws -> ImportSummary {
        try DocumentImporter(database: database).run(inputs, dryRun: false)
    }
}
