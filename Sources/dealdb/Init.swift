import ArgumentParser
import DealCore

extension DealDB {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create a new database, migrated to the current schema.",
            discussion: """
                With documents, the new database is built from them (as `import` \
                reads them) beside the file and takes its place only when every one \
                imported: a rebuild that fails on one bad document leaves the previous \
                database exactly as it was.

                Examples:
                  dealdb init                      # the default database
                  dealdb init --db deals.db --seed # a file here, with the seed dataset
                  dealdb init --db deals.db --force deals/*.yaml  # rebuild from documents
                """)

        @OptionGroup var options: DatabaseOptions

        @Flag(help: "Replace an existing non-empty file.")
        var force = false

        @Flag(help: "Load the seed dataset (Power of Siberia 2 and the 2025 SCO summit).")
        var seed = false

        @Argument(help: ArgumentHelp("Deal documents to build the new database from (- reads standard input).",
                                     valueName: "file"))
        var files: [String] = []

        func validate() throws {
            guard files.filter({ $0 == "-" }).count <= 1 else { throw ValidationError("standard input (-) can be read only once") }
        }

        func run() throws {
            let path = options.location.path
            guard !files.isEmpty else {
                let store = try DealStore.create(at: path, force: force, seed: seed)
                print("created \(DisplayText.oneLine(store.path)) at schema version \(DealSchema.latestVersion)"
                    + (seed ? " with the seed dataset" : ""))
                return
            }
            let documents = try files.map(DocumentInput.load(path:))
            let (store, imported) = try DealStore.rebuild(at: path, force: force, seed: seed, documents: documents)
            print("created \(DisplayText.oneLine(store.path)) at schema version \(DealSchema.latestVersion)"
                + (seed ? " with the seed dataset" : "") + " from \(files.count) document\(files.count == 1 ? "" : "s")")
            for line in imported.lines { print(line) }
        }
    }
}
