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
                each comes from. Prints one finding per line, with the id of what is wrong; \
                exits 0 when the database is clean and 1 when something was found. \
                Changes nothing.

                Examples:
                  dealdb doctor
                  dealdb doctor --db backup.db
                """)

        @OptionGroup var options: DatabaseOptions

        func run() throws {
            let path = options.location.path
            let report = try DatabaseDoctor.examine(
                path, busyTimeout: options.lockWait)
            for finding in report.findings { print(finding) }
            guard report.isClean else {
                let count = report.findings.count
                throw DealError(.failure, "\(path): \(count) problem\(count == 1 ? "" : "s") found")
            }
            Terminal.printNotice("\(path): no problems found")
        }
    }
}
