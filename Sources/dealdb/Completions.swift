import ArgumentParser
import DealCore
import Foundation

/// Shell completion of values that live in the database or the query
/// folders. The shell runs dealdb with the words of the command line; the
/// database is the one those words name with --db (or the default one),
/// read only, never created.
enum Completions {
    static let parties = CompletionKind.custom { words, _, prefix in values(.parties, words, prefix) }
    static let projects = CompletionKind.custom { words, _, prefix in values(.projects, words, prefix) }
    static let records = CompletionKind.custom { words, _, prefix in values(.records, words, prefix) }
    static let tables = CompletionKind.custom { words, _, prefix in values(.tables, words, prefix) }

    static let queryNames = CompletionKind.custom { words, _, prefix in
        CompletionValues.queryNames(configDirectory: configDirectory, extraDirectory: value(of: "--queries", in: words),
                                    prefix: prefix)
    }

    /// `-p <TAB>` after `query NAME`: that query's parameters, as `name=`.
    static let queryParameters = CompletionKind.custom { words, _, prefix in
        guard let name = queryName(in: words) else { return [] }
        return CompletionValues.parameters(ofQuery: name, configDirectory: configDirectory,
                                           extraDirectory: value(of: "--queries", in: words))
            .filter { $0.hasPrefix(prefix) }
    }

    private static func values(_ kind: CompletionValues.Kind, _ words: [String], _ prefix: String) -> [String] {
        let location = DatabaseLocation.resolve(option: value(of: "--db", in: words),
                                                environment: ProcessInfo.processInfo.environment)
        return CompletionValues.values(kind, in: location, prefix: prefix)
    }

    private static var configDirectory: String {
        QueryCatalog.configDirectory(environment: ProcessInfo.processInfo.environment)
    }

    /// The value of `option` as `--option value` or `--option=value`.
    static func value(of option: String, in words: [String]) -> String? {
        for (index, word) in words.enumerated() {
            if word == option, index + 1 < words.count { return words[index + 1] }
            if word.hasPrefix(option + "=") { return String(word.dropFirst(option.count + 1)) }
        }
        return nil
    }

    /// The query of `export --query NAME`, or the first word after `query`
    /// that is neither an option nor an option's value.
    static func queryName(in words: [String]) -> String? {
        if let name = value(of: "--query", in: words) { return name }
        guard let start = words.firstIndex(of: "query") else { return nil }
        let takingValues: Set = ["--db", "--busy-timeout", "--queries", "-p", "--param", "--format", "-o", "--output"]
        var index = start + 1
        while index < words.count {
            let word = words[index]
            if takingValues.contains(word) {
                index += 2
            } else if word.hasPrefix("-") {
                index += 1
            } else {
                return word
            }
        }
        return nil
    }
}
