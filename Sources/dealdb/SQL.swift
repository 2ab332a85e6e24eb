import ArgumentParser
import DealCore
import Foundation

extension DealDB {
    struct SQL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sql",
            abstract: "Run SQL: read-only unless --write.",
            discussion: """
                Read-only is enforced by SQLite: a statement that would write is refused \
                and nothing changes. With --write the whole script is one transaction. \
                ATTACH and load_extension are disabled.

                Examples:
                  dealdb sql "SELECT id, title FROM agreements WHERE signed >= :year" \\
                      -p year=2025
                  echo "SELECT count(*) FROM parties" | dealdb sql
                  dealdb sql --write \\
                      "UPDATE agreements SET status = 'in_force' WHERE id = :id" \\
                      -p id=pos1-supply-2014
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var parameters: ParameterOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: "The SQL; read from standard input when left out.")
        var sql: String?

        @Flag(help: "Allow statements that change the database (all in one transaction).")
        var write = false

        /// At most a year: longer is no limit at all, which is 0.
        @Option(help: ArgumentHelp("Stop a statement running longer than this (0: no limit; default: 30).",
                                   valueName: "seconds"),
                transform: TypedArguments.seconds("--timeout", maximum: 365 * 24 * 3600, zero: " (no limit)"))
        var timeout: Duration?

        func run() throws {
            let text = try sql ?? DocumentInput.standardInputText()
            let values = try parameters.values()
            let store = try database.openStore(write ? .write : .read)
            let options = AdhocSQL.Options(allowWrites: write, timeout: timeout == .zero ? nil : timeout ?? .seconds(30))
            try output.write { makeWriter in
                try AdhocSQL(store: store).run(text, parameters: values, options: options, makeWriter: makeWriter)
            }
        }
    }
}
