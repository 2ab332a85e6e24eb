import Foundation
import Yams

/// How the parser reads one value: each reader checks the value's type and
/// records a located problem instead of throwing, so that every problem in
/// a document is reported, not just the first.
extension DocumentParser {
    // MARK: Fields

    /// A mapping's entries by key, with unknown keys reported.
    struct Fields {
        var path: String
        var mark: Mark?
        var values: FieldValues
    }

    /// The entries of one mapping, by key. A record's mapping holds a dozen
    /// keys at most: a linear search is cheaper than a dictionary's hashing
    /// and storage, made afresh for every mapping of a large document.
    struct FieldValues {
        private var entries: [(key: String, node: Node)] = []

        init(capacity: Int) { entries.reserveCapacity(capacity) }

        /// By index, so that no entry is copied to be compared.
        subscript(key: String) -> Node? {
            for index in entries.indices where entries[index].key == key { return entries[index].node }
            return nil
        }

        /// A key given twice (two scalars Yams tells apart by their tags) holds its last value.
        mutating func set(_ key: String, _ node: Node) {
            if let index = entries.firstIndex(where: { $0.key == key }) { entries.remove(at: index) }
            entries.append((key, node))
        }
    }

    mutating func fields(of node: Node, path: String, allowed: [String]) -> Fields? {
        guard case .mapping(let mapping) = node else {
            issues.append(issue(at: node, path: path,
                                "expected a mapping with keys \(allowed.joined(separator: ", ")), found \(describe(node))"))
            return nil
        }
        var values = FieldValues(capacity: mapping.count)
        // By index: iterating a Yams mapping copies its pairs into a new array.
        for index in mapping.indices {
            let (key, value) = mapping[index]
            guard case .scalar(let scalar) = key else {
                issues.append(issue(at: key, path: path, "a key must be text, found \(describe(key))"))
                continue
            }
            let name = scalar.string
            // YAML's merge key (`<<: *base`) is YAML 1.1's, which Yams reads
            // as an ordinary key: say what it is rather than "unknown key".
            if name == "<<" {
                issues.append(issue(at: key, path: path, "a YAML merge key (<<) is not read by dealdb; "
                                    + "write the keys out in each mapping (an anchor and alias of a whole value work)"))
                continue
            }
            guard allowed.contains(name) else {
                issues.append(issue(at: key, path: Self.join(path, name.utf8.count > Self.quotedLimit ? "…" : name),
                                    "unknown key \(Self.quoted(name)); expected one of \(allowed.joined(separator: ", "))"
                                        + (name.utf8.count > Self.quotedLimit ? "" : Suggestions.hint(for: name, in: allowed))))
                continue
            }
            values.set(name, value)
        }
        return Fields(path: path, mark: node.mark, values: values)
    }

    /// The value of `key`, or nil when it is absent or null. A missing
    /// required key is reported at its mapping.
    mutating func value(_ f: Fields, _ key: String, required: Bool) -> Node? {
        if let node = f.values[key], !isNull(node) { return node }
        if required {
            issues.append(DocumentIssue(file: file, line: f.mark?.line ?? 1, column: f.mark?.column ?? 1,
                                        path: f.path, message: "missing required key \"\(key)\""))
        }
        return nil
    }

    mutating func text(_ f: Fields, _ key: String, required: Bool = false) -> String? {
        guard let node = value(f, key, required: required) else { return nil }
        guard let text = scalarText(node, path: Self.join(f.path, key), expected: "text") else { return nil }
        if required && text.trimmingWhitespaceAndNewlines().isEmpty {
            issues.append(issue(at: node, path: Self.join(f.path, key), "must not be empty"))
            return nil
        }
        return text
    }

