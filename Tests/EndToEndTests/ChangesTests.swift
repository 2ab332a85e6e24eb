import Foundation
import Testing
import TestSupport

/// `dealdb diff OLD NEW`: what changed between two releases of a GEM
/// tracker, read back with Python's csv and json modules and checked
/// against counts an independent Python script takes from the files.
@Suite struct ChangesTests {
    static let fixtures = SharedData.packageRoot + "/Tests/Fixtures/gem"
    static let gem = SharedData.root.map { $0 + "/test-data/gem" }

    /// Writes a file with its rows and columns reordered, whole numbers
    /// written with a fraction (15 -> 15.0, unit labels and years included),
    /// shares without one ([100.00%] -> [100%]) and statuses in lower case:
    /// the same release, written differently.
    static let scramble = """
        import csv, random, re, sys
        src, out = sys.argv[1], sys.argv[2]
        with open(src, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        header, body = rows[0], rows[1:]
        random.seed(7)
        order = list(range(len(header)))
        random.shuffle(order)
        random.shuffle(body)
        status = [i for i, name in enumerate(header) if name.strip().lower() == "status"]
        def rewrite(cell):
            cell = cell + ".0" if re.fullmatch(r"\\d+", cell) else cell
            return re.sub(r"\\[(\\d+)\\.0+%\\]", r"[\\1%]", cell)
        with open(out, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([header[i] for i in order])
            for row in body:
                row = [rewrite(cell) for cell in row]
                for i in status:
                    row[i] = row[i].lower()
                writer.writerow([row[i] for i in order])
        """

    private func diff(_ old: String, _ new: String, _ format: String = "csv") throws -> ProcessResult {
        try ProcessRunner.dealdb(["diff", old, new, "--format", format])
    }

