-- One home for three rules that were written out in several places
-- (issue "One home for every rule"): the span of days a partial date
-- covers, the capacity term that stands for a project, and the fill of the
-- search index. Named queries, views and the importers read these views
-- instead of carrying copies, so that the next change to a rule is one
-- change. They stay plain SQL: Datasette and the sqlite3 shell run the
-- queries that use them as they are.

-- A date is written at the precision its source gives: 2025, 2025-09 or
-- 2025-09-02 (docs/FORMAT.md). It covers every day from its first to its
-- last: "2025 is on or before 2025-06-15" is true, since 2025 may mean any
-- day of that year up to then. Comparing two dates of any precisions is
-- comparing one's first day with the other's last. The first day appends
-- first_suffix; the last is the day before the first day moved one step.
CREATE VIEW date_precisions (length, first_suffix, step) AS
    VALUES (4, '-01-01', '+1 year'), (7, '-01', '+1 month'), (10, '', '+1 day');

-- When each term is in force (view term_periods) as days: in force on a
-- date D (of any precision) when first_day <= D's last day and last_day >=
-- D's first day; a NULL end is open.
CREATE VIEW term_spans (term_id, starts, ends, first_day, last_day) AS
    SELECT tp.term_id, tp.starts, tp.ends,
           tp.starts || (SELECT d.first_suffix FROM date_precisions AS d WHERE d.length = length(tp.starts)),
           (SELECT date(tp.ends || d.first_suffix, d.step, '-1 day') FROM date_precisions AS d
            WHERE d.length = length(tp.ends))
    FROM term_periods AS tp;

-- An agreement's signing and end, and each event's date, as days.
CREATE VIEW agreement_spans (agreement_id, signed_first_day, signed_last_day, ended_first_day, ended_last_day) AS
    SELECT a.id,
           a.signed || (SELECT d.first_suffix FROM date_precisions AS d WHERE d.length = length(a.signed)),
           (SELECT date(a.signed || d.first_suffix, d.step, '-1 day') FROM date_precisions AS d
            WHERE d.length = length(a.signed)),
           a.ended || (SELECT d.first_suffix FROM date_precisions AS d WHERE d.length = length(a.ended)),
           (SELECT date(a.ended || d.first_suffix, d.step, '-1 day') FROM date_precisions AS d
            WHERE d.length = length(a.ended))
    FROM agreements AS a;
CREATE VIEW event_spans (event_id, first_day, last_day) AS
    SELECT e.id,
           e.date || (SELECT d.first_suffix FROM date_precisions AS d WHERE d.length = length(e.date)),
           (SELECT date(e.date || d.first_suffix, d.step, '-1 day') FROM date_precisions AS d
            WHERE d.length = length(e.date))
    FROM events AS e;

-- The capacity terms a project has in bcm/y, each with what ranks it as
-- the one that stands for the project: among the terms a question admits
-- (in force on a date, in a negotiation state), the one in force from the
-- latest date, a figure given in bcm/y before one converted to it, then
-- the last listed: ORDER BY preference DESC. (The key is one string so
-- that a query orders by one column; a space sorts before '-', so 2025
-- ranks below 2025-09-02 as it does compared as a date.) flag names the
-- data-quality rules that keep the value out of sums (docs/QUALITY.md),
-- as the view flagged_terms does, looked up per term by index.
CREATE VIEW capacity_terms (project_id, term_id, bcm_per_year, unit, status, evidence, first_day, last_day,
                            preference, flag) AS
    SELECT t.project_id, t.id, CAST(t.bcm_per_year AS REAL), t.unit, t.status, t.evidence, s.first_day, s.last_day,
           printf('%s %d %010d', coalesce(s.starts, ''), t.unit = 'bcm/y', t.position),
           coalesce(
               (SELECT t.metric || '-outlier' FROM quality_limits AS l JOIN projects AS p ON p.id = t.project_id
                WHERE l.project_kind = p.kind AND l.metric = t.metric AND l.unit = t.unit AND t.value > l.max_value),
               (SELECT group_concat(n.rule, ', ') FROM quality_notes AS n WHERE n.term_id = t.id))
    FROM terms AS t JOIN term_spans AS s ON s.term_id = t.id
    WHERE t.metric = 'capacity' AND t.bcm_per_year IS NOT NULL AND t.project_id IS NOT NULL;

