import Foundation
import SQLiteKit
import Testing
import TestSupport
@testable import DealCore

/// `dealdb parties merge` and a document's `merged:`: everything of OTHER
/// ends up KEEP's, conflicts are settled and said, and the decision
/// survives an export and a rebuild.
@Suite struct PartyMergeTests {
    static let fixture = SharedData.packageRoot + "/Tests/Fixtures/gem/map-spellings.csv"

    /// The seed, the GEM fixture (gazprom-neft holds 40 % of a project
    /// where gazprom holds 60 %), and gazprom-export with a role Gazprom
    /// also holds, a role of its own, an event, an alias and an identifier.
    private func prepared(_ directory: borrowing TemporaryDirectory, _ name: String = "deals.db") throws -> DealStore {
        let store = try DealStore.create(at: directory.file(name), force: false, seed: true)
        _ = try GEMImporter(database: store.database).run(path: Self.fixture, options: .init())
        try store.database.execute(script: """
            INSERT INTO parties (id, name, kind, country) VALUES ('gazprom-export', 'Gazprom Export', 'company', 'RU');
            INSERT INTO party_aliases (party_id, position, alias) VALUES ('gazprom-export', 1, 'Gazprom Export LLC');
            INSERT INTO party_identifiers (party_id, scheme, value, evidence) VALUES ('gazprom-export', 'lei', '2534001TESTLEI000001', 'analyst');
            INSERT INTO citables (id, kind) VALUES (90001, 'agreement_party'), (90002, 'agreement_party');
            INSERT INTO agreement_parties (citable_id, agreement_id, position, party_id, role, confirmed)
                VALUES (90001, 'pos1-supply-2014', 9, 'gazprom-export', 'seller', 'unknown'),
                       (90002, 'pos1-supply-2014', 10, 'gazprom-export', 'shipper', 'yes');
            INSERT INTO citations (citable_id, position, source_id, locator)
                VALUES (90001, 1, 'pos2-sco-2025-article', 'para 9'), (90001, 2, 'public-reporting-dates', NULL),
                       (90002, 1, 'public-reporting-dates', NULL);
            INSERT INTO event_parties (event_id, position, party_id) VALUES ('sco-founded-2001', 2, 'gazprom-export');
            """)
        return store
    }

    private func strings(_ store: DealStore, _ sql: String) throws -> [String] {
        try store.database.fetchAll(sql: sql).map { row in
            (0..<row.values.count).map { row.string($0) ?? row.int64($0).map(String.init) ?? row.double($0).map { "\($0)" } ?? "NULL" }
                .joined(separator: "|")
        }
    }

    private func counts(_ store: DealStore) throws -> [String: Int64] {
        var counts: [String: Int64] = [:]
        for table in ["parties", "party_aliases", "party_merges", "party_identifiers", "agreement_parties", "project_owners", "event_parties",
                      "citations", "projects", "agreements", "events", "terms", "sources"] {
            counts[table] = try store.database.scalar(sql: "SELECT count(*) FROM \(table)").int64
        }
        return counts
    }

