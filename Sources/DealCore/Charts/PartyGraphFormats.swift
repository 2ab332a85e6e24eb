import Foundation

extension PartyGraph {
    package enum Format: String, Sendable, CaseIterable {
        case dot, mermaid, svg
    }

    /// Shapes by kind of party, in Graphviz's names and Mermaid's brackets.
    static func shape(_ kind: String) -> (dot: String, mermaidOpen: String, mermaidClose: String) {
        switch kind {
        case "state_company": ("box", "[", "]")
        case "company": ("box", "(", ")")
        case "government": ("hexagon", "{{", "}}")
        case "intergovernmental_organization": ("doubleoctagon", "[[", "]]")
        case "development_bank", "bank", "fund": ("cylinder", "[(", ")]")
        case "analyst": ("note", ">", "]")
        default: ("ellipse", "([", "])")
        }
    }

    static func nodeLabel(_ node: Node) -> String {
        let kind = node.kind.replacingOccurrences(of: "_", with: " ")
        return node.name + "\n" + kind + (node.country.map { " · \($0)" } ?? "")
    }

    static func edgeLabel(_ edge: Edge) -> String {
        edge.isTransit ? edge.label + "\ntransit (\(edge.fromRole) → \(edge.toRole))" : edge.label
    }

    /// Font families Graphviz hands to Pango (which falls back per
    /// character) and writes into its SVG.
    static let dotFonts = "Noto Sans,DejaVu Sans,Noto Sans CJK SC,sans-serif"

    package func dot() -> String {
        var lines = [
            "digraph parties {",
            "  graph [rankdir=LR, fontname=\(Markup.dotString(Self.dotFonts)), fontsize=14, labelloc=t, "
                + "label=\(Markup.dotString("Parties and agreements (dashed bold: transit)")), pad=0.3, nodesep=0.4];",
            "  node [fontname=\(Markup.dotString(Self.dotFonts)), fontsize=12, style=filled, fillcolor=\"#f4f6fa\", "
                + "color=\"#334455\", margin=\"0.15,0.08\"];",
            "  edge [fontname=\(Markup.dotString(Self.dotFonts)), fontsize=11, color=\"#445566\"];",
        ]
        for node in nodes {
            let shape = Self.shape(node.kind).dot
            let style = node.kind == "company" ? "filled,rounded" : "filled"
            lines.append("  \(Markup.dotString(node.id)) [label=\(Markup.dotString(Self.nodeLabel(node))), shape=\(shape), "
                + "style=\(Markup.dotString(style)), tooltip=\(Markup.dotString(node.id))];")
        }
        for edge in edges {
            var attributes = "label=\(Markup.dotString(Self.edgeLabel(edge))), tooltip=\(Markup.dotString(edge.title))"
            if edge.isTransit { attributes += ", style=\"dashed,bold\", penwidth=2.5, color=\"#b35c00\", fontcolor=\"#7a3e00\"" }
            lines.append("  \(Markup.dotString(edge.from)) -> \(Markup.dotString(edge.to)) [\(attributes)];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    package func mermaid() -> String {
        var lines = ["flowchart LR"]
        func id(_ party: String) -> String { "p_" + party.replacingOccurrences(of: "-", with: "_") }
        for node in nodes {
            let shape = Self.shape(node.kind)
            lines.append("  \(id(node.id))\(shape.mermaidOpen)\(Markup.mermaidString(Self.nodeLabel(node)))\(shape.mermaidClose)")
        }
        var transitLinks: [Int] = []
        for (index, edge) in edges.enumerated() {
            let arrow = edge.isTransit ? "-.->" : "-->"
            if edge.isTransit { transitLinks.append(index) }
            lines.append("  \(id(edge.from)) \(arrow)|\(Markup.mermaidString(Self.edgeLabel(edge)))| \(id(edge.to))")
        }
        if !transitLinks.isEmpty {
            lines.append("  linkStyle \(transitLinks.map(String.init).joined(separator: ",")) stroke:#b35c00,stroke-width:3px")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The graph drawn by Graphviz's `dot`, run from PATH.
    package func svg(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        guard let graphviz = Self.findExecutable("dot", environment: environment) else {
            let missing: DealMessage = "\(setting: .format, value: "svg") needs Graphviz's `dot`, which is not on PATH; "
                + "install the graphviz package (apt-get install graphviz) or use \(setting: .format, value: "dot")"
            throw DealError(.failure, missing)
        }
        let result = try Subprocess.run(graphviz, ["-Tsvg"], input: Data(dot().utf8))
        guard result.status == 0 else {
            throw DealError(.failure, "dot -Tsvg failed (exit \(result.status)): "
                + result.stderr.trimmingWhitespaceAndNewlines())
        }
        return result.stdout
    }

    static func findExecutable(_ name: String, environment: [String: String]) -> String? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// Runs a helper program with its output in temporary files rather than
/// pipes, so that a large graph can never fill a pipe and deadlock us.
enum Subprocess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ executable: String, _ arguments: [String], input: Data) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.path + "/dealdb-\(ProcessInfo.processInfo.processIdentifier)-"
            + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let inPath = scratch + "/in", outPath = scratch + "/out", errPath = scratch + "/err"
        for (path, contents) in [(inPath, input), (outPath, Data()), (errPath, Data())] {
            guard FileManager.default.createFile(atPath: path, contents: contents) else {
                throw DealError(.failure, "cannot write a temporary file in \(scratch)")
            }
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: inPath))
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        do {
            try process.run()
        } catch {
            throw DealError(.failure, "cannot run \(executable): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        let stdout = (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data()
        let stderr = (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}
