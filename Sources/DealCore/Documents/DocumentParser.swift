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

/// Reads one deal document (YAML, or JSON: JSONNodeReader, else as YAML) into
/// records, collecting every problem with its file, line, column and key
/// path instead of stopping at the first.
struct DocumentParser {
    let file: String
    let countries: Set<String>
    var issues: [DocumentIssue] = []
    /// References to records not defined before them in this document:
    /// one to a record defined earlier is resolved already, and keeping a
    /// located reference for each of a large document's citations held
    /// hundreds of megabytes until the import's end.
    var references: [DocumentReference] = []
    /// Every record id with where it was defined, for duplicate checks.
    var definitions: [(kind: String, id: String, location: DocumentLocation)] = []
    /// The ids in `definitions` (streamed ones included), by kind.
    private var definedIDs: [String: Set<String>] = [:]

    init(file: String, countries: Set<String>) {
        self.file = file
        self.countries = countries
    }

    static let topLevelKeys = ["sources", "parties", "projects", "agreements", "events", "finance_links"]

    mutating func parse(_ text: String) -> DealDocument {
        var document = DealDocument()
        let root: Node?
        if let issue = hiddenCharacterIssue(text) {
            issues.append(issue)
            return document
        }
        var streamed = Streamed()
        let json = JSONNodeReader.read(text, streaming: Set(Self.topLevelKeys)) { key, index, node in
            parseStreamed(key, index, node, into: &streamed)
        }
        if json == nil {
            // Whatever was streamed before the reader gave the text up, Yams reads again.
            streamed = Streamed()
            definedIDs = [:]
        }
        if let json {
            // Plain JSON, read in one pass into the tree Yams would make of
            // it, each record parsed as soon as it is read.
            root = json
        } else if let problem = YAMLShapeCheck.check(text) {
            issues.append(DocumentIssue(file: file, line: problem.line, column: problem.column, path: "",
                                        message: problem.message))
            return document
        } else if let yaml = YAMLNodeReader.read(text, streaming: Set(Self.topLevelKeys), item: { key, index, node in
            parseStreamed(key, index, node, into: &streamed)
        }) {
            // YAML read as Yams would compose it, each record parsed as soon as it is read.
            root = yaml
        } else {
            // Whatever was streamed before the reader gave the text up, Yams reads again.
            streamed = Streamed()
            definedIDs = [:]
            do {
                root = try Yams.compose(yaml: text)
            } catch {
                var issue = syntaxIssue(error)
                if Self.lineHasComment(text, line: issue.line) {
                    issue.message += "; `//` and `/* */` comments are not JSON (write the document as YAML, with # comments)"
                }
                issues.append(issue)
                return document
            }
        }
        guard let root, !isNull(root) else {
            issues.append(DocumentIssue(file: file, line: 1, column: 1, path: "",
                                        message: "the document is empty; expected a mapping with any of "
                                            + Self.topLevelKeys.joined(separator: ", ")))
            return document
        }
        guard let fields = fields(of: root, path: "", allowed: Self.topLevelKeys) else { return document }
        // Streamed records first, kind by kind, as if parsed here in this order.
        streamed.take("sources", into: &self)
        document.sources = streamed.document.sources + records(fields, "sources") { $0.parseSource($1, $2) }
        streamed.take("parties", into: &self)
        document.parties = streamed.document.parties + records(fields, "parties") { $0.parseParty($1, $2) }
        streamed.take("projects", into: &self)
        document.projects = streamed.document.projects + records(fields, "projects") { $0.parseProject($1, $2) }
        streamed.take("agreements", into: &self)
        document.agreements = streamed.document.agreements + records(fields, "agreements") { $0.parseAgreement($1, $2) }
        streamed.take("events", into: &self)
        document.events = streamed.document.events + records(fields, "events") { $0.parseEvent($1, $2) }
        streamed.take("finance_links", into: &self)
        document.financeLinks = streamed.document.financeLinks
            + records(fields, "finance_links") { $0.parseFinanceLink($1, $2) }
        return document
    }

    /// Records parsed while JSONNodeReader read them, with what parsing
    /// them found, per kind, to be taken in the order `parse` takes kinds.
    private struct Streamed {
        var document = DealDocument()
        var issues: [String: [DocumentIssue]] = [:]
        var references: [String: [DocumentReference]] = [:]
        var definitions: [String: [(kind: String, id: String, location: DocumentLocation)]] = [:]

