import Foundation
import SQLiteKit

/// Full-text search over titles, summaries, notes, term text, party names
/// and aliases, and projects' route countries and owners (the FTS5 tables
/// of migration 0007).
///
/// Two indexes share one rowid per record: `search_index` holds words
/// (English stems, accents folded) and `search_index_trigram` three-character
/// pieces of the records whose text has Chinese, Japanese or Korean in it,
/// since those scripts do not separate words with spaces. Each word of a
/// plain search goes to the index that can find it: a word with CJK in it is
/// a substring to find, any other word a word to match.
package struct SearchIndex {
    let store: DealStore

    package init(store: DealStore) {
        self.store = store
    }

    /// Hits ranked by relevance, with columns `kind, id, title, snippet`.
    /// Unless `raw`, the text is searched as plain words: FTS5 syntax in it
    /// (quotes, AND, NEAR, `*`, `:`) has no effect. A raw query goes to the
    /// word index only.
    @discardableResult
    package func search(_ text: String, raw: Bool, limit: Int, into writer: RowWriter) throws -> Int {
        try store.translatingFailures {
            let search = raw ? Search(words: text.isEmpty ? [] : [text], substrings: [], shortSubstrings: [])
                : Search(text)
            guard !search.isEmpty else { throw DealError(.usage, "give some words to search for") }
            let (sql, arguments) = search.statement(raw: raw, limit: limit)
            let statement = try store.database.makeStatement(sql: sql)
            try statement.bind(named: arguments)
            do {
                return try translatingInterrupts { try statement.stream(into: writer) }
            } catch let error as SQLiteError where raw {
                throw DealError(.usage, "invalid search expression \"\(text)\": \(error.message)")
            }
        }
    }

    /// The blocks whose characters make text "CJK": Hiragana and Katakana,
    /// CJK ideographs (extension A, the main block, extension B onwards),
    /// Hangul syllables and CJK compatibility ideographs. Migration 0007
    /// spells the same ranges as a GLOB (`cjkPattern`, checked by a test).
    static let cjkRanges: [ClosedRange<UInt32>] = [
        0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x323AF,
    ]

    /// `*[぀-ヿ㐀-䶿...]*`: matches text with at least one CJK character.
    static let cjkPattern: String = {
        var pattern = "*["
        for range in cjkRanges {
            pattern.unicodeScalars.append(Unicode.Scalar(range.lowerBound)!)
            pattern += "-"
            pattern.unicodeScalars.append(Unicode.Scalar(range.upperBound)!)
        }
        return pattern + "]*"
    }()

    static func hasCJK(_ text: Substring) -> Bool {
        text.unicodeScalars.contains { scalar in cjkRanges.contains { $0.contains(scalar.value) } }
    }

    /// A plain search taken apart: words for the word index, substrings of
    /// three or more characters for the trigram index, and shorter CJK
    /// substrings (such as 石油), which the trigram index cannot look up and
    /// which are found by reading the (few) records that have CJK text.
    struct Search {
        var words: [String]
        var substrings: [String]
        var shortSubstrings: [String]

        init(words: [String], substrings: [String], shortSubstrings: [String]) {
            self.words = words
            self.substrings = substrings
            self.shortSubstrings = shortSubstrings
        }

        init(_ text: String) {
            words = []
            substrings = []
            shortSubstrings = []
            for word in text.split(whereSeparator: { $0.isWhitespace }) {
                if !SearchIndex.hasCJK(word) {
                    // A word typed with a ligature or in full width is the
                    // word in its compatibility form, as migration 0025
                    // indexes such text.
                    words.append(String(word).precomposedStringWithCompatibilityMapping)
                } else if word.unicodeScalars.count >= 3 {
                    substrings.append(String(word))
                } else {
                    shortSubstrings.append(String(word))
                }
            }
        }

        var isEmpty: Bool { words.isEmpty && substrings.isEmpty && shortSubstrings.isEmpty }

        /// FTS5's snippet() of the body, for a body of up to 64 KB. It
        /// weighs a window at every hit against every other hit, so a party
        /// with 50,000 aliases took 16 s to show; a longer body shows the
        /// text around the first plain occurrence of `:first`, the longest
        /// word searched for (or its start).
        static func snippet(_ index: String, tokens: Int) -> String {
            """
            CASE WHEN length(body) <= 65536 THEN snippet(\(index), 3, '[', ']', '…', \(tokens))
                 ELSE '…' || substr(body, max(1, instr(lower(body), lower(:first)) - 40), 120) || '…' END
            """
        }

        /// The SQL, built only from fixed pieces, and the values bound to
        /// it: every word the user typed is a bound parameter.
        func statement(raw: Bool, limit: Int) -> (String, [String: SQLiteValue]) {
            var arguments: [String: SQLiteValue] = [":limit": .integer(Int64(limit))]
            var filters: [String] = []
            for (index, substring) in shortSubstrings.enumerated() {
                arguments[":short\(index)"] = .text(substring)
                filters.append("instr(coalesce(title, '') || ' ' || coalesce(body, ''), :short\(index)) > 0")
            }
            if !substrings.isEmpty {
                arguments[":substrings"] = .text(SearchIndex.quoted(substrings))
                arguments[":first"] = .text(substrings[0])
            }
            if !words.isEmpty {
                arguments[":words"] = .text(raw ? words[0] : SearchIndex.quoted(words))
                if !substrings.isEmpty {
                    filters.append("rowid IN (SELECT rowid FROM search_index_trigram WHERE search_index_trigram MATCH :substrings)")
                }
                if !shortSubstrings.isEmpty {
                    filters.append("rowid IN (SELECT id FROM search_index_trigram_docsize)")
                }
                // The longest word (the last of equals: "pipeline Baltic") is
                // likeliest the rarest, so the likeliest to show the hit.
                arguments[":first"] = .text(raw ? "" : words.reduce("") { $1.count >= $0.count ? $1 : $0 })
                return ("""
                    SELECT kind, ref AS id, title, \(Self.snippet("search_index", tokens: 12)) AS snippet
                    FROM search_index WHERE search_index MATCH :words
                    \(filters.map { "AND " + $0 }.joined(separator: "\n"))
                    ORDER BY rank, kind, ref LIMIT :limit
                    """, arguments)
            }
            if !substrings.isEmpty {
                return ("""
                    SELECT kind, ref AS id, title, \(Self.snippet("search_index_trigram", tokens: 24)) AS snippet
                    FROM search_index_trigram WHERE search_index_trigram MATCH :substrings
                    \(filters.map { "AND " + $0 }.joined(separator: "\n"))
                    ORDER BY rank, kind, ref LIMIT :limit
                    """, arguments)
            }
            // Only short substrings: no index can rank them, so hits come in
            // id order, with the text around the first one as the snippet.
            // The records read are those in the trigram index, whose rowids
            // FTS5 keeps in its docsize table (a scan of the external-content
            // table itself would read every record of search_index: 0.3 s
            // on the benchmark's 231,000).
            return ("""
                SELECT kind, id, title,
                       CASE WHEN start > 1 THEN '…' ELSE '' END
                       || replace(substr(text, start, 40), :short0, '[' || :short0 || ']')
                       || CASE WHEN start + 40 <= length(text) THEN '…' ELSE '' END AS snippet
                FROM (SELECT kind, ref AS id, title, text,
                             max(1, instr(text, :short0) - 12) AS start
                      FROM (SELECT kind, ref, title,
                                   CASE WHEN instr(coalesce(body, ''), :short0) > 0 THEN body ELSE title END AS text
                            FROM search_index
                            WHERE rowid IN (SELECT id FROM search_index_trigram_docsize)
                              AND \(filters.joined(separator: " AND "))))
                ORDER BY kind, id LIMIT :limit
                """, arguments)
        }
    }

    /// Each word as an FTS5 string ("word", quotes doubled): all must match.
    static func quoted(_ words: [String]) -> String {
        words.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " ")
    }
}
