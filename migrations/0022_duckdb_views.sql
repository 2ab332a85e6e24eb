-- Every view readable by DuckDB (issue 25: ATTACH 'deals.db' (TYPE sqlite)).
-- DuckDB's SQLite scanner parses each view's CREATE VIEW with DuckDB's own
-- parser. A view that DuckDB can also bind runs in DuckDB; one it cannot
-- bind (a function or a GROUP BY that only SQLite has, a column DuckDB does
-- not see) is sent back to SQLite as its SELECT alone, re-printed by
-- DuckDB: a column list `CREATE VIEW v (a, b)` is lost on the way, and its
-- columns come back named by their SQL. A view DuckDB cannot parse fails
-- outright, and with it SHOW TABLES and information_schema. So the views
-- below are the same queries as before, spelled so that both read them:
--
-- - column names as aliases in the SELECT, not as a column list;
-- - SQLite's `a IS b` and `a IS NOT b` as `=` and `<>` where a NULL cannot
--   change the outcome (a NOT NULL column, a NULL ruled out beside it), and
--   else as coalesce(a = b, a IS NULL AND b IS NULL). Not as `IS [NOT]
--   DISTINCT FROM`: SQLite reads that from 3.39 on, and DuckDB's scanner
--   carries SQLite 3.38.1, which then cannot read the schema at all;
-- - date(x, step, '-1 day') as strftime('%Y-%m-%d', x, step, '-1 day'),
--   which is what SQLite's date() is (DuckDB's parser takes DATE(...) for
--   its own one-argument DATE; strftime costs about 0.2 microseconds more
--   a call);
-- - SQLite's two-argument min() and max() as CASE (term_periods);
-- - char(10) as a string holding a line feed (DuckDB reads CHAR(10) as a type);
-- - search_documents, a UNION, groups by the country's and party's columns it
--   shows (one row of each per group, as before), so that DuckDB runs it: the
--   SELECT DuckDB would send back to SQLite puts parentheses around each
--   part of a UNION, which SQLite does not read;
-- - entity_overview casts its capacity figures AS DOUBLE (nothing changes in
--   SQLite, where they are REAL or NULL), so that DuckDB runs it too: DuckDB
--   reads every column of a view it leaves to SQLite as text, and would
--   re-print count(*) and IN (SELECT ...) in forms SQLite does not read.
--
-- (As DuckDB 1.5.5 and its SQLite extension do; Tests/EndToEndTests/DuckDBTests
-- reads every table and view through them.)
--
-- Each view returns what it returned before, row for row, and SQLite plans
-- the named queries that read them as before.
--
-- terms.bcm_per_year stays a generated column (the conversion has one home
-- and cannot drift from value and unit; SQLite tools show it), but DuckDB's
-- scanner lists a table's columns with PRAGMA table_info, which leaves
-- generated columns out. The view term_rows is terms with every column,
-- bcm_per_year among them, for DuckDB and any tool that reads table_info.

DROP VIEW term_periods;
CREATE VIEW term_periods AS
    -- One plain join, no UNION, so that SQLite flattens the view into a
    -- query that picks terms by owner and reaches them through its index.
    -- Two dates disagree when neither is a prefix of the other: the first
    -- length(b) characters of a differ from the first length(a) of b. (It
    -- compared both cut to the shorter length, with SQLite's two-argument
    -- min(), which DuckDB does not have; a CASE would name from2 more often,
    -- and every mention of from2 is one more run of its subquery.)
    SELECT id AS term_id,
           CASE WHEN from1 IS NULL THEN from2
                WHEN from2 IS NULL THEN from1
                WHEN substr(from1, 1, length(from2)) <> substr(from2, 1, length(from1))
                THEN CASE WHEN from1 > from2 THEN from1 ELSE from2 END
                WHEN length(from1) >= length(from2) THEN from1 ELSE from2 END AS starts,
           CASE WHEN to1 IS NULL THEN to2
                WHEN to2 IS NULL THEN to1
                WHEN substr(to1, 1, length(to2)) <> substr(to2, 1, length(to1))
                THEN CASE WHEN to1 < to2 THEN to1 ELSE to2 END
                WHEN length(to1) >= length(to2) THEN to1 ELSE to2 END AS ends
    FROM (SELECT t.id AS id, t.valid_from AS from1,
                 CASE WHEN t.agreement_id IS NOT NULL
                      THEN (SELECT a.signed FROM agreements AS a WHERE a.id = t.agreement_id)
                      WHEN t.valid_from IS NULL
                      THEN coalesce(
                          (SELECT min(a.signed) FROM agreements AS a
                           WHERE a.project_id = t.project_id
                             AND EXISTS (SELECT 1 FROM terms AS v
                                         WHERE v.agreement_id = a.id AND v.metric = 'volume')),
                          (SELECT min(a.signed) FROM agreements AS a WHERE a.project_id = t.project_id))
                 END AS from2,
                 t.valid_to AS to1,
                 (SELECT a.ended FROM agreements AS a WHERE a.id = t.agreement_id) AS to2
          FROM terms AS t);

