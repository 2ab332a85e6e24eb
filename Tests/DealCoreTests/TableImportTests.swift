import Foundation
import SQLiteKit
import Testing
import TestSupport
@testable import DealCore

/// CSV into tables: typed cells, errors with file, line and column, one
/// transaction, countries upserted.
@Suite struct TableImportTests {
    private func store(_ directory: borrowing TemporaryDirectory, seed: Bool = false) throws -> DealStore {
        try DealStore.create(at: directory.file("deals.db"), force: false, seed: seed)
    }

    private func write(_ text: String, _ name: String, in directory: borrowing TemporaryDirectory) throws -> String {
        let path = directory.file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A folder `csv` in `directory` holding `files` (name: content).
    private func folder(_ files: [String: String], in directory: borrowing TemporaryDirectory) throws -> String {
        let folder = directory.file("csv")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        return folder
    }

    private func failure(_ body: () throws -> Void) -> DealError? {
        do {
            try body()
            return nil
        } catch let error as DealError {
            return error
        } catch {
            Issue.record("\(error)")
            return nil
        }
    }

    @Test func typedCellsAndEmptyVersusQuotedEmpty() throws {
        let directory = try TemporaryDirectory()
        let store = try store(directory)
        let sources = try write("id,title,published,note\r\nsrc-a,Title A,2025-09,\"\"\r\nsrc-b,Title B,,\r\n",
                                "sources.csv", in: directory)
        let summary = try TableImporter(store: store).importTable("sources", from: sources)
        #expect(summary.totalRows == 2)
        let rows = try store.database.fetchAll(sql: "SELECT id, published, note FROM sources ORDER BY id")
        #expect(rows.map(\.values) == [[.text("src-a"), .text("2025-09"), .text("")], [.text("src-b"), .null, .null]])
        // The search index follows, rebuilt after the bulk load.
        #expect(try store.database.scalar(sql: "SELECT count(*) FROM search_index WHERE kind = 'source'").int64 == 2)
        #expect(try store.database.scalar(sql: "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'search%'").int64! > 10)
    }

    @Test func badCellsAreReportedWithLineAndColumnAndNothingIsWritten() throws {
        let directory = try TemporaryDirectory()
        let store = try store(directory)
        let citables = try write("id,kind\n1,project\nx,term\n3,\n", "citables.csv", in: directory)
        let error = try #require(failure { _ = try TableImporter(store: store).importTable("citables", from: citables) })
        #expect(error.kind == .invalidData)
        #expect(error.message == "2 problems in \(citables); nothing was imported")
        #expect(error.details == ["\(citables):3:1: id: expected an integer, found \"x\"",
                                  "\(citables):4:2: kind: empty, but the column needs a value (NOT NULL)"])
        #expect(try store.database.scalar(sql: "SELECT count(*) FROM citables").int64 == 0)
    }

    @Test func constraintFailuresNameTheLine() throws {
        let directory = try TemporaryDirectory()
        let store = try store(directory)
        let parties = try write("id,name,kind,country\nacme,Acme,company,ZZ\n", "parties.csv", in: directory)
        let error = try #require(failure { _ = try TableImporter(store: store).importTable("parties", from: parties) })
        #expect(error.message == "\(parties):2: FOREIGN KEY constraint failed; nothing was imported")
    }

    /// The first pass loads with foreign keys off and checks them at the
    /// end; a problem of any kind sends the import through the checked pass,
    /// so the report is complete: here a foreign key (line 2) and a CHECK
    /// (line 3), in the second file of a folder.
    @Test func everyProblemIsReportedWhenForeignKeysAreCheckedAtTheEnd() throws {
        let directory = try TemporaryDirectory()
        let store = try store(directory)
        let folder = try folder(["parties.csv": "id,name,kind\nacme,Acme,company\n",
                                 "party_aliases.csv": "party_id,position,alias\nnobody,1,Ghost\nacme,0,ACME\nacme,1,ACME Corp\n"],
                                in: directory)
        let aliases = folder + "/party_aliases.csv"
        let error = try #require(failure { _ = try TableImporter(store: store).importDirectory(folder) })
        #expect(error.message == "2 problems in \(aliases); nothing was imported")
        #expect(error.details == ["\(aliases):2: FOREIGN KEY constraint failed",
                                  "\(aliases):3:2: party_aliases.position \"0\": fails the CHECK position >= 1"])
        #expect(try store.database.scalar(sql: "SELECT count(*) FROM parties").int64 == 0)

        // Only the foreign key is wrong: the first pass finds it at the end.
        try Data("party_id,position,alias\nacme,1,ACME Corp\nnobody,1,Ghost\n".utf8).write(to: URL(fileURLWithPath: aliases))
        let late = try #require(failure { _ = try TableImporter(store: store).importDirectory(folder) })
        #expect(late.message == "\(aliases):3: FOREIGN KEY constraint failed; nothing was imported")
        #expect(try store.database.scalar(sql: "SELECT count(*) FROM party_aliases").int64 == 0)
    }

    /// The connection is left as it was found, whatever the outcome: foreign
    /// keys on, temporary storage and page cache back to their settings.
    @Test func connectionSettingsAreRestored() throws {
        let directory = try TemporaryDirectory()
        let store = try store(directory)
        let settings = { try ["foreign_keys", "temp_store", "cache_size"].map { try store.database.scalar(sql: "PRAGMA \($0)") } }
        let before = try settings()
        #expect(before.first == .integer(1))
        let good = try write("id,name,kind\nacme,Acme,company\n", "parties.csv", in: directory)
        _ = try TableImporter(store: store).importTable("parties", from: good)
        #expect(try settings() == before)
        let bad = try write("party_id,position,alias\nnobody,1,Ghost\n", "party_aliases.csv", in: directory)
        _ = failure { _ = try TableImporter(store: store).importTable("party_aliases", from: bad) }
        #expect(try settings() == before)
        #expect(throws: SQLiteError.self) {
            try store.database.execute(sql: "INSERT INTO party_aliases (party_id, position, alias) VALUES ('nobody', 1, 'x')")
        }
    }

    /// A file that is not there and one that cannot be reached say which.
    @Test func missingAndUnreachableFilesSayWhich() throws {
        let directory = try TemporaryDirectory()
        let store = try store(directory)
        let file = try write("id,title\n", "plain.csv", in: directory)
        let missing = try #require(failure { _ = try TableImporter(store: store).importTable("sources", from: directory.file("nope.csv")) })
        #expect(missing.kind == .unreadableInput && missing.message == "\(directory.file("nope.csv")): no such file")
        let through = file + "/sources.csv"
        let unreachable = try #require(failure { _ = try TableImporter(store: store).importTable("sources", from: through) })
        #expect(unreachable.kind == .unreadableInput && unreachable.message == "\(through): cannot read: Not a directory")
    }

    @Test func unknownColumnListsTheValidOnes() throws {
        let directory = try TemporaryDirectory()
        let store = try store(directory)
        let parties = try write("id,nam\n", "parties.csv", in: directory)
        let error = try #require(failure { _ = try TableImporter(store: store).importTable("parties", from: parties) })
        #expect(error.message == "\(parties):1: parties has no column \"nam\"; its columns are id, name, kind, country, note")
        let table = try #require(failure { _ = try TableImporter(store: store).importTable("partys", from: parties) })
        #expect(table.kind == .usage)
        #expect(table.message.hasPrefix("no table named \"partys\""))
    }

    @Test func countriesThatExistAreUpdatedNotRefused() throws {
        let directory = try TemporaryDirectory()
        let store = try store(directory)
        let countries = try write("code,name,common_name\nRU,Russian Federation,Russia\nMN,Mongolia,\n",
                                  "countries.csv", in: directory)
        #expect(try TableImporter(store: store).importTable("countries", from: countries).totalRows == 2)
        #expect(try store.database.scalar(sql: "SELECT common_name FROM countries WHERE code = 'RU'").string == "Russia")
        #expect(try store.database.scalar(sql: "SELECT count(*) FROM countries").int64 == 250)
    }

    @Test func aDirectoryLoadsInForeignKeyOrderAndRefusesStrayFiles() throws {
        let directory = try TemporaryDirectory()
        let store = try store(directory)
        // party_aliases refers to parties: the order of loading, not of the folder listing, decides.
        let folder = try folder(["party_aliases.csv": "party_id,position,alias\nacme,1,ACME Corp\n",
                                 "parties.csv": "id,name,kind\nacme,Acme,company\n"], in: directory)
        let summary = try TableImporter(store: store).importDirectory(folder)
        #expect(summary.entries.map(\.table) == ["parties", "party_aliases"])
        try Data("x\n".utf8).write(to: URL(fileURLWithPath: folder + "/partys.csv"))
        let error = try #require(failure { _ = try TableImporter(store: store).importDirectory(folder) })
        #expect(error.message.hasPrefix("\(folder)/partys.csv: no table named \"partys\""))
    }

    @Test func blobAndRealCells() {
        var problem: String?
        let blob = TableColumn(name: "b", declaredType: "BLOB", notNull: false, primaryKey: false)
        #expect(blob.value(of: "00ff", quoted: false, problem: &problem) == .blob(Data([0, 255])))
        let real = TableColumn(name: "r", declaredType: "REAL", notNull: false, primaryKey: false)
        #expect(real.value(of: "1.0e+20", quoted: false, problem: &problem) == .real(1e20))
        #expect(problem == nil)
        _ = real.value(of: "", quoted: true, problem: &problem)
        #expect(problem == "r: expected a number, found \"\"")
    }
}
