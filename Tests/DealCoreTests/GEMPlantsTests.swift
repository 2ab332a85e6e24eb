import Foundation
import SQLiteKit
import Testing
import TestSupport
@testable import DealCore

/// GEM's Global Oil and Gas Plant Tracker on our own made-up map files: each
/// unit a project of kind power_plant with its capacity in MW, the units of
/// one wiki page one plant, and the pipelines' rules left as they were.
@Suite struct GEMPlantsTests {
    static let fixtures = SharedData.packageRoot + "/Tests/Fixtures/gem"

    private func values(_ store: DealStore, _ sql: String) throws -> [[SQLiteValue]] {
        try store.database.fetchAll(sql: sql).map(\.values)
    }

    @Test func unitsBecomePlantsWithCapacityInMW() throws {
        let directory = try TemporaryDirectory()
        let store = try DealStore.create(at: directory.file("deals.db"), force: false, seed: true)
        let summary = try GEMImporter(database: store.database).run(path: Self.fixtures + "/plants-2024-08.csv")
        #expect(summary.layout == "a GEM oil and gas plant file")
        #expect(summary.source == "gem-gogpt-map-2024-08")
        #expect(summary.projectsCreated == 9 && summary.rejectedRows == 0)
        #expect(try values(store, """
            SELECT id, kind, commodity, status FROM projects WHERE id LIKE 'gem-alpha%' OR id LIKE 'gem-iota%' ORDER BY id
            """) == [["gem-alpha-power-station-1", "power_plant", "gas", "operating"],
                     ["gem-alpha-power-station-2", "power_plant", "gas", "operating"],
                     ["gem-iota-power-station-1", "power_plant", "gas", "construction"]])
        // Capacity in MW, which no sum in bcm/y picks up.
        #expect(try values(store, """
            SELECT metric, value, unit, bcm_per_year, status FROM terms WHERE project_id = 'gem-alpha-power-station-2'
            """) == [["capacity", 250.0, "MW", .null, "not_applicable"]])
        // The country is both ends of the route, as for a pipeline within one country.
        #expect(try values(store, "SELECT country, role FROM project_route WHERE project_id = 'gem-iota-power-station-1' ORDER BY position")
            == [["BR", "origin"], ["BR", "destination"]])
        #expect(try values(store, """
            SELECT o.level, p.name, o.share FROM project_owners AS o JOIN parties AS p ON p.id = o.party_id
            WHERE o.project_id = 'gem-zeta-power-station-a' ORDER BY o.level, o.position
            """) == [["owner", "Zeta Co", 60.0], ["owner", "Eta Co", 40.0], ["parent", "Zeta Co", 60.0], ["parent", "Eta Co", 40.0]])
        #expect(try values(store, "SELECT date, date_kind FROM events WHERE id = 'gem-iota-power-station-1-start'")
            == [["2025", "planned"]])
        // Technology, fuel and the local name are in the note, so search finds them.
        #expect(try store.database.scalar(sql: "SELECT note FROM projects WHERE id = 'gem-alpha-power-station-1'").string
            == "part: 1; https://www.gem.wiki/Alpha_power_station; also named Альфа ТЭС; combined cycle; fuel: fossil gas: natural gas")
        // The units of one wiki page are one plant.
        #expect(try values(store, "SELECT project_id, system_id, part, counted FROM project_parts WHERE system_id = 'gem-gamma-power-station-unit-1-timepoint-2' ORDER BY project_id")
            == [["gem-gamma-power-station-unit-1-timepoint-2", "gem-gamma-power-station-unit-1-timepoint-2", "unit", 1],
                ["gem-gamma-power-station-unit-2-timepoint-2", "gem-gamma-power-station-unit-1-timepoint-2", "unit", 1]])
        #expect(try values(store, "SELECT rows FROM entity_overview WHERE id = 'gem-gamma-power-station-unit-1-timepoint-2'") == [[2]])
        #expect(try values(store, "SELECT title FROM sources WHERE id = 'gem-gogpt-map-2024-08'")
            == [["Global Energy Monitor, Global Oil and Gas Plant Tracker - map file, 2024-08 release"]])
    }

    @Test func theOlderReleaseUpdatesTheSamePlants() throws {
        let directory = try TemporaryDirectory()
        let store = try DealStore.create(at: directory.file("deals.db"), force: false, seed: true)
        let importer = GEMImporter(database: store.database)
        let first = try importer.run(path: Self.fixtures + "/plants-2023-08.csv")
        #expect(first.projectsCreated == 9)
        // A planned range is its first year.
        #expect(try values(store, "SELECT date FROM events WHERE id = 'gem-delta-power-station-1-start'") == [["2024"]])
        let second = try importer.run(path: Self.fixtures + "/plants-2024-08.csv")
        // Eight units are the projects the older release made: Alpha's and
        // Beta's units and Zeta (whose page GEM spells
        // https://gem.wiki/Zeta_Power_Station, then
        // https://www.gem.wiki/Zeta_power_station: one page) by the id they
        // had on their page, Gamma's re-keyed units and Epsilon renamed by
        // their wiki page; Iota is new.
        #expect(second.projectsCreated == 1)
        #expect(second.matched.map { "\($0.count) by \($0.how)" }
            == ["5 by the id of an earlier import", "3 by wiki page and part"])
        #expect(try values(store, "SELECT count(*) FROM projects WHERE name = 'Zeta power station'") == [[1]])
        #expect(try values(store, "SELECT status FROM projects WHERE id = 'gem-alpha-power-station-2'") == [["operating"]])
    }
}
