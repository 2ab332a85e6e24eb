import Foundation
import Yams

/// An ordered tree of document values, written as YAML or JSON with keys in
/// the order the format lists them.
indirect enum DocumentValue: Equatable {
    case string(String)
    case number(Double)
    case list([DocumentValue])
    case map([(String, DocumentValue)])

    static func == (lhs: DocumentValue, rhs: DocumentValue) -> Bool {
        switch (lhs, rhs) {
        case let (.string(a), .string(b)): a == b
        case let (.number(a), .number(b)): a == b
        case let (.list(a), .list(b)): a == b
        case let (.map(a), .map(b)): a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        default: false
        }
    }

    /// Where the first Inf or NaN is (`agreements[0].terms[1].value`), if
    /// anywhere: a document cannot carry one (JSON has no such number, and
    /// `dealdb import` refuses YAML's `.inf`), so export refuses it.
    func firstNonFinite(at path: String = "") -> String? {
        switch self {
        case .string: return nil
        case .number(let number): return number.isFinite ? nil : path
        case .list(let items):
            for (index, item) in items.enumerated() {
                if let found = item.firstNonFinite(at: "\(path)[\(index)]") { return found }
            }
            return nil
        case .map(let pairs):
            for (key, value) in pairs {
                if let found = value.firstNonFinite(at: path.isEmpty ? key : path + "." + key) { return found }
            }
            return nil
        }
    }

    // MARK: YAML

    func yaml() throws -> String {
        try Yams.serialize(node: node(), width: -1, allowUnicode: true, sortKeys: false)
    }

    private func node() -> Node {
        switch self {
        case .string(let text):
            // Quote text that a YAML 1.1 reader would take for a number,
            // boolean, date or null ("2025", "yes", "2025-09-02").
            let isText = Resolver.default.resolveTag(of: Node(text)) == .str
            return .scalar(.init(text, .implicit, isText ? .any : .doubleQuoted))
        case .number(let number):
            return .scalar(.init(NumberText.plain(number), .implicit, .plain))
        case .list(let items):
            return .sequence(.init(items.map { $0.node() }))
        case .map(let pairs):
            return .mapping(.init(pairs.map { (Node($0.0), $0.1.node()) }))
        }
    }

    // MARK: JSON

    func json(indent: String = "") -> String {
        switch self {
        case .string(let text): return Self.jsonString(text)
        case .number(let number): return NumberText.plain(number)
        case .list(let items):
            if items.isEmpty { return "[]" }
            let inner = indent + "  "
            return "[\n" + items.map { inner + $0.json(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .map(let pairs):
            if pairs.isEmpty { return "{}" }
            let inner = indent + "  "
            return "{\n" + pairs.map { inner + Self.jsonString($0.0) + ": " + $0.1.json(indent: inner) }
                .joined(separator: ",\n") + "\n\(indent)}"
        }
    }

    static func jsonString(_ text: String) -> String { JSONRowWriter.string(text) }
}
