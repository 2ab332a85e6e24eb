import ArgumentParser
import DealCore
import Foundation

extension DealDB {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "What changed between two releases of a Global Energy Monitor tracker.",
            discussion: """
                OLD and NEW are two GEM files of one tracker, in any layout `import --from gem` \
                reads (the gas infrastructure map file and release sheets, the oil and gas \
                plant map files), or releases the database imported (by id, file name or date; \
                see `dealdb changes`). Rows are matched by GEM's id, then wiki page and unit, then \
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
                  dealdb diff gogpt-map-2023-08.csv gogpt-map-2024-08-29.csv \\
                      --format markdown -o changes.md
                  dealdb diff gogpt-map-2023-08.csv gogpt-map-2024-08-29.csv --format csv \\
                      > changes.csv
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: ArgumentHelp("The older release's file.", valueName: "old"), completion: .file())
        var old: String

        @Argument(help: ArgumentHelp("The newer release's file.", valueName: "new"), completion: .file())
        var new: String

        func run() throws {
            // A name that is no file is a release the database stored; a
            // path to no file is a mistake, not a reason to open (or make) one.
            for name in [old, new] where !FileManager.default.fileExists(atPath: name)
                && (name.contains("/") || name.lowercased().hasSuffix(".csv")) {
                throw DealError(.unreadableInput, "\(name): no such file")
            }
            let files = [old, new].allSatisfy { FileManager.default.fileExists(atPath: $0) }
            let store = files ? nil : try database.openStore(.read)
            let comparison = try ReleaseComparison.compare(old: old, new: new, store: store)
            try Self.print(comparison, output: output, what: "\(old) -> \(new)")
        }

        /// The rows or the page, then exit 1 when anything changed.
        static func print(_ comparison: ReleaseComparison, output: OutputOptions, what: String) throws {
            if output.resolvedFormat == .markdown {
                try Output.write(ChangePage.markdown(comparison), to: output.output)
            } else {
                try output.write { makeWriter in try comparison.write(into: makeWriter()) }
                for note in comparison.notes { Terminal.printNotice(note) }
            }
            guard comparison.isEmpty else {
                let count = comparison.rows.count
                throw DealError(.failure, "\(what): \(count) change\(count == 1 ? "" : "s") found")
            }
            Terminal.printNotice("\(what): no changes found")
        }
    }

    struct Changes: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "changes",
            abstract: "What changed in a GEM tracker since a release the database imported.",
            discussion: """
                `import --from gem` records each release it imports (file name, date, \
                checksum) and what each row said. RELEASE is one of them, by its source id \
                (gem-gogpt-map-2023-08), its file's name or its date (2023-08); it is compared \
                with the latest stored release of the same tracker and layout, without the \
                old file, as `dealdb diff` compares two files (docs/CHANGES.md). Rows are \
                matched by the project the import matched them to.

                Exits 0 when nothing changed and 1 when something did.

                Examples:
                  dealdb changes --since 2023-08
                  dealdb changes --since gem-gogpt-map-2023-08 --format markdown -o changes.md
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        @Option(help: ArgumentHelp("A stored release: its id, file name or date.", valueName: "release"))
        var since: String

        func run() throws {
            let store = try database.openStore(.read)
            let comparison = try ReleaseComparison.changes(since: since, store: store)
            try Diff.print(comparison, output: output, what: "since \(since)")
        }
    }
}
