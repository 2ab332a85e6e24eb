import Foundation
import SQLiteKit
import Testing
import TestSupport
@testable import DealCore

/// One name rule (TextFolding) in every lookup of a party or project by
/// name: each path is given the same spellings, so that a second rule in
/// any of them (a `lowercased()` comparison, a fold without width) fails here.
@Suite struct NameRuleTests {
    /// Gazprom as people and files type it: full-width, doubled and trailing
    /// spaces, capitals, a leading space.
    static let gazproms = ["ｇａｚｐｒｏｍ", "gazprom  ", "GAZPROM", " Gazprom", "ＧＡＺＰＲＯＭ\u{3000}"]

    private func seeded(_ directory: borrowing TemporaryDirectory) throws -> DealStore {
        try DealStore.create(at: directory.file("deals.db"), force: false, seed: true)
    }

    @Test func foldSetsAsideCaseAccentsWidthAndSpaces() {
        for text in Self.gazproms { #expect(TextFolding.fold(text) == "gazprom", "\(text)") }
        #expect(TextFolding.fold("BOTAŞ") == "botas")
        #expect(TextFolding.fold("Power  of\tSiberia 2 ") == "power of siberia 2")
        #expect(TextFolding.fold("Ｐｏｗｅｒ ｏｆ Ｓｉｂｅｒｉａ ２") == "power of siberia 2")
        #expect(TextFolding.fold("ﬁeld") == "field")
        #expect(TextFolding.fold("Газпром") == TextFolding.fold("газпром"))
        #expect(TextFolding.fold("Gazprom Neft") != TextFolding.fold("Gazprom"))
    }

    @Test func partyLookupsFollowTheRule() throws {
        let directory = try TemporaryDirectory()
        let store = try seeded(directory)
        let resolver = NameResolver(database: store.database)
        for text in Self.gazproms {
            #expect(try resolver.parties(matching: text) == ["gazprom"], "\(text)")
            #expect(try RecordFinder(database: store.database).find(text).id == "gazprom", "\(text)")
            var filter = AgreementFilter()
            filter.parties = [text]
            #expect(try AgreementList(store: store).prepare(filter).description.contains("[\"gazprom\"]"), "\(text)")
        }
        // An alias in another script, in another case.
        #expect(try resolver.parties(matching: "ГАЗПРОМ") == ["gazprom"])
        #expect(throws: DealError.self) { try resolver.parties(matching: "Gazprom Neft") }
    }

    @Test func projectLookupsFollowTheRule() throws {
        let directory = try TemporaryDirectory()
        let store = try seeded(directory)
        let resolver = NameResolver(database: store.database)
        for text in ["Power of Siberia 2", "power  of siberia 2 ", "ＰＯＷＥＲ ＯＦ ＳＩＢＥＲＩＡ ２", "ＰＯＳ-２"] {
            #expect(try resolver.project(matching: text) == "pos-2", "\(text)")
            #expect(try RecordFinder(database: store.database).find(text).id == "pos-2", "\(text)")
        }
    }

    @Test func ownerFilterAndGEMImportFollowTheRule() throws {
        let directory = try TemporaryDirectory()
        let store = try seeded(directory)
        _ = try GEMImporter(database: store.database)
            .run(path: SharedData.packageRoot + "/Tests/Fixtures/gem/map-spellings.csv", options: .init())
        // "ＧＡＺＰＲＯＭ  " in the file is the seed's Gazprom, not a new party.
        #expect(try store.database.scalar(sql: """
            SELECT party_id FROM project_owners WHERE project_id = 'gem-spelling-seven-pipeline' AND position = 1
            """).string == "gazprom")
        for text in Self.gazproms {
            let selection = try ProjectFilter(owners: [text]).resolve(in: store)
            let ids = try store.database.fetchAll(sql: selection.ids, named: selection.namedArguments).compactMap { $0.string(0) }
            #expect(ids.contains("gem-spelling-seven-pipeline"), "\(text)")
        }
    }
}
