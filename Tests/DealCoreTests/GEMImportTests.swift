import Foundation
import SQLiteKit
import Testing
import TestSupport
@testable import DealCore

/// GEM import on our own small made-up files, one per layout.
@Suite struct GEMImportTests {
    static let fixtures = SharedData.packageRoot + "/Tests/Fixtures/gem"

    private func store(_ directory: borrowing TemporaryDirectory) throws -> DealStore {
        try DealStore.create(at: directory.file("deals.db"), force: false, seed: true)
    }

    private func run(_ store: DealStore, _ file: String, _ options: GEMImporter.Options = .init()) throws -> GEMImporter.Summary {
        try GEMImporter(database: store.database).run(path: Self.fixtures + "/" + file, options: options)
    }

    private func values(_ store: DealStore, _ sql: String) throws -> [[SQLiteValue]] {
        try store.database.fetchAll(sql: sql).map(\.values)
    }

    private func counts(_ store: DealStore) throws -> [Int64] {
        try ["projects", "terms", "events", "parties", "project_owners", "project_route", "citations", "citables"].map {
            try store.database.scalar(sql: "SELECT count(*) FROM \($0)").int64 ?? -1
        }
    }

    @Test func mapLayoutRoutesOwnersTermsEventsAndCitations() throws {
        let directory = try TemporaryDirectory()
        let store = try store(directory)
        let summary = try run(store, "map-small.csv")
        #expect(summary.projectsCreated == 4)
        #expect(try values(store, "SELECT id, kind, commodity, status FROM projects WHERE id LIKE 'gem-%' ORDER BY id") == [
            ["gem-example-lng-terminal-phase-1", "lng_terminal", "lng", "proposed"],
            ["gem-made-up-pipeline", "pipeline", "gas", "proposed"],
            ["gem-made-up-pipeline-2", "pipeline", "gas", "operating"],
            ["gem-spelling-test-line", "pipeline", "gas", "shelved"],
        ])
        #expect(try values(store, "SELECT country, role FROM project_route WHERE project_id = 'gem-made-up-pipeline' ORDER BY position")
            == [["RU", "origin"], ["MN", "transit"], ["CN", "destination"]])
        // One country is both ends of the route.
        #expect(try values(store, "SELECT country, role FROM project_route WHERE project_id = 'gem-made-up-pipeline-2' ORDER BY position")
            == [["RU", "origin"], ["RU", "destination"]])
        #expect(try values(store, "SELECT group_concat(country, ' ') FROM project_route WHERE project_id = 'gem-spelling-test-line'")
            == [["CZ CD CI KR IR"]])
        // A terminal's capacity is in its own column (capacityinbcm/y), and an
        // import terminal's country is where gas arrives, not where it comes from.
        #expect(try values(store, "SELECT metric, value, unit FROM terms WHERE project_id = 'gem-example-lng-terminal-phase-1'")
            == [["capacity", 4.5, "bcm/y"]])
        #expect(try values(store, "SELECT country, role FROM project_route WHERE project_id = 'gem-example-lng-terminal-phase-1'")
            == [["TR", "destination"]])
        // So is its name in another language (otherlanguagename).
        #expect(try values(store, "SELECT note FROM projects WHERE id = 'gem-example-lng-terminal-phase-1'")
            == [["part: Phase 1; https://example.org/Example_LNG; also named Örnek LNG Terminali; import terminal"]])
        #expect(try values(store, "SELECT metric, value, unit, evidence, status FROM terms WHERE project_id = 'gem-made-up-pipeline' ORDER BY position")
            == [["capacity", 33.0, "bcm/y", "reported", "not_applicable"], ["length", 1200.5, "km", "reported", "not_applicable"]])
        // `--` and `n/a` are no value: no terms at all.
        #expect(try values(store, "SELECT count(*) FROM terms WHERE project_id = 'gem-made-up-pipeline-2'") == [[0]])
        #expect(try values(store, "SELECT id, date, date_kind FROM events WHERE project_id LIKE 'gem-made-up%' ORDER BY id") == [
            ["gem-made-up-pipeline-2-start", "1999", "actual"], ["gem-made-up-pipeline-start", "2031", "planned"],
        ])
        #expect(try values(store, """
            SELECT level, party_id, share FROM project_owners WHERE project_id = 'gem-made-up-pipeline' ORDER BY level, position
            """) == [["owner", "acme-gas", 60.0], ["owner", "beta-gas", nil], ["parent", "acme-holdings", 60.0],
                     ["parent", "beta-group", 40.0]])
        // "Unknown [30.00%]" is a stake GEM does not name: kept with its share, no party made up.
        #expect(try values(store, """
            SELECT party_id, unnamed, share FROM project_owners
            WHERE project_id = 'gem-example-lng-terminal-phase-1' AND level = 'parent' ORDER BY position
            """) == [["gamma-energy", nil, 70.0], [nil, "Unknown", 30.0]])
        #expect(try values(store, "SELECT count(*) FROM parties WHERE lower(name) = 'unknown'") == [[0]])
        // Gazprom is matched to the seed's party, not created again.
        #expect(try values(store, "SELECT party_id FROM project_owners WHERE project_id = 'gem-spelling-test-line'") == [["gazprom"]])
        // Every project, term and event cites the release.
        #expect(try values(store, """
            SELECT count(*) FROM citables AS c
            WHERE c.id IN (SELECT citable_id FROM projects WHERE id LIKE 'gem-%'
                           UNION ALL SELECT citable_id FROM terms WHERE project_id LIKE 'gem-%'
                           UNION ALL SELECT citable_id FROM events WHERE project_id LIKE 'gem-%')
              AND NOT EXISTS (SELECT 1 FROM citations WHERE citable_id = c.id AND source_id = 'gem-ggit-map')
            """) == [[0]])
        #expect(try values(store, "SELECT kind, publisher FROM sources WHERE id = 'gem-ggit-map'") == [["dataset", "Global Energy Monitor"]])
    }

    @Test func reimportIsIdempotent() throws {
        let directory = try TemporaryDirectory()
        let store = try store(directory)
        _ = try run(store, "map-small.csv")
        let before = try counts(store)
        let again = try run(store, "map-small.csv")
        #expect(again.projectsCreated == 0 && again.projectsUpdated == 0 && again.projectsUnchanged == 4
            && again.partiesCreated == 0)
        #expect(try counts(store) == before)

        // One capacity changed in the file: that project, and only it, is updated.
        let original = try String(contentsOfFile: Self.fixtures + "/map-small.csv", encoding: .utf8)
        let changed = original.replacingOccurrences(of: ",Made-Up Pipeline,Gas,,33,", with: ",Made-Up Pipeline,Gas,,34,")
        #expect(changed != original)
        let path = directory.file("map-small-changed.csv")
        try changed.write(toFile: path, atomically: false, encoding: .utf8)
        let third = try GEMImporter(database: store.database).run(path: path)
        #expect(third.projectsUpdated == 1 && third.projectsUnchanged == 3, "\(third.lines)")
    }

    @Test func newerReleaseUpdatesInsteadOfDuplicating() throws {
        let directory = try TemporaryDirectory()
        let store = try store(directory)
        let first = try run(store, "pipelines-2023-12.csv")
        #expect(first.source == "gem-ggit-pipelines-2023-12")
        #expect(try values(store, "SELECT metric, value, unit FROM terms WHERE project_id = 'gem-p9002' ORDER BY position")
            == [["length", 155.0, "km"], ["cost", 2000.0, "EUR"]])
        let second = try run(store, "pipelines-2025-11.csv")
        #expect(second.projectsCreated == 1 && second.projectsUpdated == 2)
        #expect(try values(store, "SELECT count(*) FROM projects WHERE id LIKE 'gem-p9%'") == [[4]])
        #expect(try values(store, "SELECT status FROM projects WHERE id = 'gem-p9002'") == [["operating"]])
        #expect(try values(store, "SELECT metric, value FROM terms WHERE project_id = 'gem-p9001' AND metric = 'capacity'")
            == [["capacity", 32.0]])
        #expect(try values(store, "SELECT date, date_kind FROM events WHERE id = 'gem-p9002-start'") == [["2025", "actual"]])
        // The updated facts cite the newer release only.
        #expect(try values(store, """
            SELECT DISTINCT source_id FROM citations WHERE citable_id IN
                (SELECT citable_id FROM terms WHERE project_id = 'gem-p9001')
            """) == [["gem-ggit-pipelines-2025-11"]])
        // "example spa" is the party the older release created.
        #expect(try values(store, "SELECT party_id FROM project_owners WHERE project_id = 'gem-p9004'") == [["example-spa"]])
    }

    @Test func lngTerminalsRelease() throws {
        let directory = try TemporaryDirectory()
        let store = try store(directory)
        _ = try run(store, "lng-terminals-2024-01.csv")
        #expect(try values(store, "SELECT metric, value, unit FROM terms WHERE project_id = 'gem-t900100' ORDER BY position")
            == [["capacity", 2.31, "bcm/y"], ["capacity", 1.7, "mtpa"], ["cost", 350000000.0, "USD"]])
        // An export terminal's country is where the gas leaves from.
        #expect(try values(store, "SELECT country, role FROM project_route WHERE project_id = 'gem-t900201'") == [["CG", "origin"]])
        #expect(try values(store, "SELECT kind FROM parties WHERE id = 'ministry-of-energy-of-ghana'") == [["government"]])
    }

    @Test func badRowsAreAllReportedAndNothingIsWritten() throws {
        let directory = try TemporaryDirectory()
        let store = try store(directory)
        let before = try counts(store)
        let file = Self.fixtures + "/map-bad.csv"
        do {
            _ = try run(store, "map-bad.csv")
            Issue.record("expected bad rows")
        } catch let error as DealError {
            #expect(error.kind == .invalidData)
            #expect(error.message == "6 problems in \(file); nothing was imported")
            #expect(error.details == [
                "\(file):3: areas: unknown country \"Atlantis\"",
                "\(file):4: status: unknown status \"Dreaming\"; expected \(GEMStatus.accepted)",
                "\(file):5: capacitybcm/y: expected a number of bcm/y of 0 or more, found \"lots\"",
                "\(file):6: startyear1: expected a year such as 2027, found \"soon\"",
                "\(file):6: owner: share \"[150%]\" is not a percentage from 0 to 100",
                "\(file):7: pipelinename: empty; every row needs a name",
            ])
        }
        #expect(try counts(store) == before)
        let skipped = try run(store, "map-bad.csv", .init(skipBadRows: true))
        #expect(skipped.projectsCreated == 1 && skipped.rejectedRows == 5)
        #expect(try values(store, "SELECT id FROM projects WHERE id LIKE 'gem-%'") == [["gem-good-line"]])
    }

    @Test func dryRunWritesNothing() throws {
        let directory = try TemporaryDirectory()
        let store = try store(directory)
        let before = try counts(store)
        let summary = try run(store, "map-small.csv", .init(dryRun: true))
        #expect(summary.projectsCreated == 4)
        #expect(try counts(store) == before)
    }

    @Test func headerMatchingNoLayoutListsWhatItLacks() throws {
        let directory = try TemporaryDirectory()
        let store = try store(directory)
        do {
            _ = try run(store, "unknown-layout.csv")
            Issue.record("expected an error")
        } catch let error as DealError {
            #expect(error.message.hasSuffix("unknown-layout.csv:1: the header matches no GEM layout (map file, gas pipelines release, LNG terminals release, oil and gas plant file)"))
            #expect(error.details.count == 4)
            #expect(error.details[3].hasPrefix("not a GEM oil and gas plant file: it lacks project or plant name or project name"))
            #expect(error.details[1].hasPrefix("not a GEM gas pipelines release: it lacks projectid, pipelinename, segmentname"))
        }
    }

    @Test func statusesAndOwnersParse() {
        #expect(GEMStatus.map("Pre-Construction") == .some("proposed"))
        #expect(GEMStatus.map("shelved - inferred 2 y") == .some("shelved"))
        #expect(GEMStatus.map("--") == .some(nil))
        #expect(GEMStatus.map("dreaming") == .none)
        #expect(GEMStatus.word(" Pre-Construction ") == "pre-construction")
        #expect(GEMStatus.word("shelved - inferred 2 y") == "shelved")
        #expect(GEMValue.year("2024-2025") == "2024" && GEMValue.year("2022- 2023") == "2022")
        #expect(GEMValue.year("2025-2024") == nil && GEMValue.year("soon") == nil)
        let parsed = GEMValue.owners("A Co [12.5%]; B Co [unknown %]; C Co")
        #expect(parsed.owners == [.init(name: "A Co", share: 12.5), .init(name: "B Co", share: nil), .init(name: "C Co", share: nil)])
        // The red team's: a stray bracket does not fold the next owner into
        // this one, and a hexadecimal share is no share (Double reads 0x10 as 16).
        #expect(GEMValue.owners("Evil [Corp [50%]; RTL Corp [50%]").owners.map(\.name).last == "RTL Corp")
        #expect(GEMValue.owners("Evil [Corp [50%]; RTL Corp [50%]").owners.count == 2)
        #expect(GEMValue.owners("A [0x10%]").problem == "share \"[0x10%]\" is not a percentage from 0 to 100")
        #expect(GEMRelease.date(in: "ggit-map-2024-10-06.csv") == "2024-10-06")
        #expect(GEMRelease.date(in: "gem-africa-gas-pipelines-2023-12.csv") == "2023-12")
        #expect(GEMRelease.date(in: "pipelines.csv") == nil)
    }
}
