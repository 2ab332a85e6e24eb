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
                  dealdb query my-plants --changes-since 2023-08

                --changes-since runs the query as a watch list: on the database as it is and \
                as the stored release said (docs/CHANGES.md), giving the rows that entered, \
                left or changed, with columns change and reason before the query's own.
                  dealdb query transit-countries --format geojson -o transit.geojson
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var folders: QueryFolderOptions
        @OptionGroup var parameters: ParameterOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: "The query's name (see `dealdb queries`).", completion: Completions.queryNames)
        var name: String

        @Option(help: ArgumentHelp("A watch list: the rows that entered, left or changed since this stored GEM release "
                                   + "(id, file name or date), each with its reason.", valueName: "release"))
        var changesSince: String?

        func run() throws {
            let query = try folders.catalog().query(named: name)
            let values = try parameters.values()
            let store = try database.openStore(.read)
            if let changesSince {
                let result = try WatchList.changes(query, parameters: values, since: changesSince, store: store)
                try output.write { makeWriter in try WatchList.write(result, into: makeWriter()) }
                return
            }
            database.noteEmptyResult(try output.write(store: store) { makeWriter in
                try QueryRunner(store: store).run(query, parameters: values, into: makeWriter())
            })
        }
    }
}
