import Foundation

/// One schema change, from a file named `NNNN_name.sql`.
package struct Migration: Sendable, Equatable {
    package let version: Int
    package let name: String
    package let sql: String
    /// SHA-256 of the file's bytes, recorded when applied so that an edited
    /// migration is noticed instead of silently diverging.
    package let checksum: String

    package init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = SHA256.hex(Array(sql.utf8))
    }

    /// Reads `0003_search.sql` as version 3 named `search`.
    package init(fileName: String, contents: String) throws {
        let stem = fileName.hasSuffix(".sql") ? String(fileName.dropLast(4)) : fileName
        let parts = stem.split(separator: "_", maxSplits: 1)
        guard parts.count == 2, parts[0].count >= 4, parts[0].allSatisfy(\.isASCIIDigit),
              let version = Int(parts[0]), version > 0, !parts[1].isEmpty else {
            throw MigrationError.badFileName(fileName)
        }
        self.init(version: version, name: String(parts[1]), sql: contents)
    }

    package var fileName: String { String(format: "%04d_%@.sql", version, name) }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

package enum MigrationError: Error, Sendable, CustomStringConvertible, Equatable {
    case badFileName(String)
    case duplicateVersion(Int)
    case checksumMismatch(version: Int, name: String, recorded: String, expected: String)
    case unknownVersion(version: Int, name: String, newest: Int)
    case foreignKeyViolations(version: Int, name: String, count: Int)

    package var description: String {
        switch self {
        case .badFileName(let name):
            return "migration file \(name): expected a name like 0001_schema.sql"
        case .duplicateVersion(let version):
            return "two migrations have version \(version)"
        case let .checksumMismatch(version, name, recorded, expected):
            return "migration \(String(format: "%04d", version))_\(name) was changed after it was applied "
                + "(recorded checksum \(recorded.prefix(12))…, this dealdb has \(expected.prefix(12))…); "
                + "the database was left as it is: use the dealdb release that created it, "
                + "or export the data and import it into a new database"
        case let .unknownVersion(version, name, newest):
            return "the database has migration \(String(format: "%04d", version))_\(name), newer than this "
                + "dealdb knows (up to \(String(format: "%04d", newest))); "
                + "the database was left as it is: upgrade dealdb"
        case let .foreignKeyViolations(version, name, count):
            return "migration \(String(format: "%04d", version))_\(name) left \(count) foreign key violations; rolled back"
        }
    }
}
