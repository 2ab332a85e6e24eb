import Foundation
import SQLiteKit

/// Full-text search over titles, summaries, notes, term text, party names
/// and aliases (the FTS5 table kept by migration 0003).
public struct SearchIndex {
    let store: DealStore

    public init(store: DealStore) {
        self.store = store
    }

    /// Hits ranked by relevance, with columns `kind, id, title, snippet`.
    /// Unless `raw`, the text is searched as plain words: FTS5 syntax in it
    /// (quotes, AND, NEAR, `*`, `:`) has no effect.
    @discardableResult
    public func search(_ text: String, raw: Bool, limit: Int, into writer: RowWriter) throws -> Int {
        let query = raw ? text : Self.plainWords(text)
        guard !query.isEmpty else { throw DealError(.usage, "give some words to search for") }
        let statement = try store.database.makeStatement(sql: """
            SELECT kind, ref AS id, title, snippet(search_index, 3, '[', ']', '…', 12) AS snippet
            FROM search_index WHERE search_index MATCH ? ORDER BY rank, kind, ref LIMIT ?
            """)
        try statement.bind([.text(query), .integer(Int64(limit))])
        do {
            return try translatingInterrupts { try statement.stream(into: writer) }
        } catch let error as SQLiteError where raw {
            throw DealError(.usage, "invalid search expression \"\(text)\": \(error.message)")
        }
    }

    /// Each word as an FTS5 string ("word", quotes doubled): all must match.
    static func plainWords(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace })
            .map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            .joined(separator: " ")
    }
}
