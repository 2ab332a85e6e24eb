import ArgumentParser
import DealCore
import Foundation

extension DealDB {
    struct Chart: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "chart",
            abstract: "Draw a chart as SVG: a timeline, capacity flows by destination, or a map.",
            subcommands: [Timeline.self, Flows.self, Map.self])
    }
}

extension DealDB.Chart {
    struct Timeline: LimitedChartCommand {
        static let configuration = CommandConfiguration(
            commandName: "timeline",
            abstract: "Events and signings on a time axis, one lane per project (or per party).",
            discussion: """
                Dates known to the day are points; dates known only to the year or month \
                are bars over that year or month; planned dates are hollow, dashed and \
                marked "(planned)". The items are those of `dealdb query timeline`.

                Examples:
                  dealdb chart timeline -o timeline.svg
                  dealdb chart timeline --project pos-2 --project pos-1 -o pos.svg
                  dealdb chart timeline --party Gazprom --party CNPC --since 2014 \\
                      -o parties.svg
                  dealdb chart timeline --country Turkey --kind pipeline --limit 20 \\
                      -o turkey.svg

                On a large database (a whole GEM tracker) at most 40 lanes are drawn, those \
                with the most items; the picture says how many more there are. Choose them \
                with --project, --party or the project filters, or raise --limit.
                """)

        static let defaultLimit = TimelineChart.defaultLimit

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp("A lane for this project (id or name; repeatable).", valueName: "id"),
                completion: Completions.projects)
        var project: [String] = []

        @Option(help: ArgumentHelp("A lane for this party (id, name or alias; repeatable). With --project, only those projects' items.",
                                   valueName: "id"), completion: Completions.parties)
        var party: [String] = []

        @Option(help: ArgumentHelp("Only items on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date"),
                transform: TypedArguments.date)
        var since: String?

        @OptionGroup var selection: ChartSelectionOptions

        @Option(help: ArgumentHelp("At most this many lanes, those with the most items (default \(TimelineChart.defaultLimit)).",
                                   valueName: "n"))
        var limit: Int?

        @OptionGroup var svg: SVGOutputOptions

        func run() throws {
            let store = try database.openStore(.read)
            let lanes = try TimelineLane.load(from: store, options: TimelineOptions(
                projects: project, parties: party, since: since, filter: selection.filter))
            var chart = TimelineChart(lanes: lanes, limit: try drawnLimit(),
                                      howToChoose: ChartSelectionOptions.howToChoose("--limit", extra: "--project, --party, "))
            try chart.credit(from: store)
            try svg.write(chart.svgDocument())
        }
    }

    struct Flows: LimitedChartCommand {
        static let configuration = CommandConfiguration(
            commandName: "flows",
            abstract: "Capacity in bcm per year into each destination country, stacked by project.",
            discussion: """
                The numbers are those of `dealdb query volumes-by-destination`; each block's \
                status (operating, construction, proposed) shows as colour, pattern and text. \
                The subtitle says which negotiation states are added up (all, unless --state \
                names some); values flagged by the data-quality rules (docs/QUALITY.md) are \
                left out and named under the bars, unless --include-flagged.

                Examples:
                  dealdb chart flows -o flows.svg
                  dealdb chart flows --destination CN --as-of 2020 -o flows-2020.svg
                  dealdb chart flows --state agreed,not_applicable -o agreed.svg
                  dealdb chart flows --kind pipeline --status operating --limit 10 \\
                      -o operating.svg

                On a large database at most 15 destinations get a bar of their own (the \
                largest); the rest make one bar, "Other destinations". Each bar shows its 8 \
                largest projects and the others as one block per status. With project \
                filters, a destination's total is what the selected projects add up to.
                """)

        static let defaultLimit = FlowsChart.defaultLimit

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp("Only this destination country (ISO code or English name).", valueName: "CC"))
        var destination: String?

        @Option(help: ArgumentHelp("Capacity valid on this date (default: the latest recorded).", valueName: "date"),
                transform: TypedArguments.date)
        var asOf: String?

        @Option(help: TypedArguments.help("Add up only terms in these negotiation states (comma-separated; default: all)",
                                          Vocabulary.negotiationStates, valueName: "states"),
                transform: TypedArguments.words("negotiation state", Vocabulary.negotiationStates))
        var state: [String]?

        @Flag(help: "Also add up values that the data-quality rules flag (docs/QUALITY.md).")
        var includeFlagged = false
        @Flag(help: "Also draw pipelines that run within their destination country (never added to what crosses a border).")
        var includeDomestic = false

        @OptionGroup var selection: ChartSelectionOptions

        @Option(help: ArgumentHelp("At most this many destinations with a bar of their own (default \(FlowsChart.defaultLimit)).",
                                   valueName: "n"))
        var limit: Int?

        @OptionGroup var svg: SVGOutputOptions

        func run() throws {
            let store = try database.openStore(.read)
            let states = state ?? []
            let destinations = try FlowDestination.load(from: store, destination: destination, asOf: asOf,
                                                        states: states, includeFlagged: includeFlagged,
                                                        includeDomestic: includeDomestic, filter: selection.filter)
            let drawn = try drawnLimit()
            let title = FlowsChart.title(destination: destination == nil ? nil : destinations.first?.name, asOf: asOf,
                                         states: states, includeDomestic: includeDomestic)
            var chart = FlowsChart(destinations: destinations, asOf: asOf, title: title, limit: drawn,
                                   projectsPerBar: drawn == nil ? .max : FlowsChart.defaultProjectsPerBar,
                                   howToChoose: ChartSelectionOptions.howToChoose("--limit", extra: "--destination, "))
            chart.states = states
            chart.includeFlaggedHint = "--include-flagged"
            chart.credits = try SourceCredits(store: store).lines(
                projects: Set(destinations.flatMap { $0.segments.map(\.project) }), limit: 8)
            try svg.write(chart.svgDocument())
        }
    }
}

