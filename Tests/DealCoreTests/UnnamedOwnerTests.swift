import Foundation
import SQLiteKit
import Testing
import TestSupport
@testable import DealCore

/// Stakes whose holder the source does not name (GEM's "unknown [25.50%]"):
/// in documents, in the schema, and what migration 0012 does to databases
/// whose GEM import had made parties of those words.
@Suite struct UnnamedOwnerTests {
    static let document = """
        sources:
          - {id: tracker, title: A tracker, kind: dataset}
        parties:
          - {id: acme, name: Acme, kind: company}
        projects:
          - id: line
            name: Line
            kind: pipeline
            owners:
              - {party: acme, share: 50, source: tracker}
              - {unnamed: unknown, share: 25, source: tracker}
              - {unnamed: unknown, share: 25, source: tracker}
        """

    private func store(_ directory: borrowing TemporaryDirectory) throws -> DealStore {
        try DealStore.create(at: directory.file("deals.db"), force: false, seed: false)
    }

    @Test func documentsCarryUnnamedStakesBothWays() throws {
        let directory = try TemporaryDirectory()
        let store = try store(directory)
        _ = try DocumentImporter(store: store).run([DocumentInput(name: "d.yaml", text: Self.document)], dryRun: false)
        #expect(try store.database.fetchAll(sql: """
            SELECT party_id, unnamed, share FROM project_owners WHERE project_id = 'line' ORDER BY position
            """).map(\.values) == [["acme", nil, 50.0], [nil, "unknown", 25.0], [nil, "unknown", 25.0]])
        // The shares add up to 100 with the unnamed ones: no owner-shares finding.
        #expect(try DataQuality.findings(in: store.database).filter { $0.rule == .ownerShares }.isEmpty)

        let yaml = try DocumentExporter(store: store).export(.project("line"), format: .yaml)
        #expect(yaml.contains("- unnamed: unknown\n"))
        let copy = try DealStore.create(at: directory.file("copy.db"), force: false, seed: false)
        _ = try DocumentImporter(store: copy).run([DocumentInput(name: "e.yaml", text: yaml)], dryRun: false)
        #expect(try DocumentExporter(store: copy).export(.project("line"), format: .yaml) == yaml)
    }

    @Test(arguments: [
        ("{party: acme, unnamed: unknown, share: 5, source: tracker}",
         "d.yaml:10:32: projects[0].owners[0].unnamed: a stake names a party or, when the source does not name its holder, "
            + "says so in unnamed; not both"),
        ("{share: 5, source: tracker}", "d.yaml:10:9: projects[0].owners[0]: missing required key \"party\""),
        ("{unnamed: \" \", source: tracker}", "d.yaml:10:19: projects[0].owners[0].unnamed: must not be empty"),
    ])
    func aStakeNamesAPartyOrSaysItIsUnnamed(_ stake: String, _ message: String) throws {
        let directory = try TemporaryDirectory()
        let store = try store(directory)
        let text = Self.document.replacingOccurrences(of: "- {party: acme, share: 50, source: tracker}", with: "- " + stake)
        do {
            _ = try DocumentImporter(store: store).run([DocumentInput(name: "d.yaml", text: text)], dryRun: false)
            Issue.record("expected \(stake) to be refused")
        } catch let error as DealError {
            #expect(error.kind == .invalidData)
            #expect(error.details.contains(message), "\(error.details)")
        }
        #expect(try store.database.scalar(sql: "SELECT count(*) FROM project_owners").int64 == 0)
    }

    @Test func migration0012TurnsThePlaceholderPartiesOfAGEMImportIntoUnnamedStakes() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.file("old.db"), mode: .create)
        let before0012 = DealSchema.migrations.filter { $0.version < 12 }
        _ = try Migrator(migrations: before0012).migrate(database)
        try database.execute(script: """
            INSERT INTO sources (id, title, kind) VALUES ('gem', 'GEM', 'dataset');
            INSERT INTO citables (id, kind) VALUES (1, 'project'), (2, 'project');
            INSERT INTO projects (id, citable_id, name, kind) VALUES ('a', 1, 'A', 'pipeline'), ('b', 2, 'B', 'pipeline');
            INSERT INTO parties (id, name, kind, note) VALUES
                ('unknown', 'unknown', 'company', 'created by the GEM import (gem)'),
                ('other', 'Other', 'company', 'created by the GEM import (gem)'),
                ('acme', 'Acme', 'company', 'created by the GEM import (gem)'),
                -- Named so by a person, not by the import: a party, whatever its name.
                ('others-ltd', 'Others', 'company', NULL);
            INSERT INTO project_owners (project_id, level, position, party_id, share, source_id) VALUES
                ('a', 'parent', 1, 'acme', 49, 'gem'), ('a', 'parent', 2, 'unknown', 51, 'gem'),
                ('b', 'owner', 1, 'other', NULL, 'gem'), ('b', 'owner', 2, 'others-ltd', 10, 'gem');
            """)
        let applied = try DealSchema.migrator().migrate(database)
        #expect(applied.map(\.version).contains(12))
        #expect(try database.fetchAll(sql: """
            SELECT project_id, level, position, party_id, unnamed, share FROM project_owners ORDER BY 1, 2, 3
            """).map(\.values) == [
                ["a", "parent", 1, "acme", nil, 49.0], ["a", "parent", 2, nil, "unknown", 51.0],
                ["b", "owner", 1, nil, "Other", nil], ["b", "owner", 2, "others-ltd", nil, 10.0],
            ])
        #expect(try database.fetchAll(sql: "SELECT id FROM parties ORDER BY id").map { $0.string(0) } == ["acme", "others-ltd"])
        #expect(try database.fetchAll(sql: "PRAGMA foreign_key_check").isEmpty)
        #expect(try database.fetchAll(sql: "SELECT owners FROM project_overview WHERE id = 'b'").first?.string(0)
            == "unnamed \"Other\"; Others (10%)")
    }
}