DROP VIEW agreement_binding;
CREATE VIEW agreement_binding AS
    SELECT id AS agreement_id, binding, asserted_by, unconfirmed,
           CASE WHEN binding = 'unknown' OR unconfirmed IS NULL OR asserted_by IS NULL THEN binding
                ELSE binding || coalesce(', per ' || asserted_by, '') || '; ' || unconfirmed || ' unconfirmed'
           END AS description
    FROM (SELECT a.id, a.binding,
                 (SELECT group_concat(name, ', ')
                  FROM (SELECT p.name FROM agreement_parties AS ap JOIN parties AS p ON p.id = ap.party_id
                        WHERE ap.agreement_id = a.id AND ap.confirmed = 'yes'
                        GROUP BY p.id ORDER BY min(ap.position))) AS asserted_by,
                 (SELECT group_concat(name, ', ')
                  FROM (SELECT p.name FROM agreement_parties AS ap JOIN parties AS p ON p.id = ap.party_id
                        WHERE ap.agreement_id = a.id
                        GROUP BY p.id HAVING max(ap.confirmed = 'yes') = 0
                        ORDER BY min(ap.position))) AS unconfirmed
          FROM agreements AS a);

DROP VIEW agreement_overview;
CREATE VIEW agreement_overview AS
    SELECT a.id AS id, a.title AS title, a.kind AS kind, a.status AS status, a.signed AS signed, a.ended AS ended,
           b.description AS binding, a.project_id AS project_id,
           (SELECT group_concat(label, '; ')
            FROM (SELECT p.name || ' (' || ap.role || ')' AS label
                  FROM agreement_parties AS ap JOIN parties AS p ON p.id = ap.party_id
                  WHERE ap.agreement_id = a.id ORDER BY ap.position)) AS parties,
           a.summary AS summary,
           (SELECT group_concat(label, '; ')
            FROM (SELECT s.title || coalesce(', ' || c.locator, '') AS label
                  FROM citations AS c JOIN sources AS s ON s.id = c.source_id
                  WHERE c.citable_id = a.citable_id ORDER BY c.position)) AS sources
    FROM agreements AS a JOIN agreement_binding AS b ON b.agreement_id = a.id;

DROP VIEW term_overview;
CREATE VIEW term_overview AS
    SELECT t.id AS term_id, t.agreement_id AS agreement_id, t.project_id AS project_id, t.metric AS metric,
           t.value AS value, t.unit AS unit, t.text AS text, t.status AS negotiation, t.evidence AS evidence,
           t.disclosure AS disclosure, t.valid_from AS valid_from, t.valid_to AS valid_to,
           t.bcm_per_year AS bcm_per_year,
           (SELECT group_concat(rule, '; ') FROM flagged_terms AS f WHERE f.term_id = t.id) AS flagged,
           (SELECT group_concat(label, '; ')
            FROM (SELECT s.title || coalesce(', ' || c.locator, '') AS label
                  FROM citations AS c JOIN sources AS s ON s.id = c.source_id
                  WHERE c.citable_id = t.citable_id ORDER BY c.position)) AS sources
    FROM terms AS t;

DROP VIEW term_spans;
CREATE VIEW term_spans AS
    SELECT tp.term_id AS term_id, tp.starts AS starts, tp.ends AS ends,
           tp.starts || (SELECT d.first_suffix FROM date_precisions AS d WHERE d.length = length(tp.starts))
               AS first_day,
           (SELECT strftime('%Y-%m-%d', tp.ends || d.first_suffix, d.step, '-1 day') FROM date_precisions AS d
            WHERE d.length = length(tp.ends)) AS last_day
    FROM term_periods AS tp;

DROP VIEW agreement_spans;
CREATE VIEW agreement_spans AS
    SELECT a.id AS agreement_id,
           a.signed || (SELECT d.first_suffix FROM date_precisions AS d WHERE d.length = length(a.signed))
               AS signed_first_day,
           (SELECT strftime('%Y-%m-%d', a.signed || d.first_suffix, d.step, '-1 day') FROM date_precisions AS d
            WHERE d.length = length(a.signed)) AS signed_last_day,
           a.ended || (SELECT d.first_suffix FROM date_precisions AS d WHERE d.length = length(a.ended))
               AS ended_first_day,
           (SELECT strftime('%Y-%m-%d', a.ended || d.first_suffix, d.step, '-1 day') FROM date_precisions AS d
            WHERE d.length = length(a.ended)) AS ended_last_day
    FROM agreements AS a;

