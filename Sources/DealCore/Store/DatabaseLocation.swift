import Foundation

/// Where the database is: `--db PATH`, else `$DEALDB_PATH`, else
/// `$XDG_DATA_HOME/dealdb/deals.db` (`~/.local/share/dealdb/deals.db`).
package struct DatabaseLocation: Sendable, Equatable {
    package let path: String
    /// True when no path was given: such a database is created and seeded
    /// on first use.
    package let isDefault: Bool

    package init(path: String, isDefault: Bool) {
        self.path = path
        self.isDefault = isDefault
    }

    package static func resolve(option: String?, environment: [String: String]) -> DatabaseLocation {
        if let option, !option.isEmpty { return DatabaseLocation(path: option, isDefault: false) }
        if let path = environment["DEALDB_PATH"], !path.isEmpty {
            return DatabaseLocation(path: path, isDefault: false)
        }
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = xdg
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            dataHome = home + "/.local/share"
        }
        return DatabaseLocation(path: dataHome + "/dealdb/deals.db", isDefault: true)
    }
}
