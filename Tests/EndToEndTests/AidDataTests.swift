import Foundation
import Testing
import TestSupport

/// `dealdb import --from aiddata` on AidData's two extracts in ../shared,
/// checked against the files as Python's csv module reads them.
@Suite struct AidDataTests {
    static let aiddata = SharedData.root.map { $0 + "/test-data/aiddata" }
    static let gem = SharedData.root.map { $0 + "/test-data/gem" }
    static var malaysia: String { (aiddata ?? "") + "/gcdf3-malaysia-sample.csv" }
    static var ports: String { (aiddata ?? "") + "/gcdf3-ports-sample.csv" }

    private func sqlite(_ path: String, _ sql: String) throws -> String {
        let result = try ProcessRunner.sqlite3(path, sql)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    private func seeded(_ directory: borrowing TemporaryDirectory) throws -> String {
        let path = directory.file("deals.db")
        let result = try ProcessRunner.dealdb(["init", "--db", path, "--seed"])
        #expect(result.status == 0, "\(result.stderr)")
        return path
    }

    private func importAidData(_ path: String, _ file: String) throws -> ProcessResult {
        let result = try ProcessRunner.dealdb(["import", "--db", path, "--from", "aiddata", file])
        #expect(result.status == 0, "\(result.stderr)")
        return result
    }

    /// Every record, party role, amount, date and source, traced back to
    /// its row of the file as Python's csv module reads it.
    static let traceScript = #"""
        import csv, sqlite3, sys, unicodedata
        db = sqlite3.connect(sys.argv[1])
        def fold(text):
            text = unicodedata.normalize('NFKD', unicodedata.normalize('NFKC', text))
            text = ''.join(c for c in text if not unicodedata.combining(c))
            return ' '.join(text.casefold().split())
        def flag(text):
            return text.strip().lower() == 'yes'
        def num(text):
            return float(text) if text.strip() else None
        problems = []
        def check(ok, what):
            if not ok: problems.append(what)
        roles_of = {'Funding Agencies': ('lender', 'grantor', 'financier'), 'Co-financing Agencies': ('co_financier',),
                    'Direct Receiving Agencies': ('borrower', 'recipient'), 'Indirect Receiving Agencies': ('beneficiary',),
                    'Implementing Agencies': ('implementing_agency',), 'Guarantor': ('guarantor',),
                    'Insurance Provider': ('insurer',), 'Collateral Provider': ('collateral_provider',),
                    'Security Agent/Collateral Agent': ('security_agent',)}
        count = 0
        for path in sys.argv[2:]:
            with open(path, newline='', encoding='utf-8-sig') as f:
                for row in csv.DictReader(f):
                    count += 1
                    rid = row['AidData Record ID'].strip()
                    aid = 'aiddata-' + rid
                    a = db.execute('SELECT title, signed, citable_id FROM agreements WHERE id = ?', (aid,)).fetchone()
                    if a is None:
                        problems.append(f'{rid}: no agreement'); continue
                    check(a[0] == row['Title'].strip(), f'{rid}: title')
                    f_ = db.execute('SELECT recommended, usd_2021, amount, currency, amount_estimated, parent_record, umbrella, '
                                    'sector, status, recipient_name, flow_type, usd_nominal FROM finance_records WHERE agreement_id = ?',
                                    (aid,)).fetchone()
                    check(f_ is not None, f'{rid}: no finance record')
                    if f_ is None: continue
                    check(f_[0] == (1 if flag(row['Recommended For Aggregates']) else 0), f'{rid}: recommended')
                    for stored, column in ((f_[1], 'Amount (Constant USD 2021)'), (f_[2], 'Amount (Original Currency)'),
                                           (f_[11], 'Amount (Nominal USD)')):
                        expected = num(row[column])
                        check(stored == expected or (stored is not None and expected is not None and abs(stored - expected) < 1e-6),
                              f'{rid}: {column} {stored} != {expected}')
                    check((f_[3] or '') == row['Original Currency'].strip(), f'{rid}: currency')
                    check(f_[4] == (1 if flag(row['Amount Estimated']) else 0), f'{rid}: amount estimated')
                    parent = row['AidData Parent ID'].strip()
                    check((f_[5] or '') == (parent[:-2] if parent.endswith('.0') else parent), f'{rid}: parent')
                    check(f_[6] == (1 if flag(row['Umbrella']) else 0), f'{rid}: umbrella')
                    check((f_[7] or '') == row['Sector Name'].strip(), f'{rid}: sector')
                    check((f_[8] or '') == row['Status'].strip(), f'{rid}: status')
                    check(f_[9] == row['Recipient'].strip(), f'{rid}: recipient')
                    check((f_[10] or '') == row['Flow Type'].strip(), f'{rid}: flow type')
                    # The commitment date, at the precision of an estimate.
                    day = row['Commitment Date (MM/DD/YYYY)'].strip()[:10]
                    expected = day
                    if day and flag(row['Commitment Date Estimated']):
                        expected = day[:4] if day[5:] == '01-01' else day[:7] if day[8:] == '01' else day
                    if not day: expected = row['Commitment Year'].strip() or None
                    check(a[1] == expected, f'{rid}: signed {a[1]} != {expected}')
                    # Amounts as terms, with their certainty.
                    terms = db.execute('SELECT value, unit, evidence, text FROM terms WHERE agreement_id = ? AND metric = ?',
                                       (aid, 'financing')).fetchall()
                    evidence = 'estimated' if flag(row['Amount Estimated']) else 'reported'
                    if row['Amount (Original Currency)'].strip():
                        check(any(t[0] == num(row['Amount (Original Currency)']) and t[1] == row['Original Currency'].strip()
                                  and t[2] == evidence for t in terms), f'{rid}: original amount term')
                    if row['Amount (Constant USD 2021)'].strip():
                        check(any(t[0] == num(row['Amount (Constant USD 2021)']) and t[1] == 'USD' and t[2] == evidence
                                  and 'constant 2021' in (t[3] or '') for t in terms), f'{rid}: 2021 USD term')
                    if row['Interest Rate'].strip():
                        check(any(t[0] == num(row['Interest Rate']) and t[1] == 'percent' and 'interest rate' in (t[3] or '')
                                  for t in terms), f'{rid}: interest rate term')
                    if row['Maturity'].strip():
                        check(db.execute("SELECT count(*) FROM terms WHERE agreement_id = ? AND metric = 'duration' AND value = ? "
                                         "AND unit = 'years' AND text = 'maturity'", (aid, num(row['Maturity']))).fetchone()[0] == 1,
                              f'{rid}: maturity term')
                    # Every agency in its role, by a name or alias of its party, cited to its column.
                    for column, roles in roles_of.items():
                        for name in row[column].split('|'):
                            if not name.strip(): continue
                            found = db.execute(
                                'SELECT count(*) FROM agreement_parties AS ap JOIN parties AS p ON p.id = ap.party_id '
                                'JOIN citations AS c ON c.citable_id = ap.citable_id '
                                'WHERE ap.agreement_id = ? AND ap.role IN (%s) AND c.locator = ? AND (p.name = ? OR ? IN '
                                '(SELECT alias FROM party_aliases WHERE party_id = p.id))' % ','.join('?' * len(roles)),
                                (aid, *roles, f'record {rid}: {column}', name.strip(), name.strip())).fetchone()[0]
                            if not found:
                                # Another spelling of a known party: the name before its brackets.
                                base = name.strip().split(' (')[0]
                                found = db.execute(
                                    'SELECT count(*) FROM agreement_parties AS ap JOIN parties AS p ON p.id = ap.party_id '
                                    'WHERE ap.agreement_id = ? AND ap.role IN (%s) AND (p.name = ? OR ? IN '
                                    '(SELECT alias FROM party_aliases WHERE party_id = p.id))' % ','.join('?' * len(roles)),
                                    (aid, *roles, base, name.strip())).fetchone()[0]
                            check(found >= 1, f'{rid}: {column} {name.strip()!r} not in its role')
                    # Every source: each address cited, each title within a cited source's title.
                    cited = db.execute('SELECT s.url, s.title, s.publisher FROM citations AS c JOIN sources AS s ON s.id = c.source_id '
                                       'WHERE c.citable_id = ?', (a[2],)).fetchall()
                    urls = {u.strip() for u in row['Source URLs'].split('|') if u.strip()}
                    check(urls <= {c[0] for c in cited if c[0]}, f'{rid}: addresses not cited: {urls - {c[0] for c in cited}}')
                    titles = ' | '.join(c[1] for c in cited)
                    listed = [u.strip() for u in row['Source URLs'].split('|')]
                    for index, title in enumerate(row['Source Titles'].split('|')):
                        # The extracts' stand-ins for invisible characters (U+200B, README) are trimmed as spaces.
                        title = title.strip().strip('\u200b').strip()
                        # An address listed twice is one source, under the first title given it.
                        repeated = index < len(listed) and listed[index] in listed[:index]
                        check(title in titles or repeated, f'{rid}: title {title!r} not cited')
                    check(any(c[1] == "AidData's Global Chinese Development Finance Dataset, Version 3.0" for c in
                              db.execute('SELECT s.url, s.title FROM citations AS c JOIN sources AS s ON s.id = c.source_id '
                                         'WHERE c.citable_id = ?', (a[2],)).fetchall()), f'{rid}: the dataset not cited')
        print(count)
        for p in problems[:40]: print(p)
        sys.exit(1 if problems else 0)
        """#

    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found"))
    func bothExtractsTraceBackToTheirRows() throws {
        let directory = try TemporaryDirectory()
        let path = try seeded(directory)
        let first = try importAidData(path, Self.malaysia)
        #expect(first.stdout.contains("agreements: 176 created, 0 updated, 0 unchanged"), "\(first.stdout)")
        #expect(first.stdout.contains("recommended for aggregates: 162 of 176 records"), "\(first.stdout)")
        let second = try importAidData(path, Self.ports)
        #expect(second.stdout.contains("agreements: 20 created"), "\(second.stdout)")

        let traced = try ProcessRunner.python(Self.traceScript, arguments: [path, Self.malaysia, Self.ports])
        #expect(traced.status == 0, "\(traced.stdout)\(traced.stderr)")
        #expect(traced.stdout.hasPrefix("196\n"), "\(traced.stdout)")

        // Estimated dates at their precision: 1 January is the year.
        #expect(try sqlite(path, "SELECT signed FROM agreements WHERE id = 'aiddata-96151'") != "")
        #expect(try sqlite(path, """
            SELECT count(*) FROM agreements AS a JOIN finance_records AS f ON f.agreement_id = a.id
            WHERE f.date_estimated = 1 AND length(a.signed) = 10 AND a.signed LIKE '%-01'
            """) == "0\n")
        #expect(try sqlite(path, """
            SELECT count(*) FROM agreements AS a JOIN finance_records AS f ON f.agreement_id = a.id
            WHERE f.date_estimated = 1 AND length(a.signed) = 4
            """) == "39\n")

        // The same company however AidData spells it: one party.
        #expect(try sqlite(path, """
            SELECT count(DISTINCT ap.party_id) FROM agreement_parties AS ap JOIN parties AS p ON p.id = ap.party_id
            WHERE p.name LIKE 'China Harbour Engineering%'
            """) == "1\n")
        #expect(try sqlite(path, """
            SELECT p.id, p.kind, p.country FROM parties AS p JOIN party_aliases AS a ON a.party_id = p.id
            WHERE a.alias = 'China Eximbank'
            """) == "export-import-bank-of-china|development_bank|CN\n")

        // Importing the same file again changes nothing, and says so.
        let counts = """
            SELECT (SELECT count(*) FROM agreements), (SELECT count(*) FROM agreement_parties), (SELECT count(*) FROM terms),
                   (SELECT count(*) FROM parties), (SELECT count(*) FROM party_aliases), (SELECT count(*) FROM events),
                   (SELECT count(*) FROM sources), (SELECT count(*) FROM citations), (SELECT count(*) FROM finance_records),
                   (SELECT max(id) FROM citables)
            """
        let before = try sqlite(path, counts)
        for file in [Self.malaysia, Self.ports] {
            let again = try importAidData(path, file)
            #expect(again.stdout.contains("0 created, 0 updated"), "\(again.stdout)")
            #expect(again.stdout.contains("nothing changed"), "\(again.stdout)")
        }
        #expect(try sqlite(path, counts) == before)
    }

    /// finance-by-lender against sums an independent script takes from the file.
    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found"))
    func financeByLenderMatchesTheFile() throws {
        let directory = try TemporaryDirectory()
        let path = try seeded(directory)
        _ = try importAidData(path, Self.malaysia)
        let script = #"""
            import csv, json, subprocess, sys
            dealdb, db, path = sys.argv[1:4]
            rows = list(csv.DictReader(open(path, newline='', encoding='utf-8-sig')))
            def expected(keep):
                groups = {}
                for r in rows:
                    if r['Recommended For Aggregates'].strip() != 'Yes' or not keep(r): continue
                    # Spellings that differ only in case, spaces and punctuation are one agency
                    # ("... (M) Sdn Bhd" and "... (M) Sdn. Bhd").
                    key = tuple(''.join(c for c in n.casefold() if c.isalnum()) for n in r['Funding Agencies'].split('|') if n.strip())
                    count, total = groups.get(key, (0, 0.0))
                    groups[key] = (count + 1, total + (float(r['Amount (Constant USD 2021)']) if r['Amount (Constant USD 2021)'].strip() else 0.0))
                return groups
            def actual(params):
                args = [dealdb, 'query', '--db', db, 'finance-by-lender', '--format', 'json']
                for p in params: args += ['-p', p]
                out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
                return json.loads(out)
            failures = []
            cases = [([], lambda r: True),
                     (['sector=ENERGY'], lambda r: r['Sector Name'] == 'ENERGY'),
                     (['sector=120', 'since=2020'], lambda r: r['Sector Code'] == '120' and int(r['Commitment Year']) >= 2020),
                     (['recipient=Malaysia', 'since=2010', 'until=2015'], lambda r: 2010 <= int(r['Commitment Year']) <= 2015),
                     (['recipient=MY'], lambda r: True), (['recipient=Brazil'], lambda r: False)]
            for params, keep in cases:
                want = expected(keep)
                got = actual(params)
                if list(got[0].keys()) if got else False:
                    if list(got[0].keys()) != ['lender', 'lender_name', 'records', 'usd_2021']:
                        failures.append(f'columns {list(got[0].keys())}')
                pairs_want = sorted((c, round(t, 2)) for c, t in want.values())
                pairs_got = sorted((g['records'], round(g['usd_2021'], 2)) for g in got)
                if len(pairs_want) != len(pairs_got) or any(a[0] != b[0] or abs(a[1] - b[1]) > 0.02 for a, b in zip(pairs_want, pairs_got)):
                    failures.append(f'{params}: {pairs_got} != {pairs_want}')
                total_want = sum(t for c, t in want.values())
                total_got = sum(g['usd_2021'] for g in got)
                if abs(total_want - total_got) > 0.01 * max(1, len(got)):
                    failures.append(f'{params}: total {total_got} != {total_want}')
                # Each row names its agencies together, as many as the record lists.
                for g in got:
                    names = g['lender_name'].split('; ')
                    if not any(len(k) == len(names) for k in want): failures.append(f'{params}: {g["lender_name"]}')
            print('\n'.join(failures))
            sys.exit(1 if failures else 0)
            """#
        let result = try ProcessRunner.python(script, arguments: [ProcessRunner.dealdbPath, path, Self.malaysia])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    /// Bad rows: every problem with its file, line and column, and nothing written.
    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found"))
    func badRowsAreLocatedAndNothingIsWritten() throws {
        let directory = try TemporaryDirectory()
        let path = try seeded(directory)
        let script = #"""
            import csv, sys
            # One line per record, so that a row's index is its line.
            rows = [[c.replace('\n', ' ').replace('\r', ' ') for c in r]
                    for r in csv.reader(open(sys.argv[1], newline='', encoding='utf-8'))]
            header = rows[0]
            rows[3][header.index('Amount (Constant USD 2021)')] = 'lots'
            rows[5][header.index('Commitment Date (MM/DD/YYYY)')] = '2020-13-45'
            rows[7][header.index('Recommended For Aggregates')] = 'Maybe'
            rows[9][header.index('AidData Record ID')] = rows[2][header.index('AidData Record ID')]
            rows[11][header.index('Status')] = 'Finished'
            csv.writer(open(sys.argv[2], 'w', newline='', encoding='utf-8')).writerows(rows)
            """#
        let broken = directory.file("broken.csv")
        #expect(try ProcessRunner.python(script, arguments: [Self.malaysia, broken]).status == 0)
        let before = try sqlite(path, "SELECT count(*) FROM agreements")
        let result = try ProcessRunner.dealdb(["import", "--db", path, "--from", "aiddata", broken])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("5 problems"), "\(result.stderr)")
        for expected in ["broken.csv:4:52: Amount (Constant USD 2021): expected a number of 0 or more, found \"lots\"",
                         "broken.csv:6:58: Commitment Date (MM/DD/YYYY): expected a date",
                         "broken.csv:8:2: Recommended For Aggregates: expected Yes or No, found \"Maybe\"",
                         "broken.csv:10:1: AidData Record ID: record",
                         "broken.csv:12:15: Status: unknown status \"Finished\""] {
            #expect(result.stderr.contains(expected), "\(expected) in \(result.stderr)")
        }
        #expect(try sqlite(path, "SELECT count(*) FROM agreements") == before)
        #expect(try sqlite(path, "SELECT count(*) FROM finance_records") == "0\n")
    }

    /// With GEM's map file, China Eximbank's Trans-Sabah loan (62286, and
    /// its disbursed portion 62285) is proposed for GEM's Trans Sabah Gas
    /// Pipeline, and nothing else of the two extracts is linked. Whichever
    /// comes first: the GEM import proposes for finance stored before it.
    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found"))
    func transSabahLoanIsProposedForGEMsPipeline() throws {
        let directory = try TemporaryDirectory()
        let path = try seeded(directory)
        _ = try importAidData(path, Self.malaysia)
        let gem = try ProcessRunner.dealdb(["import", "--db", path, "--from", "gem",
                                            try #require(Self.gem) + "/ggit-map-2024-10-06.csv"])
        #expect(gem.status == 0, "\(gem.stderr)")
        #expect(gem.stdout.contains("finance stored before: 2 links proposed"), "\(gem.stdout)")
        _ = try importAidData(path, Self.ports)
        let links = "SELECT agreement_id, project_id, state FROM finance_links ORDER BY agreement_id"
        #expect(try sqlite(path, links) == """
            aiddata-62285|gem-trans-sabah-gas-pipeline|proposed
            aiddata-62286|gem-trans-sabah-gas-pipeline|proposed

            """)
        let evidence = try sqlite(path, "SELECT confidence, evidence FROM finance_links WHERE agreement_id = 'aiddata-62286'")
        #expect(evidence.contains("name: \"trans sabah\""), "\(evidence)")
        #expect(evidence.contains("China Petroleum Pipeline Bureau"), "\(evidence)")

        let project = try ProcessRunner.dealdb(["show", "--db", path, "gem-trans-sabah-gas-pipeline"])
        #expect(project.stdout.contains("Finance\n  aiddata-62285"), "\(project.stdout)")
        #expect(project.stdout.contains("aiddata-62286"), "\(project.stdout)")
        let loan = try ProcessRunner.dealdb(["show", "--db", path, "aiddata-62286"])
        #expect(loan.stdout.contains("Pays for\n  gem-trans-sabah-gas-pipeline  Trans Sabah Gas Pipeline  (proposed by the matcher"),
                "\(loan.stdout)")
        #expect(loan.stdout.contains("no: not recommended for aggregates"), "\(loan.stdout)")
        let listed = try ProcessRunner.dealdb(["query", "--db", path, "finance-for-projects", "--format", "csv"])
        #expect(listed.stdout.hasPrefix("project,project_name,agreement,title,state,confidence,lenders,usd_2021,counted,evidence"))
        #expect(listed.stdout.contains("gem-trans-sabah-gas-pipeline,Trans Sabah Gas Pipeline,aiddata-62286"), "\(listed.stdout)")

        // The import again, the other way round: the same proposals, nothing new.
        let again = try importAidData(path, Self.malaysia)
        #expect(again.stdout.contains("2 links proposed for 8 energy records (0 new, 0 withdrawn, 0 revised)"), "\(again.stdout)")
    }

    /// An analyst accepts one proposal and rejects the other in a document;
    /// imports keep the decisions, and export writes them back.
    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found"))
    func anAnalystAcceptsAndRejectsInADocument() throws {
        let database = try QueryDatabase.withGEMMap(.seed).database
        let path = database.path
        _ = try importAidData(path, Self.malaysia)
        let document = database.directory.file("links.yaml")
        try """
            finance_links:
              - {agreement: aiddata-62285, project: gem-trans-sabah-gas-pipeline, decision: accepted,
                 note: "China Eximbank's loan for the pipeline, disbursed portion"}
              - {agreement: aiddata-62286, project: gem-trans-sabah-gas-pipeline, decision: rejected,
                 note: "the cancelled portion paid for nothing"}
            """.write(toFile: document, atomically: true, encoding: .utf8)
        let imported = try ProcessRunner.dealdb(["import", "--db", path, document])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("finance links: 2 created"), "\(imported.stdout)")
        let links = "SELECT agreement_id, state, decided_by FROM finance_links ORDER BY agreement_id"
        let decided = "aiddata-62285|accepted|analyst\naiddata-62286|rejected|analyst\n"
        #expect(try sqlite(path, links) == decided)

        // The matcher leaves the decisions alone.
        let again = try importAidData(path, Self.malaysia)
        #expect(again.stdout.contains("nothing changed"), "\(again.stdout)")
        #expect(try sqlite(path, links) == decided)

        let project = try ProcessRunner.dealdb(["show", "--db", path, "gem-trans-sabah-gas-pipeline"])
        #expect(project.stdout.contains("aiddata-62285"), "\(project.stdout)")
        #expect(project.stdout.contains("[accepted]"), "\(project.stdout)")
        #expect(!project.stdout.contains("aiddata-62286"), "\(project.stdout)")
        let financing = try ProcessRunner.dealdb(["query", "--db", path, "financing", "--format", "csv"])
        #expect(financing.stdout.contains("gem-trans-sabah-gas-pipeline,project,,,Export-Import Bank of China (lender)"),
                "\(financing.stdout.prefix(3000))")

        // Export writes the decisions; a bad one is refused with its place.
        let exported = try ProcessRunner.dealdb(["export", "--db", path, "--format", "yaml"])
        #expect(exported.stdout.contains("finance_links:"), "export")
        #expect(exported.stdout.contains("decision: rejected"), "export")
        try """
            finance_links:
              - {agreement: aiddata-62285, project: gem-trans-sabah-gas-pipeline, decision: maybe}
            """.write(toFile: document, atomically: true, encoding: .utf8)
        let bad = try ProcessRunner.dealdb(["import", "--db", path, document])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("finance_links[0].decision"), "\(bad.stderr)")
    }

    /// Whether `import --from gem` reads GEM's gas-plant map file yet (another
    /// change adds it): until then the plant test skips, saying so.
    /// CDB's loan for the Tanjung Kidurong gas-fired power plant (92499) is
    /// proposed for GEM's plant (gas plants import as power_plant projects).
    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found"))
    func tanjungKidurongLoanIsProposedForGEMsPlant() throws {
        let directory = try TemporaryDirectory()
        let path = try seeded(directory)
        for file in ["/ggit-map-2024-10-06.csv", "/gogpt-map-2024-08-29.csv"] {
            let gem = try ProcessRunner.dealdb(["import", "--db", path, "--from", "gem", try #require(Self.gem) + file])
            #expect(gem.status == 0, "\(gem.stderr)")
        }
        _ = try importAidData(path, Self.malaysia)
        _ = try importAidData(path, Self.ports)
        let plant = try sqlite(path, """
            SELECT p.name FROM finance_links AS l JOIN projects AS p ON p.id = l.project_id
            WHERE l.agreement_id = 'aiddata-92499'
            """)
        #expect(plant.lowercased().contains("tanjung kidurong"), "\(plant)")
        #expect(plant.split(separator: "\n").count == 1, "\(plant)")
        // Nothing else but the Trans-Sabah loan and, possibly, the Porto de
        // Sergipe plant (88899, checked by hand: a true link) is linked.
        let others = try sqlite(path, """
            SELECT l.agreement_id || ' ' || p.name FROM finance_links AS l JOIN projects AS p ON p.id = l.project_id
            WHERE l.agreement_id NOT IN ('aiddata-92499', 'aiddata-62285', 'aiddata-62286', 'aiddata-88899')
            """)
        #expect(others == "", "\(others)")
        let sergipe = try sqlite(path, """
            SELECT p.name FROM finance_links AS l JOIN projects AS p ON p.id = l.project_id WHERE l.agreement_id = 'aiddata-88899'
            """)
        #expect(sergipe.isEmpty || sergipe.lowercased().contains("sergipe"), "\(sergipe)")
    }

    /// AidData is credited (ODC-By) wherever its data shows, as GEM is.
    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found"))
    func aidDataIsCreditedWhereItsDataShows() throws {
        let directory = try TemporaryDirectory()
        let path = try seeded(directory)
        _ = try importAidData(path, Self.malaysia)
        let credit = "AidData's Global Chinese Development Finance Dataset, Version 3.0, 2023 (ODC-By)"
        let report = directory.file("report.html")
        #expect(try ProcessRunner.dealdb(["report", "--db", path, "-o", report]).status == 0)
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains(credit.replacingOccurrences(of: "'", with: "&#39;")) || html.contains(credit), "report")
        let timeline = directory.file("timeline.svg")
        #expect(try ProcessRunner.dealdb(["chart", "timeline", "--db", path, "--party", "Export-Import Bank of China",
                                          "-o", timeline]).status == 0)
        let svg = try String(contentsOfFile: timeline, encoding: .utf8)
        #expect(svg.contains("ODC-By"), "timeline")
        let metadata = try ProcessRunner.dealdb(["datasette", "--db", path])
        #expect(metadata.stdout.contains("ODC-By"), "\(metadata.stdout.prefix(2000))")
        let shown = try ProcessRunner.dealdb(["show", "--db", path, "aiddata-62286"])
        #expect(shown.stdout.contains("AidData's Global Chinese Development Finance Dataset, Version 3.0, AidData, 2023"),
                "\(shown.stdout)")
    }
}
