import Foundation
import Testing
import TestSupport

/// `dealdb show` by id, name, title or alias; ambiguity; suggestions; owners
/// and projects owned; and `--format json|yaml` documents that import back.
@Suite struct ShowByNameTests {
    @Test func findsEveryKindByIdNameOrAliasInAnyCase() throws {
        let database = try ProjectsTests.database()
        for (text, heading) in [
            ("pos-2", "Project pos-2"), ("POS-2", "Project pos-2"), ("Power of Siberia 2", "Project pos-2"),
            ("power of siberia 2", "Project pos-2"), ("Gazprom", "Party gazprom"), ("PJSC GAZPROM", "Party gazprom"),
            ("газпром", "Party gazprom"), ("ГАЗПРОМ", "Party gazprom"), ("botas", "Party botas"), ("BOTAŞ", "Party botas"),
            ("中国石油天然气集团有限公司", "Party cnpc"),
            ("gazprom-cnpc legally binding memorandum to build power of siberia 2", "Agreement pos2-gazprom-cnpc-2025"),
            ("pos2-sco-2025-article", "Source pos2-sco-2025-article"),
            ("pos1-first-gas-2019", "Event pos1-first-gas-2019"),
        ] {
            let result = try database.run(["show", text])
            #expect(result.status == 0, "\(text): \(result.stderr)")
            #expect(result.stdout.hasPrefix(heading + "\n") || result.stdout.hasPrefix(heading + " "), "\(text): \(result.stdout.prefix(80))")
        }
    }

    @Test func ambiguousNamesListTheCandidatesWithTheirKinds() throws {
        let database = try ProjectsTests.database()
        let directory = try TemporaryDirectory()
        let document = directory.file("party.yaml")
        try """
            parties:
              - id: black-sea-line-company
                name: "Black Sea Line"
                kind: company
            """.write(toFile: document, atomically: true, encoding: .utf8)
        #expect(try database.run(["import", document]).status == 0)
        let result = try database.run(["show", "black sea line"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\"black sea line\" names 2 records"), "\(result.stderr)")
        #expect(result.stderr.contains("project   gem-black-sea-line"))
        #expect(result.stderr.contains("party     black-sea-line-company"))
        // An id is never ambiguous.
        #expect(try database.run(["show", "gem-black-sea-line"]).status == 0)
    }

