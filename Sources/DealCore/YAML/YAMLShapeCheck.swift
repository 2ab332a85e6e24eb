import CYaml
import Foundation

/// A cheap pass over a YAML text's events, run before Yams composes it, that
/// refuses the two shapes that make composing (or our walk of the result)
/// take unbounded time or stack: nesting far deeper than any deal document
/// needs, and aliases that expand to a huge tree ("billion laughs").
///
/// Yams composes recursively, and when it checks a mapping for duplicate
/// keys it hashes each key whole, so an alias of a nine-level tree used as
/// a key is hashed node by node, billions of times. libyaml's own parser is
/// a loop with explicit stacks, so reading its events here is safe at any
/// depth and linear in the text.
enum YAMLShapeCheck {
    /// Deal documents nest 8 levels at most; this leaves room for mistakes
    /// that deserve an ordinary error message rather than this one.
    static let maximumDepth = 64
    /// How many nodes aliases may add to the document when expanded. A
    /// document that uses anchors for repeated citations adds a handful per
    /// alias; a billion-laughs document adds billions.
    static let maximumAliasExpansion = 100_000

    struct Problem: Error, Equatable {
        let line: Int
        let column: Int
        let message: String
    }

    /// The first problem, or nil when the text may be composed. Syntax
    /// errors are left for Yams to report with its usual messages.
    static func check(_ text: String) -> Problem? {
        var text = text
        return text.withUTF8 { bytes in scan(bytes) }
    }

    private struct Frame {
        var anchor: String?
        var nodes = 1
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Problem? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)

        var stack: [Frame] = []
        var anchors: [String: Int] = [:]
        var aliasNodes = 0

        func finish(_ nodes: Int, anchor: String?) {
            if let anchor { anchors[anchor] = nodes }
            if !stack.isEmpty { stack[stack.count - 1].nodes += nodes }
        }

        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else {
                // libyaml stops at 1000 levels of flow nesting (`[[[[...`)
                // while reading ahead, before we see that many events.
                let problem = parser.problem.map { String(cString: $0) } ?? ""
                guard problem.contains("nesting level") else { return nil }
                return Problem(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1,
                               message: "nested more than \(maximumDepth) levels deep; a deal document needs at most 8")
            }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let anchor = event.type == YAML_SEQUENCE_START_EVENT
                    ? name(event.data.sequence_start.anchor) : name(event.data.mapping_start.anchor)
                stack.append(Frame(anchor: anchor))
                if stack.count > maximumDepth {
                    return Problem(line: line, column: column, message:
                        "nested more than \(maximumDepth) levels deep; a deal document needs at most 8")
                }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { return nil }
                finish(frame.nodes, anchor: frame.anchor)
            case YAML_SCALAR_EVENT:
                finish(1, anchor: name(event.data.scalar.anchor))
            case YAML_ALIAS_EVENT:
                // An undefined alias counts as one node; Yams reports it.
                let nodes = name(event.data.alias.anchor).flatMap { anchors[$0] } ?? 1
                aliasNodes += nodes
                if aliasNodes > maximumAliasExpansion {
                    return Problem(line: line, column: column, message:
                        "aliases expand to more than \(maximumAliasExpansion) nodes; write the records out instead")
                }
                finish(nodes, anchor: nil)
            default:
                continue
            }
        }
    }

    private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        anchor.map { String(cString: UnsafePointer($0)) }
    }
}
