import ArgumentParser
import DealCore
import Foundation

extension DealDB {
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Bring a database up to the current schema, or show its migrations.",
            discussion: """
                Examples:
                  dealdb migrate --db deals.db
                  dealdb migrate --status
                """)

        @OptionGroup var options: DatabaseOptions

        @Flag(help: "List applied and pending migrations without changing anything.")
        var status = false

        func run() throws {
            let path = options.location.path
            if status {
                let state = try DealStore.migrationStatus(at: path)
                for migration in state.applied {
                    print("applied  \(migration.name)  \(migration.appliedAt ?? "")")
                }
                for migration in state.pending {
                    print("pending  \(migration.name)")
                }
                return
            }
            let store = try options.openStore()
            print(store.migrated
                ? "\(store.path) migrated to version \(DealSchema.latestVersion)"
                : "\(store.path) is up to date (version \(DealSchema.latestVersion))")
        }
    }
}
