import Foundation
import Yams

/// A reference from one record to another by id, checked once every file
/// of an import has been read (the target may be in another file or
/// already in the database).
struct DocumentReference: Sendable {
    enum Kind: String, Sendable {
        case source, party, project, agreement

        var article: String { self == .agreement ? "an" : "a" }
    }
    var kind: Kind
    var id: String
    var location: DocumentLocation
}

/// Reads one deal document (YAML, or JSON, which is read as YAML) into
/// records, collecting every problem with its file, line, column and key
/// path instead of stopping at the first.
struct DocumentParser {
    let file: String
    let countries: Set<String>
    private(set) var issues: [DocumentIssue] = []
    private(set) var references: [DocumentReference] = []
    /// Every record id with where it was defined, for duplicate checks.
    private(set) var definitions: [(kind: String, id: String, location: DocumentLocation)] = []

    init(file: String, countries: Set<String>) {
        self.file = file
        self.countries = countries
    }

    static let topLevelKeys = ["sources", "parties", "projects", "agreements", "events"]

    mutating func parse(_ text: String) -> DealDocument {
        var document = DealDocument()
        let root: Node?
        if let problem = YAMLShapeCheck.check(text) {
            issues.append(DocumentIssue(file: file, line: problem.line, column: problem.column, path: "",
                                        message: problem.message))
            return document
        }
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            issues.append(syntaxIssue(error))
            return document
        }
        guard let root, !isNull(root) else {
            issues.append(DocumentIssue(file: file, line: 1, column: 1, path: "",
                                        message: "the document is empty; expected a mapping with any of "
                                            + Self.topLevelKeys.joined(separator: ", ")))
            return document
        }
        guard let fields = fields(of: root, path: "", allowed: Self.topLevelKeys) else { return document }
        document.sources = records(fields, "sources") { $0.parseSource($1, $2) }
        document.parties = records(fields, "parties") { $0.parseParty($1, $2) }
        document.projects = records(fields, "projects") { $0.parseProject($1, $2) }
        document.agreements = records(fields, "agreements") { $0.parseAgreement($1, $2) }
        document.events = records(fields, "events") { $0.parseEvent($1, $2) }
        return document
    }

    // MARK: Records

    private mutating func parseSource(_ node: Node, _ path: String) -> SourceRecord? {
        let allowed = ["id", "title", "kind", "publisher", "published", "url", "note"]
        guard let f = fields(of: node, path: path, allowed: allowed) else { return nil }
        let id = definedID(f, kind: "source")
        let title = text(f, "title", required: true)
        var record = SourceRecord(id: id ?? "", title: title ?? "")
        record.kind = choice(f, "kind", from: Vocabulary.sourceKinds, noun: "source kind") ?? record.kind
        record.publisher = text(f, "publisher")
        record.published = date(f, "published")
        record.url = text(f, "url")
        record.note = text(f, "note")
        return id == nil || title == nil ? nil : record
    }

    private mutating func parseParty(_ node: Node, _ path: String) -> PartyRecord? {
        let allowed = ["id", "name", "kind", "country", "aliases", "note"]
        guard let f = fields(of: node, path: path, allowed: allowed) else { return nil }
        let id = definedID(f, kind: "party")
        let name = text(f, "name", required: true)
        let kind = choice(f, "kind", from: Vocabulary.partyKinds, noun: "party kind", required: true)
        var record = PartyRecord(id: id ?? "", name: name ?? "", kind: kind ?? "")
        record.country = country(f, "country")
        var seenAliases = Set<String>()
        record.aliases = list(f, "aliases").compactMap { node, itemPath in
            guard let alias = scalarText(node, path: itemPath, expected: "an alias (text)") else { return nil }
            guard !alias.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                issues.append(issue(at: node, path: itemPath, "an alias must not be empty"))
                return nil
            }
            guard seenAliases.insert(alias).inserted else {
                issues.append(issue(at: node, path: itemPath, "alias \(Self.quoted(alias)) is listed twice"))
                return nil
            }
            return alias
        }
        record.note = text(f, "note")
        return id == nil || name == nil || kind == nil ? nil : record
    }

    private mutating func parseProject(_ node: Node, _ path: String) -> ProjectRecord? {
        let allowed = ["id", "name", "kind", "commodity", "status", "route", "terms", "sources", "note"]
        guard let f = fields(of: node, path: path, allowed: allowed) else { return nil }
        let id = definedID(f, kind: "project")
        let name = text(f, "name", required: true)
        var record = ProjectRecord(id: id ?? "", name: name ?? "")
        record.kind = choice(f, "kind", from: Vocabulary.projectKinds, noun: "project kind") ?? record.kind
        record.commodity = choice(f, "commodity", from: Vocabulary.commodities, noun: "commodity")
        record.status = choice(f, "status", from: Vocabulary.projectStatuses, noun: "project status")
        record.route = list(f, "route").compactMap { parseRouteStop($0, $1) }
        record.terms = list(f, "terms").compactMap { parseTerm($0, $1) }
        record.sources = citations(f, "sources")
        record.note = text(f, "note")
        return id == nil || name == nil ? nil : record
    }

    private mutating func parseRouteStop(_ node: Node, _ path: String) -> RouteStop? {
        guard let f = fields(of: node, path: path, allowed: ["country", "role"]) else { return nil }
        let code = country(f, "country", required: true)
        let role = choice(f, "role", from: Vocabulary.routeRoles, noun: "route role", required: true)
        guard let code, let role else { return nil }
        return RouteStop(country: code, role: role)
    }

    private mutating func parseAgreement(_ node: Node, _ path: String) -> AgreementRecord? {
        let allowed = ["id", "title", "kind", "binding", "status", "signed", "project", "parties", "terms",
                       "sources", "summary"]
        guard let f = fields(of: node, path: path, allowed: allowed) else { return nil }
        let id = definedID(f, kind: "agreement")
        let title = text(f, "title", required: true)
        var record = AgreementRecord(id: id ?? "", title: title ?? "")
        record.kind = choice(f, "kind", from: Vocabulary.agreementKinds, noun: "agreement kind") ?? record.kind
        record.binding = tristate(f, "binding") ?? record.binding
        record.status = choice(f, "status", from: Vocabulary.agreementStatuses, noun: "agreement status")
        record.signed = date(f, "signed")
        record.project = reference(f, "project", to: .project)
        var seenRoles = Set<String>()
        record.parties = list(f, "parties").compactMap { node, itemPath in
            guard let party = parseAgreementParty(node, itemPath) else { return nil }
            guard seenRoles.insert(party.party + "\u{0}" + party.role).inserted else {
                issues.append(issue(at: node, path: itemPath,
                                    "party \(Self.quoted(party.party)) is listed twice in the role \(party.role)"))
                return nil
            }
            return party
        }
        record.terms = list(f, "terms").compactMap { parseTerm($0, $1) }
        record.sources = citations(f, "sources")
        record.summary = text(f, "summary")
        return id == nil || title == nil ? nil : record
    }

    private mutating func parseAgreementParty(_ node: Node, _ path: String) -> AgreementParty? {
        let allowed = ["party", "role", "confirmed", "share", "sources"]
        guard let f = fields(of: node, path: path, allowed: allowed) else { return nil }
        let party = reference(f, "party", to: .party, required: true)
        let role = choice(f, "role", from: Vocabulary.partyRoles, noun: "role", required: true)
        var record = AgreementParty(party: party ?? "", role: role ?? "")
        record.confirmed = tristate(f, "confirmed") ?? record.confirmed
        record.share = number(f, "share", range: 0...100, rangeText: "a percentage from 0 to 100")
        record.sources = citations(f, "sources")
        return party == nil || role == nil ? nil : record
    }

    private mutating func parseEvent(_ node: Node, _ path: String) -> EventRecord? {
        let allowed = ["id", "date", "date_kind", "title", "agreement", "project", "parties", "sources"]
        guard let f = fields(of: node, path: path, allowed: allowed) else { return nil }
        let id = definedID(f, kind: "event")
        let date = date(f, "date", required: true)
        let title = text(f, "title", required: true)
        var record = EventRecord(id: id ?? "", date: date ?? "", title: title ?? "")
        record.dateKind = choice(f, "date_kind", from: Vocabulary.dateKinds, noun: "date kind") ?? record.dateKind
        record.agreement = reference(f, "agreement", to: .agreement)
        record.project = reference(f, "project", to: .project)
        var seenParties = Set<String>()
        record.parties = list(f, "parties").compactMap { node, itemPath in
            guard let party = referenceValue(node, path: itemPath, to: .party) else { return nil }
            guard seenParties.insert(party).inserted else {
                issues.append(issue(at: node, path: itemPath, "party \(Self.quoted(party)) is listed twice"))
                return nil
            }
            return party
        }
        record.sources = citations(f, "sources")
        return id == nil || date == nil || title == nil ? nil : record
    }

    private mutating func parseTerm(_ node: Node, _ path: String) -> TermRecord? {
        let allowed = ["metric", "value", "unit", "text", "status", "evidence", "disclosure", "valid_from",
                       "valid_to", "sources"]
        guard let f = fields(of: node, path: path, allowed: allowed) else { return nil }
        let metric = choice(f, "metric", from: Vocabulary.metrics, noun: "metric", required: true)
        var record = TermRecord(metric: metric ?? "")
        record.value = number(f, "value")
        if let metric, let value = record.value, value < 0, Vocabulary.nonNegativeMetrics.contains(metric) {
            issues.append(location(of: f.values["value"], path: f.path + ".value", fallback: f)
                .issue("a \(metric) cannot be negative (\(format(value)))"))
        }
        record.unit = unit(f, "unit")
        record.text = text(f, "text")
        record.status = choice(f, "status", from: Vocabulary.negotiationStates, noun: "negotiation status")
            ?? record.status
        record.evidence = choice(f, "evidence", from: Vocabulary.evidenceLevels, noun: "evidence") ?? record.evidence
        record.disclosure = choice(f, "disclosure", from: Vocabulary.disclosures, noun: "disclosure")
            ?? record.disclosure
        record.validFrom = date(f, "valid_from")
        record.validTo = date(f, "valid_to")
        if let from = record.validFrom, let to = record.validTo, DateText.compare(to, from) < 0 {
            issues.append(location(of: f.values["valid_to"], path: f.path + ".valid_to", fallback: f)
                .issue("valid_to \(to) is before valid_from \(from)"))
        }
        record.sources = citations(f, "sources")
        return metric == nil ? nil : record
    }

    // MARK: Fields

    /// A mapping's entries by key, with unknown keys reported.
    struct Fields {
        var path: String
        var mark: Mark?
        var values: [String: Node]
    }

    private mutating func fields(of node: Node, path: String, allowed: [String]) -> Fields? {
        guard case .mapping(let mapping) = node else {
            issues.append(issue(at: node, path: path,
                                "expected a mapping with keys \(allowed.joined(separator: ", ")), found \(describe(node))"))
            return nil
        }
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                issues.append(issue(at: key, path: path, "a key must be text, found \(describe(key))"))
                continue
            }
            let name = scalar.string
            guard allowed.contains(name) else {
                issues.append(issue(at: key, path: join(path, name.utf8.count > Self.quotedLimit ? "…" : name),
                                    "unknown key \(Self.quoted(name)); expected one of \(allowed.joined(separator: ", "))"
                                        + (name.utf8.count > Self.quotedLimit ? "" : Suggestions.hint(for: name, in: allowed))))
                continue
            }
            values[name] = value
        }
        return Fields(path: path, mark: node.mark, values: values)
    }

    /// The value of `key`, or nil when it is absent or null. A missing
    /// required key is reported at its mapping.
    private mutating func value(_ f: Fields, _ key: String, required: Bool) -> Node? {
        if let node = f.values[key], !isNull(node) { return node }
        if required {
            issues.append(DocumentIssue(file: file, line: f.mark?.line ?? 1, column: f.mark?.column ?? 1,
                                        path: f.path, message: "missing required key \"\(key)\""))
        }
        return nil
    }

    private mutating func text(_ f: Fields, _ key: String, required: Bool = false) -> String? {
        guard let node = value(f, key, required: required) else { return nil }
        guard let text = scalarText(node, path: join(f.path, key), expected: "text") else { return nil }
        if required && text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            issues.append(issue(at: node, path: join(f.path, key), "must not be empty"))
            return nil
        }
        return text
    }

    /// The text of a scalar. Keyed values reach here only when present, so
    /// a null is a list item left empty (`- ` or `[a, ~]`).
    private mutating func scalarText(_ node: Node, path: String, expected: String) -> String? {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            issues.append(issue(at: node, path: path, "expected \(expected), found \(describe(node))"))
            return nil
        }
        return scalar.string
    }

    private mutating func definedID(_ f: Fields, kind: String) -> String? {
        guard let node = value(f, "id", required: true),
              let id = scalarText(node, path: join(f.path, "id"), expected: "an id (text)") else { return nil }
        guard Self.isSlug(id) else {
            issues.append(issue(at: node, path: join(f.path, "id"),
                                "invalid id \(Self.quoted(id)); expected lowercase letters, digits and -, starting with a letter or digit"))
            return nil
        }
        definitions.append((kind, id, location(of: node, path: join(f.path, "id"), fallback: f)))
        return id
    }

    static func isSlug(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first != "-" else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    private mutating func choice(_ f: Fields, _ key: String, from allowed: [String], noun: String,
                                 required: Bool = false) -> String? {
        guard let node = value(f, key, required: required),
              let text = scalarText(node, path: join(f.path, key), expected: "a \(noun)") else { return nil }
        guard allowed.contains(text) else {
            issues.append(issue(at: node, path: join(f.path, key),
                                "unknown \(noun) \(Self.quoted(text)); expected one of \(allowed.joined(separator: ", "))"))
            return nil
        }
        return text
    }

    private mutating func tristate(_ f: Fields, _ key: String) -> String? {
        guard let node = value(f, key, required: false),
              let text = scalarText(node, path: join(f.path, key), expected: "true, false or unknown") else { return nil }
        switch text.lowercased() {
        case "true", "yes": return "yes"
        case "false", "no": return "no"
        case "unknown": return "unknown"
        default:
            issues.append(issue(at: node, path: join(f.path, key),
                                "expected true, false or unknown (or yes, no), found \(Self.quoted(text))"))
            return nil
        }
    }

    private mutating func date(_ f: Fields, _ key: String, required: Bool = false) -> String? {
        guard let node = value(f, key, required: required),
              let text = scalarText(node, path: join(f.path, key), expected: "a date") else { return nil }
        guard DateText.isValid(text) else {
            issues.append(issue(at: node, path: join(f.path, key),
                                "invalid date \(Self.quoted(text)); expected YYYY, YYYY-MM or YYYY-MM-DD"))
            return nil
        }
        return text
    }

    private mutating func number(_ f: Fields, _ key: String, range: ClosedRange<Double>? = nil,
                                 rangeText: String = "") -> Double? {
        guard let node = value(f, key, required: false) else { return nil }
        guard case .scalar(let scalar) = node, scalar.style == .plain,
              let number = Double(scalar.string.replacingOccurrences(of: "_", with: "")), number.isFinite else {
            let found: String
            if case .scalar(let scalar) = node { found = Self.quoted(scalar.string) } else { found = describe(node) }
            let quoted = scalarIsNumber(node) ? "; write numbers without quotes" : ""
            issues.append(issue(at: node, path: join(f.path, key), "expected a number, found \(found)\(quoted)"))
            return nil
        }
        if let range, !range.contains(number) {
            issues.append(issue(at: node, path: join(f.path, key), "expected \(rangeText), found \(format(number))"))
            return nil
        }
        return number
    }

    private mutating func unit(_ f: Fields, _ key: String) -> String? {
        guard let node = value(f, key, required: false),
              let text = scalarText(node, path: join(f.path, key), expected: "a unit") else { return nil }
        let isCurrency = text.count == 3 && text.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
        guard Vocabulary.units.contains(text) || isCurrency else {
            issues.append(issue(at: node, path: join(f.path, key),
                                "unknown unit \(Self.quoted(text)); expected one of \(Vocabulary.units.joined(separator: ", ")) "
                                    + "or an ISO 4217 currency code such as USD"))
            return nil
        }
        return text
    }

    private mutating func country(_ f: Fields, _ key: String, required: Bool = false) -> String? {
        guard let node = value(f, key, required: required),
              let code = scalarText(node, path: join(f.path, key), expected: "a country code") else { return nil }
        guard countries.contains(code) else {
            let hint = countries.contains(code.uppercased()) ? " (did you mean \(code.uppercased())?)" : ""
            issues.append(issue(at: node, path: join(f.path, key),
                                "unknown country \(Self.quoted(code)); expected an ISO 3166-1 alpha-2 code such as RU, CN or MN\(hint)"))
            return nil
        }
        return code
    }

    private mutating func reference(_ f: Fields, _ key: String, to kind: DocumentReference.Kind,
                                    required: Bool = false) -> String? {
        guard let node = value(f, key, required: required) else { return nil }
        return referenceValue(node, path: join(f.path, key), to: kind)
    }

    private mutating func referenceValue(_ node: Node, path: String, to kind: DocumentReference.Kind) -> String? {
        guard let id = scalarText(node, path: path, expected: "\(kind.article) \(kind.rawValue) id") else { return nil }
        // Checking it against the database would echo it and look for
        // near matches, which for a value of megabytes takes minutes.
        guard id.utf8.count <= Self.quotedLimit else {
            issues.append(issue(at: node, path: path, "expected \(kind.article) \(kind.rawValue) id, found \(Self.quoted(id))"))
            return nil
        }
        references.append(DocumentReference(kind: kind, id: id, location: location(of: node, path: path)))
        return id
    }

    /// `sources: [id, {source: id, locator: "para 4"}]`
    private mutating func citations(_ f: Fields, _ key: String) -> [Citation] {
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

    private mutating func list(_ f: Fields, _ key: String) -> [(Node, String)] {
        guard let node = value(f, key, required: false) else { return [] }
        guard case .sequence(let sequence) = node else {
            issues.append(issue(at: node, path: join(f.path, key), "expected a list, found \(describe(node))"))
            return []
        }
        return sequence.enumerated().map { index, item in (item, "\(join(f.path, key))[\(index)]") }
    }

    private mutating func records<Record>(_ f: Fields, _ key: String,
                                          _ parse: (inout DocumentParser, Node, String) -> Record?) -> [Record] {
        list(f, key).compactMap { node, path in parse(&self, node, path) }
    }

    // MARK: Helpers

    private func scalarIsNumber(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style != .plain else { return false }
        return Double(scalar.string.trimmingCharacters(in: .whitespaces)) != nil
    }

    private func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private func describe(_ node: Node) -> String {
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
        var escaped = ""
        for scalar in shown.unicodeScalars {
            switch scalar {
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case "\"": escaped += "\\\""
            default:
                if scalar.properties.generalCategory == .control {
                    escaped += String(format: "\\u{%X}", scalar.value)
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return long ? "\"\(escaped)…\" (\(text.count) characters)" : "\"\(escaped)\""
    }

    private func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private func format(_ number: Double) -> String { DocumentValue.format(number) }

    private func location(of node: Node?, path: String, fallback: Fields? = nil) -> DocumentLocation {
        let mark = node?.mark ?? fallback?.mark
        return DocumentLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, path: path)
    }

    private func issue(at node: Node, path: String, _ message: String) -> DocumentIssue {
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

    private func syntaxIssue(_ error: Error) -> DocumentIssue {
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
