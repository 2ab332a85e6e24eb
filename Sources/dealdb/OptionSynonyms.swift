import ArgumentParser
import Foundation

/// ArgumentParser suggests the option closest in spelling to a mistyped
/// one: `projects --type` gets `--wide`. A word an analyst reaches for that
/// means one of ours (`--type` for `--kind`) is what they meant; when the
/// command has that option, it is the suggestion.
enum OptionSynonyms {
    static let meanings: [String: [String]] = [
        "--type": ["--kind"], "--category": ["--kind"],
        "--company": ["--party", "--owner"], "--operator": ["--owner"], "--partner": ["--party"],
        "--database": ["--db"], "--file": ["--output", "--db"], "--out": ["--output"],
        "--parameter": ["--param"], "--country-code": ["--country"], "--nation": ["--country"],
        "--from-date": ["--since"], "--after": ["--since"], "--before": ["--until"], "--to-date": ["--until"],
        "--date": ["--as-of"], "--at": ["--as-of"], "--fmt": ["--format"], "--max": ["--limit"],
        "--pipeline": ["--project"], "--deal": ["--agreement"],
    ]

    /// The usage message with its "Did you mean" put right, when the
    /// unknown option is a synonym of one the command takes.
    static func rewrite(_ message: String, arguments: [String]) -> String {
        guard let match = message.firstMatch(of: /Unknown option '(--[A-Za-z0-9-]+)'(\. Did you mean '[^']*'\?)?/),
              let meanings = meanings[String(match.output.1).lowercased()] else { return message }
        let help = command(for: arguments).helpMessage(columns: 200)
        guard let meant = meanings.first(where: { help.contains("  \($0) ") || help.contains(" \($0),") || help.contains(" \($0)\n") })
        else { return message }
        return message.replacingCharacters(in: match.range, with: "Unknown option '\(match.output.1)'. Did you mean '\(meant)'?")
    }

    /// The (sub)command the words name: `chart timeline` is Chart.Timeline.
    static func command(for arguments: [String]) -> ParsableCommand.Type {
        var current: ParsableCommand.Type = DealDB.self
        for word in arguments where !word.hasPrefix("-") {
            guard let next = current.configuration.subcommands.first(where: { $0._commandName == word }) else { break }
            current = next
        }
        return current
    }
}
