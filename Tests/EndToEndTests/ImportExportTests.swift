import Foundation
import Testing
import TestSupport

/// `dealdb import`, `export` and `init --seed` run as the user runs them,
/// with the database read back by the sqlite3 shell and output parsed by
/// Python.
@Suite struct ImportExportTests {
    static let fixtures = SharedData.packageRoot + "/Tests/Fixtures/documents"
    static let invalid = fixtures + "/invalid"

    // MARK: Helpers

    /// A new database in `directory`, with the seed dataset unless asked not to.
    private func database(_ directory: borrowing TemporaryDirectory, _ name: String = "deals.db",
                          seed: Bool = true) throws -> String {
        let path = directory.file(name)
        let result = try ProcessRunner.dealdb(["init", "--db", path] + (seed ? ["--seed"] : []))
        #expect(result.status == 0, "\(result.stderr)")
        return path
    }

    private func dump(_ path: String) throws -> String {
        let result = try ProcessRunner.sqlite3(path, ".dump")
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    /// The dump without the migration log, whose times differ between files.
    private func dataDump(_ path: String) throws -> String {
        try dump(path).split(separator: "\n").filter { !$0.hasPrefix("INSERT INTO schema_migrations ") }
            .joined(separator: "\n")
    }

    private func sqlite(_ path: String, _ sql: String) throws -> String {
        let result = try ProcessRunner.sqlite3(path, sql)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    private func importing(_ database: String, _ arguments: [String], stdin: Data? = nil,
                           in directory: String = ImportExportTests.fixtures) throws -> ProcessResult {
        try ProcessRunner.dealdb(["import", "--db", database] + arguments, stdin: stdin, currentDirectory: directory)
    }

    /// Imports fixtures from invalid/ into a seeded database and checks the
    /// whole of stderr, the exit status and that the database is unchanged.
    private func expectRejected(_ files: [String], problems: [String],
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
        let directory = try TemporaryDirectory()
        let path = try database(directory)
        let before = try dump(path)
        let result = try importing(path, files, in: Self.invalid)
        #expect(result.status == 65, "\(result.stderr)", sourceLocation: sourceLocation)
        var seen = Set<String>()
        let named = problems.map { String($0.prefix { $0 != ":" }) }.filter { seen.insert($0).inserted }
            .joined(separator: ", ")
        let header = "dealdb: \(problems.count) problem\(problems.count == 1 ? "" : "s") in \(named); nothing was imported\n"
        #expect(result.stderr == header + problems.map { "  \($0)\n" }.joined(), sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
        #expect(try dump(path) == before, "the database changed", sourceLocation: sourceLocation)
    }

    static let created = """
        sources: 2 created, 0 updated, 0 unchanged
        parties: 3 created, 0 updated, 0 unchanged
        projects: 1 created, 0 updated, 0 unchanged
        agreements: 2 created, 0 updated, 0 unchanged
        events: 2 created, 0 updated, 0 unchanged

        """

    // MARK: Valid documents

    @Test func yamlAndJSONImportToTheSameDatabaseContent() throws {
        let directory = try TemporaryDirectory()
        let yaml = try database(directory, "yaml.db", seed: false)
        let json = try database(directory, "json.db", seed: false)
        let fromYAML = try importing(yaml, ["valid.yaml"])
        #expect(fromYAML.status == 0, "\(fromYAML.stderr)")
        #expect(fromYAML.stdout == Self.created)
        #expect(fromYAML.stderr.isEmpty)
        let fromJSON = try importing(json, ["valid.json"])
        #expect(fromJSON.status == 0, "\(fromJSON.stderr)")
        #expect(fromJSON.stdout == Self.created)
        #expect(try dataDump(yaml) == dataDump(json))
        #expect(try sqlite(yaml, "SELECT alias FROM party_aliases WHERE party_id = 'borealgaz' ORDER BY position")
            == "Бореалгаз\nPJSC Borealgaz\n")
    }

    @Test func severalFilesImportTogether() throws {
        let directory = try TemporaryDirectory()
        let path = try database(directory, seed: false)
        // Only the agreement is in the second file; its parties and sources are in the first.
        let agreement = directory.file("more.json")
        try #"{"agreements": [{"id": "extra", "title": "Extra", "project": "northern-link", "parties": [{"party": "gov-kz", "role": "grantor"}], "sources": ["northern-link-wire"]}]}"#
            .write(toFile: agreement, atomically: true, encoding: .utf8)
        let result = try importing(path, ["valid.yaml", agreement])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("agreements: 3 created, 0 updated, 0 unchanged"))
    }

