import ArgumentParser
import DealCore
import Foundation

extension DealDB {
    struct Chart: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "chart",
            abstract: "Draw a chart as SVG: a timeline, or capacity flows by destination.",
            subcommands: [Timeline.self, Flows.self])
    }
}

extension DealDB.Chart {
    struct Timeline: ParsableCommand {
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
                  dealdb chart timeline --party Gazprom --party CNPC --since 2014 -o parties.svg
                """)

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp("A lane for this project (id or name; repeatable).", valueName: "id"))
        var project: [String] = []

        @Option(help: ArgumentHelp("A lane for this party (id, name or alias; repeatable). With --project, only those projects' items.",
                                   valueName: "id"))
        var party: [String] = []

        @Option(help: ArgumentHelp("Only items on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date"))
        var since: String?

        @Option(name: .shortAndLong, help: ArgumentHelp("Write the SVG here (atomically) instead of stdout.", valueName: "file"))
        var output: String?

        func run() throws {
            let store = try database.openStore(.read)
            let lanes = try TimelineLane.load(from: store, options: TimelineOptions(projects: project, parties: party, since: since))
            try PictureOutput.write(TimelineChart(lanes: lanes).svgDocument(), to: output)
        }
    }

    struct Flows: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "flows",
            abstract: "Capacity in bcm per year into each destination country, stacked by project.",
            discussion: """
                The numbers are those of `dealdb query volumes-by-destination`; each block's \
                status (operating, construction, proposed) shows as colour, pattern and text.

                Examples:
                  dealdb chart flows -o flows.svg
                  dealdb chart flows --destination CN --as-of 2020 -o flows-2020.svg
                """)

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp("Only this destination country (ISO code or English name).", valueName: "CC"))
        var destination: String?

        @Option(help: ArgumentHelp("Capacity valid on this date (default: the latest recorded).", valueName: "date"))
        var asOf: String?

        @Option(name: .shortAndLong, help: ArgumentHelp("Write the SVG here (atomically) instead of stdout.", valueName: "file"))
        var output: String?

        func run() throws {
            let store = try database.openStore(.read)
            let destinations = try FlowDestination.load(from: store, destination: destination, asOf: asOf)
            try PictureOutput.write(FlowsChart(destinations: destinations, asOf: asOf).svgDocument(), to: output)
        }
    }
}

/// Where a picture goes: stdout, or a file by `AtomicFile`'s rules.
enum PictureOutput {
    static func write(_ text: String, to path: String?) throws {
        try Output.write(text, to: path)
    }
}
