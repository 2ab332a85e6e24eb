-- One rule for "the project's capacity".
--
-- project_overview (what `dealdb projects` lists and filters with
-- --min-capacity) chose a project's capacity term by its own order, while
-- volumes-by-destination, volumes-by-project, volumes-by-certainty and
-- `chart flows` chose by the as-of rule: a project with two undated
-- capacities of 10 and 20 bcm/y showed 10 in `projects` and counted 20 in
-- the flows. The view now picks the term the queries pick without as_of:
-- in force from the latest date (term_periods), a figure given in bcm/y
-- before one converted to it, then the last listed.

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
           -- The rule of volumes-by-destination without as_of: the term in
           -- force latest, a bcm/y figure before a converted one, then the
           -- last listed.
           (SELECT CAST(t.bcm_per_year AS REAL) FROM terms AS t JOIN term_periods AS tp ON tp.term_id = t.id
            WHERE t.project_id = p.id AND t.metric = 'capacity' AND t.bcm_per_year IS NOT NULL
            ORDER BY tp.starts DESC, t.unit = 'bcm/y' DESC, t.position DESC LIMIT 1),
           (SELECT t.value FROM terms AS t WHERE t.project_id = p.id AND t.metric = 'length' AND t.unit = 'km'
            ORDER BY t.valid_from IS NULL, t.valid_from DESC, t.position LIMIT 1),
           (SELECT CAST(substr(e.date, 1, 4) AS INTEGER) FROM events AS e WHERE e.id = p.id || '-start'),
           (SELECT group_concat(label, '; ')
            FROM (SELECT coalesce(pa.name, 'unnamed "' || o.unnamed || '"')
                         || CASE WHEN o.share IS NULL THEN ''
                                 WHEN o.share = CAST(o.share AS INTEGER) THEN ' (' || CAST(o.share AS INTEGER) || '%)'
                                 ELSE ' (' || o.share || '%)' END AS label
                  FROM project_owners AS o LEFT JOIN parties AS pa ON pa.id = o.party_id
                  WHERE o.project_id = p.id AND o.level = 'owner' ORDER BY o.position)),
           p.note
    FROM projects AS p;
