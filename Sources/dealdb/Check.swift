import ArgumentParser
import DealCore

extension DealDB {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check deal documents as import would, without a database.",
            discussion: """
                Parses and validates every document like `import`: every problem is \
                listed with its file, line, column and key (exit 65; 66 for a file \
                that cannot be read). References between the given files and to the \
                built-in countries are checked; with --against, references to records \
                already in that database too (it is only read). No file is created: \
                the documents are imported, in a dry run, into a database in memory.

                For a pull request or a pre-commit hook (docs/TEAMS.md).

                Examples:
                  dealdb check deals/*.yaml
                  dealdb check --against deals.db new-memorandum.yaml
                  git show :deals.yaml | dealdb check -
                """)

        @Option(help: ArgumentHelp("Also resolve references to the records of this database (read only).",
                                   valueName: "path"))
        var against: String?

        @Argument(help: ArgumentHelp("Documents to check (- reads standard input).", valueName: "file"))
        var files: [String] = []

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("name at least one document to check, or - for standard input") }
            guard files.filter({ $0 == "-" }).count <= 1 else { throw ValidationError("standard input (-) can be read only once") }
        }

        func run() throws {
            let inputs = try files.map(DocumentInput.load(path:))
            let result = try DocumentCheck.run(inputs, againstDatabaseAt: against)
            for file in result.files { print("\(DisplayText.oneLine(file)): ok") }
            for line in result.summary.lines { print(line) }
            if result.summary.lines.isEmpty { print("the documents hold no records") }
        }
    }
}