    @Test func ownFixturePairReportsTheRealChangesOnly() throws {
        let result = try diff(Self.fixtures + "/plants-2023-08.csv", Self.fixtures + "/plants-2024-08.csv")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.hasSuffix("17 changes found\n"), "\(result.stderr)")
        let rows = try Parsers.csv(result.stdout)
        #expect(rows.first == ["change", "project", "name", "field", "old", "new", "matched_by"])
        let lines = rows.dropFirst().map { [$0[0], $0[3], $0[4], $0[5], $0[6]].joined(separator: "|") }
        #expect(lines == [
            "recoded|fuel_type|natural gas|fossil gas: natural gas|",
            "recoded|fuel_type|fuel oil|fossil liquids: fuel oil|",
            "recoded|parents|The Southern Company|Southern Co|",
            "recoded|technology|CC|combined cycle|",
            "recoded|technology|GT|gas turbine|",
            "recoded|technology|ST|steam turbine|",
            "changed|status|construction|operating|wiki page and unit",
            "changed|capacity|200 MW|250 MW|wiki page and unit",
            "changed|status|shelved|cancelled|wiki page and unit",
            "renamed|name|Epsilon power plant|Epsilon power station|wiki page and unit",
            "changed|status|pre-construction|construction|wiki page and unit",
            "changed|owners|Zeta Co|Zeta Co [60%]; Eta Co [40%]|wiki page and unit",
            "changed|parents|Zeta Co|Zeta Co [60%]; Eta Co [40%]|wiki page and unit",
            "renamed|unit|1|Unit 1, timepoint 2|wiki page, unit renamed",
            "renamed|unit|2|Unit 2, timepoint 2|wiki page, unit renamed",
            "added|||construction, 150 MW|",
            "removed||announced, 1200 MW||",
        ])
        #expect(rows.last?[2] == "Delta power station (1)" && rows.last?[4] == "announced, 1200 MW")
        #expect(result.stderr.contains("dealdb: columns reordered\n"))

        // Every format carries the same rows.
        let json = try diff(Self.fixtures + "/plants-2023-08.csv", Self.fixtures + "/plants-2024-08.csv", "json")
        let objects = try #require(try Parsers.json(json.stdout) as? [[String: Any]])
        #expect(objects.count == 17 && objects[6]["field"] as? String == "status")
    }

    @Test func theMarkdownPageGivesTheFiguresAndCreditsGEM() throws {
        let result = try diff(Self.fixtures + "/plants-2023-08.csv", Self.fixtures + "/plants-2024-08.csv", "markdown")
        #expect(result.status == 1)
        let page = result.stdout
        #expect(page.hasPrefix("# What changed in GEM's Global Oil and Gas Plant Tracker\n"))
        #expect(page.contains("Data: Global Energy Monitor, Global Oil and Gas Plant Tracker - map file, 2023-08 release (CC BY 4.0); "
                              + "Global Energy Monitor, Global Oil and Gas Plant Tracker - map file, 2024-08 release (CC BY 4.0)."))
        #expect(page.contains("- 8 are in both (matched 6 by wiki page and unit, 2 by wiki page, unit renamed); 2 of them are the same in every value compared."))
        #expect(page.contains("- construction → operating: 1 (250 MW)\n- pre-construction → construction: 1 (97 MW)\n- shelved → cancelled: 1 (50 MW)\n"))
        #expect(page.contains("| shelved |  |  |  |  | 1 |"))
        #expect(page.contains("more than 0.5 %"))
        #expect(page.contains("| announced | 0 | 0 | 1 | 1,200 |"))
        #expect(page.contains("| parent | Eta Co | 1 | 400 | 0 | 0 |"))
        #expect(page.contains("| gem-alpha-power-station-2 | Alpha power station (2) | 200 MW | 250 MW |"))
    }

    /// The same release written differently is no change: exit 0, no rows.
    @Test func aFileAgainstItselfWrittenDifferentlyReportsNothing() throws {
        let directory = try TemporaryDirectory()
        var files = [Self.fixtures + "/plants-2023-08.csv", Self.fixtures + "/plants-2024-08.csv",
                     Self.fixtures + "/pipelines-2023-12.csv", Self.fixtures + "/lng-terminals-2024-01.csv"]
        if let gem = Self.gem {
            files += ["gogpt-map-2023-08.csv", "gogpt-map-2024-08-29.csv", "ggit-map-2024-10-06.csv",
                      "gem-africa-gas-pipelines-2023-12.csv", "gem-africa-lng-terminals-2024-01.csv"].map { gem + "/" + $0 }
        }
        for (index, file) in files.enumerated() {
            let scrambled = directory.file("scrambled-\(index).csv")
            let written = try ProcessRunner.python(Self.scramble, arguments: [file, scrambled])
            #expect(written.status == 0, "\(written.stderr)")
            let result = try diff(file, scrambled)
            #expect(result.status == 0, "\(file): \(result.stdout.prefix(2000))")
            #expect(result.stdout == "change,project,name,field,old,new,matched_by\r\n", "\(file)")
            #expect(result.stderr.contains("no changes found"), "\(file): \(result.stderr)")
        }
    }

    /// The Africa pipelines release against the map file's African
    /// pipelines: the same 156 projects, nothing changed but the layout.
    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found"))
    func theAfricaReleaseAgainstTheMapFileIsTheSameProjects() throws {
        let gem = try #require(Self.gem)
        let directory = try TemporaryDirectory()
        let african = directory.file("africa-map.csv")
        let written = try ProcessRunner.python("""
            import csv, sys
            with open(sys.argv[1], encoding="utf-8-sig", newline="") as handle:
                reader = csv.DictReader(handle)
                rows = [r for r in reader if r["pipelinename"].strip() and "Africa" in (r["startregion"], r["endregion"])]
            with open(sys.argv[2], "w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=reader.fieldnames)
                writer.writeheader()
                writer.writerows(rows)
            print(len(rows))
            """, arguments: [gem + "/ggit-map-2024-10-06.csv", african])
        #expect(written.stdout == "156\n")
        let result = try diff(gem + "/gem-africa-gas-pipelines-2023-12.csv", african)
        #expect(result.status == 1)
        #expect(try Parsers.csv(result.stdout).dropFirst().map { $0.joined(separator: "|") }
            == ["layout||another layout: only what both give is compared||a GEM gas pipelines release|the GEM map file|"])
        let page = try diff(gem + "/gem-africa-gas-pipelines-2023-12.csv", african, "markdown").stdout
        #expect(page.contains("- 156 are in both (matched 156 by wiki page); 156 of them are the same in every value compared."))
        #expect(page.contains("- New: 0 rows (0.0 bcm/y). Gone: 0 (0.0 bcm/y)."))
    }

    /// GEM's two gas-plant releases a year apart: the rows matched by wiki
    /// page and unit must show exactly the status moves and capacity
    /// changes that a plain Python script finds by the same key.
    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found"))
    func theGasPlantPairAgreesWithAnIndependentCount() throws {
        let gem = try #require(Self.gem)
        let old = gem + "/gogpt-map-2023-08.csv", new = gem + "/gogpt-map-2024-08-29.csv"
        let counted = try ProcessRunner.python("""
            import collections, csv, json, re, sys, unicodedata, urllib.parse
            def load(path):
                with open(path, encoding="utf-8-sig", newline="") as handle:
                    return list(csv.DictReader(handle))
            def page(url):
                url = unicodedata.normalize("NFC", urllib.parse.unquote(url.strip())).lower().replace(" ", "_")
                url = re.sub(r"^https?://", "", url)
                return re.sub(r"^www\\.", "", url).rstrip("/")
            def unit(text):
                text = " ".join(text.lower().split())
                try:
                    number = float(text)
                    return str(int(number)) if number == int(number) else text
                except ValueError:
                    return text
            def number(text):
                try:
                    return float(text.strip())
                except ValueError:
                    return None
            old, new = load(sys.argv[1]), load(sys.argv[2])
            key = lambda r: (page(r["url"]), unit(r["unit"]))
            old_keys = collections.Counter(map(key, old))
            new_by_key = collections.defaultdict(list)
            for r in new:
                new_by_key[key(r)].append(r)
            def year(text):
                text = text.strip()
                text = text[:-2] if text.endswith(".0") else text
                return text.split("-")[0].strip() if re.fullmatch(r"\\d{4} ?- ?\\d{4}", text) else text
            moves, capacity, years = collections.Counter(), 0, 0
            for r in old:
                k = key(r)
                if old_keys[k] != 1 or len(new_by_key[k]) != 1:
                    continue
                s = new_by_key[k][0]
                a, b = r["status"].strip().lower(), s["status"].strip().lower()
                if a != b:
                    moves[a + " -> " + b] += 1
                x, y = number(r["capacity"]), number(s["capacity"])
                if (x is None) != (y is None) or (x is not None and abs(x - y) > 0.005 * max(abs(x), abs(y)) + 1e-9):
                    capacity += 1
                if year(r["start_year"]) != year(s["start_year"]):
                    years += 1
            print(json.dumps({"old": len(old), "new": len(new), "moves": moves, "capacity": capacity, "years": years}))
            """, arguments: [old, new])
        #expect(counted.status == 0, "\(counted.stderr)")
        let python = try #require(try JSONSerialization.jsonObject(with: Data(counted.stdout.utf8)) as? [String: Any])

        let result = try diff(old, new)
        #expect(result.status == 1)
        let rows = try Parsers.csvRecords(result.stdout)
        let exact = rows.filter { $0["matched_by"] == "wiki page and unit" }
        var moves: [String: Int] = [:]
        for row in exact where row["field"] == "status" { moves["\(row["old"]!) -> \(row["new"]!)", default: 0] += 1 }
        #expect(moves == python["moves"] as? [String: Int])
        #expect(exact.filter { $0["field"] == "capacity" }.count == python["capacity"] as? Int)
        #expect(exact.filter { $0["field"] == "start year" }.count == python["years"] as? Int)
        #expect(moves["construction -> operating"] ?? 0 > 100)

        // Every row of either file is matched, added or removed.
        let page = try diff(old, new, "markdown").stdout
        let oldRows = try #require(python["old"] as? Int), newRows = try #require(python["new"] as? Int)
        #expect(oldRows == 9898 && newRows == 12436)
        let added = rows.filter { $0["change"] == "added" }.count, removed = rows.filter { $0["change"] == "removed" }.count
        #expect(page.contains("- 9,898 units in the old release, 12,436 in the new."))
        #expect(page.contains("- \(Self.grouped(newRows - added)) are in both"))
        #expect(newRows - added == oldRows - removed)
        // The recodings GEM's README names are rules, reported once each.
        let rules = rows.filter { $0["change"] == "recoded" }.map { "\($0["field"]!): \($0["old"]!) -> \($0["new"]!)" }
        for rule in ["technology: CC -> combined cycle", "technology: GT -> gas turbine", "technology: ST -> steam turbine",
                     "fuel_type: natural gas -> fossil gas: natural gas"] {
            #expect(rules.filter { $0 == rule }.count == 1, "\(rule)")
        }
        // No change left that is only formatting: no field compares equal
        // once numbers, case and spacing are set aside.
        let formatting = rows.filter { row in
            guard row["change"] == "changed", let a = row["old"], let b = row["new"] else { return false }
            let fold = { (text: String) in text.lowercased().folding(options: .diacriticInsensitive, locale: nil).replacingOccurrences(of: ".0 ", with: " ")
                .replacingOccurrences(of: ".0%", with: "%").split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            return fold(a) == fold(b)
        }
        #expect(formatting.isEmpty, "\(formatting.prefix(5))")
    }

    /// Every figure docs/CHANGES.md states about the real files, produced
    /// here from the files and dealdb's output.
    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found"))
    func theFiguresOfTheChangesDocument() throws {
        let gem = try #require(Self.gem)
        let old = gem + "/gogpt-map-2023-08.csv", new = gem + "/gogpt-map-2024-08-29.csv"
        let doc = try String(contentsOfFile: SharedData.packageRoot + "/docs/CHANGES.md", encoding: .utf8)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let cells = try ProcessRunner.python("""
            import csv, sys
            def load(path):
                with open(path, encoding="utf-8-sig", newline="") as handle:
                    return list(csv.DictReader(handle))
            old, new = load(sys.argv[1]), load(sys.argv[2])
            by_key = {(r["url"], r["unit"]): r for r in new}
            rows = cells = 0
            for r in old:
                s = by_key.get((r["url"], r["unit"]))
                if s is None:
                    continue
                rows += 1
                cells += sum(1 for column in r if r[column] != s.get(column))
            print(f"{rows:,} {cells:,}")
            """, arguments: [old, new])
        let counts = cells.stdout.split(whereSeparator: \.isWhitespace).map(String.init)
        #expect(counts.count == 2)
        #expect(doc.contains("\(counts[0]) units are in both files and \(counts[1]) of their cells differ"), "\(cells.stdout)")
        let rows = try Parsers.csvRecords(try diff(old, new).stdout)
        let count = { (change: String, field: String) in rows.filter { $0["change"] == change && $0["field"] == field }.count }
        let added = rows.filter { $0["change"] == "added" }.count, removed = rows.filter { $0["change"] == "removed" }.count
        #expect(doc.contains("The news is \(Self.grouped(count("changed", "status"))) status moves, "
                             + "\(count("changed", "capacity")) capacity changes, \(Self.grouped(added)) new units and \(removed) gone ones."))
        let readme = try String(contentsOfFile: SharedData.packageRoot + "/README.md", encoding: .utf8)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(readme.contains("where a cell comparison finds \(counts[1]) changed cells, it reports "
                                + "\(Self.grouped(count("changed", "status"))) status moves and \(count("changed", "capacity")) capacity changes"))
        let rules = rows.filter { $0["change"] == "recoded" }
        let cc = try #require(rules.first { $0["old"] == "CC" })
        #expect(doc.contains("\(rules.filter { $0["field"] == "technology" }.count) rules for `technology` (`CC -> combined cycle` in "
                             + "\(Self.grouped(Int(cc["name"]!.split(separator: " ")[2])!)) matched units) and "
                             + "\(rules.filter { $0["field"] == "fuel_type" }.count) for `fuel_type`."))
        let page = try diff(old, new, "markdown").stdout
        let moves = try #require(page.split(separator: "\n").first { $0.hasPrefix("- construction → operating: ") })
        let units = moves.dropFirst("- construction → operating: ".count).prefix { $0 != " " }
        #expect(doc.contains("9,898 units in the old release, 12,436 in the new; 9,445 in both, \(Self.grouped(added)) new and "
                             + "\(removed) gone; construction -> operating: \(units) units."))
        #expect(page.contains("- 9,898 units in the old release, 12,436 in the new.\n- 9,445 are in both"))
    }

    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text += "," }
            text.append(digit)
        }
        return text
    }

    /// `import --from gem` keeps each release; `changes --since` and `diff`
    /// between stored releases need no old file, and `show` says since when
    /// a project has its status.
    @Test func storedReleasesCompareWithoutTheOldFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("deals.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", path]).status == 0)
        for file in ["plants-2023-08.csv", "plants-2024-08.csv", "plants-2024-08.csv"] {
            let result = try ProcessRunner.dealdb(["import", "--db", path, "--from", "gem", Self.fixtures + "/" + file])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let releases = try ProcessRunner.sqlite3(path, """
            SELECT id, tracker, layout, file_name, published, length(checksum), row_count FROM releases ORDER BY id;
            SELECT release_id, count(*) FROM release_rows GROUP BY release_id ORDER BY 1
            """)
        #expect(releases.stdout == """
            gem-gogpt-map-2023-08|gogpt|plants|plants-2023-08.csv|2023-08|64|9
            gem-gogpt-map-2024-08|gogpt|plants|plants-2024-08.csv|2024-08|64|9
            gem-gogpt-map-2023-08|9
            gem-gogpt-map-2024-08|9

            """)
        let checksum = try ProcessRunner.run("/usr/bin/env", ["sha256sum", Self.fixtures + "/plants-2023-08.csv"])
        #expect(try ProcessRunner.sqlite3(path, "SELECT checksum FROM releases WHERE published = '2023-08'").stdout
            == String(checksum.stdout.prefix(64)) + "\n")

        let files = try Parsers.csv(try diff(Self.fixtures + "/plants-2023-08.csv", Self.fixtures + "/plants-2024-08.csv").stdout)
        let since = try ProcessRunner.dealdb(["changes", "--db", path, "--since", "2023-08", "--format", "csv"])
        #expect(since.status == 1, "\(since.stderr)")
        let stored = try Parsers.csv(since.stdout)
        let what = { (rows: [[String]]) in rows.dropFirst().map { [$0[0], $0[3], $0[4], $0[5]].joined(separator: "|") }.sorted() }
        #expect(what(stored) == what(files))
        #expect(Set(stored.dropFirst().filter { ["changed", "renamed"].contains($0[0]) }.map { $0[6] }) == ["same project"])
        // A stored release against a file; an unknown name lists the stored ones.
        let mixed = try ProcessRunner.dealdb(["diff", "--db", path, "gem-gogpt-map-2023-08", Self.fixtures + "/plants-2024-08.csv",
                                              "--format", "csv"])
        #expect(what(try Parsers.csv(mixed.stdout)) == what(files))
        let unknown = try ProcessRunner.dealdb(["changes", "--db", path, "--since", "1999"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no stored release is named \"1999\" (stored: gem-gogpt-map-2023-08 (plants-2023-08.csv), "
                                        + "gem-gogpt-map-2024-08 (plants-2024-08.csv))"), "\(unknown.stderr)")
        let latest = try ProcessRunner.dealdb(["changes", "--db", path, "--since", "plants-2024-08.csv", "--format", "csv"])
        #expect(latest.status == 0 && latest.stdout == "change,project,name,field,old,new,matched_by\r\n", "\(latest.stderr)")

        let show = try ProcessRunner.dealdb(["show", "--db", path, "gem-alpha-power-station-2"])
        #expect(show.stdout.contains("  Status:    operating (since the 2024-08 release; construction before)\n"), "\(show.stdout)")
        let unchanged = try ProcessRunner.dealdb(["show", "--db", path, "gem-beta-power-station-gt2"])
        #expect(unchanged.stdout.contains("  Status:    operating\n"), "\(unchanged.stdout)")
        // A plant's units are its parts, each with its capacity in MW.
        #expect(unchanged.stdout.contains("      unit, operating, 50 MW; a unit of the plant"), "\(unchanged.stdout)")
    }

    /// A named query as a watch list: the rows that entered, left or
    /// changed since a stored release, each with its reason.
    @Test func aNamedQueryAsAWatchList() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("deals.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", path]).status == 0)
        for file in ["plants-2023-08.csv", "plants-2024-08.csv"] {
            #expect(try ProcessRunner.dealdb(["import", "--db", path, "--from", "gem", Self.fixtures + "/" + file]).status == 0)
        }
        let result = try ProcessRunner.dealdb(["query", "--db", path, "--queries", SharedData.packageRoot + "/Tests/Fixtures/watch",
                                               "plants-being-built", "--changes-since", "2023-08", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Parsers.csv(result.stdout) == [
            ["change", "reason", "id", "name", "status", "capacity_mw"],
            ["changed", "status construction -> operating; capacity 200 MW -> 250 MW",
             "gem-alpha-power-station-2", "Alpha power station", "operating", "250.0"],
            ["entered", "renamed from Epsilon power plant; status pre-construction -> construction",
             "gem-epsilon-power-plant-1", "Epsilon power station", "construction", "97.0"],
            ["entered", "new project", "gem-iota-power-station-1", "Iota power station", "construction", "150.0"],
        ])
        // The database itself is left as it was.
        #expect(try ProcessRunner.sqlite3(path, "SELECT status FROM projects WHERE id = 'gem-alpha-power-station-2'").stdout == "operating\n")
    }

    @Test func twoTrackersAreRefused() throws {
        let result = try diff(Self.fixtures + "/plants-2023-08.csv", Self.fixtures + "/pipelines-2023-12.csv")
        #expect(result.status == 65)
        #expect(result.stderr.contains("is GEM's Global Oil and Gas Plant Tracker and"), "\(result.stderr)")
        let missing = try diff(Self.fixtures + "/plants-2023-08.csv", "no-such-release.csv")
        #expect(missing.status == 66 && missing.stderr == "dealdb: no-such-release.csv: no such file\n", "\(missing.stderr)")
    }
}
