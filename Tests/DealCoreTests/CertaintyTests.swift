import Foundation
import SQLiteKit
import Testing
import TestSupport
@testable import DealCore

/// Issue 12: certainty that no default invents, units, the --as-of rule,
/// binding claimed by one side, and the seed as the article tells it.
@Suite struct CertaintyTests {
    private func seeded(_ directory: borrowing TemporaryDirectory) throws -> DealStore {
        try DealStore.create(at: directory.file("deals.db"), force: false, seed: true)
    }

    private func text(_ store: DealStore, _ sql: String, _ arguments: [SQLiteValue] = []) throws -> String? {
        try store.database.scalar(sql: sql, arguments: arguments).string
    }

    private func rows(_ name: String, _ parameters: [String: String] = [:], _ store: DealStore) throws -> [[String: String]] {
        let result = try QueryRows.builtIn(name, parameters: parameters, store: store)
        return result.rows.indices.map { index in
            Dictionary(uniqueKeysWithValues: result.columns.map { column in
                (column, result[index, column].string ?? result[index, column].double.map { FlowsChart.format($0) } ?? "")
            })
        }
    }

    // MARK: Certainty that nothing invents

    @Test func aTermWithoutStatusIsNotStatedInTheSchemaTheParserAndTheExport() throws {
        let directory = try TemporaryDirectory()
        let store = try DealStore.create(at: directory.file("d.db"), force: false, seed: false)
        try store.database.execute(sql: "INSERT INTO citables (kind) VALUES ('project'), ('term')")
        try store.database.execute(sql: "INSERT INTO projects (id, citable_id, name) VALUES ('p', 1, 'P')")
        try store.database.execute(sql: "INSERT INTO terms (citable_id, project_id, position, metric) VALUES (2, 'p', 1, 'cost')")
        #expect(try text(store, "SELECT status FROM terms") == "not_stated")

        let yaml = "projects: [{id: q, name: Q, terms: [{metric: cost, value: 5, unit: USD}]}]"
        _ = try DocumentImporter(database: store.database).run([DocumentInput(name: "q.yaml", text: yaml)], dryRun: false)
        #expect(try text(store, "SELECT status FROM terms WHERE project_id = 'q'") == "not_stated")
        let exported = try DocumentExporter(database: store.database).export(.all, format: .yaml)
        #expect(exported.contains("status: not_stated"))
    }

    @Test func gemFiguresAreNotNegotiatedTerms() throws {
        #expect(GEMProject.statusIndependentTermState == "not_applicable")
    }

    // MARK: Units

    /// Every factor in docs/UNITS.md's table is the one the schema applies.
    @Test func bcmPerYearUsesTheFactorsOfUnitsMD() throws {
        let doc = try String(contentsOfFile: SharedData.packageRoot + "/docs/UNITS.md", encoding: .utf8)
        var factors: [String: Double] = [:]
        for line in doc.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, let factor = Double(cells[2]) else { continue }
            factors[cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = factor
        }
        #expect(factors.keys.sorted() == ["MMcf/d", "MMscmd", "bcf/d", "bcm/y", "mtpa"])

        let directory = try TemporaryDirectory()
        let store = try DealStore.create(at: directory.file("d.db"), force: false, seed: false)
        try store.database.execute(sql: "INSERT INTO citables (kind) VALUES ('project')")
        try store.database.execute(sql: "INSERT INTO projects (id, citable_id, name) VALUES ('p', 1, 'P')")
        for (index, unit) in (factors.keys.sorted() + ["km"]).enumerated() {
            try store.database.execute(sql: "INSERT INTO citables (kind) VALUES ('term')")
            try store.database.execute(
                sql: "INSERT INTO terms (citable_id, project_id, position, metric, value, unit) VALUES (?, 'p', ?, ?, 2, ?)",
                arguments: [.integer(store.database.lastInsertRowID), .integer(Int64(index + 1)),
                            .text(unit == "km" ? "length" : "capacity"), .text(unit)])
            let converted = try store.database.scalar(sql: "SELECT bcm_per_year FROM terms WHERE unit = ?",
                                                      arguments: [.text(unit)]).double
            if let factor = factors[unit] {
                #expect(converted.map { abs($0 - 2 * factor) < 1e-9 } == true, "\(unit): \(String(describing: converted))")
            } else {
                #expect(converted == nil)
            }
        }
        // Sums never add mtpa to bcm/y: 2 bcm/y + 2 mtpa is 2 + 2.72.
        let total = try store.database.scalar(
            sql: "SELECT sum(bcm_per_year) FROM terms WHERE unit IN ('bcm/y', 'mtpa')").double
        #expect(total.map { abs($0 - 4.72) < 1e-9 } == true)
    }