    @Test func standardInputIsReadForADash() throws {
        let directory = try TemporaryDirectory()
        let fromFile = try database(directory, "file.db", seed: false)
        let fromStdin = try database(directory, "stdin.db", seed: false)
        #expect(try importing(fromFile, ["valid.json"]).status == 0)
        let json = try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/valid.json"))
        let result = try importing(fromStdin, ["-"], stdin: json)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == Self.created)
        #expect(try dataDump(fromStdin) == dataDump(fromFile))

        let broken = try importing(fromStdin, ["-"], stdin: Data("sources: [{id: s}]\n".utf8))
        #expect(broken.status == 65)
        #expect(broken.stderr == """
            dealdb: 1 problem in <stdin>; nothing was imported
              <stdin>:1:11: sources[0]: missing required key "title"

            """)
    }

    @Test func aByteOrderMarkAndCRLFLineEndingsAreAccepted() throws {
        let directory = try TemporaryDirectory()
        let plain = try database(directory, "plain.db", seed: false)
        let windows = try database(directory, "windows.db", seed: false)
        let text = try String(contentsOfFile: Self.fixtures + "/valid.yaml", encoding: .utf8)
        let file = directory.file("windows.yaml")
        try (Data([0xEF, 0xBB, 0xBF]) + Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
            .write(to: URL(fileURLWithPath: file))
        #expect(try importing(plain, ["valid.yaml"]).status == 0)
        let result = try importing(windows, [file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try dataDump(windows) == dataDump(plain))
    }

    @Test func importingTheSameFileAgainChangesNothing() throws {
        let directory = try TemporaryDirectory()
        let path = try database(directory)
        #expect(try importing(path, ["valid.yaml"]).status == 0)
        let before = try dump(path)
        let again = try importing(path, ["valid.yaml"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == """
            sources: 0 created, 0 updated, 2 unchanged
            parties: 0 created, 0 updated, 3 unchanged
            projects: 0 created, 0 updated, 1 unchanged
            agreements: 0 created, 0 updated, 2 unchanged
            events: 0 created, 0 updated, 2 unchanged

            """)
        #expect(try dump(path) == before)
    }

    @Test func aChangedFileUpdatesOnlyWhatChanged() throws {
        let directory = try TemporaryDirectory()
        let path = try database(directory)
        #expect(try importing(path, ["valid.yaml"]).status == 0)
        let seedRows = """
            SELECT id, title, binding, signed FROM agreements WHERE id NOT LIKE 'northern-link-memorandum%' ORDER BY id;
            SELECT agreement_id, position, party_id, role, confirmed FROM agreement_parties
              WHERE agreement_id <> 'northern-link-memorandum-2025' ORDER BY 1, 2;
            SELECT coalesce(agreement_id, project_id), position, metric, value, status FROM terms
              WHERE agreement_id IS NOT 'northern-link-memorandum-2025' ORDER BY 1, 2;
            SELECT * FROM parties ORDER BY id;
            """
        let untouched = try sqlite(path, seedRows)

        // The memorandum: volume 20 -> 25, and the buyer's role removed.
        var text = try String(contentsOfFile: Self.fixtures + "/valid.yaml", encoding: .utf8)
        let volume = "      - metric: volume\n        value: 20\n"
        let buyer = """
                  - party: eastern-energy
                    role: buyer
                    confirmed: unknown
                    share: 49.5
                    sources: [northern-link-wire]

