import ArgumentParser
import DealCore
import Foundation

@main
struct DealDB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dealdb",
        abstract: "A database and query tool for international energy deals.",
        discussion: """
            Keeps agreements, parties, projects, terms and their sources in one \
            SQLite file that any SQLite tool can open.

            The database is --db PATH, else $DEALDB_PATH, else \
            $XDG_DATA_HOME/dealdb/deals.db (~/.local/share/dealdb/deals.db); \
            the default one is created and seeded on first use.
            """,
        version: DealVersion.string,
        subcommands: [
            Init.self, Migrate.self, Import.self, Export.self, List.self, Projects.self, Parties.self, Show.self,
            Queries.self, Query.self, SQL.self, Search.self, Check.self, Datasette.self,
        ] + reliabilityCommands + pictureCommands
    )

    /// Runs the command and turns failures into one line on stderr and the
    /// exit status that scripts rely on.
    static func main() {
        Signals.install()
        do {
            var command = try parseAsRoot()
            try command.run()
            if let signal = Cancellation.requestedSignal {
                Terminal.printError("interrupted")
                Foundation.exit(128 + signal)
            }
        } catch let error as DealError {
            Terminal.printError(error.description)
            Foundation.exit(error.exitCode)
        } catch {
            if let failure = DealError(storageFailure: error) {
                Terminal.printError(failure.description)
                Foundation.exit(failure.exitCode)
            }
            exit(withError: error)
        }
    }
}