        mutating func take(_ key: String, into parser: inout DocumentParser) {
            parser.issues += issues.removeValue(forKey: key) ?? []
            parser.references += references.removeValue(forKey: key) ?? []
            parser.definitions += definitions.removeValue(forKey: key) ?? []
        }
    }

    private mutating func parseStreamed(_ key: String, _ index: Int, _ node: Node, into streamed: inout Streamed) {
        let saved = (issues, references, definitions)
        (issues, references, definitions) = ([], [], [])
        let path = "\(key)[\(index)]"
        switch key {
        case "sources": if let record = parseSource(node, path) { streamed.document.sources.append(record) }
        case "parties": if let record = parseParty(node, path) { streamed.document.parties.append(record) }
        case "projects": if let record = parseProject(node, path) { streamed.document.projects.append(record) }
        case "agreements": if let record = parseAgreement(node, path) { streamed.document.agreements.append(record) }
        case "events": if let record = parseEvent(node, path) { streamed.document.events.append(record) }
        case "finance_links": if let record = parseFinanceLink(node, path) { streamed.document.financeLinks.append(record) }
        default: break
        }
        streamed.issues[key, default: []] += issues
        streamed.references[key, default: []] += references
        streamed.definitions[key, default: []] += definitions
        (issues, references, definitions) = saved
    }

    /// Records a definition, for the duplicate checks and for `references`.
    mutating func define(_ kind: String, _ id: String, _ location: DocumentLocation) {
        definitions.append((kind, id, location))
        definedIDs[kind, default: []].insert(id)
    }

    /// Whether this document defined a record of `kind` with `id` before here.
    func isDefined(_ kind: DocumentReference.Kind, _ id: String) -> Bool {
        definedIDs[kind.rawValue]?.contains(id) == true
    }

    // MARK: Records

    /// An analyst's decision on a finance link: its fields are the table's.
    mutating func parseFinanceLink(_ node: Node, _ path: String) -> FinanceLinkRecord? {
        record(FieldTables.financeLink, node, path)
    }

    // Each record kind's scalar fields come from its field table
    // (FieldTables); what is written out here is what the table leaves
    // explicit: lists and the checks that span fields.

    private mutating func parseSource(_ node: Node, _ path: String) -> SourceRecord? {
        record(FieldTables.source, node, path)
    }

    private mutating func parseParty(_ node: Node, _ path: String) -> PartyRecord? {
        record(FieldTables.party, node, path) { parser, f, key, record in
            if key == "merged" { record.merged = parser.mergedParties(f, id: record.id) }
            if key == "identifiers" { record.identifiers = parser.partyIdentifiers(f) }
            guard key == "aliases" else { return }
            var seenAliases = Set<String>()
            record.aliases = parser.list(f, "aliases").compactMap { node, itemPath in
                guard let alias = parser.scalarText(node, path: itemPath, expected: "an alias (text)") else { return nil }
                guard !alias.trimmingWhitespaceAndNewlines().isEmpty else {
                    parser.issues.append(parser.issue(at: node, path: itemPath, "an alias must not be empty"))
                    return nil
                }
                guard seenAliases.insert(alias).inserted else {
                    parser.issues.append(parser.issue(at: node, path: itemPath, "alias \(Self.quoted(alias)) is listed twice"))
                    return nil
                }
                return alias
            }
        }
    }

    /// `merged: [id, ...]`: parties that are this one. Each is defined here
    /// as a "merged party", so that two parties cannot both claim it and a
    /// party of the import cannot have its id (DocumentImporter checks).
    private mutating func mergedParties(_ f: Fields, id: String) -> [String] {
        list(f, "merged").compactMap { node, itemPath in
            guard let other = scalarText(node, path: itemPath, expected: "a party id") else { return nil }
            guard Vocabulary.isSlug(other) else {
                issues.append(issue(at: node, path: itemPath, "invalid party id \(Self.quoted(other)); expected lowercase letters, digits and -"))
                return nil
            }
            guard other != id else {
                issues.append(issue(at: node, path: itemPath, "a party cannot be merged into itself"))
                return nil
            }
            define("merged party", other, location(of: node, path: itemPath))
            return other
        }
    }

