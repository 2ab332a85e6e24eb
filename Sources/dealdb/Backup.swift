import ArgumentParser
import DealCore
import Foundation

extension DealDB {
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backup",
            abstract: "Copy the database to a file, consistently, while others keep using it.",
            discussion: """
                Uses SQLite's online backup API, so the copy is a consistent snapshot \
                even while other processes write. The copy is written beside DEST and \
                renamed into place once complete and checked; an existing DEST is \
                replaced only with --force. The database itself is not changed.

                Examples:
                  dealdb backup deals-2025-09-02.db
                  dealdb backup --db deals.db /mnt/backups/deals.db --force
                """)

        @OptionGroup var options: DatabaseOptions

        @Flag(help: "Replace DEST if it exists.")
        var force = false

        @Argument(help: ArgumentHelp("The file to write the copy to.", valueName: "dest"))
        var destination: String

        func run() throws {
            let result = try DatabaseBackup.run(
                from: options.location.path, to: destination, force: force,
                busyTimeout: options.lockWait)
            print("backed up \(DisplayText.oneLine(options.location.path)) to \(DisplayText.oneLine(result.destination)) (\(result.bytes) bytes)")
        }
    }
}