-- The start of operation gains its first day, for the same comparison.
DROP VIEW project_starts;
CREATE VIEW project_starts (project_id, date, date_kind, event_id, first_day) AS
    SELECT s.project_id, s.date, s.date_kind, s.event_id,
           s.date || (SELECT d.first_suffix FROM date_precisions AS d WHERE d.length = length(s.date))
    FROM (SELECT e.project_id, min(e.date) AS date, e.date_kind, e.id AS event_id
          FROM events AS e
          WHERE e.project_id IS NOT NULL AND (e.marks = 'start_of_operation' OR e.id = e.project_id || '-start')
          GROUP BY e.project_id) AS s;

-- project_overview's capacity is the top-ranked capacity term (it carried
-- its own copy of the ranking since migration 0014).
DROP VIEW project_overview;
CREATE VIEW project_overview (id, name, kind, status, commodity, origin, transit, destination, capacity_bcm_y,
                              length_km, start_year, owners, note) AS
    SELECT p.id, p.name, p.kind, p.status, p.commodity,
           (SELECT group_concat(country, '; ') FROM (SELECT r.country FROM project_route AS r
                WHERE r.project_id = p.id AND r.role = 'origin' ORDER BY r.position)),
           (SELECT group_concat(country, '; ') FROM (SELECT r.country FROM project_route AS r
                WHERE r.project_id = p.id AND r.role = 'transit' ORDER BY r.position)),
           (SELECT group_concat(country, '; ') FROM (SELECT r.country FROM project_route AS r
                WHERE r.project_id = p.id AND r.role = 'destination' ORDER BY r.position)),
           (SELECT c.bcm_per_year FROM capacity_terms AS c WHERE c.project_id = p.id
            ORDER BY c.preference DESC LIMIT 1),
           (SELECT t.value FROM terms AS t WHERE t.project_id = p.id AND t.metric = 'length' AND t.unit = 'km'
            ORDER BY t.valid_from IS NULL, t.valid_from DESC, t.position LIMIT 1),
           (SELECT CAST(substr(s.date, 1, 4) AS INTEGER) FROM project_starts AS s WHERE s.project_id = p.id),
           (SELECT group_concat(label, '; ')
            FROM (SELECT coalesce(pa.name, 'unnamed "' || o.unnamed || '"')
                         || CASE WHEN o.share IS NULL THEN ''
                                 WHEN o.share = CAST(o.share AS INTEGER) THEN ' (' || CAST(o.share AS INTEGER) || '%)'
                                 ELSE ' (' || o.share || '%)' END AS label
                  FROM project_owners AS o LEFT JOIN parties AS pa ON pa.id = o.party_id
                  WHERE o.project_id = p.id AND o.level = 'owner' ORDER BY o.position)),
           p.note
    FROM projects AS p;

