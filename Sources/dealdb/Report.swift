import ArgumentParser
import DealCore
import Foundation

extension DealDB {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write a self-contained HTML report: counts, charts, every built-in query, sources.",
            discussion: """
                One file with its styles and charts inline and nothing fetched from the \
                network, readable on a phone and printed on A4. Each fact's sources are \
                numbered footnotes; the foot gives the date and the SHA-256 of the database file.

                Examples:
                  dealdb report -o report.html
                  dealdb report --title "Power of Siberia 2 briefing" -o pos2.html
                """)

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp("The page's title.", valueName: "text"))
        var title: String = "Energy deals report"

        @Option(name: .shortAndLong, help: ArgumentHelp("Write the HTML here (atomically) instead of stdout.", valueName: "file"))
        var output: String?

        func run() throws {
            let store = try database.openStore(.read)
            var report = ReportBuilder(store: store, title: title)
            report.hints = Self.hints
            try PictureOutput.write(try report.html(), to: output)
        }

        /// The commands and flags the report points its reader to.
        static let hints = ReportBuilder.Hints(
            timeline: "Draw others with dealdb chart timeline (--country, --status, --kind, --owner, --project, --party, --limit).",
            flows: "Draw others with dealdb chart flows (--destination, --country, --status, --kind, --owner, --limit).",
            projectsByCountry: "dealdb projects --country CODE",
            includeFlagged: "--include-flagged",
            parameter: FlagNames.flag(.parameter))
    }
}
