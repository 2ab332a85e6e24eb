import Foundation
import Testing
import TestSupport

/// `dealdb parties` as a group: the listing stays the default, `merge`
/// merges, export carries the decision to a fresh database.
@Suite struct PartyMergeCommandTests {
    static let fixture = SharedData.packageRoot + "/Tests/Fixtures/gem/map-spellings.csv"

    @Test func listingIsStillTheDefault() throws {
        let database = try QueryDatabase(.seed)
        let plain = try database.run(["parties", "--name", "gazprom", "--format", "csv"])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout == "id,name,kind,country,agreements,projects_owned\r\ngazprom,Gazprom,state_company,RU,5,0\r\n")
        #expect(try database.run(["parties", "list", "--name", "gazprom", "--format", "csv"]).stdout == plain.stdout)
    }

    @Test func mergeMovesStakesAndTheExportRebuildsIt() throws {
        let database = try QueryDatabase(.seed)
        #expect(try database.run(["import", "--from", "gem", Self.fixture]).status == 0)
        let merged = try database.run(["parties", "merge", "gazprom", "gazprom-neft"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.hasPrefix("merged gazprom-neft (Gazprom Neft) into gazprom:\n"))
        #expect(merged.stdout.contains("both held a stake; kept gazprom's (60 %), dropped gazprom-neft's (40 %"))
        #expect(merged.stdout.contains("aliases added: \"Gazprom Neft\""))
        #expect(try database.records(["projects", "--owner", "Gazprom Neft"]).compactMap { $0["id"] }
            == ["gem-spelling-seven-pipeline"])

        let exported = try database.run(["export", "--format", "yaml"])
        #expect(exported.status == 0 && exported.stdout.contains("  merged:\n  - gazprom-neft\n"))
        let directory = try TemporaryDirectory()
        let fresh = directory.file("fresh.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", fresh]).status == 0)
        let imported = try ProcessRunner.dealdb(["import", "--db", fresh, "-"], stdin: Data(exported.stdout.utf8))
        #expect(imported.status == 0, "\(imported.stderr)")
        let count = "SELECT (SELECT count(*) FROM parties), (SELECT count(*) FROM party_aliases), (SELECT count(*) FROM party_merges), "
            + "(SELECT count(*) FROM project_owners), (SELECT count(*) FROM agreement_parties)"
        #expect(try ProcessRunner.sqlite3(fresh, count).stdout == ProcessRunner.sqlite3(database.path, count).stdout)
    }

    @Test func mistakesAreRefused() throws {
        let database = try QueryDatabase(.seed)
        let unknown = try database.run(["parties", "merge", "gazprom", "gazprm"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no party with id \"gazprm\""), "\(unknown.stderr)")
        #expect(try database.run(["parties", "merge", "gazprom"]).status == 64)
        #expect(try database.run(["parties", "merge", "gazprom", "gazprom"]).status == 64)
        let dry = try database.run(["parties", "merge", "cnpc", "gazprom", "--dry-run"])
        #expect(dry.status == 0 && dry.stdout.hasSuffix("dry run: nothing was changed\n"))
        #expect(try database.run(["show", "gazprom"]).status == 0)
    }
}