-- entity_overview leaves out the parts whose capacity a data-quality rule
-- flags by the flag of capacity_terms (it carried its own copy of the rule).
DROP VIEW entity_overview;
CREATE VIEW entity_overview (id, name, kind, status, commodity, origin, transit, destination, capacity_bcm_y,
                             length_km, start_year, owners, note, rows) AS
    SELECT o.id, o.name, o.kind, o.status, o.commodity, o.origin, o.transit, o.destination,
           -- Most projects are entities of one row: their own figure, without
           -- looking for members (the sum below costs ten times as much).
           CASE WHEN NOT EXISTS (SELECT 1 FROM project_parts AS pp WHERE pp.system_id = o.id AND pp.project_id <> o.id)
                     AND NOT EXISTS (SELECT 1 FROM project_identifiers AS a WHERE a.project_id = o.id AND a.evidence = 'analyst')
                THEN o.capacity_bcm_y
                WHEN o.capacity_bcm_y IS NOT NULL
                     AND EXISTS (SELECT 1 FROM project_identifiers AS a WHERE a.project_id = o.id AND a.evidence = 'analyst')
                THEN o.capacity_bcm_y
                ELSE (SELECT round(sum(m.capacity_bcm_y), 9)
                      FROM project_entities AS e JOIN project_overview AS m ON m.id = e.project_id
                      WHERE e.project_id IN (SELECT c.project_id FROM entity_candidates AS c WHERE c.entity_id = o.id)
                        -- The unary + keeps the planner from reading every project of
                        -- that status through projects_status instead of the few members.
                        AND e.entity_id = o.id AND e.counted AND +m.status IS o.status
                        -- A value the data-quality rules flag is left out, as sums
                        -- leave it out (Chongqing's 208.19 bcm/y segment).
                        AND NOT EXISTS (SELECT 1 FROM capacity_terms AS c
                                        WHERE c.project_id = m.id AND c.flag IS NOT NULL)) END,
           o.length_km, o.start_year, o.owners, o.note,
           CASE WHEN NOT EXISTS (SELECT 1 FROM project_parts AS pp WHERE pp.system_id = o.id AND pp.project_id <> o.id)
                     AND NOT EXISTS (SELECT 1 FROM project_identifiers AS a WHERE a.project_id = o.id AND a.evidence = 'analyst')
                THEN 1
                ELSE (SELECT count(*) FROM project_entities AS e
                      WHERE e.project_id IN (SELECT c.project_id FROM entity_candidates AS c WHERE c.entity_id = o.id)
                        AND e.entity_id = o.id) END
    FROM project_overview AS o
    WHERE (SELECT e.entity_id FROM project_entities AS e WHERE e.project_id = o.id) = o.id;

-- The whole search index filled anew from search_documents: what a bulk
-- import does after loading with the search triggers off, and what a
-- migration does after changing what is indexed. `INSERT INTO
-- search_rebuild DEFAULT VALUES` runs it. Named records by ascending rowid,
-- terms by descending id (their rowids -id then ascend; FTS5 starts a new
-- segment whenever a rowid is not larger than the last), then the trigram
-- index from the rows with CJK text (the GLOB of migration 0007), emptied
-- first by its own command as it reads its text from search_index.
CREATE VIEW search_rebuild (requested) AS SELECT NULL WHERE 0;
CREATE TRIGGER search_rebuild_all INSTEAD OF INSERT ON search_rebuild BEGIN
    INSERT INTO search_index_trigram (search_index_trigram) VALUES ('delete-all');
    DELETE FROM search_index;
    DELETE FROM search_index_keys;
    INSERT INTO search_index_keys (kind, ref)
        SELECT kind, ref FROM search_documents WHERE kind <> 'term';
    INSERT INTO search_index (rowid, kind, ref, title, body)
        SELECT k.id, d.kind, d.ref, d.title, d.body
        FROM search_documents AS d JOIN search_index_keys AS k ON k.kind = d.kind AND k.ref = d.ref
        WHERE d.kind <> 'term' ORDER BY k.id;
    INSERT INTO search_index (rowid, kind, ref, title, body)
        SELECT -term_id, kind, ref, title, body FROM search_documents WHERE kind = 'term'
        ORDER BY term_id DESC;
    INSERT INTO search_index_trigram (rowid, kind, ref, title, body)
        SELECT rowid, kind, ref, title, body FROM search_index
        WHERE length(CAST(coalesce(title, '') || coalesce(body, '') AS BLOB)) <> length(coalesce(title, '') || coalesce(body, ''))
          AND (coalesce(title, '') || ' ' || coalesce(body, '')) GLOB '*[぀-ヿ㐀-䶿一-鿿가-힯豈-﫿𠀀-𲎯]*'
        ORDER BY rowid;
    INSERT INTO agreements_fts (agreements_fts) VALUES ('rebuild');
    INSERT INTO projects_fts (projects_fts) VALUES ('rebuild');
    INSERT INTO parties_fts (parties_fts) VALUES ('rebuild');
END;
