import ArgumentParser
import DealCore

extension DealDB {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create a new database, migrated to the current schema.",
            discussion: """
                Examples:
                  dealdb init                      # the default database
                  dealdb init --db deals.db --seed # a file here, with the seed dataset
                """)

        @OptionGroup var options: DatabaseOptions

        @Flag(help: "Replace an existing non-empty file.")
        var force = false

        @Flag(help: "Load the seed dataset (Power of Siberia 2 and the 2025 SCO summit).")
        var seed = false

        func run() throws {
            let store = try DealStore.create(at: options.location.path, force: force, seed: seed)
            print("created \(store.path) at schema version \(DealSchema.latestVersion)"
                + (seed ? " with the seed dataset" : ""))
        }
    }
}
