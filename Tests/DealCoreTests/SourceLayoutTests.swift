import Foundation
import Testing

/// The shape of DealCore's sources, which the compiler does not check: its
/// folders depend on one another one way only, and the domain names no
/// command-line flag (the CLI words its messages, see FlagNames.swift).
@Suite struct SourceLayoutTests {
    /// Sources/DealCore, found from this file's own path.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/DealCore")

    struct SourceFile {
        let path: String
        /// Its folder below Sources/DealCore; the files at the root are each their own unit.
        let unit: String
        /// The text without comments and string literals.
        let code: String
        let strings: [String]
    }

    static func sources() throws -> [SourceFile] {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var files: [SourceFile] = []
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
            // Whole-line comments first, then literals (which may hold `//`,
            // as URLs do), then what comments follow code on a line.
            let uncommented = text.replacingOccurrences(of: #"(?m)^\s*//[^\n]*"#, with: "", options: .regularExpression)
            let block = #"(?s)\"\"\".*?\"\"\""#
            let literal = #""(?:[^"\\\n]|\\.)*""#
            let blocks = matches(of: block, in: uncommented)
            let rest = uncommented.replacingOccurrences(of: block, with: "\"\"", options: .regularExpression)
            let strings = blocks + matches(of: literal, in: rest)
            let code = rest.replacingOccurrences(of: literal, with: "\"\"", options: .regularExpression)
                .replacingOccurrences(of: #"//[^\n]*"#, with: "", options: .regularExpression)
            let parts = relative.split(separator: "/")
            files.append(SourceFile(path: relative, unit: parts.count > 1 ? String(parts[0]) : relative,
                                    code: code, strings: strings))
        }
        return files
    }

    static func matches(of pattern: String, in text: String, group: Int = 0) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: group), in: text).map { String(text[$0]) }
        }
    }

    /// Which unit uses which, with the file and type that make each edge:
    /// a file uses a unit when it names a type declared at the top level there.
    static func dependencies(_ files: [SourceFile]) -> [String: [String: String]] {
        var declaredIn: [String: String] = [:]
        for file in files {
            let pattern = #"^(?:(?:public|package|internal|private|fileprivate|final|indirect) )*"#
                + #"(?:class|struct|enum|protocol|actor|typealias) ([A-Z]\w*)"#
            for name in matches(of: pattern, in: file.code, group: 1) { declaredIn[name] = file.unit }
        }
        // Members that extensions add to types declared elsewhere (Foundation's
        // Locale, String): `.posix` names no DealCore type, yet ties its
        // user to the folder of the extension. Names declared by more than
        // one unit, or shorter than five letters, would match by chance.
        var memberUnits: [String: Set<String>] = [:]
        for file in files {
            for body in extensionBodies(in: file.code, excluding: Set(declaredIn.keys)) {
                let pattern = #"\b(?:func|static (?:let|var))\s+([a-zA-Z_]\w{4,})"#
                for name in matches(of: pattern, in: body, group: 1) { memberUnits[name, default: []].insert(file.unit) }
            }
        }
        let members = memberUnits.compactMapValues { $0.count == 1 ? $0.first : nil }
        var edges: [String: [String: String]] = [:]
        for file in files {
            for name in Set(matches(of: #"\b[A-Z]\w*\b"#, in: file.code)) {
                guard let unit = declaredIn[name], unit != file.unit else { continue }
                edges[file.unit, default: [:]][unit] = "\(file.path) uses \(name)"
            }
            for name in Set(matches(of: #"\.([a-zA-Z_]\w{4,})\b"#, in: file.code, group: 1)) {
                guard let unit = members[name], unit != file.unit else { continue }
                edges[file.unit, default: [:]][unit] = "\(file.path) uses .\(name)"
            }
        }
        return edges
    }

    /// The bodies of `extension T { ... }` for types T not in `ours`.
    static func extensionBodies(in code: String, excluding ours: Set<String>) -> [String] {
        var bodies: [String] = []
        let characters = Array(code)
        let text = code as NSString
        let regex = try? NSRegularExpression(pattern: #"^extension\s+([A-Z]\w*)[^{\n]*\{"#, options: [.anchorsMatchLines])
        for match in regex?.matches(in: code, range: NSRange(location: 0, length: text.length)) ?? [] {
            guard let typeRange = Range(match.range(at: 1), in: code), !ours.contains(String(code[typeRange])),
                  let whole = Range(match.range, in: code) else { continue }
            var depth = 0
            var index = code.distance(from: code.startIndex, to: whole.upperBound) - 1
            let start = index
            repeat {
                if characters[index] == "{" { depth += 1 } else if characters[index] == "}" { depth -= 1 }
                index += 1
            } while depth > 0 && index < characters.count
            bodies.append(String(characters[start..<index]))
        }
        return bodies
    }

    @Test func foldersDependOnEachOtherOneWayOnly() throws {
        let edges = Self.dependencies(try Self.sources())
        #expect(edges.count > 10, "the scan found too few folders to mean anything")
        // A depth-first search; a unit met again while still on the path closes a cycle.
        var state: [String: Bool] = [:]  // false: on the path, true: done
        var path: [String] = []
        var cycles: [String] = []
        func visit(_ unit: String) {
            state[unit] = false
            path.append(unit)
            for next in (edges[unit] ?? [:]).keys.sorted() {
                if state[next] == false, let start = path.firstIndex(of: next) {
                    let loop = Array(path[start...]) + [next]
                    cycles.append(zip(loop, loop.dropFirst()).map { "\($0) -> \($1) (\(edges[$0]![$1]!))" }
                        .joined(separator: "; "))
                } else if state[next] == nil {
                    visit(next)
                }
            }
            path.removeLast()
            state[unit] = true
        }
        for unit in edges.keys.sorted() where state[unit] == nil { visit(unit) }
        #expect(cycles.isEmpty, "\(cycles.joined(separator: "\n"))")
    }

    /// The scan sees members added to other modules' types: `Locale.posix`
    /// and `String.applyingWidthFolding`, once in GEM/ and used from
    /// outside it, made two folder cycles that matching type names missed.
    @Test func extensionMembersCountAsUses() throws {
        let files = try Self.sources()
        let edges = Self.dependencies(files)
        let users = edges.filter { $0.value.values.contains { $0.hasSuffix("uses .applyingWidthFolding") } }
        #expect(!users.isEmpty, "no file seen using .applyingWidthFolding: the scan misses extension members")
        #expect(users.allSatisfy { $0.value.contains { $0.key == "TextFolding.swift" } })
    }

    @Test func theDomainNamesNoFlag() throws {
        let files = try Self.sources()
        #expect(files.count > 50 && files.filter { !$0.strings.isEmpty }.count > 50, "the scan read too little")
        var found: [String] = []
        for file in files {
            for literal in file.strings where literal.range(of: #"(^|[\s(`">])(--[a-z]|-[a-z] )"#, options: .regularExpression) != nil {
                found.append("\(file.path): \(literal)")
            }
        }
        let listing = found.joined(separator: "\n")
        #expect(found.isEmpty, "DealCore text naming a flag (word it in the CLI: a DealMessage setting):\n\(listing)")
    }
}
