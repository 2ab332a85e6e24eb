import SQLiteKit

/// The values a shell completes from the database: record ids and table
/// names. Completion runs on every TAB, so it only reads: a database that is
/// missing, empty, unreadable or from another version gives no values, and
/// none is ever created or migrated.
package enum CompletionValues {
    package enum Kind: Sendable {
        case parties
        case projects
        /// Everything `show` finds by id: agreements, projects, parties, sources, events.
        case records
        /// The tables that `export` writes and `import --table` loads.
        case tables
    }

    /// The values of `kind` that start with `prefix`, sorted, at most `limit`.
    package static func values(_ kind: Kind, in location: DatabaseLocation, prefix: String = "",
                              limit: Int = 500) -> [String] {
        guard DatabaseFile.inspect(location.path) == .file,
              let database = try? Database(path: location.path, mode: .readOnly, busyTimeout: .milliseconds(200))
        else { return [] }
        let values: [String]?
        switch kind {
        case .tables:
            values = try? TableExport.tableNames(in: database).filter { $0.hasPrefix(prefix) }.sorted()
        case .parties, .projects, .records:
            let tables = switch kind {
            case .parties: ["parties"]
            case .projects: ["projects"]
            default: ["agreements", "projects", "parties", "sources", "events"]
            }
            // Ids are ASCII; the range on the primary key reads only the
            // matching ones, even among GEM's thousands of projects.
            let select = tables.map { "SELECT id FROM \($0) WHERE id >= :prefix AND id < :prefix || x'f48fbfbf'" }
                .joined(separator: " UNION ")
            values = try? database.fetchAll(sql: select + " ORDER BY 1 LIMIT :limit",
                                            named: [":prefix": .text(prefix), ":limit": .integer(Int64(limit))])
                .compactMap { $0.string(0) }
        }
        return values ?? []
    }

    /// The named queries' names that start with `prefix`.
    package static func queryNames(configDirectory: String?, extraDirectory: String?, prefix: String = "") -> [String] {
        guard let catalog = try? QueryCatalog.load(configDirectory: configDirectory, extraDirectory: extraDirectory)
        else { return [] }
        return catalog.queries.map(\.name).filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// `name=` for each parameter of the query `name`.
    package static func parameters(ofQuery name: String, configDirectory: String?, extraDirectory: String?) -> [String] {
        guard let catalog = try? QueryCatalog.load(configDirectory: configDirectory, extraDirectory: extraDirectory),
              let query = try? catalog.query(named: name)
        else { return [] }
        return query.parameters.map { $0.name + "=" }
    }
}
