import SQLiteKit

/// The dataset from the source article, embedded from `seeds/`.
public enum SeedData {
    public static func load(into database: Database) throws {
        // Filled in by the documents importer.
    }
}
