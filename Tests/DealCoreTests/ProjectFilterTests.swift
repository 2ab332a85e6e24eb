import Foundation
import SQLiteKit
import Testing
import TestSupport
@testable import DealCore

/// ProjectFilter as other queries (the charts) use it: resolved once, its
/// condition or its id subquery dropped into SQL of their own.
@Suite struct ProjectFilterTests {
    private func seeded(_ directory: borrowing TemporaryDirectory) throws -> DealStore {
        let path = directory.file("deals.db")
        return try DealStore.create(at: path, force: false, seed: true)
    }

    @Test func emptyFilterMatchesEverything() throws {
        let directory = try TemporaryDirectory()
        let store = try seeded(directory)
        let selection = try ProjectFilter().resolve(in: store)
        #expect(selection.isEmpty && selection.condition == "1" && selection.arguments.isEmpty)
        let count = try store.database.fetchAll(sql: "SELECT count(*) FROM (\(selection.ids))").first?.int64(0)
        #expect(count == (try store.database.scalar(sql: "SELECT count(*) FROM projects").int64))
    }

    @Test func idsSubqueryWorksInsideAnotherQuery() throws {
        let directory = try TemporaryDirectory()
        let store = try seeded(directory)
        let filter = ProjectFilter(countries: ["Mongolia"], role: .transit, statuses: ["proposed", "construction"],
                                   kind: "pipeline", commodity: "gas", owners: [], name: "siberia",
                                   minCapacity: 40, since: nil, until: nil)
        let selection = try filter.resolve(in: store, alias: "fp")
        #expect(selection.arguments.allSatisfy { $0.name.hasPrefix(":pf_") })
        // The caller's own parameter names do not collide with the filter's.
        let rows = try store.database.fetchAll(
            sql: "SELECT a.id FROM agreements AS a WHERE a.project_id IN (\(selection.ids)) AND a.signed >= :since ORDER BY a.id",
            named: selection.namedArguments.merging([":since": .text("2025")]) { first, _ in first })
        #expect(rows.compactMap { $0.string(0) } == ["pos2-gazprom-cnpc-2025", "pos2-mongolia-transit-2025"])
        // The same filter as a condition on the caller's own alias.
        let direct = try store.database.fetchAll(
            sql: "SELECT fp.id FROM projects AS fp WHERE \(selection.condition)", named: selection.namedArguments)
        #expect(direct.compactMap { $0.string(0) } == ["pos-2"])
    }

    @Test func namesAreResolvedAndBadValuesRefused() throws {
        let directory = try TemporaryDirectory()
        let store = try seeded(directory)
        let selection = try ProjectFilter(countries: ["Russia", "RU", "russian federation"]).resolve(in: store)
        #expect(selection.arguments.first?.value == .text("[\"RU\"]"))
        #expect(throws: DealError.self) { try ProjectFilter(countries: ["Narnia"]).resolve(in: store) }
        #expect(throws: DealError.self) { try ProjectFilter(statuses: ["running"]).resolve(in: store) }
        #expect(throws: DealError.self) { try ProjectFilter(owners: ["Nobody Inc"]).resolve(in: store) }
        #expect(throws: DealError.self) { try ProjectFilter(since: 2030, until: 2020).resolve(in: store) }
        #expect(throws: DealError.self) { try ProjectFilter(minCapacity: .nan).resolve(in: store) }
    }

    @Test func countryResolverKnowsCodesNamesAndOtherNames() throws {
        let directory = try TemporaryDirectory()
        let store = try seeded(directory)
        let resolver = CountryResolver(store: store)
        for (text, code) in [("tr", "TR"), ("Türkiye", "TR"), ("TURKEY", "TR"), ("turkiye", "TR"), ("Russia", "RU"),
                             ("Iran", "IR"), ("Korea", "KR"), ("South Korea", "KR"), ("North Korea", "KP"),
                             ("Vietnam", "VN"), ("Viet Nam", "VN"), ("Czech Republic", "CZ"), ("Czechia", "CZ"),
                             ("UK", "GB"), ("USA", "US"), ("DR Congo", "CD"), ("Ivory Coast", "CI"),
                             ("Côte d’Ivoire", "CI"), ("Burma", "MM"), ("Kosovo", "XK"), ("  laos ", "LA")] {
            #expect(try resolver.code(for: text) == code, "\(text)")
        }
        do {
            _ = try resolver.code(for: "Rusia")
            Issue.record("Rusia should be unknown")
        } catch let error as DealError {
            #expect(error.message.contains("did you mean \"Russia\""), "\(error.message)")
        }
        // Every other name points at a real country and none is also an ISO name of another.
        let clashes = try store.database.fetchAll(sql: """
            SELECT n.name FROM country_names AS n JOIN countries AS c
              ON (lower(c.name) = lower(n.name) OR lower(c.common_name) = lower(n.name) OR c.code = upper(n.name))
            WHERE c.code <> n.code
            """)
        #expect(clashes.isEmpty, "\(clashes.map { $0.string(0) ?? "" })")
    }
}
