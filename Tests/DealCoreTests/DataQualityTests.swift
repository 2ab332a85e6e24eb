import Foundation
import SQLiteKit
import Testing
import TestSupport
@testable import DealCore

/// The data-quality rules (docs/QUALITY.md) and GEM owner strings in every
/// spelling, on our own made-up map file `map-quality.csv`.
@Suite struct DataQualityTests {
    static let fixture = SharedData.packageRoot + "/Tests/Fixtures/gem/map-quality.csv"

    private func imported(_ directory: borrowing TemporaryDirectory) throws -> (DealStore, GEMImporter.Summary) {
        let store = try DealStore.create(at: directory.file("deals.db"), force: false, seed: true)
        let summary = try GEMImporter(database: store.database).run(path: Self.fixture)
        return (store, summary)
    }

    @Test func ownersInEverySpelling() {
        func owners(_ text: String) -> [GEMProject.Owner] { GEMValue.owners(text).owners }
        #expect(owners("A Co [12.5%]; B Co [unknown %]; C Co")
            == [.init(name: "A Co", share: 12.5), .init(name: "B Co", share: nil), .init(name: "C Co", share: nil)])
        // Full-width brackets, separators, percent sign and digits.
        #expect(owners("甲公司 ［60%］； 乙公司 ［４０％］")
            == [.init(name: "甲公司", share: 60), .init(name: "乙公司", share: 40)])
        // Several companies in one entry, each with its own share; the group's [100%] goes to none.
        #expect(owners("江西省天然气集团有限公司(54%) ，国家石油天然气管网集团有限公司（46%） [100.00%]")
            == [.init(name: "江西省天然气集团有限公司", share: 54), .init(name: "国家石油天然气管网集团有限公司", share: 46)])
        #expect(owners("安徽中易农能源发展有限公司（51%），安徽泰航燃气有限公司（34%）、安徽君源燃气有限公司 [100.00%]")
            == [.init(name: "安徽中易农能源发展有限公司", share: 51), .init(name: "安徽泰航燃气有限公司", share: 34),
                .init(name: "安徽君源燃气有限公司", share: nil)])
        // GEM also separates Chinese companies with a plain comma, and adds notes after shares.
        #expect(owners("重庆燃气集团股份有限公司（32%）,中国石油天然气有限责任公司（25%）,重庆聚祥燃气有限公司 [100.00%]")
            == [.init(name: "重庆燃气集团股份有限公司", share: 32), .init(name: "中国石油天然气有限责任公司", share: 25),
                .init(name: "重庆聚祥燃气有限公司", share: nil)])
        #expect(owners("南京新星旺燃气有限公司(65%)（Major owner)，乙公司(35%) [100.00%]")
            == [.init(name: "南京新星旺燃气有限公司", share: 65), .init(name: "乙公司", share: 35)])
        #expect(owners("成都成实实业（集团）有限责任公司 [100.00%]") == [.init(name: "成都成实实业（集团）有限责任公司", share: 100)])
        // Parentheses without a percentage are part of the name; a Western comma never splits.
        #expect(owners("Acme (Pty) Ltd [100.00%]") == [.init(name: "Acme (Pty) Ltd", share: 100)])
        #expect(owners("Company, Inc. [40%]; Zero\u{200B}Width Co") == [.init(name: "Company, Inc.", share: 40),
                                                                    .init(name: "ZeroWidth Co", share: nil)])
        #expect(GEMValue.owners("A [150%]").problem?.contains("not a percentage") == true)
    }

    @Test func partyIdsAreReadable() {
        #expect(PartySlug.make("国家管网集团") == "guo-jia-guan-wang-ji-tuan")
        #expect(PartySlug.make("Газпром") == "gazprom")
        #expect(PartySlug.make("Société Générale") == "societe-generale")
        // Digits only is no id: the writer names such a party after its project.
        #expect(PartySlug.make("(32.25%)(25%)") == "")
        #expect(PartySlug.make("国家石油天然气管网集团有限公司西气东输分公司").count <= 50)
    }

    @Test func foldedNamesSuggestDuplicates() {
        #expect(DataQuality.foldedName("PJSC Gazprom") == DataQuality.foldedName("Gazprom"))
        #expect(DataQuality.foldedName("BHP Group Limited") == DataQuality.foldedName("BHP Group Ltd."))
        #expect(DataQuality.foldedName("ＡｌｔａＧａｓ") == DataQuality.foldedName("AltaGas Ltd"))
        #expect(DataQuality.foldedName("Gazprom Neft") != DataQuality.foldedName("Gazprom"))
    }

    /// Parties the old rule flagged (legal forms anywhere, "the") and those
    /// the name key joins are both flagged, one finding per group.
    @Test func duplicatePartiesByWordsOrByKey() throws {
        let directory = try TemporaryDirectory()
        let store = try DealStore.create(at: directory.file("deals.db"), force: false, seed: true)
        try store.database.execute(sql: """
            INSERT INTO parties (id, name, kind) VALUES ('sinopec-shanghai', 'Sinopec Shanghai', 'company'),
                ('sinopec-corp-shanghai', 'Sinopec Corp Shanghai', 'company'), ('qatar-energy', 'Qatar Energy', 'company'),
                ('qatarenergy', 'QatarEnergy', 'company'), ('qe', 'QE', 'company'), ('gail', 'GAIL', 'company'),
                ('gail-india', 'GAIL (India) Limited', 'company'), ('enel', 'Enel', 'company'), ('eni', 'Eni', 'company')
            """)
        try store.database.execute(sql: "INSERT INTO party_aliases (party_id, position, alias) VALUES ('qe', 1, 'Qatar Energy LLC')")
        #expect(try DataQuality.duplicateParties(store.database).map(\.subject) == [
            "parties gail, gail-india", "parties qatar-energy, qatarenergy, qe", "parties sinopec-corp-shanghai, sinopec-shanghai",
        ])
    }

    @Test func everyRuleFiresOnTheFixtureAndIsCounted() throws {
        let directory = try TemporaryDirectory()
        let (store, summary) = try imported(directory)
        let counts = Dictionary(uniqueKeysWithValues: summary.quality.map { ($0.rule, $0.count) })
        #expect(counts == [.capacityOutlier: 1, .nonFinite: 1, .duplicateRow: 1, .ownerShares: 2,
                           .repeatedRouteCountry: 1, .originIsDestination: 1,
                           .futureStartOperating: 1, .zeroCapacity: 1])
        #expect(summary.lines.last?.hasPrefix("data quality: 1 capacity-outlier, 1 non-finite, 1 duplicate-row") == true)
        let findings = try DataQuality.findings(in: store.database, today: "2026-01-01")
        let outlier = try #require(findings.first { $0.rule == .capacityOutlier })
        #expect(outlier.subject == "project gem-huge-typo-pipeline")
        #expect(outlier.locator == "gem-ggit-map line 2")
        #expect(outlier.message.contains("620563.69 bcm/y is above the 200 bcm/y limit for a pipeline"))
        // "Omega Gas Ltd" is Omega Gas under another spelling: one party, nothing to flag.
        #expect(!findings.contains { $0.rule == .duplicateParty })
        #expect(try store.database.scalar(sql: "SELECT party_id FROM party_aliases WHERE alias = 'Omega Gas Ltd'").string
            == "omega-gas")
        #expect(findings.first { $0.rule == .duplicateRow }?.message == "repeats line 7 word for word; counted once")
        // A start in 2031 is only in the future before 2031.
        #expect(try DataQuality.findings(in: store.database, today: "2032-01-01").allSatisfy { $0.rule != .futureStartOperating })
        // The seed alone breaks no rule.
        let clean = try DealStore.create(at: directory.file("seed.db"), force: false, seed: true)
        #expect(try DataQuality.findings(in: clean.database).isEmpty)
    }

    @Test func flaggedValuesAreKeptButLeftOutOfSums() throws {
        let directory = try TemporaryDirectory()
        let (store, _) = try imported(directory)
        // Kept as the source says.
        #expect(try store.database.scalar(sql: "SELECT value FROM terms WHERE project_id = 'gem-huge-typo-pipeline'").double
            == 620563.69)
        let infinite = try store.database.fetchOne(sql: "SELECT value, text FROM terms WHERE project_id = 'gem-infinite-line'")
        #expect(infinite?[0] == .null && infinite?.string(1) == "GEM gives \"inf\"")

        let totals = try QueryRows.builtIn("volumes-by-destination", store: store)
        func row(_ code: String) -> Int? { totals.rows.indices.first { totals[$0, "destination"].string == code } }
        // Iraq's two lines run within Iraq: domestic, apart from what crosses a border.
        let iraq = try #require(row("IQ"))
        #expect(totals[iraq, "bcm_per_year"].double == 0 && totals[iraq, "domestic"].double == 10)
        #expect(totals[iraq, "left_out"].string == "gem-huge-typo-pipeline 620563.69 bcm/y (capacity-outlier)")
        let china = try #require(row("CN"))
        #expect(abs((totals[china, "bcm_per_year"].double ?? 0) + (totals[china, "domestic"].double ?? 0)
                    - (106 + 5 + 4 + 7)) < 1e-9)
        #expect(totals[china, "left_out"].string == "gem-twice-line-2 7 bcm/y (duplicate-row)")

        let all = try QueryRows.builtIn("volumes-by-destination", parameters: ["include_flagged": "true"], store: store)
        let allIraq = try #require(all.rows.indices.first { all[$0, "destination"].string == "IQ" })
        #expect(all[allIraq, "domestic"].double == 620573.69)
        #expect(all[allIraq, "left_out"] == .null)

        // The chart draws Iraq's domestic lines only when asked.
        #expect(try FlowDestination.load(from: store).first { $0.code == "IQ" } == nil)
        let flows = try FlowDestination.load(from: store, includeDomestic: true)
        #expect(flows.first { $0.code == "IQ" }?.total == 10)
        var chart = FlowsChart(destinations: flows)
        chart.includeFlaggedHint = "--include-flagged"
        let svg = chart.svgDocument()
        #expect(svg.contains("Left out as flagged by data-quality rules (--include-flagged adds them)"))
        #expect(try FlowDestination.load(from: store, includeFlagged: true, includeDomestic: true).first?.total == 620573.69)
        #expect(try FlowDestination.load(from: store, includeFlagged: true).first { $0.code == "IQ" } == nil)
        #expect(try QueryRows.builtIn("volumes-by-certainty", store: store).rows.count
            < QueryRows.builtIn("volumes-by-certainty", parameters: ["include_flagged": "1"], store: store).rows.count)
    }

    @Test func partiesFromCJKOwnersAndReimport() throws {
        let directory = try TemporaryDirectory()
        let (store, _) = try imported(directory)
        let ids = try store.database.fetchAll(sql: "SELECT id FROM parties").compactMap { $0.string(0) }
        for id in ids {
            #expect(id.contains { $0.isLetter }, "\(id) has no letter")
            #expect(!id.hasPrefix("party-") && id != "party", "\(id)")
        }
        #expect(try store.database.fetchAll(sql: """
            SELECT party_id, share FROM project_owners WHERE project_id = 'gem-jiangxi-line' AND level = 'owner'
            ORDER BY position
            """).map { [$0.string(0) ?? "", $0.double(1).map { String($0) } ?? "-"] }
            == [["jiang-xi-sheng-tian-ran-qi-ji-tuan-you-xian-gong-s", "54.0"],
                ["guo-jia-shi-you-tian-ran-qi-guan-wang-ji-tuan-you", "46.0"]])
        let again = try GEMImporter(database: store.database).run(path: Self.fixture)
        #expect(again.lines[1] == "projects: 0 created, 0 updated, 10 unchanged")
        #expect(try store.database.scalar(sql: "SELECT count(*) FROM quality_notes").int64 == 2)
    }
}

/// Capacities in the unit GEM was given them in, beside GEM's bcm/y.
@Suite struct GEMUnitsTests {
    @Test func sourceUnitsAreKeptAndSumsUseBcmPerYear() throws {
        let directory = try TemporaryDirectory()
        let store = try DealStore.create(at: directory.file("deals.db"), force: false, seed: false)
        let summary = try GEMImporter(database: store.database)
            .run(path: SharedData.packageRoot + "/Tests/Fixtures/gem/pipelines-units.csv")
        #expect(summary.quality.map(\.rule) == [.nonFinite])
        let terms = try store.database.fetchAll(sql: """
            SELECT project_id, metric, value, unit, iif(bcm_per_year IS NULL, NULL, printf('%.4f', bcm_per_year)), text
            FROM terms ORDER BY project_id, position
            """).map { $0.values.map { $0.string ?? $0.double.map { String($0) } ?? "-" } }
        #expect(terms == [
            ["gem-p9101", "capacity", "9.83", "bcm/y", "9.8300", "-"],
            ["gem-p9101", "capacity", "950.0", "MMcf/d", "9.8186", "-"],
            ["gem-p9101", "cost", "-", "USD", "-", "GEM gives \"NaN\""],
            ["gem-p9102", "capacity", "4.38", "bcm/y", "4.3800", "-"],
            ["gem-p9102", "capacity", "12.0", "MMscmd", "4.3800", "-"],
            // TJ/d needs a calorific value: only GEM's own conversion is kept.
            ["gem-p9103", "capacity", "0.97", "bcm/y", "0.9700", "-"],
        ])
        // One value per project is summed, GEM's bcm/y: never 9.83 + 9.82.
        let totals = try QueryRows.builtIn("volumes-by-destination", store: store)
        #expect(totals[0, "destination"].string == "EG")
        #expect(abs((totals[0, "domestic"].double ?? 0) - (9.83 + 4.38 + 0.97)) < 1e-9)
    }
}