            """
        #expect(text.contains(volume) && text.contains(buyer))
        text = text.replacingOccurrences(of: volume, with: "      - metric: volume\n        value: 25\n")
            .replacingOccurrences(of: buyer, with: "")
        let file = directory.file("changed.yaml")
        try text.write(toFile: file, atomically: true, encoding: .utf8)

        let dryRun = try importing(path, ["--dry-run", file])
        let result = try importing(path, [file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            sources: 0 created, 0 updated, 2 unchanged
            parties: 0 created, 0 updated, 3 unchanged
            projects: 0 created, 0 updated, 1 unchanged
            agreements: 0 created, 1 updated, 1 unchanged
            events: 0 created, 0 updated, 2 unchanged

            """)
        #expect(dryRun.stdout == result.stdout)
        #expect(try sqlite(path, """
            SELECT party_id || ':' || role FROM agreement_parties WHERE agreement_id = 'northern-link-memorandum-2025';
            SELECT metric || '=' || ifnull(value, '-') FROM terms WHERE agreement_id = 'northern-link-memorandum-2025' ORDER BY position;
            """) == "borealgaz:seller\nvolume=25.0\nprice=-\n")
        #expect(try sqlite(path, seedRows) == untouched)
    }

    @Test func aDryRunPrintsTheSummaryAndWritesNothing() throws {
        let directory = try TemporaryDirectory()
        let path = try database(directory)
        let before = try dump(path)
        let result = try importing(path, ["--dry-run", "valid.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == Self.created)
        #expect(result.stderr == "dealdb: dry run: nothing was written\n")
        #expect(try dump(path) == before)
    }

    // MARK: Invalid documents (exit 65, database unchanged)

    @Test func syntaxError() throws {
        try expectRejected(["syntax-error.yaml"], problems: [
            "syntax-error.yaml:7:7: syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 6)",
        ])
    }

    @Test func aListWhereAMappingBelongs() throws {
        try expectRejected(["list-for-mapping.yaml"], problems: [
            "list-for-mapping.yaml:3:5: parties[0]: expected a mapping with keys id, name, kind, country, aliases, identifiers, merged, note, found a list",
            "list-for-mapping.yaml:8:9: agreements[0].parties[0]: expected a mapping with keys party, role, confirmed, share, "
                + "sources, found a list",
        ])
    }

    @Test func textWhereANumberBelongs() throws {
        try expectRejected(["text-for-number.yaml"], problems: [
            "text-for-number.yaml:6:16: agreements[0].terms[0].value: expected a number, found \"fifty\"",
        ])
    }

    @Test func aQuotedNumberIsText() throws {
        try expectRejected(["quoted-number.yaml"], problems: [
            "quoted-number.yaml:7:16: agreements[0].terms[0].value: expected a number, found \"50\"; write numbers without quotes (or !!str)",
        ])
    }

    @Test func missingRequiredKeys() throws {
        try expectRejected(["missing-required.yaml"], problems: [
            "missing-required.yaml:3:5: sources[0]: missing required key \"id\"",
            "missing-required.yaml:4:5: sources[1]: missing required key \"title\"",
            "missing-required.yaml:7:5: parties[0]: missing required key \"name\"",
            "missing-required.yaml:9:5: parties[1]: missing required key \"kind\"",
            "missing-required.yaml:12:5: projects[0]: missing required key \"name\"",
            "missing-required.yaml:15:5: agreements[0]: missing required key \"title\"",
            "missing-required.yaml:18:9: agreements[0].terms[0]: missing required key \"metric\"",
            "missing-required.yaml:21:5: events[0]: missing required key \"date\"",
            "missing-required.yaml:21:5: events[0]: missing required key \"title\"",
        ])
    }

    @Test func anUnknownKey() throws {
        try expectRejected(["unknown-key.yaml"], problems: [
            "unknown-key.yaml:2:5: sources[0]: missing required key \"title\"",
            "unknown-key.yaml:3:5: sources[0].tittle: unknown key \"tittle\"; expected one of id, title, kind, publisher, "
                + "published, url, note; did you mean \"title\"?",
        ])
    }

    @Test func anUnknownEnumerationValue() throws {
        try expectRejected(["unknown-role.yaml"], problems: [
            "unknown-role.yaml:12:15: agreements[2].parties[0].role: unknown role \"buyerr\"; expected one of seller, buyer, "
                + "shipper, transit, operator, owner, contractor, client, lender, borrower, investor, financier, guarantor, "
                + "signatory, beneficiary, grantor, initiator, recipient, co_financier, insurer, collateral_provider, security_agent, "
                + "implementing_agency",
        ])
    }

    @Test func invalidDates() throws {
        try expectRejected(["invalid-dates.yaml"], problems: [
            "invalid-dates.yaml:4:13: agreements[0].signed: invalid date \"2025-13-01\"; expected YYYY, YYYY-MM or YYYY-MM-DD",
            "invalid-dates.yaml:7:11: events[0].date: invalid date \"2025-9\"; expected YYYY, YYYY-MM or YYYY-MM-DD",
        ])
    }

    @Test func invalidCountryCodes() throws {
        try expectRejected(["invalid-countries.yaml"], problems: [
            "invalid-countries.yaml:6:14: parties[0].country: unknown country \"RUS\"; expected an ISO 3166-1 alpha-2 code "
                + "such as RU, CN or MN",
            "invalid-countries.yaml:11:19: projects[0].route[0].country: unknown country \"ru\"; expected an ISO 3166-1 "
                + "alpha-2 code such as RU, CN or MN (did you mean RU?)",
        ])
    }

    @Test func duplicateIdsInOneFile() throws {
        try expectRejected(["duplicate-ids.yaml"], problems: [
            "duplicate-ids.yaml:4:10: parties[2].id: duplicate party id \"borealgaz\" (first at duplicate-ids.yaml:2:10)",
        ])
    }

    @Test func duplicateIdsAcrossTwoFiles() throws {
        try expectRejected(["duplicate-across-1.yaml", "duplicate-across-2.yaml"], problems: [
            "duplicate-across-2.yaml:3:9: sources[0].id: duplicate source id \"northern-link-wire\" "
                + "(first at duplicate-across-1.yaml:2:9)",
        ])
    }

    @Test func referencesToIdsThatExistNowhere() throws {
        try expectRejected(["unknown-references.yaml"], problems: [
            "unknown-references.yaml:6:14: agreements[0].project: unknown project \"pos2\": not in this import or the "
                + "database; did you mean \"pos-2\" or \"pos-1\"?",
            "unknown-references.yaml:8:17: agreements[0].parties[0].party: unknown party \"gazprm\": not in this import "
                + "or the database; did you mean \"gazprom\"?",
            "unknown-references.yaml:10:15: agreements[0].sources[0]: unknown source \"nowhere-news\": not in this import "
                + "or the database",
        ])
    }

    @Test func negativeVolumesAndCapacities() throws {
        try expectRejected(["negative-amounts.yaml"], problems: [
            "negative-amounts.yaml:5:35: projects[0].terms[0].value: a capacity cannot be negative (-20)",
            "negative-amounts.yaml:10:33: agreements[0].terms[0].value: a volume cannot be negative (-5.5)",
        ])
    }

    @Test func validToBeforeValidFrom() throws {
        try expectRejected(["valid-to-before-from.yaml"], problems: [
            "valid-to-before-from.yaml:9:19: projects[0].terms[0].valid_to: valid_to 2026-12-31 is before valid_from 2027-01",
        ])
    }

    @Test func everyErrorIsReportedNotJustTheFirst() throws {
        try expectRejected(["three-errors.yaml"], problems: [
            "three-errors.yaml:5:11: parties[0].kind: unknown party kind \"state-company\"; expected one of company, "
                + "state_company, government, intergovernmental_organization, development_bank, bank, fund, analyst, "
                + "person, other",
            "three-errors.yaml:9:13: agreements[0].signed: invalid date \"2025-02-30\"; expected YYYY, YYYY-MM or YYYY-MM-DD",
            "three-errors.yaml:11:53: agreements[0].parties[0].confirmed: expected true, false or unknown (or yes, no), "
                + "found \"maybe\"",
        ])
    }

    @Test func aGoodFileDoesNotGetInWithABadOne() throws {
        let directory = try TemporaryDirectory()
        let path = try database(directory)
        let before = try dump(path)
        let result = try importing(path, ["valid.yaml", "invalid/quoted-number.yaml"])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("dealdb: 1 problem in invalid/quoted-number.yaml; nothing was imported\n"))
        #expect(try dump(path) == before)
    }

    // MARK: Unreadable input

    @Test func aMissingFileIsUnreadable() throws {
        let directory = try TemporaryDirectory()
        let path = try database(directory)
        let before = try dump(path)
        let result = try importing(path, ["valid.yaml", "no-such-file.yaml"])
        #expect(result.status == 66)
        #expect(result.stderr == "dealdb: no-such-file.yaml: no such file\n")
        #expect(try dump(path) == before)
    }

    @Test func aDirectoryIsUnreadable() throws {
        let directory = try TemporaryDirectory()
        let path = try database(directory)
        let before = try dump(path)
        let result = try importing(path, ["invalid"])
        #expect(result.status == 66)
        #expect(result.stderr == "dealdb: invalid: is a directory, not a document\n")
        #expect(try dump(path) == before)
    }

    @Test func invalidUTF8IsInvalidData() throws {
        let directory = try TemporaryDirectory()
        let path = try database(directory)
        let before = try dump(path)
        let file = directory.file("latin1.yaml")
        try (Data("parties:\n  - {id: p, name: Soci".utf8) + Data([0xE9]) + Data("t\u{E9}, kind: company}\n".utf8))
            .write(to: URL(fileURLWithPath: file))
        let result = try importing(path, [file])
        #expect(result.status == 65)
        #expect(result.stderr == "dealdb: \(file): not valid UTF-8 text (first bad byte at offset 31)\n")
        #expect(try dump(path) == before)
    }

    /// UTF-16 (Excel's "Unicode text", Notepad) is named for what it is,
    /// with the fix, wherever text comes in: a document, a CSV table, a GEM
    /// file; with or without its byte-order mark.
    @Test func utf16IsNamedEverywhere() throws {
        let directory = try TemporaryDirectory()
        let path = try database(directory)
        let before = try dump(path)
        let cases: [(String, String, [String], String.Encoding)] = [
            ("doc.yaml", "parties:\n  - {id: p, name: P, kind: company}\n", [], .utf16),
            ("parties.csv", "id,name,kind\np,P,company\n", ["--table", "parties"], .utf16),
            ("gem.csv", "ProjectID,PipelineName\nP1,A\n", ["--from", "gem"], .utf16LittleEndian),
        ]
        for (name, text, options, encoding) in cases {
            let file = directory.file(name)
            try #require(text.data(using: encoding)).write(to: URL(fileURLWithPath: file))
            let result = try importing(path, options + [file])
            #expect(result.status == 65, "\(name)")
            #expect(result.stderr == "dealdb: \(file): is UTF-16 text; save it as UTF-8\n", "\(name): \(result.stderr)")
        }
        #expect(try dump(path) == before)
    }

    // MARK: Export

    @Test(arguments: ["yaml", "json"])
    func theSeedRoundTripsThroughAnEmptyDatabase(format: String) throws {
        let directory = try TemporaryDirectory()
        let seeded = try database(directory, "seeded.db")
        let first = try ProcessRunner.dealdb(["export", "--db", seeded, "--format", format])
        #expect(first.status == 0, "\(first.stderr)")
        let file = directory.file("all.\(format)")
        try first.stdoutData.write(to: URL(fileURLWithPath: file))

        let empty = try database(directory, "empty.db", seed: false)
        let imported = try importing(empty, [file])
        #expect(imported.status == 0, "\(imported.stderr)")
        let second = try ProcessRunner.dealdb(["export", "--db", empty, "--format", format])
        #expect(second.stdout == first.stdout)

        // The tables hold the same facts; only the numbering of rows differs.
        let facts = """
            SELECT * FROM sources ORDER BY id;
            SELECT * FROM parties ORDER BY id;
            SELECT * FROM party_aliases ORDER BY party_id, position;
            SELECT id, name, kind, commodity, status, note FROM projects ORDER BY id;
            SELECT * FROM project_route ORDER BY project_id, position;
            SELECT id, title, kind, binding, status, signed, project_id, summary FROM agreements ORDER BY id;
            SELECT agreement_id, position, party_id, role, confirmed, share FROM agreement_parties ORDER BY 1, 2;
            SELECT agreement_id, project_id, position, metric, value, unit, text, status, evidence, disclosure,
                   valid_from, valid_to FROM terms ORDER BY 1, 2, 3;
            SELECT id, date, date_kind, title, agreement_id, project_id FROM events ORDER BY id;
            SELECT * FROM event_parties ORDER BY event_id, position;
            SELECT o.owner, c.position, c.source_id, c.locator FROM citations c JOIN (
                SELECT citable_id, 'project ' || id AS owner FROM projects
                UNION ALL SELECT citable_id, 'agreement ' || id FROM agreements
                UNION ALL SELECT citable_id, 'party ' || agreement_id || ' ' || position FROM agreement_parties
                UNION ALL SELECT citable_id, 'term ' || coalesce(agreement_id, project_id) || ' ' || position FROM terms
                UNION ALL SELECT citable_id, 'event ' || id FROM events
            ) AS o ON o.citable_id = c.citable_id ORDER BY 1, 2;
            SELECT kind, count(*) FROM citables GROUP BY kind ORDER BY kind;
            """
        let original = try sqlite(seeded, facts)
        #expect(original.contains("pos-2|2|MN|transit"))
        #expect(try sqlite(empty, facts) == original)
    }

    @Test func yamlExportParsesInPyYAMLToTheSameAsTheJSONExport() throws {
        let directory = try TemporaryDirectory()
        let seeded = try database(directory)
        // Values a YAML reader would take for numbers, booleans or dates.
        let tricky = directory.file("tricky.json")
        try #"{"sources": [{"id": "tricky", "title": "2025", "publisher": "yes", "published": "2025-09", "note": "no"}], "parties": [{"id": "on", "name": "null", "kind": "other", "aliases": ["2025-09-02", "1e3", "~", "true", "12:30"]}]}"#
            .write(toFile: tricky, atomically: true, encoding: .utf8)
        #expect(try importing(seeded, [tricky]).status == 0)
        let yaml = directory.file("all.yaml"), json = directory.file("all.json")
        #expect(try ProcessRunner.dealdb(["export", "--db", seeded, "--format", "yaml", "-o", yaml]).status == 0)
        #expect(try ProcessRunner.dealdb(["export", "--db", seeded, "--format", "json", "-o", json]).status == 0)
        let python = try ProcessRunner.python("""
            import json, sys, yaml
            a = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
            b = json.load(open(sys.argv[2], encoding="utf-8"))
            print(a == b, len(b["agreements"]), [s for s in b["sources"] if s["id"] == "tricky"][0]["title"])
            """, arguments: [yaml, json])
        #expect(python.stdout == "True 9 2025\n", "\(python.stderr)")
    }

    @Test func anAgreementExportsWithWhatItRefersTo() throws {
        let directory = try TemporaryDirectory()
        let seeded = try database(directory)
        let result = try ProcessRunner.dealdb(["export", "--db", seeded, "--format", "json",
                                               "--agreement", "pos2-gazprom-cnpc-2025"])
        #expect(result.status == 0, "\(result.stderr)")
        let python = try ProcessRunner.python("""
            import json, sys
            d = json.load(sys.stdin)
            for kind in ("sources", "parties", "projects", "agreements", "events"):
                print(kind, " ".join(sorted(x["id"] for x in d.get(kind, []))))
            """, stdin: result.stdoutData)
        let lines = python.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "\(python.stderr)")
        #expect(lines.first { $0.hasPrefix("agreements ") } == "agreements pos2-gazprom-cnpc-2025")
        #expect(lines.first { $0.hasPrefix("projects ") } == "projects pos-2")
        let parties = lines.first { $0.hasPrefix("parties ") }?.split(separator: " ") ?? []
        #expect(parties.contains("gazprom") && parties.contains("cnpc"))
        let sources = lines.first { $0.hasPrefix("sources ") }?.split(separator: " ") ?? []
        #expect(sources.contains("pos2-sco-2025-article") && sources.contains("public-reporting-dates"))

        let empty = try database(directory, "empty.db", seed: false)
        let imported = try importing(empty, ["-"], stdin: result.stdoutData)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("agreements: 1 created, 0 updated, 0 unchanged"))
        #expect(try sqlite(empty, "SELECT status FROM terms WHERE agreement_id = 'pos2-gazprom-cnpc-2025' AND metric = 'price' ORDER BY status")
            == "negotiating\nunresolved\n")
    }

    @Test func anUnknownAgreementIsRefusedWithASuggestion() throws {
        let directory = try TemporaryDirectory()
        let seeded = try database(directory)
        let result = try ProcessRunner.dealdb(["export", "--db", seeded, "--agreement", "pos2-gazprom-cnpc"])
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "dealdb: no agreement with id \"pos2-gazprom-cnpc\"; did you mean \"pos2-gazprom-cnpc-2025\"?\n")
    }

    // MARK: Seed

    @Test func initSeedLoadsTheSeedAndEveryFactCitesASource() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("deals.db")
        let result = try ProcessRunner.dealdb(["init", "--db", path, "--seed"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix(" with the seed dataset\n"))
        // Facts without a citation of their own, whose owner has none either.
        #expect(try sqlite(path, """
            WITH cited AS (SELECT DISTINCT citable_id FROM citations)
            SELECT 'agreement ' || id FROM agreements WHERE citable_id NOT IN cited
            UNION ALL SELECT 'project ' || id FROM projects WHERE citable_id NOT IN cited
            UNION ALL SELECT 'event ' || id FROM events WHERE citable_id NOT IN cited
            UNION ALL SELECT 'term ' || coalesce(t.agreement_id, t.project_id) || ' ' || t.position
                FROM terms t LEFT JOIN agreements a ON a.id = t.agreement_id LEFT JOIN projects p ON p.id = t.project_id
                WHERE t.citable_id NOT IN cited AND coalesce(a.citable_id, p.citable_id) NOT IN cited
            UNION ALL SELECT 'agreement party ' || ap.agreement_id || ' ' || ap.party_id
                FROM agreement_parties ap JOIN agreements a ON a.id = ap.agreement_id
                WHERE ap.citable_id NOT IN cited AND a.citable_id NOT IN cited;
            """) == "")
        #expect(try sqlite(path, """
            SELECT count(*) FROM parties WHERE id IN ('gazprom', 'cnpc', 'gov-ru', 'gov-cn', 'gov-mn', 'sco', 'sco-development-bank');
            SELECT count(*) FROM projects WHERE id IN ('pos-1', 'pos-2', 'far-eastern-route');
            SELECT count(*) FROM agreements WHERE id IN ('pos2-gazprom-cnpc-2025', 'pos2-mongolia-transit-2025');
            SELECT role FROM project_route WHERE project_id = 'pos-2' AND country = 'MN';
            SELECT group_concat(DISTINCT status) FROM terms
              WHERE agreement_id = 'pos2-gazprom-cnpc-2025' AND metric IN ('price', 'price_formula') AND status = 'unresolved';
            """) == "7\n3\n2\ntransit\nunresolved\n")
    }
}
