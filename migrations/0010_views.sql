-- Views that make the file readable from any SQLite tool (the sqlite3
-- shell, Datasette, pandas) without knowing its joins, and that the named
-- queries and dealdb's own code share, so that a rule is written once:
--
--   party_names        every name a party is found by: its id, its name and
--                      each alias (the party-matching rule of --party, the
--                      queries' `party` parameter and `show`);
--   agreement_overview an agreement with its parties and roles, its binding
--                      force and who asserts it, and the sources it cites;
--   term_overview      a term with its three states (negotiation, evidence,
--                      disclosure), its value in bcm/y, the data-quality
--                      rules that flag it, and the sources it cites as text;
--   project_overview   a project with its route by role, capacity, length,
--                      start year and owners, as `dealdb projects` lists it.

-- Ids are lowercase slugs; this index lets `party_names` find an id typed in
-- any case through an index, as the name and alias indexes do for theirs.
CREATE INDEX parties_id_nocase ON parties (id COLLATE NOCASE);

-- Match with `name = :text COLLATE NOCASE`; each arm then uses its index.
CREATE VIEW party_names (party_id, name) AS
    SELECT id, id FROM parties
    UNION ALL
    SELECT id, name FROM parties
    UNION ALL
    SELECT party_id, alias FROM party_aliases;

CREATE VIEW agreement_overview (id, title, kind, status, signed, ended, binding, project_id, parties, summary,
                                sources) AS
    SELECT a.id, a.title, a.kind, a.status, a.signed, a.ended, b.description, a.project_id,
           (SELECT group_concat(label, '; ')
            FROM (SELECT p.name || ' (' || ap.role || ')' AS label
                  FROM agreement_parties AS ap JOIN parties AS p ON p.id = ap.party_id
                  WHERE ap.agreement_id = a.id ORDER BY ap.position)),
           a.summary,
           (SELECT group_concat(label, '; ')
            FROM (SELECT s.title || coalesce(', ' || c.locator, '') AS label
                  FROM citations AS c JOIN sources AS s ON s.id = c.source_id
                  WHERE c.citable_id = a.citable_id ORDER BY c.position))
    FROM agreements AS a JOIN agreement_binding AS b ON b.agreement_id = a.id;

CREATE VIEW term_overview (term_id, agreement_id, project_id, metric, value, unit, text, negotiation, evidence,
                           disclosure, valid_from, valid_to, bcm_per_year, flagged, sources) AS
    SELECT t.id, t.agreement_id, t.project_id, t.metric, t.value, t.unit, t.text, t.status, t.evidence,
           t.disclosure, t.valid_from, t.valid_to, t.bcm_per_year,
           (SELECT group_concat(rule, '; ') FROM flagged_terms AS f WHERE f.term_id = t.id),
           (SELECT group_concat(label, '; ')
            FROM (SELECT s.title || coalesce(', ' || c.locator, '') AS label
                  FROM citations AS c JOIN sources AS s ON s.id = c.source_id
                  WHERE c.citable_id = t.citable_id ORDER BY c.position))
    FROM terms AS t;

-- Capacity and length: the latest recorded value (an undated one last),
-- capacity converted to bcm/y (docs/UNITS.md) and GEM's own bcm/y figure
-- preferred over its source-unit one. Start year: the year of the project's
-- `<id>-start` event (planned or actual), as the GEM import and documents
-- name it. Owners: direct owners in order, `name (share%)`.
CREATE VIEW project_overview (id, name, kind, status, commodity, origin, transit, destination, capacity_bcm_y,
                              length_km, start_year, owners, note) AS
    SELECT p.id, p.name, p.kind, p.status, p.commodity,
           (SELECT group_concat(country, '; ') FROM (SELECT r.country FROM project_route AS r
                WHERE r.project_id = p.id AND r.role = 'origin' ORDER BY r.position)),
           (SELECT group_concat(country, '; ') FROM (SELECT r.country FROM project_route AS r
                WHERE r.project_id = p.id AND r.role = 'transit' ORDER BY r.position)),
           (SELECT group_concat(country, '; ') FROM (SELECT r.country FROM project_route AS r
                WHERE r.project_id = p.id AND r.role = 'destination' ORDER BY r.position)),
           (SELECT CAST(t.bcm_per_year AS REAL) FROM terms AS t
            WHERE t.project_id = p.id AND t.metric = 'capacity' AND t.bcm_per_year IS NOT NULL
            ORDER BY t.unit IS NOT 'bcm/y', t.valid_from IS NULL, t.valid_from DESC, t.position LIMIT 1),
           (SELECT t.value FROM terms AS t WHERE t.project_id = p.id AND t.metric = 'length' AND t.unit = 'km'
            ORDER BY t.valid_from IS NULL, t.valid_from DESC, t.position LIMIT 1),
           (SELECT CAST(substr(e.date, 1, 4) AS INTEGER) FROM events AS e WHERE e.id = p.id || '-start'),
           (SELECT group_concat(label, '; ')
            FROM (SELECT pa.name || CASE WHEN o.share IS NULL THEN ''
                                         WHEN o.share = CAST(o.share AS INTEGER) THEN ' (' || CAST(o.share AS INTEGER) || '%)'
                                         ELSE ' (' || o.share || '%)' END AS label
                  FROM project_owners AS o JOIN parties AS pa ON pa.id = o.party_id
                  WHERE o.project_id = p.id AND o.level = 'owner' ORDER BY o.position)),
           p.note
    FROM projects AS p;
