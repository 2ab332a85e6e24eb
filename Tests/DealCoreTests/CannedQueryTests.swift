import Testing
@testable import DealCore

/// Named queries as Datasette canned queries: Datasette's text parameters,
/// '' when blank, become what `dealdb query` binds.
@Suite struct CannedQueryTests {
    private func query(_ header: String, _ sql: String) throws -> NamedQuery {
        try NamedQuery(file: "t.sql", text: "-- name: t\n-- title: T\n" + header + sql, origin: "test")
    }

    @Test func parametersBecomeTypedWithBlankAsNotGiven() throws {
        let named = try query("""
            -- param: party text optional  A party
            -- param: year integer default 2020  A year
            -- param: min real optional  A minimum
            -- param: open boolean default true  Open ones
            -- param: state choice(agreed|proposed) default agreed  A state

            """, "SELECT :party, :year, :min, :open, :state, :party")
        #expect(CannedQuery.sql(for: named) == """
            SELECT nullif(:party, ''), coalesce(CAST(nullif(:year, '') AS INTEGER), 2020), \
            CAST(nullif(:min, '') AS REAL), coalesce((CASE lower(nullif(:open, '')) WHEN 'true' THEN 1 \
            WHEN 'yes' THEN 1 WHEN '1' THEN 1 WHEN 'false' THEN 0 WHEN 'no' THEN 0 WHEN '0' THEN 0 END), 1), \
            coalesce(nullif(:state, ''), 'agreed'), nullif(:party, '')
            """)
    }

    /// Strings, quoted names and comments are not SQL parameters, and a
    /// longer name is not its prefix.
    @Test func onlyRealParametersAreRewritten() throws {
        let named = try query("-- param: p text optional  P\n", """
            SELECT ':p', ":p", [:p], `:p` -- :p
            /* :p */ , :p, ':p'' :p', :pp, 'it''s' || :p
            """)
        #expect(CannedQuery.sql(for: named) == """
            SELECT ':p', ":p", [:p], `:p` -- :p
            /* :p */ , nullif(:p, ''), ':p'' :p', :pp, 'it''s' || nullif(:p, '')
            """)
    }
}
