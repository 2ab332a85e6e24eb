import Foundation
import Testing
import TestSupport

/// `projects --sort` and `--desc`, and a repeated `--country`, on a fixture
/// whose projects have and lack capacity, length and start year. Order is
/// read from the CSV with Python's csv module.
@Suite struct ProjectOrderTests {
    private func fixture() throws -> QueryDatabase {
        let database = try QueryDatabase(.empty)
        let imported = try database.run(["import", SharedData.packageRoot + "/Tests/Fixtures/queries/route-order.yaml"])
        #expect(imported.status == 0, "\(imported.stderr)")
        return database
    }

    private func ids(_ database: QueryDatabase, _ arguments: [String]) throws -> [String] {
        try database.records(["projects"] + arguments).compactMap { $0["id"] }
    }

    @Test func sortsWithEmptyValuesLastBothWays() throws {
        let database = try fixture()
        #expect(try ids(database, []) == ["alpha-test", "baltic-test", "middle-test", "unknown-test"])
        #expect(try ids(database, ["--desc"]) == ["unknown-test", "middle-test", "baltic-test", "alpha-test"])
        #expect(try ids(database, ["--sort", "capacity"]) == ["alpha-test", "middle-test", "baltic-test", "unknown-test"])
        #expect(try ids(database, ["--sort", "capacity", "--desc"]) == ["baltic-test", "middle-test", "alpha-test", "unknown-test"])
        // Length and start: two have none; they come last, in id order.
        #expect(try ids(database, ["--sort", "length"]) == ["middle-test", "baltic-test", "alpha-test", "unknown-test"])
        #expect(try ids(database, ["--sort", "length", "--desc"]) == ["baltic-test", "middle-test", "unknown-test", "alpha-test"])
        #expect(try ids(database, ["--sort", "start"]) == ["baltic-test", "middle-test", "alpha-test", "unknown-test"])
        #expect(try ids(database, ["--sort", "start", "--desc"]) == ["middle-test", "baltic-test", "unknown-test", "alpha-test"])
        // Names in any case: "alpha" before "Baltic".
        #expect(try ids(database, ["--sort", "name"]) == ["alpha-test", "baltic-test", "middle-test", "unknown-test"])
        #expect(try ids(database, ["--sort", "name", "--desc", "--limit", "2"]) == ["unknown-test", "middle-test"])
        // The order holds for --parts too.
        #expect(try ids(database, ["--sort", "capacity", "--desc", "--parts"]).first == "baltic-test")
    }

    @Test func sortValuesAreListedAndCheckedAsArguments() throws {
        let database = try fixture()
        let help = try ProcessRunner.dealdb(["projects", "--help"])
        #expect(help.stdout.contains("capacity, length, start, name"), "\(help.stdout)")
        let wrong = try database.run(["projects", "--sort", "size"])
        #expect(wrong.status == 64, "\(wrong.stderr)")
    }

    /// Every --country counts (any of them), not only the last one.
    @Test func repeatedCountryMatchesAny() throws {
        let database = try fixture()
        #expect(try ids(database, ["--country", "ES"]) == ["middle-test"])
        #expect(try ids(database, ["--country", "IT"]) == ["unknown-test"])
        #expect(try ids(database, ["--country", "ES", "--country", "Italy"]) == ["middle-test", "unknown-test"])
        #expect(try ids(database, ["--country", "SE", "--country", "NO", "--role", "origin"]) == ["alpha-test"])
        let unknown = try database.run(["projects", "--country", "ES", "--country", "Atlantis"])
        #expect(unknown.status != 0)
    }
}
