import ArgumentParser
import DealCore

extension DealDB {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show an agreement, project, party, source or event with everything linked to it.",
            discussion: """
                Terms show their three states: [negotiation, evidence, disclosure].

                Examples:
                  dealdb show pos2-gazprom-cnpc-2025
                  dealdb show pos-1 --as-of 2020
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The record's id.", completion: Completions.records)
        var id: String

        @Option(help: ArgumentHelp("As the data stood then: terms valid then, events up to then.", valueName: "date"))
        var asOf: String?

        func run() throws {
            let store = try database.openStore(.read)
            print(try RecordDescriber(store: store).describe(id, asOf: asOf), terminator: "")
        }
    }
}
