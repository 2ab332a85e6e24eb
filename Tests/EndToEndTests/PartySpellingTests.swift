import Foundation
import Testing
import TestSupport

/// The one name rule and the party-name key through the real binary, on the
/// seed and on our own GEM fixture of spellings (Tests/Fixtures/gem/map-spellings.csv).
@Suite struct PartySpellingTests {
    static let fixture = SharedData.packageRoot + "/Tests/Fixtures/gem/map-spellings.csv"

    @Test func everyCommandFindsGazpromHoweverTyped() throws {
        let database = try QueryDatabase(.seed)
        for spelling in ["ｇａｚｐｒｏｍ", "gazprom  ", "GAZPROM", "  Gazprom"] {
            let list = try database.run(["list", "--party", spelling, "--format", "csv"])
            #expect(list.status == 0, "\(spelling): \(list.stderr)")
            #expect(list.stdout.contains("pos2-gazprom-cnpc-2025"), "\(spelling)")
            let show = try database.run(["show", spelling])
            #expect(show.status == 0 && show.stdout.hasPrefix("Party gazprom"), "\(spelling): \(show.stderr)")
            let query = try database.run(["query", "deals-by-party", "-p", "party=\(spelling)", "--format", "csv"])
            #expect(query.status == 0 && query.stdout.contains("pos2-gazprom-cnpc-2025"), "\(spelling): \(query.stderr)")
        }
        let unknown = try database.run(["list", "--party", "ｇａｚｐｒｏｍ ｎｅｆｔ"])
        #expect(unknown.status == 1 && unknown.stderr.contains("unknown party"))
    }

    @Test func ownerFindsEverySpellingOfOneCompany() throws {
        let database = try QueryDatabase(.seed)
        let imported = try database.run(["import", "--from", "gem", Self.fixture])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("parties: 8 created"), "\(imported.stdout)")
        for spelling in ["Qatar Energy", "QatarEnergy", "ＱＡＴＡＲＥＮＥＲＧＹ", "qatar energy ltd"] {
            let rows = try database.records(["projects", "--owner", spelling])
            #expect(rows.compactMap { $0["id"] } == ["gem-spelling-one-pipeline", "gem-spelling-two-pipeline"], "\(spelling)")
        }
        let gail = try database.run(["show", "GAIL"])
        #expect(gail.status == 0 && gail.stdout.contains("GAIL (India) Limited"), "\(gail.stderr)")
        // Two companies of one name with different countries in brackets stay two.
        #expect(try database.records(["projects", "--owner", "Trans Thai-Malaysia (Thailand) Limited"]).count == 1)
        let doctor = try database.run(["doctor"])
        #expect(doctor.stdout.contains(
            "parties trans-thai-malaysia-malaysia-sdn-bhd, trans-thai-malaysia-thailand-limited: duplicate-party"))
    }
}
