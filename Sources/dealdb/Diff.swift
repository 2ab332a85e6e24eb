import ArgumentParser
import DealCore

extension DealDB {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "What changed between two releases of a Global Energy Monitor tracker.",
            discussion: """
                OLD and NEW are two GEM files of one tracker, in any layout `import --from gem` \
                reads (the gas infrastructure map file and release sheets, the oil and gas \
                plant map files). Rows are matched by GEM's id, then wiki page and unit, then \
                the most alike row of one wiki page (a unit renamed or re-keyed), then name and \
                country, then place; values are compared as the import reads them (numbers \
                parsed, owners as companies and shares, statuses in any case), vocabulary \
                recodings (technology CC -> combined cycle) are found and applied as rules, and \
                layout changes are named (docs/CHANGES.md).

                Columns: change, project, name, field, old, new, matched_by. change is added, \
                removed, renamed or changed; rows of change layout (a column added, dropped, \
                renamed or not compared) and recoded (a rule, with how many rows it translated) \
                come first. --format markdown prints a page for people instead: counts, the \
                status-transition matrix, capacity added and removed by status, owners gained \
                and lost, the largest changes first, and GEM's credit.

                Exits 0 when nothing changed and 1 when something did (like diff and doctor).

                Examples:
                  dealdb diff gogpt-map-2023-08.csv gogpt-map-2024-08-29.csv --format markdown -o changes.md
                  dealdb diff gogpt-map-2023-08.csv gogpt-map-2024-08-29.csv --format csv > changes.csv
                """)

        @OptionGroup var output: OutputOptions

        @Argument(help: ArgumentHelp("The older release's file.", valueName: "old"), completion: .file())
        var old: String

        @Argument(help: ArgumentHelp("The newer release's file.", valueName: "new"), completion: .file())
        var new: String

        func run() throws {
            let comparison = try ReleaseComparison.compare(old: old, new: new)
            if output.resolvedFormat == .markdown {
                try Output.write(ChangePage.markdown(comparison), to: output.output)
            } else {
                try output.write { makeWriter in try comparison.write(into: makeWriter()) }
                for note in comparison.notes { Terminal.printNotice(note) }
            }
            guard comparison.isEmpty else {
                let count = comparison.rows.count
                throw DealError(.failure, "\(old) -> \(new): \(count) change\(count == 1 ? "" : "s") found")
            }
            Terminal.printNotice("\(old) -> \(new): no changes found")
        }
    }
}
