import Foundation

/// Every named query available: the built-ins embedded from `queries/`,
/// the user's in `$XDG_CONFIG_HOME/dealdb/queries/`, and those in a
/// `--queries DIR`, which may replace a built-in.
package struct QueryCatalog: Sendable {
    package private(set) var queries: [NamedQuery] = []
    /// Things the user should hear about, such as a replaced built-in.
    package private(set) var notices: [String] = []
    /// The user's query files that could not be read, by the name their
    /// file gives: asked for by that name, the error; otherwise a notice,
    /// so one broken file does not stop every other query.
    private var broken: [String: DealError] = [:]

    package static func builtIn() throws -> QueryCatalog {
        var catalog = QueryCatalog()
        for file in EmbeddedFiles.queries {
            let query = try NamedQuery(file: "queries/\(file.name)", text: file.contents, origin: "built-in")
            try catalog.add(query, fileName: file.name, replacingBuiltIns: false)
        }
        return catalog
    }

    /// Built-ins plus the user's folders. A query in the config folder may
    /// not take a built-in's name; one in `extraDirectory` may, and wins.
    package static func load(configDirectory: String?, extraDirectory: String?) throws -> QueryCatalog {
        var catalog = try builtIn()
        if let configDirectory, FileManager.default.fileExists(atPath: configDirectory) {
            try catalog.addFolder(configDirectory, replacingBuiltIns: false)
        }
        if let extraDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: extraDirectory, isDirectory: &isDirectory),
                  isDirectory.boolValue else {
                throw DealError(.unreadableInput, "\(extraDirectory): no such directory of queries")
            }
            try catalog.addFolder(extraDirectory, replacingBuiltIns: true)
        }
        return catalog
    }

    /// `$XDG_CONFIG_HOME/dealdb/queries`, or `~/.config/dealdb/queries`.
    package static func configDirectory(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/dealdb/queries" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.config/dealdb/queries"
    }

    package func query(named name: String) throws -> NamedQuery {
        // Before the built-ins: a broken file of the user's that takes a
        // built-in's name is what they asked for, not the built-in.
        if let error = broken[name] { throw error }
        if let query = queries.first(where: { $0.name == name }) { return query }
        throw DealError(.usage, "no query named \"\(name)\"" + Suggestions.hint(for: name, in: queries.map(\.name))
            + "; `dealdb queries` lists them")
    }

    private mutating func addFolder(_ directory: String, replacingBuiltIns: Bool) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".sql") }.sorted()
        } catch {
            throw DealError(.unreadableInput, "\(directory): cannot list queries (\(error.localizedDescription))")
        }
        for name in names {
            let path = directory + "/" + name
            do {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw DealError(.unreadableInput, "\(path): cannot read")
                }
                let text = try TextBytes.text(data, name: path)
                try add(NamedQuery(file: path, text: text, origin: path), fileName: name, replacingBuiltIns: replacingBuiltIns)
            } catch let error as DealError {
                broken[String(name.dropLast(4))] = error
                notices.append("skipped \(path): \(error.message.hasPrefix(path + ": ") ? String(error.message.dropFirst(path.count + 2)) : error.message)")
            }
        }
    }

    private mutating func add(_ query: NamedQuery, fileName: String, replacingBuiltIns: Bool) throws {
        let stem = String(fileName.dropLast(4))
        guard stem == query.name else {
            throw DealError(.invalidData, "\(query.origin == "built-in" ? "queries/" + fileName : query.origin): "
                + "the header names the query \"\(query.name)\" but the file is \(fileName); make them agree")
        }
        if let index = queries.firstIndex(where: { $0.name == query.name }) {
            let existing = queries[index]
            guard replacingBuiltIns || existing.origin != "built-in" else {
                throw DealError(.invalidData, "\(query.origin): a query named \(query.name) is built in; "
                    + "rename yours, or pass its folder with \(setting: .queries) to replace the built-in")
            }
            notices.append("query \(query.name) from \(query.origin) replaces the \(existing.origin == "built-in" ? "built-in" : existing.origin) one")
            queries[index] = query
        } else {
            queries.append(query)
        }
        queries.sort { $0.name < $1.name }
    }
}
