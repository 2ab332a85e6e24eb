import Foundation
import SQLiteKit
import Testing
import TestSupport
@testable import DealCore

/// One company under several spellings is one party: the key, the GEM
/// import that uses it, lookups on a database made before it, and the
/// duplicate-party rule.
@Suite struct PartyNameKeyTests {
    static let fixture = SharedData.packageRoot + "/Tests/Fixtures/gem/map-spellings.csv"

    /// The four pairs of GEM's map file, and more spellings of its kind.
    @Test(arguments: [
        ("Qatar Energy", "QatarEnergy"), ("Eni", "Eni S.p.A."), ("GAIL", "GAIL (India) Limited"),
        ("TotalEnergies", "TotalEnergies SE"), ("Eni", "ENI SpA"), ("Eni", "Eni S. p. A."), ("Gazprom", "PJSC Gazprom"),
        ("BHP Group Limited", "BHP Group Ltd."), ("ＡｌｔａＧａｓ", "AltaGas Ltd"), ("Kunlun Energy Co Ltd", "Kunlun Energy Co., Ltd."),
        ("China National Petroleum Corporation", "China National Petroleum"), ("Chevron Australia", "Chevron Australia Pty Ltd"),
        ("Kuwait Petroleum Corporation", "Kuwait Petroleum Corporation (KPC)"), ("Shell", "Shell plc"),
        ("Liaoning Energy Investment Group", "Liaoning Energy Investment (Group) Co Ltd"),
        ("合肥燃气集团", "合肥燃气集团有限公司"), ("PT Pertamina", "Pertamina"), ("Vår Energi", "Var Energi AS"),
    ])
    func spellingsOfOneCompanyShareAKey(_ pair: (String, String)) {
        #expect(PartyNameKey.make(pair.0) == PartyNameKey.make(pair.1))
        #expect(PartyNameKey.same(pair.0, pair.1))
    }

    @Test(arguments: [
        ("Shell", "Shell Nigeria"), ("Gazprom", "Gazprom Neft"), ("Eni", "Enel"),
        ("China National Petroleum Corporation", "China National Offshore Oil Corporation"),
        ("Shenergy (Group) Co Ltd", "Shenergy Company Limited"),
        ("Hong Kong and China Gas (Hebei) Co Ltd", "Hong Kong and China Gas (Wonghua) Co Ltd"),
        ("Trans Thai-Malaysia (Malaysia) Sdn Bhd", "Trans Thai-Malaysia (Thailand) Limited"),
        // CNPC's group and PetroChina: 集团 is not a legal form.
        ("中国石油天然气集团有限公司", "中国石油天然气股份有限公司"),
        ("Total", "TotalEnergies"), ("Limited", "Ltd"),
    ])
    func differentCompaniesDoNot(_ pair: (String, String)) {
        #expect(!PartyNameKey.same(pair.0, pair.1))
    }

    @Test func aKeyIsNeverEmpty() {
        #expect(PartyNameKey.make("Limited") == "limited")
        #expect(PartyNameKey.make("Co., Ltd.") == "co")
        #expect(!PartyNameKey.make("—").isEmpty)
    }

    private func imported(_ directory: borrowing TemporaryDirectory) throws -> DealStore {
        let store = try DealStore.create(at: directory.file("deals.db"), force: false, seed: true)
        _ = try GEMImporter(database: store.database).run(path: Self.fixture, options: .init())
        return store
    }

    private func strings(_ store: DealStore, _ sql: String) throws -> [String] {
        try store.database.fetchAll(sql: sql).map { row in
            (0..<row.values.count).map { row.string($0) ?? row.int64($0).map(String.init) ?? "NULL" }.joined(separator: "|")
        }
    }

    @Test func gemImportMakesOnePartyPerCompanyAndKeepsEverySpelling() throws {
        let directory = try TemporaryDirectory()
        let store = try imported(directory)
        #expect(try strings(store, """
            SELECT p.id, p.name, coalesce(group_concat(a.alias, '; '), '') FROM parties AS p
            LEFT JOIN party_aliases AS a ON a.party_id = p.id WHERE p.note LIKE 'created by the GEM import%'
            GROUP BY p.id ORDER BY p.id
            """) == [
            "enel-spa|Enel SpA|", "eni-s-p-a|Eni S.p.A.|Eni", "gail-india-limited|GAIL (India) Limited|GAIL",
            "gazprom-neft|Gazprom Neft|", "qatar-energy|Qatar Energy|QatarEnergy",
            "totalenergies-se|TotalEnergies SE|TotalEnergies",
            "trans-thai-malaysia-malaysia-sdn-bhd|Trans Thai-Malaysia (Malaysia) Sdn Bhd|",
            "trans-thai-malaysia-thailand-limited|Trans Thai-Malaysia (Thailand) Limited|",
        ])
        // Every stake of each spelling is the one party's.
        #expect(try strings(store, """
            SELECT party_id, count(*) FROM project_owners WHERE project_id LIKE 'gem-spelling-%' AND party_id IS NOT NULL
            GROUP BY party_id ORDER BY party_id
            """) == ["enel-spa|1", "eni-s-p-a|2", "gail-india-limited|2", "gazprom|1", "gazprom-neft|1", "qatar-energy|2",
                     "totalenergies-se|2", "trans-thai-malaysia-malaysia-sdn-bhd|1", "trans-thai-malaysia-thailand-limited|1"])
        // A second import of the same file changes nothing.
        let again = try GEMImporter(database: store.database).run(path: Self.fixture, options: .init())
        #expect(again.partiesCreated == 0 && again.projectsUnchanged == 9)
        #expect(try strings(store, "SELECT count(*) FROM party_aliases WHERE party_id = 'qatar-energy'") == ["1"])
    }

    /// A database made before the key has two parties for one company; a
    /// lookup by either spelling gives both, and the rule flags them.
    @Test func lookupsOnAnOlderDatabaseFindEverySpelling() throws {
        let directory = try TemporaryDirectory()
        let store = try DealStore.create(at: directory.file("deals.db"), force: false, seed: true)
        try store.database.execute(sql: """
            INSERT INTO parties (id, name, kind) VALUES ('qatar-energy', 'Qatar Energy', 'company'),
                ('qatarenergy', 'QatarEnergy', 'company'), ('eni', 'Eni', 'company'), ('enel', 'Enel', 'company')
            """)
        let resolver = NameResolver(database: store.database)
        for text in ["Qatar Energy", "QatarEnergy", "qatar  energy", "Ｑａｔａｒ Ｅｎｅｒｇｙ", "QatarEnergy LNG"].dropLast() {
            #expect(try resolver.parties(matching: text) == ["qatar-energy", "qatarenergy"], "\(text)")
        }
        #expect(try resolver.parties(matching: "Eni S.p.A.") == ["eni"])
        // parties --name lists both spellings too.
        let listed = try PartyList(store: store).prepare(PartyFilter(name: "Qatar Energy"))
        #expect(listed.description.contains(#"["qatar-energy","qatarenergy"]"#), "\(listed.description)")
        // show prefers the exact name, and names both when only the key matches.
        #expect(try RecordFinder(database: store.database).find("QatarEnergy").id == "qatarenergy")
        #expect(try RecordFinder(database: store.database).find("Eni SpA").id == "eni")
        #expect(throws: DealError.self) { try RecordFinder(database: store.database).find("Qatar Energy Ltd") }
        let findings = try DataQuality.duplicateParties(store.database)
        #expect(findings.map(\.subject) == ["parties qatar-energy, qatarenergy"])
    }
}
