import ArgumentParser
import DealCore

extension DealDB {
    struct Datasette: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "datasette",
            abstract: "Write a Datasette metadata file: descriptions, licences, facets and the named queries.",
            discussion: """
                The metadata describes every table and column, gives each table the \
                sources and licences its rows cite (as the database's sources state \
                them), sets facets, hides internal tables, and turns every named query \
                (built-in and your own) into a canned query that gives the same rows \
                as `dealdb query`, with parameters left blank meaning "not given".

                Examples:
                  dealdb datasette --db deals.db -o metadata.yml
                  datasette deals.db -m metadata.yml
                  datasette serve deals.db --immutable deals.db -m metadata.yml
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var folders: QueryFolderOptions

        @Option(help: ArgumentHelp("The title Datasette shows (default: dealdb: NAME).", valueName: "text"))
        var title: String?

        @Option(name: .shortAndLong, help: ArgumentHelp("Write the metadata here (atomically) instead of stdout.",
                                                        valueName: "file"), completion: .file(extensions: ["yml", "yaml"]))
        var output: String?

        func run() throws {
            let catalog = try folders.catalog()
            let store = try database.openStore(.read)
            try Output.write(try DatasetteMetadata(store: store, catalog: catalog).yaml(title: title), to: output)
        }
    }
}
