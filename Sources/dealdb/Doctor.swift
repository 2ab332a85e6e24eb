import ArgumentParser
import DealCore
import Foundation

extension DealDB {
    struct Doctor: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "doctor",
            abstract: "Check a database for damage and for data that breaks dealdb's rules.",
            discussion: """
                Runs SQLite's integrity and foreign-key checks, compares the applied \
                migrations with this binary's, and looks for facts without a source, \
                orphaned citation rows, and dates out of order (a term valid_to before \
                its valid_from; an event of an agreement dated before the agreement was \
                signed), and applies the data-quality rules of docs/QUALITY.md (capacity \
                outliers, numbers that are not numbers, shares that do not add up, routes \
                that repeat a country, likely duplicate parties, ...), naming the GEM row \
                each comes from. Prints one finding per line, with the id of what is wrong. \
                Changes nothing, unless asked to repair.

                Also compares the schema's tables, triggers, views and indexes with \
                what dealdb's migrations make: another tool may have dropped them \
                (`sqlite-utils transform` rebuilds a table without its triggers, and \
                the search index then misses new rows) or added a trigger that writes \
                whenever dealdb writes. `--repair` makes every missing or changed \
                trigger, view and index again from the migrations, drops triggers the \
                migrations never made (printing their SQL), and fills the search \
                indexes anew, in one transaction; tables and rows are left as they are.

                Exit status: 1 when the database has a problem (damage, a migration out \
                of step, a row that breaks dealdb's rules: every line but `quality:`); \
                0 when it has none, even with data-quality notes (`quality:` lines: data \
                kept as its source gives it and left out of sums), so that a script can \
                tell damage from findings in the data.

                Examples:
                  dealdb doctor
                  dealdb doctor --db backup.db
                  dealdb doctor --repair
                """)

        @OptionGroup var options: DatabaseOptions

        @Flag(help: "Make missing or changed triggers, views and indexes again, drop foreign triggers, and refill the search indexes.")
        var repair = false

        func run() throws {
            // Repaired first, so that the check below says what is left.
            if repair { try repairSchema() }
            let path = options.location.path
            let report = try DatabaseDoctor.examine(
                path, busyTimeout: options.lockWait)
            for finding in report.findings { print(finding.commandLineText) }
            let problems = report.problems.count, notes = report.dataNotes.count
            let noted = notes == 0 ? "" : "\(notes) data-quality note\(notes == 1 ? "" : "s") (docs/QUALITY.md)"
            guard problems == 0 else {
                throw DealError(.failure, "\(path): \(problems) problem\(problems == 1 ? "" : "s") found"
                    + (noted.isEmpty ? "" : ", and " + noted))
            }
            Terminal.printNotice("\(DisplayText.oneLine(path)): no problems found" + (noted.isEmpty ? ""
                : "; " + noted + " on data kept as its sources give it and left out of sums"))
        }

        private func repairSchema() throws {
            let done = try options.openStore().repairSchema()
            for line in done { Terminal.printNotice("repaired: " + line) }
            if done.isEmpty {
                Terminal.printNotice("\(DisplayText.oneLine(options.location.path)): the schema is as the migrations make it; nothing to repair")
            }
        }
    }
}
