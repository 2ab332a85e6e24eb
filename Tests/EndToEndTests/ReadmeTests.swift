import Foundation
import Testing
import TestSupport

/// The README repeats usage lines by hand; this keeps them from drifting
/// away from the commands' own `--help`: every command a usage line runs
/// must exist, every flag it uses must be one that command takes, and
/// every command `dealdb --help` lists must appear in the README.
@Suite struct ReadmeTests {
    struct UsageLine: CustomStringConvertible {
        let number: Int
        let text: String
        var description: String { "README.md:\(number): \(text)" }
    }

    /// The indented example lines that run dealdb (`    dealdb list ...`).
    static func usageLines() throws -> [UsageLine] {
        let readme = try String(contentsOfFile: SharedData.packageRoot + "/README.md", encoding: .utf8)
        return readme.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            line.hasPrefix("    dealdb ") ? UsageLine(number: index + 1, text: String(line.dropFirst(4))) : nil
        }
    }

    /// The line's words before its comment, with quoted text left out.
    static func words(of line: String) -> [String] {
        var text = ""
        var quote: Character?
        for character in line {
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            if character == "\"" || character == "'" { quote = character; continue }
            if character == "#" { break }
            text.append(character)
        }
        return text.split(whereSeparator: { $0 == " " || $0 == "[" || $0 == "]" || $0 == "|" || $0 == "<" || $0 == ">" })
            .map(String.init)
    }

    static func help(_ command: [String]) throws -> String {
        let result = try ProcessRunner.dealdb(command + ["--help"])
        return result.stdout
    }

    /// The names listed under every "... SUBCOMMANDS:" heading of a help text.
    static func subcommands(in help: String) -> [String] {
        help.components(separatedBy: "\n\n")
            .filter { $0.split(separator: "\n").first?.hasSuffix("SUBCOMMANDS:") == true }
            .flatMap { $0.split(separator: "\n").dropFirst() }
            .compactMap { line in
                line.hasPrefix("  ") && !line.hasPrefix("   ") ? line.split(separator: " ").first.map(String.init) : nil
            }
    }

    @Test func usageLinesUseOnlyCommandsAndFlagsThatExist() throws {
        let lines = try Self.usageLines()
        #expect(lines.count >= 40, "found only \(lines.count) usage lines")
        var helps: [[String]: String] = [:]
        func helpText(_ command: [String]) throws -> String {
            if let text = helps[command] { return text }
            let text = try Self.help(command)
            helps[command] = text
            return text
        }
        let topLevel = Self.subcommands(in: try helpText([]))
        for line in lines {
            let words = Array(Self.words(of: line.text).dropFirst())
            // `dealdb --generate-completion-script zsh`: argument-parser's own, not in help.
            guard let first = words.first, !first.hasPrefix("-") else { continue }
            #expect(topLevel.contains(first), "\(line): no command \(first)")
            guard topLevel.contains(first) else { continue }
            var command = [first]
            if words.count > 1, Self.subcommands(in: try helpText(command)).contains(words[1]) {
                command.append(words[1])
            }
            let help = try helpText(command)
            for word in words where word.hasPrefix("-") {
                let flag = String(word.prefix { $0 != "=" })
                guard flag.count > 1, flag.dropFirst().first?.isLetter == true || flag.hasPrefix("--") else { continue }
                let spelled = help.contains(" \(flag) ") || help.contains(" \(flag),") || help.contains("\(flag) <")
                    || help.contains("[\(flag)") || help.contains("\(flag)\n")
                #expect(spelled, "\(line): `dealdb \(command.joined(separator: " ")) --help` has no \(flag)")
            }
        }
    }

    @Test func everyCommandIsInTheReadme() throws {
        let used = Set(try Self.usageLines().compactMap { Self.words(of: $0.text).dropFirst().first })
        let commands = Self.subcommands(in: try Self.help([]))
        #expect(commands.count >= 15)
        for command in commands {
            #expect(used.contains(command), "README.md has no usage line for `dealdb \(command)`")
        }
    }
}
