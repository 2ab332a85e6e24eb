import Foundation
import Testing
import TestSupport
@testable import DealCore

/// The parser on its own: what a document means, and what it says about a
/// document that is wrong. References between records are the importer's
/// business (DocumentImportTests).
@Suite struct DocumentParserTests {
    static let countries: Set<String> = ["RU", "CN", "MN", "KZ"]

    /// The records and the problems, as the user reads them.
    private func parse(_ text: String, file: String = "t.yaml") -> (document: DealDocument, issues: [String]) {
        var parser = DocumentParser(file: file, countries: Self.countries)
        let document = parser.parse(text)
        return (document, parser.issues.map(\.description))
    }

    /// The one problem `text` has.
    private func problem(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        let issues = parse(text).issues
        #expect(issues.count == 1, "\(issues)", sourceLocation: sourceLocation)
        return issues.first
    }

    // MARK: Valid documents

    @Test func yamlAndJSONFixturesHoldTheSameRecords() throws {
        let yaml = parse(try Fixtures.text("valid.yaml"), file: "valid.yaml")
        let json = parse(try Fixtures.text("valid.json"), file: "valid.json")
        #expect(yaml.issues.isEmpty, "\(yaml.issues)")
        #expect(json.issues.isEmpty, "\(json.issues)")
        #expect(yaml.document == json.document)

        let document = yaml.document
        #expect(document.sources.map(\.id) == ["northern-link-report", "northern-link-wire"])
        #expect(document.sources[0].published == "2024-03")
        #expect(document.sources[1].published == "2025-06-12")
        #expect(document.parties.map(\.id) == ["borealgaz", "eastern-energy", "gov-kz"])
        #expect(document.parties[0].aliases == ["Бореалгаз", "PJSC Borealgaz"])
        #expect(document.parties[2].aliases == ["Kazakhstan", "Казахстан"])
        #expect(document.parties[1].country == "CN")

        let project = try #require(document.projects.first)
        #expect(project.route == [RouteStop(country: "RU", role: "origin"), RouteStop(country: "KZ", role: "transit"),
                                  RouteStop(country: "CN", role: "destination")])
        #expect(project.terms.map(\.value) == [20, 35.5])
        #expect(project.terms.map(\.validFrom) == [nil, "2027-01"])
        #expect(project.terms.map(\.validTo) == ["2026", nil])
        #expect(project.terms[1].sources == [Citation(source: "northern-link-report", locator: "p. 5, table 2")])
        #expect(project.sources == [Citation(source: "northern-link-report", locator: nil)])

        let memorandum = document.agreements[0]
        #expect(memorandum.binding == "yes")
        #expect(memorandum.signed == "2025-06-12")
        #expect(memorandum.parties.map(\.confirmed) == ["yes", "unknown"])
        #expect(memorandum.parties[1].share == 49.5)
        // The first term states no status: stored as not_stated, never as agreed.
        #expect(memorandum.terms.map(\.status) == ["not_stated", "unresolved"])
        #expect(memorandum.sources == [Citation(source: "northern-link-wire", locator: nil),
                                       Citation(source: "northern-link-report", locator: "annex B")])
        let transit = document.agreements[1]
        #expect(transit.binding == "no")
        #expect(transit.signed == "2025")
        #expect(transit.parties.map(\.confirmed) == ["no", "unknown"])
        #expect(transit.terms[0].disclosure == "undisclosed")
        #expect(document.events.map(\.dateKind) == ["actual", "planned"])
        #expect(document.events[1].date == "2030")
    }

    @Test func theJSONFixtureIsWrittenAsPythonWritesIt() throws {
        let python = try ProcessRunner.python("""
            import json, sys
            text = open(sys.argv[1], encoding="utf-8").read()
            print(text == json.dumps(json.loads(text), indent=2) + "\\n")
            """, arguments: [Fixtures.path("valid.json")])
        #expect(python.stdout == "True\n", "\(python.stderr)")
    }

    @Test func missingOptionalKeysTakeTheirDefaults() throws {
        let (document, issues) = parse("""
            sources: [{id: s, title: S}]
            parties: [{id: p, name: P, kind: company}]
            projects:
              - id: pr
                name: Pr
                terms: [{metric: capacity}]
            agreements:
              - id: a
                title: A
                parties: [{party: p, role: buyer}]
            events: [{id: e, date: 2025, title: E}]
            """)
        #expect(issues.isEmpty, "\(issues)")
        #expect(document.sources[0].kind == "other")
        #expect(document.projects[0].kind == "other")
        #expect(document.projects[0].commodity == nil && document.projects[0].status == nil)
        let term = document.projects[0].terms[0]
        // No default claims agreement (issue 12): an unstated state is not_stated.
        #expect([term.status, term.evidence, term.disclosure] == ["not_stated", "reported", "public"])
        #expect(term.value == nil && term.unit == nil && term.validFrom == nil && term.sources.isEmpty)
        #expect(document.agreements[0].kind == "other")
        #expect(document.agreements[0].binding == "unknown")
        #expect(document.agreements[0].parties[0].confirmed == "unknown")
        #expect(document.agreements[0].parties[0].share == nil)
        #expect(document.events[0].dateKind == "actual")
        #expect(document.parties[0].aliases.isEmpty && document.parties[0].country == nil)
    }

    @Test(arguments: [
        ("yes", "yes"), ("no", "no"), ("true", "yes"), ("false", "no"), ("unknown", "unknown"),
        ("Yes", "yes"), ("NO", "no"), ("True", "yes"), ("\"yes\"", "yes"), ("'false'", "no"), ("~", "unknown"),
    ])
    func bindingAndConfirmedMapYesNoTrueFalseAndUnknown(written: String, stored: String) throws {
        let (document, issues) = parse("""
            agreements:
              - id: a
                title: A
                binding: \(written)
                parties: [{party: p, role: buyer, confirmed: \(written)}]
            """)
        #expect(issues.isEmpty, "\(issues)")
        #expect(document.agreements.first?.binding == stored)
        #expect(document.agreements.first?.parties.first?.confirmed == stored)
    }

    @Test func bindingTakesJSONBooleansAndRejectsAnythingElse() throws {
        let json = parse(#"{"agreements": [{"id": "a", "title": "A", "binding": false}]}"#)
        #expect(json.issues.isEmpty)
        #expect(json.document.agreements.first?.binding == "no")
        #expect(problem("agreements: [{id: a, title: A, binding: maybe}]")
            == #"t.yaml:1:41: agreements[0].binding: expected true, false or unknown (or yes, no), found "maybe""#)
        #expect(problem("agreements: [{id: a, title: A, binding: 1}]")
            == #"t.yaml:1:41: agreements[0].binding: expected true, false or unknown (or yes, no), found "1""#)
    }

    @Test func datesMayBeQuotedOrNot() throws {
        let (document, issues) = parse("""
            agreements:
              - {id: a, title: A, signed: 2025-09-02}
              - {id: b, title: B, signed: "2025-09-02"}
              - {id: c, title: C, signed: 2025}
              - {id: d, title: D, signed: '2025-09'}
              - {id: e, title: E, signed: 2024-02-29}
            """)
        #expect(issues.isEmpty, "\(issues)")
        #expect(document.agreements.map(\.signed) == ["2025-09-02", "2025-09-02", "2025", "2025-09", "2024-02-29"])
    }

    @Test func numbersInTheirUsualForms() throws {
        let (document, issues) = parse("""
            agreements:
              - id: a
                title: A
                terms:
                  - {metric: value, value: 25000000000, unit: USD}
                  - {metric: value, value: 25_000}
                  - {metric: share, value: 49.5, unit: percent}
                  - {metric: price, value: -3.25}
                  - {metric: value, value: 1.5e+3}
            """)
        #expect(issues.isEmpty, "\(issues)")
        #expect(document.agreements.first?.terms.map(\.value) == [25_000_000_000, 25_000, 49.5, -3.25, 1500])
    }

    @Test func citationsAreAnIdOrASourceWithALocator() throws {
        let (document, issues) = parse("""
            events:
              - id: e
                date: 2025
                title: E
                sources:
                  - wire
                  - {source: report, locator: "p. 4"}
                  - source: report
            """)
        #expect(issues.isEmpty, "\(issues)")
        #expect(document.events.first?.sources == [Citation(source: "wire", locator: nil),
                                                   Citation(source: "report", locator: "p. 4"),
                                                   Citation(source: "report", locator: nil)])
        #expect(problem("events: [{id: e, date: 2025, title: E, sources: [{locator: p. 4}]}]")
            == #"t.yaml:1:50: events[0].sources[0]: missing required key "source""#)
        #expect(problem("events: [{id: e, date: 2025, title: E, sources: [{source: s, page: 4}]}]")
            == #"t.yaml:1:62: events[0].sources[0].page: unknown key "page"; expected one of source, locator"#)
    }

    @Test func crlfLineEndingsAndAByteOrderMarkAreAccepted() throws {
        let yaml = try Fixtures.text("valid.yaml")
        let crlf = Data([0xEF, 0xBB, 0xBF]) + Data(yaml.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let input = try DocumentInput.decode(crlf, name: "crlf.yaml")
        #expect(!input.text.hasPrefix("\u{FEFF}"))
        let (document, issues) = parse(input.text)
        #expect(issues.isEmpty, "\(issues)")
        #expect(document == parse(yaml).document)
        // Locations still count lines, not line-ending characters.
        let broken = "sources:\r\n  - id: s\r\n    title: S\r\n    kind: blog\r\n"
        #expect(problem(broken)?.hasPrefix("t.yaml:4:11: sources[0].kind: unknown source kind \"blog\"") == true)
    }

    // MARK: Wrong types

    @Test func aListWhereAMappingBelongs() throws {
        #expect(problem("parties:\n  - [borealgaz, Borealgaz]\n")
            == "t.yaml:2:5: parties[0]: expected a mapping with keys id, name, kind, country, aliases, identifiers, merged, note, found a list")
        #expect(problem("[sources, parties]")
            == "t.yaml:1:1: expected a mapping with keys sources, parties, projects, agreements, events, finance_links, found a list")
    }

    @Test func aMappingWhereAListBelongs() throws {
        #expect(problem("projects:\n  - id: p\n    name: P\n    route: {country: RU, role: origin}\n")
            == "t.yaml:4:12: projects[0].route: expected a list, found a mapping")
        #expect(problem("sources: {id: s, title: S}")
            == "t.yaml:1:10: sources: expected a list, found a mapping")
    }

    @Test func textWhereANumberBelongs() throws {
        #expect(problem("agreements: [{id: a, title: A, terms: [{metric: volume, value: fifty}]}]")
            == #"t.yaml:1:64: agreements[0].terms[0].value: expected a number, found "fifty""#)
        #expect(problem("agreements: [{id: a, title: A, parties: [{party: p, role: buyer, share: half}]}]")
            == #"t.yaml:1:73: agreements[0].parties[0].share: expected a number, found "half""#)
    }

    /// The decisions of docs/FORMAT.md ("Numbers", "Characters", "JSON is
    /// read as YAML"), one expectation each (issue 15).
    @Test func decisionsOnNumbersAndCharacters() throws {
        func term(_ value: String) -> String { "agreements: [{id: a, title: A, terms: [{metric: volume, value: \(value)}]}]" }
        #expect(problem(term("0x10")) == #"t.yaml:1:64: agreements[0].terms[0].value: expected a number, found "0x10""#)
        #expect(problem(term("0o20")) == #"t.yaml:1:64: agreements[0].terms[0].value: expected a number, found "0o20""#)
        #expect(problem(term("1e-400"))
            == #"t.yaml:1:64: agreements[0].terms[0].value: "1e-400" is too small to store (it would become 0)"#)
        #expect(problem(term("1e309"))
            == #"t.yaml:1:64: agreements[0].terms[0].value: "1e309" is too large for a number (at most 1.7976931348623157e308 either way)"#)
        for word in [".inf", "-.inf", ".nan", "inf", "nan", "Infinity"] {
            #expect(problem(term(word)) == "t.yaml:1:64: agreements[0].terms[0].value: expected a number, found \"\(word)\"")
        }
        #expect(parse(term("1.5e+3")).document.agreements.first?.terms.first?.value == 1500)
        #expect(parse(term("1e-300")).document.agreements.first?.terms.first?.value == 1e-300)
        #expect(parse(term("25_000")).document.agreements.first?.terms.first?.value == 25000)

        let party = { (name: String) in #"{"parties": [{"id": "p", "name": "\#(name)", "kind": "company"}]}"# }
        #expect(problem(party("A\u{85}B")) == "t.yaml:1:36: contains U+0085 (NEXT LINE), which YAML and JSON readers "
            + "do not agree on; remove it, or write a plain line break or space")
        #expect(problem(party("A\u{2028}B"))?.contains("U+2028 (LINE SEPARATOR)") == true)
        #expect(problem(party("A\u{FEFF}B"))?.contains("U+FEFF (a byte order mark)") == true)
        #expect(problem(party(#"A\u0000B"#)) == "t.yaml:1:34: parties[0].name: contains a NUL character (U+0000), which is not allowed in text")
        #expect(problem(party(#"A\uFEFFB"#))?.contains("parties[0].name: contains U+FEFF") == true)
        #expect(problem(party(#"A\u0085B"#))?.contains("parties[0].name: contains U+0085") == true)
        // An escape and a tab are text like any other; display escapes them.
        #expect(parse(party(#"A\u001b[31mB\tC"#)).document.parties.first?.name == "A\u{1B}[31mB\tC")
        // Trailing commas: accepted (YAML flow); comments: refused, saying why.
        #expect(parse(#"{"parties": [{"id": "p", "name": "P", "kind": "company",},]}"#).issues.isEmpty)
        #expect(problem("{\"parties\": [] // none\n}")?.hasSuffix("`//` and `/* */` comments are not JSON (write the document as YAML, with # comments)") == true)
    }

    @Test func aQuotedNumberIsText() throws {
        #expect(problem("agreements: [{id: a, title: A, terms: [{metric: volume, value: \"50\"}]}]")
            == #"t.yaml:1:64: agreements[0].terms[0].value: expected a number, found "50"; write numbers without quotes (or !!str)"#)
        // A plain scalar tagged as text is text too, as its writer said.
        #expect(problem("agreements: [{id: a, title: A, terms: [{metric: volume, value: !!str 10}]}]")
            == #"t.yaml:1:64: agreements[0].terms[0].value: expected a number, found "10"; write numbers without quotes (or !!str)"#)
        #expect(parse("parties: [{id: p, name: !!str null, kind: company}]").document.parties.first?.name == "null")
    }

    @Test func aListOrMappingWhereTextBelongs() throws {
        #expect(problem("sources: [{id: s, title: [a, b]}]")
            == "t.yaml:1:26: sources[0].title: expected text, found a list")
        #expect(problem("parties: [{id: p, name: P, kind: company, aliases: {a: b}}]")
            == "t.yaml:1:52: parties[0].aliases: expected a list, found a mapping")
    }

    // MARK: Missing and unknown keys

    @Test(arguments: [
        ("sources: [{title: S}]", "t.yaml:1:11: sources[0]: missing required key \"id\""),
        ("sources: [{id: s}]", "t.yaml:1:11: sources[0]: missing required key \"title\""),
        ("parties: [{id: p, kind: company}]", "t.yaml:1:11: parties[0]: missing required key \"name\""),
        ("parties: [{id: p, name: P}]", "t.yaml:1:11: parties[0]: missing required key \"kind\""),
        ("projects: [{id: p}]", "t.yaml:1:12: projects[0]: missing required key \"name\""),
        ("agreements: [{id: a}]", "t.yaml:1:14: agreements[0]: missing required key \"title\""),
        ("events: [{id: e, title: E}]", "t.yaml:1:10: events[0]: missing required key \"date\""),
        ("events: [{id: e, date: 2025}]", "t.yaml:1:10: events[0]: missing required key \"title\""),
        ("projects: [{id: p, name: P, terms: [{value: 1}]}]",
         "t.yaml:1:37: projects[0].terms[0]: missing required key \"metric\""),
        ("agreements: [{id: a, title: A, parties: [{role: buyer}]}]",
         "t.yaml:1:42: agreements[0].parties[0]: missing required key \"party\""),
        ("projects: [{id: p, name: P, route: [{country: RU}]}]",
         "t.yaml:1:37: projects[0].route[0]: missing required key \"role\""),
        ("sources: [{id: s, title: \"  \"}]", "t.yaml:1:26: sources[0].title: must not be empty"),
        ("sources: [{id: s, title: ~}]", "t.yaml:1:11: sources[0]: missing required key \"title\""),
    ])
    func missingRequiredKey(text: String, expected: String) throws {
        #expect(problem(text) == expected)
    }

    /// A YAML 1.1 merge key is named for what it is, not as a garbled
    /// unknown key with a suggestion.
    @Test func aMergeKeyIsExplained() throws {
        let (_, issues) = parse("sources:\n  - &base\n    id: s\n    title: S\n  - <<: *base\n    id: t\n")
        #expect(issues.contains { $0.hasPrefix("t.yaml:5:5: sources[1]: a YAML merge key (<<) is not read by dealdb") },
                "\(issues)")
        #expect(!issues.contains { $0.contains("unknown key") }, "\(issues)")
    }

    @Test func unknownKeyIsNamedWithASuggestion() throws {
        let (_, issues) = parse("sources:\n  - id: s\n    tittle: S\n")
        #expect(issues == [
            "t.yaml:3:5: sources[0].tittle: unknown key \"tittle\"; expected one of id, title, kind, publisher, "
                + "published, url, note; did you mean \"title\"?",
            "t.yaml:2:5: sources[0]: missing required key \"title\"",
        ])
        #expect(problem("deals: []")
            == "t.yaml:1:1: deals: unknown key \"deals\"; expected one of sources, parties, projects, agreements, events, finance_links")
    }

    // MARK: Values

    @Test func unknownEnumerationValueListsTheAllowedOnes() throws {
        let text = """
            agreements:
              - id: a
                title: A
                parties:
                  - party: p
                    role: buyerr
            """
        #expect(problem(text) == "t.yaml:6:15: agreements[0].parties[0].role: unknown role \"buyerr\"; expected one of "
            + Vocabulary.partyRoles.joined(separator: ", "))
        #expect(problem(text)?.contains(#"unknown role "buyerr"; expected one of seller, buyer, shipper, "#) == true)
    }

    @Test(arguments: [
        ("sources: [{id: s, title: S, kind: blog}]", "source kind \"blog\"", Vocabulary.sourceKinds),
        ("parties: [{id: p, name: P, kind: pirate}]", "party kind \"pirate\"", Vocabulary.partyKinds),
        ("projects: [{id: p, name: P, kind: canal}]", "project kind \"canal\"", Vocabulary.projectKinds),
        ("projects: [{id: p, name: P, commodity: uranium}]", "commodity \"uranium\"", Vocabulary.commodities),
        ("projects: [{id: p, name: P, status: dreaming}]", "project status \"dreaming\"", Vocabulary.projectStatuses),
        ("projects: [{id: p, name: P, route: [{country: MN, role: via}]}]", "route role \"via\"", Vocabulary.routeRoles),
        ("agreements: [{id: a, title: A, kind: handshake}]", "agreement kind \"handshake\"", Vocabulary.agreementKinds),
        ("agreements: [{id: a, title: A, status: done}]", "agreement status \"done\"", Vocabulary.agreementStatuses),
        ("agreements: [{id: a, title: A, terms: [{metric: mood}]}]", "metric \"mood\"", Vocabulary.metrics),
        ("agreements: [{id: a, title: A, terms: [{metric: price, status: agreedish}]}]",
         "negotiation status \"agreedish\"", Vocabulary.negotiationStates),
        ("agreements: [{id: a, title: A, terms: [{metric: price, evidence: rumour}]}]",
         "evidence \"rumour\"", Vocabulary.evidenceLevels),
        ("agreements: [{id: a, title: A, terms: [{metric: price, disclosure: secret}]}]",
         "disclosure \"secret\"", Vocabulary.disclosures),
        ("events: [{id: e, date: 2025, title: E, date_kind: maybe}]", "date kind \"maybe\"", Vocabulary.dateKinds),
    ])
    func everyEnumerationNamesItsValues(text: String, found: String, allowed: [String]) throws {
        let message = try #require(problem(text))
        #expect(message.hasSuffix(": unknown \(found); expected one of \(allowed.joined(separator: ", "))"), "\(message)")
    }

    @Test func unitsAreKnownOrCurrencyCodes() throws {
        let (document, issues) = parse("projects: [{id: p, name: P, terms: [{metric: cost, unit: RUB}, {metric: length, unit: km}]}]")
        #expect(issues.isEmpty)
        #expect(document.projects.first?.terms.map(\.unit) == ["RUB", "km"])
        #expect(problem("projects: [{id: p, name: P, terms: [{metric: length, unit: miles}]}]")
            == "t.yaml:1:60: projects[0].terms[0].unit: unknown unit \"miles\"; expected one of "
            + "bcm/y, bcm, mtpa, MMcf/d, MMscmd, bcf/d, km, years, percent, MW or an ISO 4217 currency code such as USD")
    }

    @Test(arguments: ["2025-13-01", "2025-9", "2025-02-30", "2023-02-29", "25", "2025-00", "2025/09/02", "2025-9-2",
                      "2025-09-02T10:00", "september"])
    func invalidDate(text: String) throws {
        #expect(problem("events: [{id: e, date: \(text), title: E}]")
            == "t.yaml:1:24: events[0].date: invalid date \"\(text)\"; expected YYYY, YYYY-MM or YYYY-MM-DD")
    }

    @Test func everyDateKeyIsChecked() throws {
        let (_, issues) = parse("""
            sources: [{id: s, title: S, published: 2025-9}]
            agreements: [{id: a, title: A, signed: 2025-13, terms: [{metric: price, valid_from: 20255, valid_to: x}]}]
            """)
        #expect(issues.count == 4)
        #expect(issues.allSatisfy { $0.contains("invalid date") }, "\(issues)")
        #expect(issues.map { $0.split(separator: " ")[0] } == [
            "t.yaml:1:40:", "t.yaml:2:40:", "t.yaml:2:85:", "t.yaml:2:102:",
        ])
    }

    @Test func countryCodesAreISOAlpha2() throws {
        #expect(problem("parties: [{id: p, name: P, kind: company, country: RUS}]")
            == "t.yaml:1:52: parties[0].country: unknown country \"RUS\"; expected an ISO 3166-1 alpha-2 code such as RU, CN or MN")
        #expect(problem("projects: [{id: p, name: P, route: [{country: ru, role: origin}]}]")
            == "t.yaml:1:47: projects[0].route[0].country: unknown country \"ru\"; expected an ISO 3166-1 alpha-2 code "
            + "such as RU, CN or MN (did you mean RU?)")
    }

    @Test func amountsCannotBeNegative() throws {
        for metric in ["volume", "capacity", "length", "duration", "cost"] {
            #expect(problem("projects: [{id: p, name: P, terms: [{metric: \(metric), value: -20}]}]")
                == "t.yaml:1:\(55 + metric.count): projects[0].terms[0].value: a \(metric) cannot be negative (-20)")
        }
        // A price or a value may fall below zero.
        #expect(parse("projects: [{id: p, name: P, terms: [{metric: price, value: -1}, {metric: value, value: -2}]}]")
            .issues.isEmpty)
        #expect(problem("agreements: [{id: a, title: A, parties: [{party: p, role: buyer, share: 150}]}]")
            == "t.yaml:1:73: agreements[0].parties[0].share: expected a percentage from 0 to 100, found 150")
    }

    @Test func validToMayNotComeBeforeValidFrom() throws {
        #expect(problem("projects: [{id: p, name: P, terms: [{metric: capacity, valid_from: 2027-01, valid_to: 2026-12-31}]}]")
            == "t.yaml:1:87: projects[0].terms[0].valid_to: valid_to 2026-12-31 is before valid_from 2027-01")
        // Dates of different precision compare by what they share: 2025 contains 2025-06.
        #expect(parse("projects: [{id: p, name: P, terms: [{metric: capacity, valid_from: 2025-06, valid_to: 2025}]}]")
            .issues.isEmpty)
    }

    @Test func idsAreSlugs() throws {
        for bad in ["Gazprom", "-lead", "under_score", "with space", "\"\""] {
            let message = try #require(problem("parties: [{id: \(bad), name: P, kind: company}]"))
            #expect(message.contains("parties[0].id: invalid id"), "\(message)")
            #expect(message.hasSuffix("expected lowercase letters, digits and -, starting with a letter or digit"))
        }
        #expect(parse("parties: [{id: 2gis-llc, name: P, kind: company}]").issues.isEmpty)
    }

    @Test func itemsListedTwiceAreErrors() throws {
        #expect(problem("parties: [{id: p, name: P, kind: company, aliases: [PJSC, PJSC]}]")
            == "t.yaml:1:59: parties[0].aliases[1]: alias \"PJSC\" is listed twice")
        #expect(problem("agreements: [{id: a, title: A, parties: [{party: p, role: buyer}, {party: p, role: buyer}]}]")
            == "t.yaml:1:67: agreements[0].parties[1]: party \"p\" is listed twice in the role buyer")
        // The same party in two roles is fine.
        #expect(parse("agreements: [{id: a, title: A, parties: [{party: p, role: buyer}, {party: p, role: owner}]}]")
            .issues.isEmpty)
        #expect(problem("events: [{id: e, date: 2025, title: E, parties: [p, q, p]}]")
            == "t.yaml:1:56: events[0].parties[2]: party \"p\" is listed twice")
    }

    @Test func emptyListItemsAndBlankAliasesAreErrors() throws {
        // A blank alias used to pass the checks and then fail the schema's
        // CHECK with a raw SQLite error (exit 1).
        #expect(problem("parties: [{id: p, name: P, kind: company, aliases: [\"  \"]}]")
            == "t.yaml:1:53: parties[0].aliases[0]: an alias must not be empty")
        #expect(problem("parties:\n  - id: p\n    name: P\n    kind: company\n    aliases:\n      -\n")
            == "t.yaml:6:8: parties[0].aliases[0]: expected an alias (text), found nothing")
        #expect(problem("events: [{id: e, date: 2025, title: E, parties: [~]}]")
            == "t.yaml:1:50: events[0].parties[0]: expected a party id, found nothing")
        #expect(problem("events: [{id: e, date: 2025, title: E, sources: [null]}]")
            == "t.yaml:1:50: events[0].sources[0]: expected a source id, found nothing")
        #expect(problem("sources:\n  -\n")
            == "t.yaml:2:4: sources[0]: expected a mapping with keys id, title, kind, publisher, published, url, note, found nothing")
    }

    // MARK: Syntax and whole documents

    @Test func syntaxErrorsHaveALocation() throws {
        #expect(problem("sources:\n  - id: s\n    title: [unclosed\n")
            == "t.yaml:4:1: syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 3)")
        #expect(problem("sources:\n  - id: s\n    title: S\n    title: T\n")
            == "t.yaml:3:5: syntax error: duplicate key title in a mapping")
        // JSON is read by the same YAML reader: a missing comma is found where the next key starts.
        #expect(problem("{\n  \"sources\": [\n    {\n      \"id\": \"s\"\n      \"title\": \"S\"\n    }\n  ]\n}\n")
            == "t.yaml:5:7: syntax error: did not find expected ',' or '}' (while parsing a flow mapping at line 3)")
    }

    @Test func forbiddenCharactersAreLocated() throws {
        // The YAML reader reports an offset, not a line; it used to come out as 1:1.
        #expect(problem("sources:\n  - id: s\n    title: \"Ж\u{7}\"\n")
            == "t.yaml:3:14: syntax error: control characters are not allowed (U+0007)")
    }

    @Test func anEmptyDocumentIsAnError() throws {
        for text in ["", "# only a comment\n", "~"] {
            #expect(problem(text) == "t.yaml:1:1: the document is empty; expected a mapping with any of "
                + "sources, parties, projects, agreements, events, finance_links")
        }
        // An empty mapping is a document with no records.
        #expect(parse("{}").issues.isEmpty)
    }

    @Test func everyProblemIsReportedNotJustTheFirst() throws {
        let (document, issues) = parse("""
            parties:
              - id: borealgaz
                name: Borealgaz
                kind: state-company
            agreements:
              - id: memo
                title: Memo
                signed: 2025-02-30
                parties:
                  - {party: borealgaz, role: seller, confirmed: maybe}
            """)
        #expect(issues.count == 3, "\(issues)")
        #expect(issues[0].hasPrefix("t.yaml:4:11: parties[0].kind: unknown party kind \"state-company\""))
        #expect(issues[1].hasPrefix("t.yaml:8:13: agreements[0].signed: invalid date \"2025-02-30\""))
        #expect(issues[2].hasPrefix("t.yaml:10:53: agreements[0].parties[0].confirmed: expected true, false or unknown"))
        #expect(document.parties.isEmpty)
    }

    @Test func jsonErrorsAreLocatedToo() throws {
        let text = """
            {
              "agreements": [
                {
                  "id": "a",
                  "title": "A",
                  "parties": [
                    {
                      "party": "p",
                      "role": "buyerr"
                    }
                  ]
                }
              ]
            }
            """
        let message = try #require(problem(text))
        #expect(message.hasPrefix(#"t.yaml:9:19: agreements[0].parties[0].role: unknown role "buyerr"; expected one of"#))
    }

    // MARK: Reading files

    @Test func invalidUTF8IsInvalidData() throws {
        let bytes = Data("sources: [{id: s, title: ".utf8) + Data([0xC3, 0x28]) + Data("}]\n".utf8)
        let error = #expect(throws: DealError.self) { try DocumentInput.decode(bytes, name: "bad.yaml") }
        #expect(error?.kind == .invalidData)
        #expect(error?.message == "bad.yaml: not valid UTF-8 text (first bad byte at offset 25)")
    }

    @Test func aNulByteIsInvalidData() throws {
        let error = #expect(throws: DealError.self) {
            try DocumentInput.decode(Data("sources: []\n\0".utf8), name: "nul.yaml")
        }
        #expect(error?.kind == .invalidData)
        #expect(error?.message == "nul.yaml: contains a NUL byte at offset 12; expected text")
    }

    @Test func missingFilesAndDirectoriesAreUnreadable() throws {
        let directory = try TemporaryDirectory()
        let missing = #expect(throws: DealError.self) { try DocumentInput.load(path: directory.file("none.yaml")) }
        #expect(missing?.kind == .unreadableInput)
        #expect(missing?.message == "\(directory.file("none.yaml")): no such file")
        let folder = #expect(throws: DealError.self) { try DocumentInput.load(path: directory.path) }
        #expect(folder?.kind == .unreadableInput)
        #expect(folder?.message == "\(directory.path): is a directory, not a document")
    }
}

/// The hand-made documents in Tests/Fixtures/documents.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/documents").path

    static func path(_ name: String) -> String { directory + "/" + name }

    static func text(_ name: String) throws -> String {
        try String(contentsOfFile: path(name), encoding: .utf8)
    }

    /// The fixture as the importer gets it, named by its file name.
    static func input(_ name: String) throws -> DocumentInput {
        DocumentInput(name: (name as NSString).lastPathComponent, text: try text(name))
    }
}
