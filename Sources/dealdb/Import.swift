import ArgumentParser
import DealCore

extension DealDB {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import deal documents (YAML or JSON): all of them or nothing.",
            discussion: """
                Every document is read and checked first; if anything is wrong, every \
                problem is listed with its file, line, column and key, and nothing is \
                written (exit 65). Records are matched by id: new ones are created, \
                changed ones updated, the rest left alone. The format is described in \
                docs/FORMAT.md.

                Examples:
                  dealdb import deals.yaml more.json
                  dealdb import --dry-run deals.yaml
                  dealdb import - < deals.json
                """)

        @OptionGroup var options: DatabaseOptions

        @Flag(help: "Check and report what would change, without writing.")
        var dryRun = false

        @Argument(help: ArgumentHelp("Documents to import; - reads standard input.", valueName: "file"))
        var files: [String] = []

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("name at least one document to import, or - for standard input") }
            guard files.filter({ $0 == "-" }).count <= 1 else { throw ValidationError("standard input (-) can be read only once") }
        }

        func run() throws {
            let inputs = try files.map(DocumentInput.load(path:))
            let store = try options.openStore()
            let summary = try DocumentImporter(database: store.database).run(inputs, dryRun: dryRun)
            for line in summary.lines { print(line) }
            if summary.lines.isEmpty { print("the documents hold no records") }
            if dryRun { Terminal.printNotice("dry run: nothing was written") }
        }
    }
}