extension DealDB.Chart {
    struct Map: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "map",
            abstract: "Pipelines and LNG terminals on a map of the world's countries, styled by status.",
            discussion: """
                Routes are lines and terminals points, as their sources draw them (GEM's map \
                file and releases, a document's geometry); colour and dashes show the status, \
                with a key. The view fits what is drawn: the world, a region, one pipeline. \
                The names of the longest routes are placed where they do not collide; the \
                sources and the borders (Natural Earth, public domain) are credited in the \
                picture. Selected projects without a geometry are named, not drawn. The filters \
                are those of `dealdb projects`.

                Examples:
                  dealdb chart map -o world.svg
                  dealdb chart map --country DE --role destination --kind pipeline \\
                      -o germany.svg
                  dealdb chart map --name "power of siberia 2" -o pos2.svg
                  dealdb chart map --country Turkey --status operating \\
                      --status construction -o turkey.svg
                """)

        @OptionGroup var database: DatabaseOptions

        @OptionGroup var selection: ProjectFilterOptions
        @Option(help: ArgumentHelp("At most this many names on the map, the longest routes first (default 30).", valueName: "n"))
        var labels: Int = 30

        @OptionGroup var svg: SVGOutputOptions

        func validate() throws {
            if labels < 0 { throw ValidationError("--labels must be 0 or more") }
        }

        func run() throws {
            let filter = selection.filter()
            let store = try database.openStore(.read)
            let drawn = try MapSelection.load(from: store, filter: filter)
            let names = try MapSelection.countryNames(selection.country, in: store)
            var chart = MapChart(selection: drawn, title: MapChart.title(for: filter, countryNames: names), labelLimit: labels)
            chart.credits = try SourceCredits(store: store).lines(projects: Set(drawn.features.map(\.id)), limit: 6)
            try svg.write(chart.svgDocument())
        }
    }
}

/// `-o` of the charts: the SVG to stdout or, atomically, to a file.
struct SVGOutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("Write the SVG here (atomically) instead of stdout.", valueName: "file"))
    var output: String?

    func write(_ svg: String) throws {
        try PictureOutput.write(svg, to: output)
    }
}

/// Where a picture goes: stdout, or a file by `AtomicFile`'s rules.
enum PictureOutput {
    static func write(_ text: String, to path: String?) throws {
        try Output.write(text, to: path)
    }
}
