import Foundation
import SQLiteKit
import Testing
import TestSupport
@testable import DealCore

/// The batched record writer over more records than one batch (256), large
/// enough for the bulk path (search rebuild, foreign keys checked at the
/// end): what it writes reads back as the document, a second import changes
/// nothing, and a changed record is updated wherever it falls in a batch.
@Suite struct RecordWriterTests {
    /// A JSON document of `count` agreements between parties of its own, each
    /// with parties, terms and citations, and a project every tenth.
    private func document(_ count: Int, title: (Int) -> String = { "Agreement \($0)" }) -> String {
        var parties: [String] = [], agreements: [String] = [], projects: [String] = []
        for index in 0..<count {
            parties.append(#"{"id": "party-\#(index)", "name": "Party \#(index)", "kind": "company", "aliases": ["P\#(index)"]}"#)
            if index % 10 == 0 {
                projects.append(#"{"id": "project-\#(index)", "name": "Pipeline \#(index)", "kind": "pipeline", "route": [{"country": "RU", "role": "origin"}], "terms": [{"metric": "capacity", "value": \#(index + 1), "unit": "bcm/y", "status": "agreed", "sources": [{"source": "src"}]}]}"#)
            }
            agreements.append(#"""
                {"id": "agreement-\#(index)", "title": "\#(title(index))", "kind": "supply_contract", "signed": "2020",
                 "project": \#(index % 10 == 0 ? "\"project-\(index)\"" : "null"),
                 "parties": [{"party": "party-\#(index)", "role": "seller", "sources": [{"source": "src", "locator": "p. \#(index)"}]},
                             {"party": "party-\#((index + 1) % count)", "role": "buyer"}],
                 "terms": [{"metric": "volume", "value": \#(index % 50), "unit": "bcm/y"},
                           {"metric": "price", "text": "oil-linked", "status": "unresolved", "sources": [{"source": "src"}]}],
                 "sources": [{"source": "src"}]}
                """#)
        }
        return """
            {"sources": [{"id": "src", "title": "A source", "kind": "news"}],
             "parties": [\(parties.joined(separator: ",\n"))],
             "projects": [\(projects.joined(separator: ",\n"))],
             "agreements": [\(agreements.joined(separator: ",\n"))]}
            """
    }

    @Test func manyRecordsReadBackAsWrittenAndReimportUnchanged() throws {
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory)
        let importer = DocumentImporter(database: test.store.database)
        let text = document(2100)
        let first = try importer.run([DocumentInput(name: "many.json", text: text)], dryRun: false)
        #expect(first.agreements == .init(created: 2100, updated: 0, unchanged: 0))
        #expect(first.parties == .init(created: 2100, updated: 0, unchanged: 0))

        // What the parser made of the text is what the reader finds.
        var parser = DocumentParser(file: "many.json", countries: ["RU"])
        let parsed = parser.parse(text)
        #expect(parser.issues.isEmpty)
        let stored = try DocumentReader(database: test.store.database).all()
        #expect(stored.agreements.count == parsed.agreements.count)
        #expect(Dictionary(uniqueKeysWithValues: stored.agreements.map { ($0.id, $0) })
                == Dictionary(uniqueKeysWithValues: parsed.agreements.map { ($0.id, $0) }))
        #expect(stored.parties.sorted { $0.id < $1.id } == parsed.parties.sorted { $0.id < $1.id })
        #expect(stored.projects.sorted { $0.id < $1.id } == parsed.projects.sorted { $0.id < $1.id })

        let again = try importer.run([DocumentInput(name: "many.json", text: text)], dryRun: false)
        #expect(again.agreements == .init(created: 0, updated: 0, unchanged: 2100))
        #expect(again.parties == .init(created: 0, updated: 0, unchanged: 2100))
        #expect(again.projects == .init(created: 0, updated: 0, unchanged: 210))
        #expect(try test.sqlite("PRAGMA foreign_key_check") == "")
        #expect(try test.sqlite("PRAGMA integrity_check") == "ok\n")
        // The search index was rebuilt in bulk and finds the new rows.
        #expect(try test.sqlite("SELECT count(*) FROM search_index WHERE search_index MATCH 'pipeline'") == "210\n")
    }

    @Test func changedRecordsAreUpdatedInWhicheverBatchTheyFall() throws {
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory)
        let importer = DocumentImporter(database: test.store.database)
        _ = try importer.run([DocumentInput(name: "many.json", text: document(600))], dryRun: false)
        let citables = try test.sqlite("SELECT count(*) FROM citables")
        let changed = document(600) { [0, 255, 256, 599].contains($0) ? "Renamed \($0)" : "Agreement \($0)" }
        let summary = try importer.run([DocumentInput(name: "many.json", text: changed)], dryRun: false)
        #expect(summary.agreements == .init(created: 0, updated: 4, unchanged: 596))
        #expect(try test.sqlite("SELECT id FROM agreements WHERE title LIKE 'Renamed%' ORDER BY id")
                == "agreement-0\nagreement-255\nagreement-256\nagreement-599\n")
        // Replaced child lists leave nothing behind: as many citables and citations as before.
        #expect(try test.sqlite("SELECT count(*) FROM citables") == citables)
        #expect(try test.sqlite("SELECT count(*) FROM citations WHERE citable_id NOT IN (SELECT id FROM citables)") == "0\n")
        #expect(try test.sqlite("SELECT count(*) FROM terms WHERE agreement_id = 'agreement-255'") == "2\n")
        #expect(try test.sqlite("PRAGMA foreign_key_check") == "")
        // The search index follows the update (triggers, as the load is small).
        #expect(try test.sqlite("SELECT count(*) FROM search_index WHERE search_index MATCH 'renamed'") == "4\n")
    }

    @Test func anImportInsideACallersTransactionJoinsIt() throws {
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory)
        let database = test.store.database
        let input = DocumentInput(name: "small.json", text: document(3))
        struct Abandoned: Error {}
        #expect(throws: Abandoned.self) {
            try database.inTransaction {
                _ = try DocumentImporter(database: database).run([input], dryRun: false)
                throw Abandoned()
            }
        }
        #expect(try test.sqlite("SELECT count(*) FROM agreements") == "0\n")
        let summary = try database.inTransaction { try DocumentImporter(database: database).run([input], dryRun: false) }
        #expect(summary.agreements == .init(created: 3, updated: 0, unchanged: 0))
        #expect(try test.sqlite("SELECT count(*) FROM agreements") == "3\n")
    }
}
