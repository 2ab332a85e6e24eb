import Foundation
import SQLiteKit
import Testing
import TestSupport
@testable import DealCore

/// Opening for reading keeps the read-only connection that checked the
/// migrations; a database that needs migrating is still migrated first.
@Suite struct DealStoreTests {
    @Test func aReadingStoreIsReadOnlyAndNeedsNoSecondConnection() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("deals.db")
        try DealStore.create(at: path, force: false, seed: true)
        let location = DatabaseLocation(path: path, isDefault: false)

        let reading = try DealStore.open(location, access: .read)
        #expect(reading.isReadOnly)
        #expect(reading.notices.isEmpty)
        #expect(try reading.readOnlyConnection() === reading.database)
        #expect(try reading.database.scalar(sql: "SELECT count(*) FROM agreements").int64 == 9)
        let refused = #expect(throws: SQLiteError.self) {
            try reading.database.execute(sql: "DELETE FROM sources")
        }
        #expect(refused?.code == ResultCode.readOnly)

        let writing = try DealStore.open(location, access: .write)
        #expect(!writing.isReadOnly)
        #expect(try writing.readOnlyConnection() !== writing.database)
    }

    @Test func aDatabaseBehindIsMigratedEvenForReading() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("old.db")
        let older = Array(DealSchema.migrations.dropLast())
        do {
            let database = try Database(path: path, mode: .create)
            try Migrator(migrations: older).migrate(database)
        }
        let store = try DealStore.open(DatabaseLocation(path: path, isDefault: false), access: .read)
        #expect(!store.isReadOnly)
        #expect(store.appliedMigrations.map(\.version) == [DealSchema.latestVersion])
        #expect(store.migrated)
        #expect(store.notices.count == 1)
        #expect(try DealStore.migrationStatus(at: path).isUpToDate)
        #expect(try !DealStore.open(DatabaseLocation(path: path, isDefault: false), access: .write).migrated)
    }

    /// The fuzzer's database: the whole schema, the built-in countries, no seed, no file.
    @Test func anInMemoryStoreHasTheSchemaAndNoSeed() throws {
        let store = try DealStore.inMemory()
        #expect(store.path == ":memory:")
        #expect(try DealSchema.migrator().status(of: store.database).isUpToDate)
        #expect(try store.database.scalar(sql: "SELECT count(*) FROM agreements").int64 == 0)
        #expect(try store.database.scalar(sql: "SELECT count(*) FROM countries").int64 ?? 0 > 200)
        let summary = try DocumentImporter(store: store).run(SeedData.inputs, dryRun: false)
        #expect(summary.lines.contains { $0.hasPrefix("agreements: 9 created") })
    }
}
