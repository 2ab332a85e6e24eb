import ArgumentParser
import DealCore
import Foundation

extension DealDB {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the database, or the part around one record, as a deal document.",
            discussion: """
                The output can be imported again: a part comes with everything it refers to.

                Examples:
                  dealdb export --format yaml > all.yaml
                  dealdb export --format json --agreement pos2-gazprom-cnpc-2025
                  dealdb export --party gazprom -o gazprom.yaml
                """)

        @OptionGroup var options: DatabaseOptions

        @Option(help: "yaml or json.")
        var format: DocumentExporter.Format = .yaml

        @Option(help: ArgumentHelp("Only this agreement and what it refers to.", valueName: "id"))
        var agreement: String?

        @Option(help: ArgumentHelp("Only this project, its agreements and events.", valueName: "id"))
        var project: String?

        @Option(help: ArgumentHelp("Only this party, its agreements and events.", valueName: "id"))
        var party: String?

        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (atomically) instead of stdout.", valueName: "file"))
        var output: String?

        func validate() throws {
            guard [agreement, project, party].compactMap({ $0 }).count <= 1 else {
                throw ValidationError("choose one of --agreement, --project and --party")
            }
        }

        func run() throws {
            let selection: DocumentExporter.Selection =
                agreement.map { .agreement($0) } ?? project.map { .project($0) } ?? party.map { .party($0) } ?? .all
            let store = try options.openStore()
            let text = try DocumentExporter(database: store.database).export(selection, format: format)
            if let output {
                try AtomicFile.write(Data(text.utf8), to: output)
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }
}

extension DocumentExporter.Format: ExpressibleByArgument {}
