import ArgumentParser
import DealCore

extension DealDB {
    struct Show: ParsableCommand {
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json, yaml
        }

        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show an agreement, project, party, source or event with everything linked to it.",
            discussion: """
                The record is named by its id, or by its name, title or (for a party) an alias, \
                in any case. A name that several records share is an error listing them with \
                their kinds (exit 1); an unknown one suggests the closest ids and names.

                Terms show their three states: [negotiation, evidence, disclosure]. Projects \
                show their owners and parent companies with shares; parties the projects they own.

                --format json or yaml prints the record and what it links to as a deal \
                document (docs/FORMAT.md) that `dealdb import` reads back.

                Examples:
                  dealdb show pos2-gazprom-cnpc-2025
                  dealdb show "Power of Siberia 2"
                  dealdb show gazprom
                  dealdb show pos-1 --as-of 2020
                  dealdb show BOTAŞ --format yaml
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The record's id, or its name, title or alias (any case).", completion: Completions.records)
        var id: String

        @Option(help: ArgumentHelp("As the data stood then: terms valid then, events up to then.", valueName: "date"),
                transform: TypedArguments.date)
        var asOf: String?

        @Option(help: "text, json or yaml (a deal document).")
        var format: Format = .text

        func validate() throws {
            if asOf != nil && format != .text {
                throw ValidationError("--as-of works with the text format only: a document holds every term")
            }
        }

        func run() throws {
            let store = try database.openStore(.read)
            switch format {
            case .text:
                // On a terminal, long notes fold at its width; pipes get the lines whole.
                let text = try RecordDescriber(store: store).describe(id, asOf: asOf)
                print(Terminal.outputWidth.map { TextWrap.wrap(text, width: $0) } ?? text, terminator: "")
            case .json, .yaml:
                // A document for `import`, exact like `export`'s: not made
                // visible for a terminal, which would change its text.
                let text = try RecordDescriber(store: store).document(id, format: format == .json ? .json : .yaml)
                Console.write(raw: text)
            }
        }
    }
}
