import ArgumentParser
import DealCore

extension DealDB {
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Full-text search of titles, summaries, notes, terms, party names and aliases, and projects' routes and owners.",
            discussion: """
                Words are matched as words, all of them, ranked by relevance: English words \
                by their stem (finance finds "financing"), accents folded (botas finds BOTAŞ). \
                A word in Chinese, Japanese or Korean is found anywhere in the text, as a \
                substring (中国石油 finds 中国石油天然气集团有限公司). Projects are found by \
                their route countries (code or name) and their owners too. With --raw the \
                text is an FTS5 query (phrases, OR, NEAR, prefix*) on the word index.

                Examples:
                  dealdb search mongolia transit
                  dealdb search 天然气
                  dealdb search Turkey BOTAŞ
                  dealdb search --raw 'siber* NOT "power of siberia 1"'
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: "What to look for.")
        var words: [String]

        @Flag(help: "Pass the text to FTS5 as a query expression.")
        var raw = false

        @Option(help: "At most this many hits.")
        var limit = 50

        func validate() throws {
            guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        }

        func run() throws {
            let store = try database.openStore(.read)
            database.noteEmptyResult(try output.write { makeWriter in
                try SearchIndex(store: store).search(words.joined(separator: " "), raw: raw, limit: limit, into: makeWriter())
            })
        }
    }
}
