import Foundation
import SQLiteKit
import Testing
import TestSupport
@testable import DealCore

/// Importing validated documents: references, all or nothing, upsert by id,
/// dry runs. Each test has its own database file.
@Suite struct DocumentImportTests {
    private func importer(_ store: DealStore) -> DocumentImporter { DocumentImporter(database: store.database) }

    /// What the import said, as lines; the error's lines when it failed.
    private func run(_ store: DealStore, _ inputs: [DocumentInput], dryRun: Bool = false) throws -> [String] {
        try importer(store).run(inputs, dryRun: dryRun).lines
    }

    private func rejection(_ store: DealStore, _ inputs: [DocumentInput],
                           sourceLocation: SourceLocation = #_sourceLocation) -> DealError? {
        #expect(throws: DealError.self, sourceLocation: sourceLocation) {
            try importer(store).run(inputs, dryRun: false)
        }
    }

    @Test func yamlAndJSONImportToTheSameDatabaseContent() throws {
        let directory = try TemporaryDirectory()
        let fromYAML = try TestStore(directory, "yaml.db")
        let fromJSON = try TestStore(directory, "json.db")
        let created = [
            "sources: 2 created, 0 updated, 0 unchanged",
            "parties: 3 created, 0 updated, 0 unchanged",
            "projects: 1 created, 0 updated, 0 unchanged",
            "agreements: 2 created, 0 updated, 0 unchanged",
            "events: 2 created, 0 updated, 0 unchanged",
        ]
        #expect(try run(fromYAML.store, [Fixtures.input("valid.yaml")]) == created)
        #expect(try run(fromJSON.store, [Fixtures.input("valid.json")]) == created)
        #expect(try fromYAML.dataDump() == fromJSON.dataDump())

        let aliases = try fromYAML.sqlite("SELECT alias FROM party_aliases WHERE party_id = 'gov-kz' ORDER BY position")
        #expect(aliases == "Kazakhstan\nКазахстан\n")
        let route = try fromYAML.sqlite("SELECT group_concat(stop, ' ') FROM (SELECT country || ':' || role AS stop FROM project_route ORDER BY position)")
        #expect(route == "RU:origin KZ:transit CN:destination\n")
        let parties = try fromYAML.sqlite("""
            SELECT agreement_id, party_id, role, confirmed, share FROM agreement_parties ORDER BY agreement_id, position
            """)
        #expect(parties == """
            northern-link-memorandum-2025|borealgaz|seller|yes|
            northern-link-memorandum-2025|eastern-energy|buyer|unknown|49.5
            northern-link-transit-2025|gov-kz|transit|no|
            northern-link-transit-2025|borealgaz|shipper|unknown|

            """)
        let locators = try fromYAML.sqlite("""
            SELECT c.source_id, ifnull(c.locator, '-') FROM agreements a JOIN citations c ON c.citable_id = a.citable_id
            WHERE a.id = 'northern-link-memorandum-2025' ORDER BY c.position
            """)
        #expect(locators == "northern-link-wire|-\nnorthern-link-report|annex B\n")
    }

    @Test func importingTheSameDocumentAgainChangesNothing() throws {
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory, seed: true)
        _ = try run(test.store, [Fixtures.input("valid.yaml")])
        let before = try test.dump()
        #expect(try run(test.store, [Fixtures.input("valid.yaml")]) == [
            "sources: 0 created, 0 updated, 2 unchanged",
            "parties: 0 created, 0 updated, 3 unchanged",
            "projects: 0 created, 0 updated, 1 unchanged",
            "agreements: 0 created, 0 updated, 2 unchanged",
            "events: 0 created, 0 updated, 2 unchanged",
        ])
        // The JSON form of the same records is the same too.
        let again = try run(test.store, [Fixtures.input("valid.json")])
        #expect(again.count == 5 && again.allSatisfy { $0.contains(": 0 created, 0 updated, ") }, "\(again)")
        #expect(try test.dump() == before)
    }

    @Test func aChangedRecordIsUpdatedWithItsChildListsReplaced() throws {
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory, seed: true)
        let original = try Fixtures.text("valid.yaml")
        _ = try run(test.store, [DocumentInput(name: "valid.yaml", text: original)])
        let reader = DocumentReader(database: test.store.database)
        let before = try reader.all()
        let citable = try test.sqlite("SELECT citable_id FROM agreements WHERE id = 'northern-link-memorandum-2025'")

        // The memorandum's volume goes from 20 to 25 and the buyer is dropped.
        var changed = original.replacingOccurrences(of: """
                  - metric: volume
                    value: 20
            """, with: """
                  - metric: volume
                    value: 25
            """)
        let buyer = """
                  - party: eastern-energy
                    role: buyer
                    confirmed: unknown
                    share: 49.5
                    sources: [northern-link-wire]

            """
        #expect(changed.contains(buyer) && changed != original)
        changed = changed.replacingOccurrences(of: buyer, with: "")
        #expect(try run(test.store, [DocumentInput(name: "valid.yaml", text: changed)]) == [
            "sources: 0 created, 0 updated, 2 unchanged",
            "parties: 0 created, 0 updated, 3 unchanged",
            "projects: 0 created, 0 updated, 1 unchanged",
            "agreements: 0 created, 1 updated, 1 unchanged",
            "events: 0 created, 0 updated, 2 unchanged",
        ])

        let after = try reader.all()
        let memorandum = try #require(after.agreements.first { $0.id == "northern-link-memorandum-2025" })
        #expect(memorandum.parties.map(\.party) == ["borealgaz"])
        #expect(memorandum.terms.map(\.value) == [25, nil])
        #expect(memorandum.terms[0].sources == [Citation(source: "northern-link-wire", locator: "para 2")])
        // Everything else, the seed included, is as it was.
        var expected = before
        expected.agreements = expected.agreements.map { $0.id == memorandum.id ? memorandum : $0 }
        #expect(after == expected)
        // The agreement keeps its row and citable id; the children it lost
        // leave nothing behind.
        #expect(try test.sqlite("SELECT citable_id FROM agreements WHERE id = 'northern-link-memorandum-2025'") == citable)
        #expect(try test.sqlite("""
            SELECT count(*) FROM citables c WHERE NOT EXISTS (SELECT 1 FROM projects WHERE citable_id = c.id)
              AND NOT EXISTS (SELECT 1 FROM agreements WHERE citable_id = c.id)
              AND NOT EXISTS (SELECT 1 FROM agreement_parties WHERE citable_id = c.id)
              AND NOT EXISTS (SELECT 1 FROM terms WHERE citable_id = c.id)
              AND NOT EXISTS (SELECT 1 FROM events WHERE citable_id = c.id)
            """) == "0\n")
        #expect(try test.sqlite("PRAGMA foreign_key_check") == "")
    }

    @Test func recordsNotInTheDocumentAreLeftAlone() throws {
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory, seed: true)
        let reader = DocumentReader(database: test.store.database)
        let before = try reader.all()
        // Gazprom again, with one alias fewer than the seed: only it changes.
        let lines = try run(test.store, [DocumentInput(name: "gazprom.yaml", text: """
            parties:
              - id: gazprom
                name: Gazprom
                kind: state_company
                country: RU
            """)])
        #expect(lines == ["parties: 0 created, 1 updated, 0 unchanged"])
        let after = try reader.all()
        let gazprom = try #require(after.parties.first { $0.id == "gazprom" })
        #expect(gazprom.aliases == [] && gazprom.note == nil)
        var expected = before
        expected.parties = expected.parties.map { $0.id == "gazprom" ? gazprom : $0 }
        #expect(after == expected)
    }

    @Test func aDryRunReportsTheSameAndWritesNothing() throws {
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory, seed: true)
        let before = try test.dump()
        let summary = try importer(test.store).run([Fixtures.input("valid.yaml")], dryRun: true)
        #expect(summary.dryRun)
        #expect(summary.lines.first == "sources: 2 created, 0 updated, 0 unchanged")
        #expect(try test.dump() == before)
        let real = try importer(test.store).run([Fixtures.input("valid.yaml")], dryRun: false)
        #expect(real.lines == summary.lines)
    }

    @Test func referencesMayPointIntoTheDatabase() throws {
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory, seed: true)
        let lines = try run(test.store, [DocumentInput(name: "extra.yaml", text: """
            agreements:
              - id: pos2-follow-up-2026
                title: Follow-up memorandum
                project: pos-2
                parties:
                  - {party: gazprom, role: seller, sources: [pos2-sco-2025-article]}
                  - {party: cnpc, role: buyer}
            events:
              - id: pos2-follow-up-signed
                date: 2026
                title: Follow-up signed
                agreement: pos2-follow-up-2026
                parties: [gov-mn]
            """)])
        #expect(lines == ["agreements: 1 created, 0 updated, 0 unchanged", "events: 1 created, 0 updated, 0 unchanged"])
    }

    @Test func referencesMayPointIntoAnotherFileOfTheSameImport() throws {
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory)
        let parties = DocumentInput(name: "parties.yaml", text: "parties: [{id: a-co, name: A Co, kind: company}]\n")
        let deals = DocumentInput(name: "deals.json", text: """
            {"agreements": [{"id": "deal", "title": "Deal", "parties": [{"party": "a-co", "role": "buyer"}]}]}
            """)
        #expect(try run(test.store, [deals, parties]) == [
            "parties: 1 created, 0 updated, 0 unchanged", "agreements: 1 created, 0 updated, 0 unchanged",
        ])
    }

    @Test func anUnknownReferenceIsReportedWithASuggestion() throws {
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory, seed: true)
        let before = try test.dump()
        let error = rejection(test.store, [try Fixtures.input("invalid/unknown-references.yaml")])
        #expect(error?.kind == .invalidData)
        #expect(error?.message == "3 problems in unknown-references.yaml; nothing was imported")
        #expect(error?.details == [
            "unknown-references.yaml:6:14: agreements[0].project: unknown project \"pos2\": not in this import or the database; "
                + "did you mean \"pos-2\" or \"pos-1\"?",
            "unknown-references.yaml:8:17: agreements[0].parties[0].party: unknown party \"gazprm\": not in this import or "
                + "the database; did you mean \"gazprom\"?",
            "unknown-references.yaml:10:15: agreements[0].sources[0]: unknown source \"nowhere-news\": not in this import "
                + "or the database",
        ])
        #expect(try test.dump() == before)
    }

    @Test func aSuggestionMayComeFromTheSameImport() throws {
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory)
        let error = rejection(test.store, [DocumentInput(name: "t.yaml", text: """
            parties: [{id: borealgaz, name: B, kind: company}]
            events: [{id: e, date: 2025, title: E, parties: [borealgas]}]
            """)])
        #expect(error?.details == [
            "t.yaml:2:50: events[0].parties[0]: unknown party \"borealgas\": not in this import or the database; "
                + "did you mean \"borealgaz\"?",
        ])
    }

    @Test func duplicateIdsInOneFileAndAcrossFiles() throws {
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory)
        let one = rejection(test.store, [try Fixtures.input("invalid/duplicate-ids.yaml")])
        #expect(one?.details == [
            "duplicate-ids.yaml:4:10: parties[2].id: duplicate party id \"borealgaz\" (first at duplicate-ids.yaml:2:10)",
        ])
        let two = rejection(test.store, [try Fixtures.input("invalid/duplicate-across-1.yaml"),
                                         try Fixtures.input("invalid/duplicate-across-2.yaml")])
        #expect(two?.message == "1 problem in duplicate-across-2.yaml; nothing was imported")
        #expect(two?.details == [
            "duplicate-across-2.yaml:3:9: sources[0].id: duplicate source id \"northern-link-wire\" "
                + "(first at duplicate-across-1.yaml:2:9)",
        ])
        // The same id for records of different kinds is no clash.
        #expect(try run(test.store, [DocumentInput(name: "t.yaml", text: """
            sources: [{id: same, title: S}]
            parties: [{id: same, name: P, kind: company}]
            """)]).count == 2)
    }

    @Test func oneBadRecordMeansNothingIsWritten() throws {
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory, seed: true)
        let before = try test.dump()
        let bad = DocumentInput(name: "bad.yaml", text: "events: [{id: e, date: 2025-13, title: E}]\n")
        let error = rejection(test.store, [try Fixtures.input("valid.yaml"), bad])
        #expect(error?.kind == .invalidData)
        #expect(error?.exitCode == 65)
        #expect(error?.message == "1 problem in bad.yaml; nothing was imported")
        #expect(try test.dump() == before)
    }

    @Test func problemsAreListedInFileAndTextOrder() throws {
        // References are checked after every file is read; they are still
        // listed where they stand in the text, between the other problems.
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory)
        let error = rejection(test.store, [
            DocumentInput(name: "b.yaml", text: "events: [{id: e, date: 2025, title: E, parties: [nobody]}]\n"),
            DocumentInput(name: "a.yaml", text: """
                agreements:
                  - {id: a, title: A, project: nowhere}
                  - {id: b, title: B, kind: deal}
                """),
        ])
        #expect(error?.message == "3 problems in b.yaml, a.yaml; nothing was imported")
        #expect(error?.details.map { $0.split(separator: ":").prefix(3).joined(separator: ":") }
            == ["b.yaml:1:50", "a.yaml:2:32", "a.yaml:3:29"])
    }

    @Test func aDocumentWithNoRecordsImportsNothing() throws {
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory)
        #expect(try run(test.store, [DocumentInput(name: "t.yaml", text: "sources: []\n")]) == [])
    }
}

/// The seed dataset, loaded the way `dealdb init --seed` loads it.
@Suite struct SeedDataTests {
    @Test func everyFactInTheSeedCitesASource() throws {
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory, seed: true)
        // A term or an agreement party may lean on its owner's citations.
        let uncited = try test.sqlite("""
            WITH cited AS (SELECT DISTINCT citable_id FROM citations)
            SELECT 'agreement ' || id FROM agreements WHERE citable_id NOT IN cited
            UNION ALL SELECT 'project ' || id FROM projects WHERE citable_id NOT IN cited
            UNION ALL SELECT 'event ' || id FROM events WHERE citable_id NOT IN cited
            UNION ALL SELECT 'term ' || coalesce(t.agreement_id, t.project_id) || ' #' || t.position
                FROM terms t LEFT JOIN agreements a ON a.id = t.agreement_id LEFT JOIN projects p ON p.id = t.project_id
                WHERE t.citable_id NOT IN cited AND coalesce(a.citable_id, p.citable_id) NOT IN cited
            UNION ALL SELECT 'agreement party ' || ap.agreement_id || ' ' || ap.party_id
                FROM agreement_parties ap JOIN agreements a ON a.id = ap.agreement_id
                WHERE ap.citable_id NOT IN cited AND a.citable_id NOT IN cited
            """)
        #expect(uncited == "")
        let counts = try test.sqlite("""
            SELECT (SELECT count(*) FROM agreements), (SELECT count(*) FROM terms), (SELECT count(*) FROM projects),
                   (SELECT count(*) FROM agreement_parties), (SELECT count(*) FROM events)
            """)
        #expect(!counts.split(separator: "|").contains("0"), "\(counts)")
    }

    @Test func theSeedHasTheRecordsTheQueriesNeed() throws {
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory, seed: true)
        let reader = DocumentReader(database: test.store.database)
        for party in ["gazprom", "cnpc", "gov-ru", "gov-cn", "gov-mn", "sco", "sco-development-bank"] {
            #expect(try reader.exists(.party, party), "party \(party)")
        }
        for project in ["pos-1", "pos-2", "far-eastern-route"] {
            #expect(try reader.exists(.project, project), "project \(project)")
        }
        for agreement in ["pos2-gazprom-cnpc-2025", "pos2-mongolia-transit-2025"] {
            #expect(try reader.exists(.agreement, agreement), "agreement \(agreement)")
        }
    }

    @Test func mongoliaIsATransitCountryOfPowerOfSiberia2() throws {
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory, seed: true)
        #expect(try test.sqlite("SELECT role FROM project_route WHERE project_id = 'pos-2' AND country = 'MN'") == "transit\n")
        #expect(try test.sqlite("SELECT group_concat(country, '>') FROM (SELECT country FROM project_route WHERE project_id = 'pos-2' ORDER BY position)") == "RU>MN>CN\n")
    }

    @Test func thePowerOfSiberia2PriceIsUnresolved() throws {
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory, seed: true)
        let memorandum = try #require(try DocumentReader(database: test.store.database).agreement("pos2-gazprom-cnpc-2025"))
        #expect(memorandum.binding == "yes")
        #expect(memorandum.terms.contains { $0.metric == "price" && $0.status == "unresolved" })
        #expect(memorandum.terms.filter { $0.metric == "price" }.allSatisfy { $0.status != "agreed" })
        #expect(memorandum.terms.first { $0.metric == "price_formula" }?.status == "unresolved")
        #expect(memorandum.terms.first { $0.metric == "volume" }?.value == 50)
        #expect(memorandum.parties.map { "\($0.party):\($0.role):\($0.confirmed)" } == ["gazprom:seller:yes", "cnpc:buyer:unknown"])
    }

    @Test func theSeedReimportsUnchanged() throws {
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory, seed: true)
        let before = try test.dump()
        let summary = try SeedData.load(into: test.store.database)
        #expect(summary.lines.count == 5 && summary.lines.allSatisfy { $0.contains(" 0 created, 0 updated, ") },
                "\(summary.lines)")
        #expect(try test.dump() == before)
    }
}

/// The examples in docs/FORMAT.md are what dealdb really reads and says.
@Suite struct FormatDocumentationTests {
    static let text: String = {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("docs/FORMAT.md"), encoding: .utf8)) ?? ""
    }()

    /// The first fenced block of `language` after `heading`.
    static func block(_ language: String, after heading: String) -> String? {
        guard let section = text.range(of: heading),
              let start = text.range(of: "```\(language)\n", range: section.upperBound..<text.endIndex),
              let end = text.range(of: "\n```\n", range: start.upperBound..<text.endIndex) else { return nil }
        return String(text[start.upperBound..<end.lowerBound]) + "\n"
    }

    /// Lines as the document shows them: indented four spaces as code.
    private func shown(_ lines: [String]) -> Bool {
        Self.text.contains(lines.map { "    " + $0 }.joined(separator: "\n") + "\n")
    }

    private func output(of error: DealError?) -> [String] {
        guard let error else { return [] }
        return ["dealdb: " + error.message] + error.details.map { "  " + $0 }
    }

    @Test func theCompleteExampleImportsAsShown() throws {
        let yaml = try #require(Self.block("yaml", after: "## A complete example"))
        let json = try #require(Self.block("json", after: "## A complete example"))
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory)
        let importer = DocumentImporter(database: test.store.database)
        let lines = try importer.run([DocumentInput(name: "example.yaml", text: yaml)], dryRun: false).lines
        #expect(lines.count == 5)
        #expect(shown(lines), "\(lines)")
        let memorandum = try #require(try DocumentReader(database: test.store.database).agreement("pos2-gazprom-cnpc-2025"))
        #expect(memorandum.terms.filter { $0.status == "unresolved" }.map(\.metric) == ["price", "price_formula"])
        #expect(memorandum.binding == "yes")
        #expect(try test.sqlite("SELECT country FROM project_route WHERE role = 'transit'") == "MN\n")
        // The JSON excerpt reads cleanly and refers to records the YAML made.
        #expect(try importer.run([DocumentInput(name: "example.json", text: json)], dryRun: false).lines
            == ["agreements: 0 created, 1 updated, 0 unchanged"])
    }

    @Test func theMisspeltRoleIsReportedAsShown() throws {
        let yaml = try #require(Self.block("yaml", after: "## A complete example"))
        #expect(yaml.components(separatedBy: "role: buyer\n").count == 2)
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory)
        let error = #expect(throws: DealError.self) {
            try DocumentImporter(database: test.store.database).run(
                [DocumentInput(name: "example.yaml", text: yaml.replacingOccurrences(of: "role: buyer\n", with: "role: buyerr\n"))],
                dryRun: false)
        }
        #expect(shown(output(of: error)), "\(output(of: error))")
    }

    @Test func theErrorExamplesAreWhatDealdbSays() throws {
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory, seed: true)
        let importer = DocumentImporter(database: test.store.database)
        let three = #expect(throws: DealError.self) {
            try importer.run([DocumentInput(name: "deals.yaml", text: Fixtures.text("invalid/three-errors.yaml"))], dryRun: false)
        }
        #expect(shown(output(of: three)), "\(output(of: three))")
        let unknown = #expect(throws: DealError.self) {
            try importer.run([DocumentInput(name: "deals.yaml", text: Fixtures.text("invalid/unknown-references.yaml"))],
                             dryRun: false)
        }
        #expect(shown([unknown?.details[1] ?? ""]))
    }

    @Test func everyEnumerationValueIsDocumented() {
        let lists = [Vocabulary.sourceKinds, Vocabulary.partyKinds, Vocabulary.projectKinds, Vocabulary.commodities,
                     Vocabulary.projectStatuses, Vocabulary.routeRoles, Vocabulary.agreementKinds, Vocabulary.tristate,
                     Vocabulary.agreementStatuses, Vocabulary.partyRoles, Vocabulary.metrics, Vocabulary.units,
                     Vocabulary.negotiationStates, Vocabulary.evidenceLevels, Vocabulary.disclosures, Vocabulary.dateKinds]
        for value in lists.joined() {
            #expect(Self.text.contains("`\(value)`"), "\(value) is not in docs/FORMAT.md")
        }
    }
}

// MARK: Shared by the document tests

/// A migrated database file in a test's own directory, read back with the
/// sqlite3 shell.
struct TestStore {
    let store: DealStore
    let path: String

    init(_ directory: borrowing TemporaryDirectory, _ name: String = "deals.db", seed: Bool = false) throws {
        path = directory.file(name)
        store = try DealStore.create(at: path, force: false, seed: seed)
    }

    /// Output of the sqlite3 shell for `sql`, which must succeed.
    func sqlite(_ sql: String) throws -> String {
        let result = try ProcessRunner.sqlite3(path, sql)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    /// The whole database as SQL text.
    func dump() throws -> String { try sqlite(".dump") }

    /// The dump without the migration log, whose times differ between files.
    func dataDump() throws -> String {
        try dump().split(separator: "\n").filter { !$0.hasPrefix("INSERT INTO schema_migrations ") }.joined(separator: "\n")
    }
}
