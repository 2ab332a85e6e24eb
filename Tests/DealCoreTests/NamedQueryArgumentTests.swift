import SQLiteKit
import Testing
@testable import DealCore

/// `NamedQuery.checkArguments`: a query's parameters checked as a run would
/// check them (names, types, required ones), with nothing run.
@Suite struct NamedQueryArgumentTests {
    let query: NamedQuery

    init() throws {
        query = try NamedQuery(file: "t.sql", text: """
            -- name: t
            -- title: T
            -- param: party text required  A party
            -- param: year integer default 2020  A year

            SELECT :party, :year
            """, origin: "test")
    }

    @Test func givenAndDefaultedValuesPass() throws {
        try query.checkArguments(["party": "gazprom"])
        try query.checkArguments(["party": "gazprom", "year": "2025"])
        // What a run binds: the given value, converted to its type, else the default.
        #expect(try query.arguments(["party": "gazprom"]) == ["party": .text("gazprom"), "year": .integer(2020)])
        #expect(try query.arguments(["party": "gazprom", "year": "2025"])
                == ["party": .text("gazprom"), "year": .integer(2025)])
    }

    @Test(arguments: [
        // The domain's own words; the CLI says `-p party=VALUE` (NamedQueryFileTests).
        ([:], "query t needs parameter party (text): add parameter party=VALUE (A party)"),
        (["party": "x", "colour": "red"], "query t has no parameter \"colour\"; it takes party, year"),
    ])
    func mistakesAreUsageErrors(_ given: [String: String], _ message: String) {
        let error = #expect(throws: DealError.self) { try query.checkArguments(given) }
        #expect(error?.kind == .usage)
        #expect(error?.message == message)
    }

    @Test func aValueOfTheWrongTypeIsRefused() {
        #expect(throws: DealError.self) { try query.checkArguments(["party": "x", "year": "soon"]) }
    }
}