DROP VIEW event_spans;
CREATE VIEW event_spans AS
    SELECT e.id AS event_id,
           e.date || (SELECT d.first_suffix FROM date_precisions AS d WHERE d.length = length(e.date)) AS first_day,
           (SELECT strftime('%Y-%m-%d', e.date || d.first_suffix, d.step, '-1 day') FROM date_precisions AS d
            WHERE d.length = length(e.date)) AS last_day
    FROM events AS e;

DROP VIEW capacity_terms;
CREATE VIEW capacity_terms AS
    SELECT t.project_id AS project_id, t.id AS term_id, CAST(t.bcm_per_year AS REAL) AS bcm_per_year,
           t.unit AS unit, t.status AS status, t.evidence AS evidence, s.first_day AS first_day,
           s.last_day AS last_day,
           printf('%s %d %010d', coalesce(s.starts, ''), t.unit = 'bcm/y', t.position) AS preference,
           coalesce(
               (SELECT t.metric || '-outlier' FROM quality_limits AS l JOIN projects AS p ON p.id = t.project_id
                WHERE l.project_kind = p.kind AND l.metric = t.metric AND l.unit = t.unit AND t.value > l.max_value),
               (SELECT group_concat(n.rule, ', ') FROM quality_notes AS n WHERE n.term_id = t.id)) AS flag
    FROM terms AS t JOIN term_spans AS s ON s.term_id = t.id
    WHERE t.metric = 'capacity' AND t.bcm_per_year IS NOT NULL AND t.project_id IS NOT NULL;

DROP VIEW project_starts;
CREATE VIEW project_starts AS
    SELECT s.project_id AS project_id, s.date AS date, s.date_kind AS date_kind, s.event_id AS event_id,
           s.date || (SELECT d.first_suffix FROM date_precisions AS d WHERE d.length = length(s.date)) AS first_day
    FROM (SELECT e.project_id, min(e.date) AS date, e.date_kind, e.id AS event_id
          FROM events AS e
          WHERE e.project_id IS NOT NULL AND (e.marks = 'start_of_operation' OR e.id = e.project_id || '-start')
          GROUP BY e.project_id) AS s;

DROP VIEW project_overview;
CREATE VIEW project_overview AS
    SELECT p.id AS id, p.name AS name, p.kind AS kind, p.status AS status, p.commodity AS commodity,
           (SELECT group_concat(country, '; ') FROM (SELECT r.country FROM project_route AS r
                WHERE r.project_id = p.id AND r.role = 'origin' ORDER BY r.position)) AS origin,
           (SELECT group_concat(country, '; ') FROM (SELECT r.country FROM project_route AS r
                WHERE r.project_id = p.id AND r.role = 'transit' ORDER BY r.position)) AS transit,
           (SELECT group_concat(country, '; ') FROM (SELECT r.country FROM project_route AS r
                WHERE r.project_id = p.id AND r.role = 'destination' ORDER BY r.position)) AS destination,
           (SELECT c.bcm_per_year FROM capacity_terms AS c WHERE c.project_id = p.id
            ORDER BY c.preference DESC LIMIT 1) AS capacity_bcm_y,
           (SELECT t.value FROM terms AS t WHERE t.project_id = p.id AND t.metric = 'length' AND t.unit = 'km'
            ORDER BY t.valid_from IS NULL, t.valid_from DESC, t.position LIMIT 1) AS length_km,
           (SELECT CAST(substr(s.date, 1, 4) AS INTEGER) FROM project_starts AS s WHERE s.project_id = p.id)
               AS start_year,
           (SELECT group_concat(label, '; ')
            FROM (SELECT coalesce(pa.name, 'unnamed "' || o.unnamed || '"')
                         || CASE WHEN o.share IS NULL THEN ''
                                 WHEN o.share = CAST(o.share AS INTEGER) THEN ' (' || CAST(o.share AS INTEGER) || '%)'
                                 ELSE ' (' || o.share || '%)' END AS label
                  FROM project_owners AS o LEFT JOIN parties AS pa ON pa.id = o.party_id
                  WHERE o.project_id = p.id AND o.level = 'owner' ORDER BY o.position)) AS owners,
           p.note AS note
    FROM projects AS p;

