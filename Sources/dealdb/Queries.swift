import ArgumentParser
import DealCore
import Foundation

/// Where user queries come from: the config folder and `--queries DIR`.
struct QueryFolderOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A folder of .sql queries; its queries may replace built-ins.", valueName: "dir"), completion: .directory)
    var queries: String?

    func catalog() throws -> QueryCatalog {
        let environment = ProcessInfo.processInfo.environment
        let catalog = try QueryCatalog.load(configDirectory: QueryCatalog.configDirectory(environment: environment),
                                            extraDirectory: queries)
        catalog.notices.forEach(Terminal.printNotice)
        return catalog
    }
}

extension DealDB {
    struct Queries: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "queries",
            abstract: "List the named queries, or show one.",
            discussion: """
                Built-in queries come with dealdb; add your own as .sql files in \
                $XDG_CONFIG_HOME/dealdb/queries/ or pass --queries DIR.

                Examples:
                  dealdb queries
                  dealdb queries show unresolved-pricing
                """,
            subcommands: [ListQueries.self, ShowQuery.self],
            defaultSubcommand: ListQueries.self)
    }

    struct ListQueries: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Name, title and parameters of each query.")

        @OptionGroup var folders: QueryFolderOptions

        func run() throws {
            let queries = try folders.catalog().queries
            let width = queries.map(\.name.count).max() ?? 0
            for query in queries {
                let parameters = query.parameters.map(\.signature).joined(separator: ", ")
                print(query.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + query.title
                    + (parameters.isEmpty ? "" : "  [\(parameters)]")
                    + (query.origin == "built-in" ? "" : "  (\(query.origin))"))
            }
        }
    }

    struct ShowQuery: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "A query's description, parameters and SQL.")

        @OptionGroup var folders: QueryFolderOptions

        @Argument(help: "The query's name.", completion: Completions.queryNames)
        var name: String

        func run() throws {
            let query = try folders.catalog().query(named: name)
            print("\(query.name): \(query.title)")
            print("from: \(query.origin)")
            if !query.description.isEmpty { print("\n" + query.description) }
            if !query.parameters.isEmpty {
                print("\nParameters:")
                for parameter in query.parameters {
                    print("  \(parameter.signature)" + (parameter.help.isEmpty ? "" : "  \(parameter.help)"))
                }
            }
            print("\n" + query.sql)
        }
    }
}