    /// The text of a scalar. Keyed values reach here only when present, so
    /// a null is a list item left empty (`- ` or `[a, ~]`).
    /// The path and the expectation are made only for a message: every
    /// value of a document passes here.
    mutating func scalarText(_ node: Node, path: @autoclosure () -> String, expected: @autoclosure () -> String) -> String? {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            issues.append(issue(at: node, path: path(), "expected \(expected()), found \(describe(node))"))
            return nil
        }
        if let forbidden = Self.forbiddenScalar(in: scalar.string) {
            issues.append(issue(at: node, path: path(), "contains \(Self.hiddenName(forbidden)), which is not allowed in text"))
            return nil
        }
        return scalar.string
    }

    mutating func definedID(_ f: Fields, kind: String) -> String? {
        guard let node = value(f, "id", required: true),
              let id = scalarText(node, path: Self.join(f.path, "id"), expected: "an id (text)") else { return nil }
        guard Vocabulary.isSlug(id) else {
            issues.append(issue(at: node, path: Self.join(f.path, "id"),
                                "invalid id \(Self.quoted(id)); expected lowercase letters, digits and -, starting with a letter or digit"))
            return nil
        }
        define(kind, id, location(of: node, path: Self.join(f.path, "id"), fallback: f))
        return id
    }

    mutating func choice(_ f: Fields, _ key: String, from allowed: [String], noun: String,
                                 required: Bool = false) -> String? {
        guard let node = value(f, key, required: required),
              let text = scalarText(node, path: Self.join(f.path, key), expected: "a \(noun)") else { return nil }
        guard allowed.contains(text) else {
            issues.append(issue(at: node, path: Self.join(f.path, key),
                                "unknown \(noun) \(Self.quoted(text)); expected one of \(allowed.joined(separator: ", "))"))
            return nil
        }
        return text
    }

    mutating func tristate(_ f: Fields, _ key: String) -> String? {
        guard let node = value(f, key, required: false),
              let text = scalarText(node, path: Self.join(f.path, key), expected: "true, false or unknown") else { return nil }
        switch text.lowercased() {
        case "true", "yes": return "yes"
        case "false", "no": return "no"
        case "unknown": return "unknown"
        default:
            issues.append(issue(at: node, path: Self.join(f.path, key),
                                "expected true, false or unknown (or yes, no), found \(Self.quoted(text))"))
            return nil
        }
    }

    mutating func date(_ f: Fields, _ key: String, required: Bool = false) -> String? {
        guard let node = value(f, key, required: required),
              let text = scalarText(node, path: Self.join(f.path, key), expected: "a date") else { return nil }
        guard DateText.isValid(text) else {
            issues.append(issue(at: node, path: Self.join(f.path, key),
                                "invalid date \(Self.quoted(text)); expected YYYY, YYYY-MM or YYYY-MM-DD"))
            return nil
        }
        return text
    }

    mutating func number(_ f: Fields, _ key: String, range: ClosedRange<Double>? = nil,
                                 rangeText: String = "") -> Double? {
        guard let node = value(f, key, required: false) else { return nil }
        // Decimal only (docs/FORMAT.md): YAML's `0x10`, `0o20`, `.inf` and
        // `.nan`, and values a Double cannot hold (`1e309`, or `1e-400`,
        // which would silently become 0), are refused with their place.
        let reading: DecimalNumber.Reading
        if case .scalar(let scalar) = node, scalar.style == .plain, !Self.isMarkedText(scalar) {
            // YAML's digit separators (`1_000`); Foundation's replacing only when there are any.
            let text = scalar.string.utf8.contains(UInt8(ascii: "_"))
                ? scalar.string.replacingOccurrences(of: "_", with: "") : scalar.string
            reading = DecimalNumber.read(text)
        } else {
            reading = .notANumber
        }
        guard case .number(let number) = reading else {
            let found: String
            if case .scalar(let scalar) = node { found = Self.quoted(scalar.string) } else { found = describe(node) }
            let message: String
            switch reading {
            case .tooLarge: message = "\(found) is too large for a number (at most 1.7976931348623157e308 either way)"
            case .tooSmall: message = "\(found) is too small to store (it would become 0)"
            default:
                let quoted = scalarIsNumber(node) ? "; write numbers without quotes (or !!str)" : ""
                message = "expected a number, found \(found)\(quoted)"
            }
            issues.append(issue(at: node, path: Self.join(f.path, key), message))
            return nil
        }
        if let range, !range.contains(number) {
            issues.append(issue(at: node, path: Self.join(f.path, key), "expected \(rangeText), found \(format(number))"))
            return nil
        }
        return number
    }

    mutating func unit(_ f: Fields, _ key: String) -> String? {
        guard let node = value(f, key, required: false),
              let text = scalarText(node, path: Self.join(f.path, key), expected: "a unit") else { return nil }
        let isCurrency = text.count == 3 && text.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
        guard Vocabulary.units.contains(text) || isCurrency else {
            issues.append(issue(at: node, path: Self.join(f.path, key),
                                "unknown unit \(Self.quoted(text)); expected one of \(Vocabulary.units.joined(separator: ", ")) "
                                    + "or an ISO 4217 currency code such as USD"))
            return nil
        }
        return text
    }

    mutating func country(_ f: Fields, _ key: String, required: Bool = false) -> String? {
        guard let node = value(f, key, required: required),
              let code = scalarText(node, path: Self.join(f.path, key), expected: "a country code") else { return nil }
        guard countries.contains(code) else {
            let hint = countries.contains(code.uppercased()) ? " (did you mean \(code.uppercased())?)" : ""
            issues.append(issue(at: node, path: Self.join(f.path, key),
                                "unknown country \(Self.quoted(code)); expected an ISO 3166-1 alpha-2 code such as RU, CN or MN\(hint)"))
            return nil
        }
        return code
    }

    mutating func reference(_ f: Fields, _ key: String, to kind: DocumentReference.Kind,
                                    required: Bool = false) -> String? {
        guard let node = value(f, key, required: required) else { return nil }
        return referenceValue(node, path: Self.join(f.path, key), to: kind)
    }

    mutating func referenceValue(_ node: Node, path: @autoclosure () -> String, to kind: DocumentReference.Kind) -> String? {
        guard let id = scalarText(node, path: path(), expected: "\(kind.article) \(kind.rawValue) id") else { return nil }
        // Checking it against the database would echo it and look for
        // near matches, which for a value of megabytes takes minutes.
        guard id.utf8.count <= Self.quotedLimit else {
            issues.append(issue(at: node, path: path(), "expected \(kind.article) \(kind.rawValue) id, found \(Self.quoted(id))"))
            return nil
        }
        if !isDefined(kind, id) {
            references.append(DocumentReference(kind: kind, id: id, location: location(of: node, path: path())))
        }
        return id
    }

    /// `sources: [id, {source: id, locator: "para 4"}]`
    mutating func citations(_ f: Fields, _ key: String) -> [Citation] {
        list(f, key).compactMap { node, path in
            if case .scalar = node {
                return referenceValue(node, path: path, to: .source).map { Citation(source: $0, locator: nil) }
            }
            guard let item = fields(of: node, path: path, allowed: ["source", "locator"]) else { return nil }
            let source = reference(item, "source", to: .source, required: true)
            let locator = text(item, "locator")
            return source.map { Citation(source: $0, locator: locator) }
        }
    }

    mutating func list(_ f: Fields, _ key: String) -> [(Node, String)] {
        guard let node = value(f, key, required: false) else { return [] }
        guard case .sequence(let sequence) = node else {
            issues.append(issue(at: node, path: Self.join(f.path, key), "expected a list, found \(describe(node))"))
            return []
        }
        return sequence.enumerated().map { index, item in (item, "\(Self.join(f.path, key))[\(index)]") }
    }

    mutating func records<Record>(_ f: Fields, _ key: String,
                                          _ parse: (inout DocumentParser, Node, String) -> Record?) -> [Record] {
        list(f, key).compactMap { node, path in parse(&self, node, path) }
    }

    // MARK: Helpers

    /// Text that looks like a number, quoted or tagged `!!str` (`"10"`, `!!str 10`).
    func scalarIsNumber(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style != .plain || Self.isMarkedText(scalar) else { return false }
        return Double(scalar.string.trimmingWhitespace()) != nil
    }

    /// A plain scalar its writer tagged as text (`!!str 10`, `!!str null`):
    /// text, as a quoted one is, never a number or null.
    static func isMarkedText(_ scalar: Node.Scalar) -> Bool {
        scalar.tag.rawValue == Tag.Name.str.rawValue
    }

    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain, !Self.isMarkedText(scalar) else { return false }
        switch scalar.string {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    func describe(_ node: Node) -> String {
        if isNull(node) { return "nothing" }
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar): return Self.quoted(scalar.string)
        case .alias: return "an alias"
        }
    }

    static let quotedLimit = 200

    /// User text as quoted in a message: control characters escaped so the
    /// message stays on one line, and long text cut short so that a value
    /// of megabytes makes a short error rather than a huge one.
    static func quoted(_ text: String) -> String {
        let long = text.utf8.count > quotedLimit
        let shown = long ? String(text.prefix(60)) : text
        let escaped = Self.messageEscaping.apply(shown)
        return long ? "\"\(escaped)…\" (\(text.count) characters)" : "\"\(escaped)\""
    }

    private static let messageEscaping = Escaping(["\n": "\\n", "\r": "\\r", "\t": "\\t", "\"": "\\\""]) { scalar -> String? in
        scalar.properties.generalCategory == .control ? "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}" : nil
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func format(_ number: Double) -> String { NumberText.plain(number) }

    func location(of node: Node?, path: String, fallback: Fields? = nil) -> DocumentLocation {
        let mark = node?.mark ?? fallback?.mark
        return DocumentLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, path: path)
    }

    func issue(at node: Node, path: String, _ message: String) -> DocumentIssue {
        location(of: node, path: path).issue(message)
    }

    /// Line and column (counted in Unicode scalars, as libyaml does) of the
    /// character `offset` characters into `text`.
    static func position(atCharacterOffset offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for character in text.prefix(offset) {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return (line, column)
    }

    func syntaxIssue(_ error: Error) -> DocumentIssue {
        func make(_ mark: Mark?, _ message: String) -> DocumentIssue {
            located(mark.map { ($0.line, $0.column) }, message)
        }
        func located(_ position: (line: Int, column: Int)?, _ message: String) -> DocumentIssue {
            DocumentIssue(file: file, line: position?.line ?? 1, column: position?.column ?? 1, path: "",
                          message: "syntax error: \(message)")
        }
        guard let error = error as? YamlError else { return make(nil, "\(error)") }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return make(mark, problem + (context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""))
        case let .duplicatedKeysInMapping(duplicates, context):
            return make(context.mark, "duplicate key \(duplicates.joined(separator: ", ")) in a mapping")
        case let .reader(problem, offset, value, yaml):
            // The reader gives a character offset rather than a mark.
            let character = value >= 0 ? String(format: " (U+%04X)", value) : ""
            return located(offset.map { Self.position(atCharacterOffset: $0, in: yaml) }, problem + character)
        default:
            return make(nil, "\(error)")
        }
    }
}
