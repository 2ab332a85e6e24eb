import ArgumentParser
import DealCore
import Foundation

/// `--db` and how long to wait for a lock, shared by every command.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The database file (default: $DEALDB_PATH, else $XDG_DATA_HOME/dealdb/deals.db).",
        valueName: "path"), completion: .file(extensions: ["db", "sqlite", "sqlite3"]))
    var db: String?

    // SQLite takes the wait in milliseconds as a 32-bit int: about 24 days.
    @Option(name: .long, help: ArgumentHelp(
        "Seconds to wait for another process's write lock (default: 30).", valueName: "seconds"),
            transform: TypedArguments.seconds("--busy-timeout", maximum: Double(Int32.max / 1000)))
    var busyTimeout: Duration?

    var location: DatabaseLocation {
        DatabaseLocation.resolve(option: db, environment: ProcessInfo.processInfo.environment)
    }

    /// How long to wait for a lock: the option, else 30 seconds.
    var lockWait: Duration { busyTimeout ?? .seconds(30) }

    /// Opens (and if needed migrates or creates) the database, telling the
    /// user on stderr what that did. A command that only reads says so and
    /// gets a read-only connection.
    /// The database, opened for `access`. A command that only reads ends
    /// at once on Ctrl-C, unless it writes several files that must appear
    /// together (`endsAtOnce` false): it stops between rows and removes them.
    func openStore(_ access: DealStore.Access = .write, endsAtOnce: Bool = true) throws -> DealStore {
        let store = try DealStore.open(location, access: access, busyTimeout: lockWait)
        store.notices.forEach(Terminal.printNotice)
        if access == .read && endsAtOnce { Cancellation.endAtOnceFromNowOn() }
        return store
    }

    /// After a command that found no rows: when no database was named
    /// (neither --db nor $DEALDB_PATH), says which one answered. The default
    /// one is created and seeded on first use, and an empty answer from it
    /// read as an answer about the database the user had in mind.
    func noteEmptyResult(_ rows: Int) {
        guard rows == 0, location.isDefault else { return }
        Terminal.printNotice("no rows, from the default database \(DisplayText.oneLine(location.path)); name another with --db")
    }
}
