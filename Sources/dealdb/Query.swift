import ArgumentParser
import DealCore

extension DealDB {
    struct Query: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "query",
            abstract: "Run a named query.",
            discussion: """
                Parameters are typed and always bound, never pasted into SQL.

                Examples:
                  dealdb query unresolved-pricing
                  dealdb query deals-by-party -p party=Gazprom
                  dealdb query transit-countries --format csv > transit.csv
                  dealdb query volumes-by-destination -p as_of=2025 --format json
                  dealdb query transit-countries --format geojson -o transit.geojson
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var folders: QueryFolderOptions
        @OptionGroup var parameters: ParameterOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: "The query's name (see `dealdb queries`).", completion: Completions.queryNames)
        var name: String

        func run() throws {
            let query = try folders.catalog().query(named: name)
            let values = try parameters.values()
            let store = try database.openStore(.read)
            try output.write(store: store) { makeWriter in
                try QueryRunner(store: store).run(query, parameters: values, into: makeWriter())
            }
        }
    }
}