    /// `identifiers: [{scheme: lei, value: ...}]`, each (scheme, value) once.
    private mutating func partyIdentifiers(_ f: Fields) -> [PartyIdentifier] {
        var seen = Set<String>()
        return list(f, "identifiers").compactMap { node, itemPath in
            guard let item = fields(of: node, path: itemPath, allowed: ["scheme", "value"]) else { return nil }
            let scheme = choice(item, "scheme", from: Vocabulary.partyIdentifierSchemes, noun: "identifier scheme", required: true)
            let value = text(item, "value", required: true)
            guard let scheme, let value else { return nil }
            guard !value.trimmingWhitespaceAndNewlines().isEmpty else {
                issues.append(issue(at: node, path: itemPath, "an identifier's value must not be empty"))
                return nil
            }
            guard seen.insert(scheme + "\u{0}" + value).inserted else {
                issues.append(issue(at: node, path: itemPath, "identifier \(scheme) \(Self.quoted(value)) is listed twice"))
                return nil
            }
            return PartyIdentifier(scheme: scheme, value: value)
        }
    }

    private mutating func parseProject(_ node: Node, _ path: String) -> ProjectRecord? {
        record(FieldTables.project, node, path) { parser, f, key, record in
            switch key {
            case "route": record.route = parser.list(f, "route").compactMap { parser.parseRouteStop($0, $1) }
            case "terms": record.terms = parser.list(f, "terms").compactMap { parser.parseTerm($0, $1) }
            case "sources": record.sources = parser.citations(f, "sources")
            case "owners": record.owners = parser.owners(f, "owners")
            case "parents": record.parents = parser.owners(f, "parents")
            case "identifiers": record.identifiers += parser.identifiers(f, "identifiers", evidence: "source")
            case "same_as": record.identifiers += parser.identifiers(f, "same_as", evidence: "analyst")
            case "part": record.part = parser.part(f, "part")
            case "geometry": record.geometry = parser.geometry(f, "geometry")
            default: break
            }
        }
    }

    /// `identifiers:` (what the source calls the project) or `same_as:` (an
    /// analyst's word that another source's record is this project):
    /// `{scheme: gem-wiki, value: https://www.gem.wiki/..., source: id}`.
    private mutating func identifiers(_ f: Fields, _ key: String, evidence: String) -> [ProjectIdentifier] {
        var seen = Set<String>()
        return list(f, key).compactMap { node, path in
            guard let item = fields(of: node, path: path, allowed: ["scheme", "value", "source"]) else { return nil }
            let scheme = choice(item, "scheme", from: Vocabulary.projectIdentifierSchemes, noun: "identifier scheme",
                                required: true)
            let value = text(item, "value", required: true)
            let source = reference(item, "source", to: .source)
            guard let scheme, let value else { return nil }
            guard seen.insert(scheme + " " + value).inserted else {
                issues.append(issue(at: node, path: path, "\(scheme) \(Self.quoted(value)) is listed twice in \(key)"))
                return nil
            }
            return ProjectIdentifier(scheme: scheme, value: value, evidence: evidence, source: source)
        }
    }

    /// `part: {of: system-id, as: section, counted: no, reason: "..."}`: the
    /// row's place in a system; a document's word is an analyst's unless it
    /// says it repeats the import's rule (`decided_by: rule`, as export writes).
    private mutating func part(_ f: Fields, _ key: String) -> ProjectPart? {
        guard let node = value(f, key, required: false) else { return nil }
        let path = Self.join(f.path, key)
        guard let item = fields(of: node, path: path, allowed: ["of", "as", "counted", "decided_by", "reason"]) else {
            return nil
        }
        let system = reference(item, "of", to: .project, required: true)
        let part = choice(item, "as", from: Vocabulary.projectParts, noun: "part", required: true)
        let counted = choice(item, "counted", from: ["yes", "no"], noun: "yes or no", required: true)
        let decidedBy = choice(item, "decided_by", from: ["analyst", "rule"], noun: "decider") ?? "analyst"
        let reason = text(item, "reason", required: true)
        guard let system, let part, let counted, let reason else { return nil }
        return ProjectPart(system: system, part: part, counted: counted == "yes", decidedBy: decidedBy, reason: reason)
    }