    @Test func mergeMovesEverythingAndSaysWhatItDecided() throws {
        let directory = try TemporaryDirectory()
        let store = try prepared(directory)
        let merges = try PartyMerger(store: store).merge(["gazprom-export", "gazprom-neft"], into: "gazprom")
        #expect(merges.map(\.other) == ["gazprom-export", "gazprom-neft"])
        #expect(merges[0].lines.contains(
            "agreement pos1-supply-2014: both were seller; kept one role, citing both rows' sources; kept confirmed yes (gazprom-export had unknown)"))
        #expect(merges[0].lines.contains("1 agreement role moved"))
        #expect(merges[0].lines.contains("1 event part moved"))
        #expect(merges[0].lines.contains("1 identifier moved"))
        #expect(merges[0].lines.contains("aliases added: \"Gazprom Export\", \"Gazprom Export LLC\""))
        #expect(merges[0].lines.contains("kept gazprom's country; gazprom-export's was: RU") == false)
        #expect(merges[1].lines.contains { $0.hasPrefix("project gem-spelling-seven-pipeline (owner): both held a stake; kept gazprom's (60 %), dropped gazprom-neft's (40 %") })

        #expect(try strings(store, "SELECT count(*) FROM parties WHERE id IN ('gazprom-export', 'gazprom-neft')") == ["0"])
        #expect(try strings(store, "SELECT role, confirmed FROM agreement_parties WHERE agreement_id = 'pos1-supply-2014' AND party_id = 'gazprom' ORDER BY position")
            == ["seller|yes", "shipper|yes"])
        // The kept seller row cites its own two sources and gazprom-export's "para 9".
        #expect(try strings(store, """
            SELECT c.source_id, coalesce(c.locator, '') FROM citations AS c JOIN agreement_parties AS ap ON ap.citable_id = c.citable_id
            WHERE ap.agreement_id = 'pos1-supply-2014' AND ap.party_id = 'gazprom' AND ap.role = 'seller' ORDER BY c.position
            """) == ["pos2-sco-2025-article|section 'Russia Bears the Costs as Beijing Benefits', para 2", "public-reporting-dates|",
                     "pos2-sco-2025-article|para 9"])
        #expect(try strings(store, "SELECT count(*) FROM citables WHERE id = 90001") == ["0"])
        #expect(try strings(store, "SELECT party_id FROM event_parties WHERE event_id = 'sco-founded-2001' ORDER BY position") == ["sco", "gazprom"])
        #expect(try strings(store, "SELECT party_id, printf('%g', share) FROM project_owners WHERE project_id = 'gem-spelling-seven-pipeline'") == ["gazprom|60"])
        #expect(try strings(store, "SELECT alias FROM party_aliases WHERE party_id = 'gazprom' ORDER BY position")
            == ["PJSC Gazprom", "Газпром", "Gazprom Export", "Gazprom Export LLC", "Gazprom Neft"])
        #expect(try strings(store, "SELECT party_id, scheme FROM party_identifiers") == ["gazprom|lei"])
        #expect(try strings(store, "SELECT merged_id, party_id FROM party_merges ORDER BY 1")
            == ["gazprom-export|gazprom", "gazprom-neft|gazprom"])
        // The old names still find the party.
        #expect(try NameResolver(database: store.database).parties(matching: "Gazprom Neft") == ["gazprom"])
        #expect(try store.database.fetchAll(sql: "PRAGMA foreign_key_check").isEmpty)
    }

    @Test func mergeIsAllOrNothing() throws {
        let directory = try TemporaryDirectory()
        let store = try prepared(directory)
        let before = try counts(store)
        let error = #expect(throws: DealError.self) {
            try PartyMerger(store: store).merge(["gazprom-export", "no-such-party"], into: "gazprom")
        }
        #expect(error?.message.hasPrefix("no party with id \"no-such-party\"") == true)
        #expect(try counts(store) == before)
        #expect(throws: DealError.self) { try PartyMerger(store: store).merge(["gazprom"], into: "gazprom") }
        _ = try PartyMerger(store: store).merge(["gazprom-export"], into: "gazprom", dryRun: true)
        #expect(try counts(store) == before)
    }

    /// Export after a merge, import into a fresh database: the same counts,
    /// and the merge again, now as `merged:`.
    @Test func exportAndRebuildRepeatTheMerge() throws {
        let directory = try TemporaryDirectory()
        let store = try prepared(directory)
        _ = try PartyMerger(store: store).merge(["gazprom-export", "gazprom-neft"], into: "gazprom")
        let exported = try DocumentExporter(store: store).export(.all, format: .yaml)
        #expect(exported.contains("  merged:\n  - gazprom-export\n  - gazprom-neft\n"))

        let fresh = try DealStore.create(at: directory.file("fresh.db"), force: false, seed: false)
        _ = try DocumentImporter(store: fresh).run([DocumentInput(name: "all.yaml", text: exported)], dryRun: false)
        var expected = try counts(store)
        var rebuilt = try counts(fresh)
        // Citables and ids are handed out anew; what they hold is compared above.
        expected["citations"] = nil
        rebuilt["citations"] = nil
        #expect(rebuilt == expected)
        #expect(try DocumentExporter(store: fresh).export(.all, format: .yaml) == exported)

        // The GEM file again on the rebuilt database: "Gazprom Neft" is gazprom's alias now, no new party.
        let again = try GEMImporter(database: fresh.database).run(path: Self.fixture, options: .init())
        #expect(again.partiesCreated == 0)
        #expect(try strings(fresh, "SELECT count(*) FROM parties WHERE id LIKE 'gazprom-neft%'") == ["0"])
    }

    /// A document that says a party was merged into another, imported where
    /// that party exists (a GEM import made it), merges it.
    @Test func aDocumentMergesAPartyThatExists() throws {
        let directory = try TemporaryDirectory()
        let store = try prepared(directory)
        let document = """
            parties:
              - id: gazprom
                name: Gazprom
                kind: state_company
                country: RU
                aliases: ["PJSC Gazprom", "Газпром"]
                merged: [gazprom-neft]
            """
        let summary = try DocumentImporter(store: store).run([DocumentInput(name: "merge.yaml", text: document)], dryRun: false)
        #expect(summary.lines.contains("party gazprom-neft (Gazprom Neft) merged into gazprom"))
        #expect(try strings(store, "SELECT count(*) FROM parties WHERE id = 'gazprom-neft'") == ["0"])
        #expect(try strings(store, "SELECT merged_id FROM party_merges WHERE party_id = 'gazprom'") == ["gazprom-neft"])
        // Again: nothing left to do.
        let again = try DocumentImporter(store: store).run([DocumentInput(name: "merge.yaml", text: document)], dryRun: false)
        #expect(again.merges.isEmpty)
    }

    /// `identifiers:` stored with evidence analyst, read back, and two
    /// parties with one identifier flagged as one.
    @Test func identifiersInDocuments() throws {
        let directory = try TemporaryDirectory()
        let store = try DealStore.create(at: directory.file("deals.db"), force: false, seed: true)
        let document = """
            parties:
              - id: acme
                name: Acme
                kind: company
                identifiers: [{scheme: lei, value: 5493001KJTIIGC8Y1R12}, {scheme: wikidata, value: Q1}]
              - id: acme-holdings
                name: Holdings of Another Name
                kind: company
                identifiers: [{scheme: wikidata, value: Q1}]
            """
        _ = try DocumentImporter(store: store).run([DocumentInput(name: "ids.yaml", text: document)], dryRun: false)
        #expect(try strings(store, "SELECT party_id, scheme, value, evidence FROM party_identifiers ORDER BY 1, 2")
            == ["acme|lei|5493001KJTIIGC8Y1R12|analyst", "acme|wikidata|Q1|analyst", "acme-holdings|wikidata|Q1|analyst"])
        let exported = try DocumentExporter(store: store).export(.party("acme"), format: .yaml)
        #expect(exported.contains("  identifiers:\n  - scheme: lei\n    value: 5493001KJTIIGC8Y1R12\n  - scheme: wikidata\n    value: Q1\n"))
        #expect(try DataQuality.duplicateParties(store.database).map(\.subject) == ["parties acme, acme-holdings"])
        let again = try DocumentImporter(store: store).run([DocumentInput(name: "ids.yaml", text: document)], dryRun: false)
        #expect(again.parties.unchanged == 2)

        let bad = """
            parties:
              - {id: x, name: X, kind: company, identifiers: [{scheme: isin, value: A}, {scheme: lei, value: B}, {scheme: lei, value: B}]}
            """
        let error = #expect(throws: DealError.self) {
            try DocumentImporter(store: store).validate([DocumentInput(name: "bad.yaml", text: bad)])
        }
        let details = error?.details ?? []
        #expect(details.contains { $0.contains("parties[0].identifiers[0].scheme: unknown identifier scheme \"isin\"; expected one of gem-entity, lei, wikidata, register, other") }, "\(details)")
        #expect(details.contains { $0.contains("parties[0].identifiers[2]: identifier lei \"B\" is listed twice") }, "\(details)")
    }

    @Test func mergedIsCheckedWhereItIsWritten() throws {
        let directory = try TemporaryDirectory()
        let store = try DealStore.create(at: directory.file("deals.db"), force: false, seed: true)
        let document = """
            parties:
              - {id: acme, name: Acme, kind: company, merged: [acme, "Not An Id"]}
              - {id: acme-ltd, name: Acme Ltd, kind: company}
              - {id: other, name: Other, kind: company, merged: [acme-ltd]}
            """
        let error = #expect(throws: DealError.self) {
            try DocumentImporter(store: store).validate([DocumentInput(name: "bad.yaml", text: document)])
        }
        let details = error?.details ?? []
        #expect(details.contains("bad.yaml:2:52: parties[0].merged[0]: a party cannot be merged into itself"), "\(details)")
        #expect(details.contains { $0.hasPrefix("bad.yaml:2:58: parties[0].merged[1]: invalid party id \"Not An Id\"") }, "\(details)")
        #expect(details.contains("bad.yaml:4:54: parties[2].merged[0]: party \"acme-ltd\" is merged into another party here, and also defined as a party"),
                "\(details)")
    }
}