DROP VIEW project_destinations;
CREATE VIEW project_destinations AS
    SELECT x.id AS project_id, x.destination AS destination,
           x.destination IS NOT NULL
           AND EXISTS (SELECT 1 FROM project_route AS o
                       WHERE o.project_id = x.id AND o.role = 'origin' AND o.country = x.destination)
           AND NOT EXISTS (SELECT 1 FROM project_route AS o
                           WHERE o.project_id = x.id AND o.country <> x.destination) AS domestic
    FROM (SELECT p.id,
                 (SELECT r.country FROM project_route AS r
                  WHERE r.project_id = p.id AND r.role = 'destination'
                  ORDER BY r.position DESC
                  LIMIT 1) AS destination
          FROM projects AS p) AS x;

DROP VIEW project_entities;
CREATE VIEW project_entities AS
    SELECT x.id AS project_id,
           coalesce(x.linked, x.system_id) AS entity_id,
           x.part AS part,
           CASE WHEN x.linked IS NOT NULL AND x.linked <> x.id
                     AND EXISTS (SELECT 1 FROM terms AS t WHERE t.project_id = x.linked AND t.metric = 'capacity'
                                 AND t.bcm_per_year IS NOT NULL)
                     AND ((SELECT r.country FROM project_route AS r WHERE r.project_id = x.id AND r.role = 'destination'
                           ORDER BY r.position DESC LIMIT 1) IS NULL
                          OR (SELECT r.country FROM project_route AS r WHERE r.project_id = x.id AND r.role = 'destination'
                              ORDER BY r.position DESC LIMIT 1)
                             = (SELECT r.country FROM project_route AS r WHERE r.project_id = x.linked
                                AND r.role = 'destination' ORDER BY r.position DESC LIMIT 1))
                THEN 0 ELSE x.counted END AS counted,
           x.linked_by AS linked_by
    FROM (SELECT p.id,
                 coalesce(pp.system_id, p.id) AS system_id,
                 pp.part,
                 coalesce(pp.counted, 1) AS counted,
                 CASE WHEN EXISTS (SELECT 1 FROM project_identifiers AS a
                                   WHERE a.project_id = p.id AND a.evidence = 'analyst') THEN p.id
                      ELSE (SELECT a.project_id FROM project_identifiers AS g
                            JOIN project_identifiers AS a ON a.scheme = g.scheme AND a.value = g.value
                            WHERE g.project_id = p.id AND a.evidence = 'analyst' AND a.project_id <> p.id
                            ORDER BY a.project_id LIMIT 1) END AS linked,
                 (SELECT a.scheme || ' ' || a.value FROM project_identifiers AS g
                  JOIN project_identifiers AS a ON a.scheme = g.scheme AND a.value = g.value
                  WHERE g.project_id = p.id AND a.evidence = 'analyst' AND a.project_id <> p.id
                  ORDER BY a.project_id LIMIT 1) AS linked_by
          FROM projects AS p LEFT JOIN project_parts AS pp ON pp.project_id = p.id) AS x;

