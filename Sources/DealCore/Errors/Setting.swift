/// A setting a caller hands the domain: to the CLI, a command-line option.
/// The domain names the setting in its messages (`DealMessage`); which flag
/// carries it, and how it is spelled, is the caller's to say, so DealCore
/// never spells a flag.
package enum Setting: String, Sendable, CaseIterable {
    case database
    case busyTimeout
    case force
    case write
    case timeout
    case queries
    case limit
    case name
    case owner
    case minimumCapacity
    case since
    case until
    case asOf
    case depth
    case format
    /// A named query's or the SQL's parameter, given as name=value.
    case parameter

    /// How the setting reads where no command line words it (a library caller).
    package var plainName: String {
        switch self {
        case .database: "database path"
        case .busyTimeout: "busy timeout"
        case .force: "force option"
        case .write: "write option"
        case .timeout: "timeout"
        case .queries: "queries folder"
        case .limit: "limit"
        case .name: "name"
        case .owner: "owner"
        case .minimumCapacity: "minimum capacity"
        case .since: "since"
        case .until: "until"
        case .asOf: "as-of date"
        case .depth: "depth"
        case .format: "format"
        case .parameter: "parameter"
        }
    }
}

/// A message that may name settings and suggest commands, rendered by
/// whoever shows it: the CLI spells flags (`--limit`), anyone else gets
/// plain words (`Setting.plainName`).
package struct DealMessage: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    package enum Part: Sendable, Equatable {
        case text(String)
        case setting(Setting)
        /// A setting with the value it was given (`--format svg`).
        case settingValue(Setting, String)
        /// The command that makes a dealdb database at a path.
        case initializeCommand(path: String)
        /// The command that brings a database at a path to this schema.
        case migrateCommand(path: String)
        /// The command that makes the schema's triggers, views and indexes again.
        case repairCommand
    }

    package private(set) var parts: [Part]

    package init(_ text: String) { parts = [.text(text)] }
    init(_ part: Part) { parts = [part] }

    /// `dealdb doctor --repair`, as the caller words it.
    package static let repairCommand = DealMessage(Part.repairCommand)
    package init(stringLiteral value: String) { parts = [.text(value)] }
    package init(stringInterpolation: StringInterpolation) { parts = stringInterpolation.parts }

    package struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []
        package init(literalCapacity: Int, interpolationCount: Int) {}
        package mutating func appendLiteral(_ literal: String) { parts.append(.text(literal)) }
        package mutating func appendInterpolation<T>(_ value: T) { parts.append(.text("\(value)")) }
        package mutating func appendInterpolation(setting: Setting) { parts.append(.setting(setting)) }
        package mutating func appendInterpolation(setting: Setting, value: String) {
            parts.append(.settingValue(setting, value))
        }
        package mutating func appendInterpolation(initializeCommand path: String) {
            parts.append(.initializeCommand(path: path))
        }
        package mutating func appendInterpolation(migrateCommand path: String) {
            parts.append(.migrateCommand(path: path))
        }

    }

    /// The message with each part worded by `words`.
    package func rendered(_ words: (Part) -> String?) -> String {
        parts.map { part in
            if let text = words(part) { return text }
            return Self.plain(part)
        }.joined()
    }

    package var description: String { parts.map(Self.plain).joined() }

    /// Joins two messages; a long one is written over several lines.
    package static func + (lhs: DealMessage, rhs: DealMessage) -> DealMessage {
        var joined = lhs
        joined.parts += rhs.parts
        return joined
    }

    static func plain(_ part: Part) -> String {
        switch part {
        case .text(let text): text
        case .setting(let setting): setting.plainName
        case .settingValue(let setting, let value): "\(setting.plainName) \(value)"
        case .initializeCommand: "DealStore.create"
        case .migrateCommand: "DealStore.open"
        case .repairCommand: "DealStore.repairSchema"
        }
    }
}
