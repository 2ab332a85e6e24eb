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
                  datasette serve --immutable deals.db -m metadata.yml
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var folders: QueryFolderOptions

        @Option(help: ArgumentHelp("The title Datasette shows (default: dealdb: NAME).", valueName: "text"))
        var title: String?

        @Option(name: .shortAndLong, help: ArgumentHelp("Write the metadata here (atomically) instead of stdout: JSON when "
                                                        + "the name ends in .json, else YAML.",
                                                        valueName: "file"), completion: .file(extensions: ["yml", "yaml", "json"]))
        var output: String?

        func run() throws {
            let catalog = try folders.catalog()
            let store = try database.openStore(.read)
            let metadata = DatasetteMetadata(store: store, catalog: catalog)
            // Datasette reads metadata.json as JSON and .yml/.yaml as YAML.
            let asJSON = output.map { $0.lowercased().hasSuffix(".json") } ?? false
            try Output.write(asJSON ? try metadata.json(title: title) : try metadata.yaml(title: title), to: output)
        }
    }
}