    /// `geometry: {wkt: "LINESTRING (...)", accuracy: approximate, source: id,
    /// locator: "how it was drawn"}`: a route or site with its citation.
    /// A WKT error is placed on the character where the text goes wrong.
    private mutating func geometry(_ f: Fields, _ key: String) -> ProjectGeometry? {
        guard let node = value(f, key, required: false) else { return nil }
        let path = Self.join(f.path, key)
        guard let item = fields(of: node, path: path, allowed: ["wkt", "accuracy", "source", "locator"]) else { return nil }
        let wkt = text(item, "wkt", required: true)
        let accuracy = text(item, "accuracy")
        let source = reference(item, "source", to: .source, required: true)
        let locator = text(item, "locator")
        guard let wkt, let source else { return nil }
        do {
            guard try WKT.parse(wkt) != nil else {
                issues.append(issue(at: item.values["wkt"] ?? node, path: Self.join(path, "wkt"),
                                    "an empty geometry; leave geometry out when the route is not known"))
                return nil
            }
        } catch {
            let wktNode = item.values["wkt"] ?? node
            var location = self.location(of: wktNode, path: Self.join(path, "wkt"))
            // On the character itself where the text is one line as written.
            if case .scalar(let scalar) = wktNode, !wkt.contains(where: \.isNewline) {
                switch scalar.style {
                case .plain: location.column += error.offset - 1
                case .singleQuoted, .doubleQuoted: location.column += error.offset
                default: break
                }
            }
            issues.append(location.issue("not a geometry dealdb reads: \(error)"))
            return nil
        }
        return ProjectGeometry(wkt: wkt, accuracy: accuracy, source: source, locator: locator)
    }

    /// `owners:` or `parents:`, each party once (holders the source does
    /// not name may repeat: two "unknown" stakes are two stakes).
    private mutating func owners(_ f: Fields, _ key: String) -> [ProjectOwner] {
        var seen = Set<String>()
        return list(f, key).compactMap { node, path in
            guard let owner = parseOwner(node, path) else { return nil }
            if let party = owner.party, !seen.insert(party).inserted {
                issues.append(issue(at: node, path: path, "party \(Self.quoted(party)) is listed twice in \(key)"))
                return nil
            }
            return owner
        }
    }

    /// A stake: `party`, or `unnamed` (the source's word for a holder it
    /// does not name), never both; `share` and `source` as for any stake.
    private mutating func parseOwner(_ node: Node, _ path: String) -> ProjectOwner? {
        guard let f = fields(of: node, path: path, allowed: ["party", "unnamed", "share", "source"]) else { return nil }
        let both = f.values["party"] != nil && f.values["unnamed"] != nil
        if both, let node = f.values["unnamed"] {
            issues.append(issue(at: node, path: Self.join(path, "unnamed"),
                                "a stake names a party or, when the source does not name its holder, says so in unnamed; not both"))
        }
        // Without either key the message asks for a party, the usual case.
        let isUnnamed = f.values["party"] == nil && f.values["unnamed"] != nil
        let party = isUnnamed ? nil : reference(f, "party", to: .party, required: true)
        let unnamed = isUnnamed ? text(f, "unnamed", required: true) : nil
        let share = number(f, "share", range: 0...100, rangeText: "a percentage from 0 to 100")
        let source = reference(f, "source", to: .source, required: true)
        guard let source, !both else { return nil }
        if let party { return ProjectOwner(party: party, share: share, source: source) }
        return unnamed.map { ProjectOwner(unnamed: $0, share: share, source: source) }
    }

    private mutating func parseRouteStop(_ node: Node, _ path: String) -> RouteStop? {
        record(FieldTables.routeStop, node, path)
    }

    private mutating func parseAgreement(_ node: Node, _ path: String) -> AgreementRecord? {
        record(FieldTables.agreement, node, path) { parser, f, key, record in
            switch key {
            case "ended":
                if let signed = record.signed, let ended = record.ended, DateText.compare(ended, signed) < 0 {
                    parser.issues.append(parser.location(of: f.values["ended"], path: f.path + ".ended", fallback: f)
                        .issue("ended \(ended) is before signed \(signed)"))
                }
            case "parties":
                var seenRoles = Set<String>()
                record.parties = parser.list(f, "parties").compactMap { node, itemPath in
                    guard let party = parser.parseAgreementParty(node, itemPath) else { return nil }
                    guard seenRoles.insert(party.party + "\u{0}" + party.role).inserted else {
                        parser.issues.append(parser.issue(
                            at: node, path: itemPath, "party \(Self.quoted(party.party)) is listed twice in the role \(party.role)"))
                        return nil
                    }
                    return party
                }
            case "terms": record.terms = parser.list(f, "terms").compactMap { parser.parseTerm($0, $1) }
            case "sources": record.sources = parser.citations(f, "sources")
            default: break
            }
        }
    }

