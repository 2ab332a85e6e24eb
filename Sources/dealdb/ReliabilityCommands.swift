import ArgumentParser

extension DealDB {
    /// Commands that check and protect the database file.
    static var reliabilityCommands: [any ParsableCommand.Type] { [Doctor.self, Backup.self] }
}
