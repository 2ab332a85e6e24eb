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
        var edges: [String: [String: String]] = [:]
        for file in files {
            for name in Set(matches(of: #"\b[A-Z]\w*\b"#, in: file.code)) {
                guard let unit = declaredIn[name], unit != file.unit else { continue }
                edges[file.unit, default: [:]][unit] = "\(file.path) uses \(name)"
            }
        }
        return edges
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
