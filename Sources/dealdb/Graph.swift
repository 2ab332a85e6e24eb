import ArgumentParser
import DealCore

extension PartyGraph.Format: ExpressibleByArgument {}

extension DealDB {
    struct Graph: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "graph",
            abstract: "Draw the network of parties and agreements as DOT, Mermaid or SVG.",
            discussion: """
                Parties are nodes shaped by kind (box: company, hexagon: government, \
                cylinder: bank, ...); agreements are edges labelled with kind and year, \
                from the party listed first to each of the others; transit roles are \
                dashed, bold and labelled. `--format svg` runs Graphviz's `dot`.

                Examples:
                  dealdb graph --format dot -o parties.dot
                  dealdb graph --party Gazprom --depth 1 --format mermaid
                  dealdb graph --format svg -o parties.svg
                """)

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp("Only this party's neighbourhood (id, name or alias).", valueName: "id"),
                completion: Completions.parties)
        var party: String?

        @Option(help: ArgumentHelp("With --party: how many agreements away to go.", valueName: "n"))
        var depth: Int = 1

        @Option(help: "dot, mermaid or svg.")
        var format: PartyGraph.Format

        @Option(name: .shortAndLong, help: ArgumentHelp("Write here (atomically) instead of stdout.", valueName: "file"))
        var output: String?

        func validate() throws {
            guard depth >= 0 else { throw ValidationError("--depth must be 0 or more") }
        }

        func run() throws {
            let store = try database.openStore(.read)
            let graph = try PartyGraph.load(from: store, party: party, depth: depth)
            let text = switch format {
            case .dot: graph.dot()
            case .mermaid: graph.mermaid()
            case .svg: try graph.svg()
            }
            try PictureOutput.write(text, to: output)
        }
    }
}
