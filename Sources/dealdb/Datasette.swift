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
                them), sets facets, hides internal tables and views, and turns every \
                named query (built-in and your own) into a canned query that gives the \
                same rows as `dealdb query`, with parameters left blank meaning "not given".

                Datasette also needs settings: it cuts a canned query (its JSON and its \
                CSV alike) at max_returned_rows, 1,000 by default, and stops a query \
                after sql_time_limit_ms, 1 s by default. dealdb measures the largest \
                canned query of the file and prints on stderr the `datasette serve` and \
                `datasette publish` commands with the settings it needs; --settings \
                writes them as a settings.json (Datasette's configuration-directory file).

                Examples:
                  dealdb datasette --db deals.db -o metadata.yml
                  dealdb datasette --db deals.db -o site/metadata.json \\
                      --settings site/settings.json
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

        @Option(help: ArgumentHelp("Also write Datasette's settings (row limit, time limit, CSV streaming) here as JSON: "
                                   + "a settings.json for Datasette's configuration-directory mode.",
                                   valueName: "file"), completion: .file(extensions: ["json"]))
        var settings: String?

        func run() throws {
            let catalog = try folders.catalog()
            let store = try database.openStore(.read)
            let metadata = DatasetteMetadata(store: store, catalog: catalog)
            // Datasette reads metadata.json as JSON and .yml/.yaml as YAML.
            let asJSON = output.map { $0.lowercased().hasSuffix(".json") } ?? false
            let needed = try DatasetteSettings.measure(store: store, catalog: catalog)
            try Output.write(asJSON ? try metadata.json(title: title) : try metadata.yaml(title: title), to: output)
            if let settings { try Output.write(needed.json, to: settings) }
            let commands = DatasetteCommands(database: store.path, metadata: output.flatMap { $0 == "-" ? nil : $0 },
                                             settings: needed)
            Terminal.printLines("serve it with the settings it needs (its largest canned query returns "
                + "\(needed.largestQueryRows) rows):\n  \(commands.serve)\nor publish it:\n  \(commands.publish)")
        }
    }
}

/// The commands that serve or publish the file with its metadata and the
/// settings it needs, to copy into a shell.
struct DatasetteCommands {
    let database: String
    /// Nil when the metadata went to stdout: the command names metadata.yml.
    let metadata: String?
    let settings: DatasetteSettings

    /// `--immutable FILE` serves the file once, read-only (`serve deals.db
    /// --immutable deals.db` would serve it twice).
    var serve: String {
        (["datasette", "serve", "--immutable", database, "-m", metadata ?? "metadata.yml"] + flags)
            .map(ShellWord.quoted).joined(separator: " ")
    }

    /// `datasette publish` serves its files immutable; the settings go to its serve command.
    var publish: String {
        (["datasette", "publish", "cloudrun", database, "-m", metadata ?? "metadata.yml", "--extra-options",
          flags.map(ShellWord.quoted).joined(separator: " ")])
            .map(ShellWord.quoted).joined(separator: " ")
    }

    private var flags: [String] {
        settings.pairs.flatMap { ["--setting", $0.name, $0.value] }
    }
}