DROP VIEW entity_overview;
CREATE VIEW entity_overview AS
    SELECT o.id AS id, o.name AS name, o.kind AS kind, o.status AS status, o.commodity AS commodity,
           o.origin AS origin, o.transit AS transit, o.destination AS destination,
           -- Most projects are entities of one row: their own figure, without
           -- looking for members (the sum below costs ten times as much). (The
           -- CASTs change nothing in SQLite, where the figures are REAL or NULL;
           -- DuckDB reads the figures of a view it leaves to SQLite as text.)
           CASE WHEN NOT EXISTS (SELECT 1 FROM project_parts AS pp WHERE pp.system_id = o.id AND pp.project_id <> o.id)
                     AND NOT EXISTS (SELECT 1 FROM project_identifiers AS a WHERE a.project_id = o.id AND a.evidence = 'analyst')
                THEN CAST(o.capacity_bcm_y AS DOUBLE)
                WHEN o.capacity_bcm_y IS NOT NULL
                     AND EXISTS (SELECT 1 FROM project_identifiers AS a WHERE a.project_id = o.id AND a.evidence = 'analyst')
                THEN CAST(o.capacity_bcm_y AS DOUBLE)
                ELSE (SELECT round(sum(CAST(m.capacity_bcm_y AS DOUBLE)), 9)
                      FROM project_entities AS e JOIN project_overview AS m ON m.id = e.project_id
                      WHERE e.project_id IN (SELECT c.project_id FROM entity_candidates AS c WHERE c.entity_id = o.id)
                        -- (m.status IS o.status.) Inside coalesce() the status is no index
                        -- constraint: the planner does not read every project of that
                        -- status through projects_status instead of the few members.
                        AND e.entity_id = o.id AND e.counted
                        AND coalesce(m.status = o.status, m.status IS NULL AND o.status IS NULL)
                        -- A value the data-quality rules flag is left out, as sums
                        -- leave it out (Chongqing's 208.19 bcm/y segment).
                        AND NOT EXISTS (SELECT 1 FROM capacity_terms AS c
                                        WHERE c.project_id = m.id AND c.flag IS NOT NULL)) END AS capacity_bcm_y,
           o.length_km AS length_km, o.start_year AS start_year, o.owners AS owners, o.note AS note,
           CASE WHEN NOT EXISTS (SELECT 1 FROM project_parts AS pp WHERE pp.system_id = o.id AND pp.project_id <> o.id)
                     AND NOT EXISTS (SELECT 1 FROM project_identifiers AS a WHERE a.project_id = o.id AND a.evidence = 'analyst')
                THEN 1
                ELSE (SELECT count(*) FROM project_entities AS e
                      WHERE e.project_id IN (SELECT c.project_id FROM entity_candidates AS c WHERE c.entity_id = o.id)
                        AND e.entity_id = o.id) END AS rows
    FROM project_overview AS o
    WHERE (SELECT e.entity_id FROM project_entities AS e WHERE e.project_id = o.id) = o.id;

DROP VIEW project_finance;
CREATE VIEW project_finance AS
    SELECT l.project_id AS project_id, coalesce(e.entity_id, l.project_id) AS entity_id,
           l.agreement_id AS agreement_id, l.state AS state, l.decided_by AS decided_by, l.confidence AS confidence,
           l.evidence AS evidence
    FROM finance_links AS l LEFT JOIN project_entities AS e ON e.project_id = l.project_id
    WHERE l.state <> 'rejected';

-- The line feeds that join a record's texts are written as strings that
-- hold one.
DROP VIEW search_documents;
CREATE VIEW search_documents AS
    SELECT 'agreement' AS kind, id AS ref, title AS title, summary AS body, NULL AS term_id FROM agreements
    UNION ALL
    SELECT 'project', p.id, p.name,
           nullif(trim(coalesce(p.note || '
', '')
                       || coalesce((SELECT group_concat(place, '; ')
                                    FROM (SELECT r.country || ' ' || c.name
                                                 || coalesce(' (' || (SELECT group_concat(other, ', ')
                                                                      FROM (SELECT c.common_name AS other
                                                                            WHERE c.common_name IS NOT NULL
                                                                            UNION ALL
                                                                            SELECT n.name FROM country_names AS n
                                                                            WHERE n.code = c.code)) || ')', '') AS place
                                          FROM project_route AS r JOIN countries AS c ON c.code = r.country
                                          WHERE r.project_id = p.id
                                          GROUP BY r.country, c.code, c.name, c.common_name
                                          ORDER BY min(r.position))) || '
', '')
                       || coalesce((SELECT group_concat(name, '; ')
                                    FROM (SELECT pa.name FROM project_owners AS o
                                          JOIN parties AS pa ON pa.id = o.party_id
                                          WHERE o.project_id = p.id
                                          GROUP BY o.party_id, pa.name
                                          ORDER BY min(o.level = 'parent'), min(o.position))), ''),
                       '
'), ''),
           NULL
    FROM projects AS p
    UNION ALL
    SELECT 'party', p.id, p.name,
           nullif(trim(coalesce((SELECT group_concat(alias, '; ')
                                 FROM (SELECT alias FROM party_aliases AS a
                                       WHERE a.party_id = p.id
                                       ORDER BY a.position)), '')
                       || '
' || coalesce(p.note, ''), '
'), ''),
           NULL
    FROM parties AS p
    UNION ALL
    SELECT 'source', id, title, note, NULL FROM sources
    UNION ALL
    SELECT 'event', id, title, NULL, NULL FROM events
    UNION ALL
    SELECT 'term', agreement_id, metric, text, id FROM terms
    WHERE agreement_id IS NOT NULL AND trim(text) <> ''
    UNION ALL
    SELECT 'term', project_id, metric, text, id FROM terms
    WHERE project_id IS NOT NULL AND trim(text) <> '';

-- terms with every column, the generated bcm_per_year among them (see above).
CREATE VIEW term_rows AS
    SELECT id, citable_id, agreement_id, project_id, position, metric, value, unit, text, status, evidence,
           disclosure, valid_from, valid_to, bcm_per_year
    FROM terms;
