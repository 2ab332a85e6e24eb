-- When a project started operating, so that capacity counts from then.
--
-- Sums "as of" a date counted every operating project's capacity whatever
-- the date: as of 2014 Power of Siberia 1 carried 38 bcm/y into China, five
-- years before its first gas (2 December 2019), and as of 2000 TurkStream
-- (2020) flowed into Türkiye. An event can now mark a project's start of
-- operation; GEM's start events (`<project>-start`) do, and so does the
-- seed's first-gas event of PoS-1.
ALTER TABLE events ADD COLUMN marks TEXT CHECK (marks IS NULL OR marks IN ('start_of_operation'));

UPDATE events SET marks = 'start_of_operation' WHERE project_id IS NOT NULL AND id = project_id || '-start';

-- Each project's start of operation: the earliest event marking it, actual
-- (it happened) or planned. An event with the id `<project>-start` marks it
-- too, as docs/FORMAT.md said before `marks` existed, so that documents
-- written then keep their start years.
CREATE VIEW project_starts (project_id, date, date_kind, event_id) AS
    SELECT e.project_id, min(e.date), e.date_kind, e.id
    FROM events AS e
    WHERE e.project_id IS NOT NULL AND (e.marks = 'start_of_operation' OR e.id = e.project_id || '-start')
    GROUP BY e.project_id;

-- project_overview's start_year is the year of that event (it read only
-- the event <project>-start).
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
           -- The start of operation: the earliest event that marks it.
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

-- The projects whose capacity a sum adds: each pipeline and terminal once
-- (project_entities.counted, docs/GEM.md) and none cancelled, shelved,
-- mothballed or retired. The volume queries and capacity-by-owner read
-- this one rule.
CREATE VIEW counted_projects (id, kind, status) AS
    SELECT p.id, p.kind, p.status
    FROM projects AS p
    WHERE (p.status IS NULL OR p.status NOT IN ('cancelled', 'shelved', 'mothballed', 'retired'))
      AND (SELECT pe.counted FROM project_entities AS pe WHERE pe.project_id = p.id);

-- Where a project's gas goes: the last destination of its route, and
-- whether it runs within that country (domestic: it starts there and leaves
-- it nowhere, as Libya's coastal lines do). An import terminal (no origin:
-- GEM does not say where its gas comes from) brings gas across a border.
CREATE VIEW project_destinations (project_id, destination, domestic) AS
    SELECT x.id, x.destination,
           x.destination IS NOT NULL
           AND EXISTS (SELECT 1 FROM project_route AS o
                       WHERE o.project_id = x.id AND o.role = 'origin' AND o.country = x.destination)
           AND NOT EXISTS (SELECT 1 FROM project_route AS o WHERE o.project_id = x.id AND o.country IS NOT x.destination)
    FROM (SELECT p.id,
                 (SELECT r.country FROM project_route AS r
                  WHERE r.project_id = p.id AND r.role = 'destination'
                  ORDER BY r.position DESC
                  LIMIT 1) AS destination
          FROM projects AS p) AS x;