    private mutating func parseAgreementParty(_ node: Node, _ path: String) -> AgreementParty? {
        record(FieldTables.agreementParty, node, path) { parser, f, key, record in
            if key == "sources" { record.sources = parser.citations(f, "sources") }
        }
    }

    private mutating func parseEvent(_ node: Node, _ path: String) -> EventRecord? {
        record(FieldTables.event, node, path) { parser, f, key, record in
            switch key {
            case "parties":
                var seenParties = Set<String>()
                record.parties = parser.list(f, "parties").compactMap { node, itemPath in
                    guard let party = parser.referenceValue(node, path: itemPath, to: .party) else { return nil }
                    guard seenParties.insert(party).inserted else {
                        parser.issues.append(parser.issue(at: node, path: itemPath, "party \(Self.quoted(party)) is listed twice"))
                        return nil
                    }
                    return party
                }
            case "sources": record.sources = parser.citations(f, "sources")
            default: break
            }
        }
    }

    private mutating func parseTerm(_ node: Node, _ path: String) -> TermRecord? {
        record(FieldTables.term, node, path) { parser, f, key, record in
            switch key {
            case "value":
                // The metric is read first (required); an invalid one is "" and has no sign rule.
                if let value = record.value, value < 0, Vocabulary.nonNegativeMetrics.contains(record.metric) {
                    parser.issues.append(parser.location(of: f.values["value"], path: f.path + ".value", fallback: f)
                        .issue("a \(record.metric) cannot be negative (\(parser.format(value)))"))
                }
            case "valid_to":
                if let from = record.validFrom, let to = record.validTo, DateText.compare(to, from) < 0 {
                    parser.issues.append(parser.location(of: f.values["valid_to"], path: f.path + ".valid_to", fallback: f)
                        .issue("valid_to \(to) is before valid_from \(from)"))
                }
            case "sources": record.sources = parser.citations(f, "sources")
            default: break
            }
        }
    }
}

extension DocumentParser {
    /// Characters a parser would silently change (docs/FORMAT.md): YAML
    /// reads U+0085 (NEL), U+2028 and U+2029 as line breaks (so a JSON
    /// string holding one came back with a space), and a byte order mark
    /// after the first character is invisible text that makes two equal
    /// names differ. Refused with their place rather than stored changed.
    func hiddenCharacterIssue(_ text: String) -> DocumentIssue? {
        // Each of them starts with one of these bytes in UTF-8; most texts hold none.
        guard text.utf8.contains(where: { $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF }) else { return nil }
        var line = 1, column = 1
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A:
                line += 1
                column = 1
                continue
            case 0x85, 0x2028, 0x2029, 0xFEFF:
                return DocumentIssue(file: file, line: line, column: column, path: "",
                                     message: "contains \(Self.hiddenName(scalar.value)), which YAML and JSON readers "
                                        + "do not agree on; remove it, or write a plain line break or space")
            default:
                column += 1
            }
        }
        return nil
    }

    /// A value may not hold these even when written as an escape (`"\0"`,
    /// `"\u0000"`, `"\N"`, `"\uFEFF"`): a NUL cuts text short in C
    /// programs and the sqlite3 shell, and the others are as above.
    static func forbiddenScalar(in text: String) -> UInt32? {
        guard text.utf8.contains(where: { $0 == 0 || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF }) else { return nil }
        return text.unicodeScalars.first { [0, 0x85, 0x2028, 0x2029, 0xFEFF].contains($0.value) }?.value
    }

    static func hiddenName(_ value: UInt32) -> String {
        switch value {
        case 0: "a NUL character (U+0000)"
        case 0x85: "U+0085 (NEXT LINE)"
        case 0x2028: "U+2028 (LINE SEPARATOR)"
        case 0x2029: "U+2029 (PARAGRAPH SEPARATOR)"
        default: "U+FEFF (a byte order mark)"
        }
    }

    static func lineHasComment(_ text: String, line: Int) -> Bool {
        guard line >= 1 else { return false }
        let lines = text.split(separator: "\n", maxSplits: line, omittingEmptySubsequences: false)
        guard line - 1 < lines.count else { return false }
        let content = lines[line - 1]
        return content.contains("//") || content.contains("/*")
    }
}