    @Test func unknownNamesSuggestTheClosestIdsNamesAndAliases() throws {
        let database = try ProjectsTests.database()
        let pos2 = try database.run(["show", "pos2"])
        #expect(pos2.status == 1)
        #expect(pos2.stderr.contains("did you mean \"pos-2\""), "\(pos2.stderr)")
        let typo = try database.run(["show", "Gazprm"])
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("\"Gazprom\""), "\(typo.stderr)")
        let alias = try database.run(["show", "PJSC Gazpro"])
        #expect(alias.stderr.contains("\"PJSC Gazprom\""), "\(alias.stderr)")
        let empty = try database.run(["show", " "])
        #expect(empty.status == 64)
    }

    @Test func projectsShowOwnersParentsRouteAndAgreements() throws {
        let database = try ProjectsTests.database()
        let tanap = try database.run(["show", "Trans-Anatolian Line"])
        #expect(tanap.status == 0, "\(tanap.stderr)")
        for text in ["From:      Azerbaijan (AZ)", "Via:       Georgia (GE)", "To:        Türkiye (TR)",
                     "Owners\n  TANAP Company (tanap-company)  100% [", "Parents (ultimate owners)\n  SOCAR (socar)  58% [",
                     "  BOTAŞ (botas)  30% [", "capacity: 16 bcm/y", "Sources\n  [1] "] {
            #expect(tanap.stdout.contains(text), "missing \(text) in \(tanap.stdout)")
        }
        let pos2 = try database.run(["show", "Power of Siberia 2"])
        #expect(pos2.stdout.contains("Agreements\n") && pos2.stdout.contains("pos2-gazprom-cnpc-2025"))
        let party = try database.run(["show", "BOTAŞ"])
        for text in ["Projects owned (3)", "gem-anatolia-domestic-line  Anatolia Domestic Line  (construction)  100%; as parent company 100%",
                     "gem-trans-anatolian-line  Trans-Anatolian Line  (operating)  as parent company 30%"] {
            #expect(party.stdout.contains(text), "missing \(text) in \(party.stdout)")
        }
        let gazprom = try database.run(["show", "gazprom"])
        #expect(gazprom.stdout.contains("pos2-gazprom-cnpc-2025  seller"))
        #expect(gazprom.stdout.contains("Projects owned (2)"))
    }

    @Test(arguments: ["Power of Siberia 2", "gazprom", "pos2-gazprom-cnpc-2025", "pos2-sco-2025-article", "pos1-first-gas-2019"])
    func documentsImportBackIntoAnEmptyDatabase(record: String) throws {
        let database = try QueryDatabase(.seed)
        let directory = try TemporaryDirectory()
        for format in ["yaml", "json"] {
            let shown = try database.run(["show", record, "--format", format])
            #expect(shown.status == 0, "\(record): \(shown.stderr)")
            if format == "json" { _ = try Parsers.json(shown.stdout) }
            let file = directory.file("\(format)-record.\(format)")
            try shown.stdout.write(toFile: file, atomically: true, encoding: .utf8)
            let fresh = directory.file("\(format).db")
            #expect(try ProcessRunner.dealdb(["init", "--db", fresh]).status == 0)
            let imported = try ProcessRunner.dealdb(["import", "--db", fresh, file])
            #expect(imported.status == 0, "\(record) \(format): \(imported.stderr)")
            // The same record, read back from the new database, is the same document.
            let again = try ProcessRunner.dealdb(["show", record, "--format", format, "--db", fresh])
            #expect(again.stdout == shown.stdout, "\(record) \(format)")
        }
    }

    /// A GEM project's owners and parents travel with it: parties and the
    /// GEM source come along, and the stakes come back the same.
    @Test func ownersImportBackWithTheProject() throws {
        let database = try ProjectsTests.database()
        let directory = try TemporaryDirectory()
        let shown = try database.run(["show", "Trans-Anatolian Line", "--format", "yaml"])
        #expect(shown.status == 0, "\(shown.stderr)")
        for text in ["  owners:\n  - party: tanap-company\n    share: 100\n    source: gem-ggit-map\n",
                     "  parents:\n  - party: socar\n    share: 58\n", "\n- id: botas\n", "\n- id: gem-ggit-map\n"] {
            #expect(shown.stdout.contains(text), "missing \(text) in \(shown.stdout)")
        }
        let file = directory.file("tanap.yaml")
        try shown.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let fresh = directory.file("fresh.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", fresh]).status == 0)
        let imported = try ProcessRunner.dealdb(["import", "--db", fresh, file])
        #expect(imported.status == 0, "\(imported.stderr)")
        let stakes = "SELECT level, position, party_id, share, source_id FROM project_owners ORDER BY 1, 2"
        let before = try ProcessRunner.sqlite3(database.path,
            "SELECT level, position, party_id, share, source_id FROM project_owners WHERE project_id = 'gem-trans-anatolian-line' ORDER BY 1, 2")
        #expect(try ProcessRunner.sqlite3(fresh, stakes).stdout == before.stdout)
        #expect(before.stdout.contains("parent|2|botas|30.0|gem-ggit-map"))
        // Importing the same document again changes nothing.
        let again = try ProcessRunner.dealdb(["import", "--db", fresh, file])
        #expect(again.stdout.contains("projects: 0 created, 0 updated, 1 unchanged"), "\(again.stdout)")
        // A stake naming an unknown party or without a source is refused with where it is.
        try """
            projects:
              - id: x-line
                name: X Line
                owners:
                  - {party: nobody-inc, share: 50, source: gem-ggit-map}
                  - {party: botas, share: 150}
            """.write(toFile: directory.file("bad.yaml"), atomically: true, encoding: .utf8)
        let bad = try ProcessRunner.dealdb(["import", "--db", fresh, directory.file("bad.yaml")])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("projects[0].owners[1].share"), "\(bad.stderr)")
        #expect(bad.stderr.contains("projects[0].owners[1]") && bad.stderr.contains("source"), "\(bad.stderr)")
        #expect(bad.stderr.contains("unknown party \"nobody-inc\""), "\(bad.stderr)")
    }

    /// A party's document brings the projects it owns, with their co-owners.
    @Test func partyDocumentsCarryTheProjectsTheyOwn() throws {
        let database = try ProjectsTests.database()
        let shown = try database.run(["show", "BOTAŞ", "--format", "json"])
        #expect(shown.status == 0, "\(shown.stderr)")
        let document = try #require(try Parsers.json(shown.stdout) as? [String: Any])
        let projects = (document["projects"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(projects == ["gem-anatolia-domestic-line", "gem-black-sea-line", "gem-trans-anatolian-line"])
        let parties = Set((document["parties"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? [])
        #expect(parties.isSuperset(of: ["botas", "gazprom", "socar", "bp", "tanap-company"]), "\(parties)")
        let directory = try TemporaryDirectory()
        try shown.stdout.write(toFile: directory.file("botas.json"), atomically: true, encoding: .utf8)
        let fresh = directory.file("fresh.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", fresh]).status == 0)
        let imported = try ProcessRunner.dealdb(["import", "--db", fresh, directory.file("botas.json")])
        #expect(imported.status == 0, "\(imported.stderr)")
        let owned = try ProcessRunner.dealdb(["projects", "--db", fresh, "--owner", "botas", "--format", "csv"])
        #expect(try Parsers.csvRecords(owned.stdout).compactMap { $0["id"] } == projects)
    }

    /// A document is exact: a right-to-left mark in a name stays one (the
    /// text format shows it as <U+200F>; a document must not).
    @Test(arguments: ["json", "yaml"])
    func documentsKeepTheTextExactly(_ format: String) throws {
        let database = try QueryDatabase(.seed)
        let file = database.directory.file("party.yaml")
        try "parties:\n  - {id: rtl-co, name: \"شركة\u{200F} Gas\", kind: company}\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try database.run(["import", file]).status == 0)
        let shown = try database.run(["show", "rtl-co", "--format", format])
        #expect(shown.status == 0 && shown.stdout.contains("شركة\u{200F} Gas") && !shown.stdout.contains("<U+"),
                "\(shown.stdout)")
        #expect(try database.run(["show", "rtl-co"]).stdout.contains("شركة<U+200F> Gas"))
    }

    @Test func documentFormatsNeedNoAsOf() throws {
        let database = try QueryDatabase(.seed)
        let result = try database.run(["show", "pos-1", "--format", "yaml", "--as-of", "2020"])
        #expect(result.status == 64)
    }
}