    // MARK: --as-of

    @Test func termPeriodsTakeTheAgreementsDates() throws {
        let directory = try TemporaryDirectory()
        let store = try DealStore.create(at: directory.file("d.db"), force: false, seed: false)
        let yaml = """
            projects: [{id: line, name: Line, terms: [{metric: capacity, value: 9, unit: bcm/y}]}]
            agreements:
              - id: early
                title: Early study
                signed: "2010"
                project: line
              - id: deal
                title: Supply deal
                signed: "2020-05"
                ended: "2024"
                project: line
                terms:
                  - {metric: volume, value: 9, unit: bcm/y}
                  - {metric: volume, value: 8, unit: bcm/y, valid_from: "2019", valid_to: "2030"}
            """
        _ = try DocumentImporter(database: store.database).run([DocumentInput(name: "d.yaml", text: yaml)], dryRun: false)
        let periods = try store.database.fetchAll(sql: """
            SELECT coalesce(t.agreement_id, t.project_id) || '#' || t.position, p.starts, p.ends
            FROM terms AS t JOIN term_periods AS p ON p.term_id = t.id ORDER BY t.id
            """).map { [$0.string(0) ?? "", $0.string(1) ?? "-", $0.string(2) ?? "-"] }
        #expect(periods == [
            // Undated project capacity: from the first agreement that sets a volume, not the 2010 study.
            ["line#1", "2020-05", "-"],
            // Undated agreement term: the agreement's own dates.
            ["deal#1", "2020-05", "2024"],
            // Its dates narrowed by the agreement's: not before signing, not after it ended.
            ["deal#2", "2020-05", "2024"],
        ])
        #expect(try TermPeriods.of(store.database, agreement: "deal").map(\.starts) == ["2020-05", "2020-05"])
        // `ended` goes out and comes back with the agreement.
        let exported = try DocumentExporter(database: store.database).export(.all, format: .yaml)
        #expect(exported.contains("ended: \"2024\""))
        #expect(TermPeriods.Period(starts: "2020-05", ends: "2024").contains("2024-06"))
        #expect(!TermPeriods.Period(starts: "2020-05", ends: "2024").contains("2020-04"))
        #expect(!TermPeriods.Period(starts: "2020-05", ends: "2024").contains("2025"))
    }

    @Test func volumesByDestinationRespectSigningDates() throws {
        let directory = try TemporaryDirectory()
        let store = try seeded(directory)
        func china(_ asOf: String?) throws -> [String: String]? {
            try rows("volumes-by-destination", asOf.map { ["as_of": $0] } ?? [:], store).first { $0["destination"] == "CN" }
        }
        #expect(try china("2020")?["bcm_per_year"] == "38")
        #expect(try china("2020")?["projects"] == "pos-1")
        #expect(try china("2023")?["bcm_per_year"] == "48")
        #expect(try china("2025-06")?["bcm_per_year"] == "48")
        #expect(try china(nil)?["bcm_per_year"] == "106")
        // A change within the year is a change during it, said so.
        let year = try #require(try china("2025"))
        #expect(year["bcm_per_year"] == "106")
        #expect(year["changed"] == "far-eastern-route: 10 -> 12; pos-1: 38 -> 44")
        #expect(try china(nil)?["changed"] == "")
    }

    @Test func statesAreChosenAndNamed() throws {
        let directory = try TemporaryDirectory()
        let store = try seeded(directory)
        #expect(try rows("volumes-by-destination", ["state": "agreed"], store).isEmpty)
        let designed = try rows("volumes-by-destination", ["state": "agreed, not_applicable"], store)
        #expect(designed.map { [$0["bcm_per_year"], $0["states"]] } == [["106", "not_applicable"]])
        let query = try QueryCatalog.builtIn().query(named: "volumes-by-destination")
        #expect(query.title.contains("every negotiation state"))
        #expect(throws: DealError.self) { _ = try rows("volumes-by-destination", ["state": "agread"], store) }
        let flows = try FlowDestination.load(from: store, states: ["agreed"])
        #expect(flows.isEmpty)
        var chart = FlowsChart(destinations: try FlowDestination.load(from: store))
        #expect(chart.summary.contains("Adds up every negotiation state."))
        chart.states = ["not_applicable"]
        #expect(chart.summary.contains("Adds up negotiation states not_applicable."))
    }

    // MARK: Binding claimed by one side

    @Test func bindingNamesWhoAssertsIt() throws {
        let directory = try TemporaryDirectory()
        let store = try seeded(directory)
        let nonBinding = try rows("non-binding", [:], store)
        let memorandum = try #require(nonBinding.first { $0["agreement"] == "pos2-gazprom-cnpc-2025" })
        #expect(memorandum["binding"] == "yes, per Gazprom; China National Petroleum Corporation unconfirmed")
        #expect(memorandum["why"] == "binding only per Gazprom; China National Petroleum Corporation not confirmed")
        // Both parties confirmed: binding stands as recorded and is not listed.
        #expect(!nonBinding.contains { $0["agreement"] == "pos1-supply-2014" })
        #expect(nonBinding.first { $0["agreement"] == "pos2-mongolia-transit-2025" }?["why"] == "binding force unknown")
        let page = try RecordDescriber(store: store).describe("pos2-gazprom-cnpc-2025")
        #expect(page.contains("Binding:   yes, per Gazprom; China National Petroleum Corporation unconfirmed"))
    }

    // MARK: Volumes by certainty

    @Test func volumesByCertaintyOnTheSeed() throws {
        let directory = try TemporaryDirectory()
        let store = try seeded(directory)
        let result = try QueryRows.builtIn("volumes-by-certainty", store: store)
        #expect(result.columns == ["destination", "project", "agreement", "bcm_per_year", "negotiation", "evidence",
                                   "agreement_status", "binding", "confirmed_by_all", "project_status"])
        let table = try rows("volumes-by-certainty", [:], store)
        #expect(table.map { $0["bcm_per_year"] } == ["50", "44", "12"])
        let pos2 = try #require(table.first)
        // 50 of the 106 bcm/y rest on a memorandum CNPC has not confirmed, for a line being built.
        #expect(pos2 == ["destination": "CN", "project": "pos-2", "agreement": "pos2-gazprom-cnpc-2025",
                         "bcm_per_year": "50", "negotiation": "agreed", "evidence": "reported",
                         "agreement_status": "signed",
                         "binding": "yes, per Gazprom; China National Petroleum Corporation unconfirmed",
                         "confirmed_by_all": "no", "project_status": "construction"])
        #expect(table[1]["confirmed_by_all"] == "yes" && table[1]["agreement"] == "pos1-supply-2014")
        #expect(try rows("volumes-by-certainty", ["as_of": "2020"], store).map { $0["project"] } == ["pos-1"])
    }

    // MARK: show --as-of

    @Test func showAsOfFollowsTheRuleAndSaysWhatChanged() throws {
        let directory = try TemporaryDirectory()
        let store = try seeded(directory)
        let describer = RecordDescriber(store: store)
        let year = try describer.describe("pos-1", asOf: "2025")
        #expect(year.contains("capacity changed during 2025: 38 bcm/y → 44 bcm/y"))
        let before = try describer.describe("pos-1", asOf: "2025-06")
        #expect(before.contains("capacity: 38 bcm/y") && !before.contains("capacity: 44 bcm/y") && !before.contains("changed"))
        // The memorandum's terms did not exist before it was signed.
        let memorandum = try describer.describe("pos2-gazprom-cnpc-2025", asOf: "2020")
        #expect(!memorandum.contains("Terms as of"))
        #expect(try describer.describe("pos2-gazprom-cnpc-2025", asOf: "2025-09").contains("volume: 50 bcm/y"))
    }
}

extension GEMProject {
    /// The state every GEM term gets, whatever the project's status.
    static var statusIndependentTermState: String {
        let states = ["proposed", "operating", "cancelled", nil].map { status in
            GEMProject(line: 1, id: "x", name: "x", part: nil, kind: "pipeline", commodity: "gas", status: status,
                       route: [], terms: [], startYear: nil, owners: [], parents: [], note: nil).termStatus
        }
        return Set(states).count == 1 ? states[0] : "differs: \(states)"
    }
}
