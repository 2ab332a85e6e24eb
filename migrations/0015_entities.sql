-- Entities, not rows (docs/GEM.md, "One pipeline, one project").
--
-- A tracker gives one pipeline as several rows (sections, parallel strings,
-- expansions, a whole-line row beside its sections), and one real project
-- can come from two sources (the seed's pos-2 and GEM's Power of Siberia 2
-- rows). Sums must count each real project once, so every row knows which
-- entity it belongs to and whether its capacity counts there.

-- What identifies a record outside dealdb: GEM's ids and wiki pages, a
-- company's GEM entity id, LEI or Wikidata item. Two records that carry the
-- same identifier are the same thing; `evidence` says who says so: the
-- source itself ('source': GEM gives the row this id) or an analyst's
-- decision in a document ('analyst': pos-2 is GEM's Power of Siberia 2).
CREATE TABLE project_identifiers (
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    scheme     TEXT NOT NULL CHECK (scheme IN ('gem-project', 'gem-unit', 'gem-wiki', 'wikidata', 'other')),
    value      TEXT NOT NULL CHECK (trim(value) <> ''),
    evidence   TEXT NOT NULL CHECK (evidence IN ('source', 'analyst')),
    source_id  TEXT REFERENCES sources (id),
    PRIMARY KEY (project_id, scheme, value)
) STRICT;
CREATE INDEX project_identifiers_value ON project_identifiers (scheme, value);

CREATE TABLE party_identifiers (
    party_id  TEXT NOT NULL REFERENCES parties (id) ON DELETE CASCADE,
    scheme    TEXT NOT NULL CHECK (scheme IN ('gem-entity', 'lei', 'wikidata', 'register', 'other')),
    value     TEXT NOT NULL CHECK (trim(value) <> ''),
    evidence  TEXT NOT NULL CHECK (evidence IN ('source', 'analyst')),
    source_id TEXT REFERENCES sources (id),
    PRIMARY KEY (party_id, scheme, value)
) STRICT;
CREATE INDEX party_identifiers_value ON party_identifiers (scheme, value);

-- A row that is one part of a larger pipeline or terminal: which project
-- heads the system (its whole line, or its first row), what the part is,
-- whether its capacity is added to the system's, and why. Written by the
-- GEM import's rule ('rule', docs/GEM.md) or by an analyst's document
-- ('analyst'), which the rule never overwrites. A project with no row here
-- is a system of its own, counted.
CREATE TABLE project_parts (
    project_id TEXT PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    system_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    part       TEXT NOT NULL CHECK (part IN ('whole', 'section', 'string', 'expansion', 'branch', 'unit', 'repeat')),
    counted    INTEGER NOT NULL CHECK (counted = 0 OR counted = 1),
    decided_by TEXT NOT NULL CHECK (decided_by IN ('rule', 'analyst')),
    reason     TEXT NOT NULL CHECK (trim(reason) <> '')
) STRICT;
CREATE INDEX project_parts_system ON project_parts (system_id);

-- Every project with its entity: the system it is part of, or the record an
-- analyst said it is the same as (sharing an identifier the analyst gave),
-- which then stands for the whole entity. `counted` is 1 for the rows whose
-- capacity a sum adds: a linked row is not counted when the analyst's
-- record gives a capacity of its own to the same destination (it speaks
-- for the entity there; a domestic section elsewhere still counts where it
-- flows), else by the part rule. `linked_by` names the identifier that
-- joined them.
CREATE VIEW project_entities (project_id, entity_id, part, counted, linked_by) AS
    SELECT x.id,
           coalesce(x.linked, x.system_id),
           x.part,
           CASE WHEN x.linked IS NOT NULL AND x.linked <> x.id
                     AND EXISTS (SELECT 1 FROM terms AS t WHERE t.project_id = x.linked AND t.metric = 'capacity'
                                 AND t.bcm_per_year IS NOT NULL)
                     AND ((SELECT r.country FROM project_route AS r WHERE r.project_id = x.id AND r.role = 'destination'
                           ORDER BY r.position DESC LIMIT 1) IS NULL
                          OR (SELECT r.country FROM project_route AS r WHERE r.project_id = x.id AND r.role = 'destination'
                              ORDER BY r.position DESC LIMIT 1)
                             IS (SELECT r.country FROM project_route AS r WHERE r.project_id = x.linked
                                 AND r.role = 'destination' ORDER BY r.position DESC LIMIT 1))
                THEN 0 ELSE x.counted END,
           x.linked_by
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

-- Who may be in an entity: the project itself, the rows of the system it
-- heads, the records that share an identifier an analyst gave it, and the
-- rows of their systems. A project's entity is decided by project_entities;
-- this view lists candidates by entity, one arm per way in, so that a
-- lookup by entity_id reaches each arm through an index.
CREATE VIEW entity_candidates (entity_id, project_id) AS
    SELECT id, id FROM projects
    UNION ALL
    SELECT system_id, project_id FROM project_parts WHERE project_id <> system_id
    UNION ALL
    SELECT a.project_id, g.project_id FROM project_identifiers AS a
    JOIN project_identifiers AS g ON g.scheme = a.scheme AND g.value = a.value AND g.project_id <> a.project_id
    WHERE a.evidence = 'analyst'
    UNION ALL
    SELECT a.project_id, pp.project_id FROM project_identifiers AS a
    JOIN project_identifiers AS g ON g.scheme = a.scheme AND g.value = a.value AND g.project_id <> a.project_id
    JOIN project_parts AS pp ON pp.system_id = g.project_id AND pp.project_id <> g.project_id
    WHERE a.evidence = 'analyst';

-- What `dealdb projects` lists: one row per entity (a project of its own,
-- a system's head, or the analyst's record that others are linked to),
-- with the columns of project_overview and the number of rows it stands
-- for. Its capacity is the record's own where an analyst's record gives
-- one, else the sum of its counted parts that have its status and no
-- flagged value (Central
-- Asia–China: lines A, B and C, 55 bcm/y operating; line D, under
-- construction, is a part listed with `--parts`).
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
                        -- A value the data-quality rules flag is left out, as sums leave it
                        -- out (the rules of the view flagged_terms, written out so that each
                        -- term is looked up by index: Chongqing's 208.19 bcm/y segment).
                        AND NOT EXISTS (SELECT 1 FROM terms AS t
                                        WHERE t.project_id = m.id AND t.metric = 'capacity'
                                          AND (EXISTS (SELECT 1 FROM quality_limits AS l
                                                       WHERE l.project_kind = m.kind AND l.metric = t.metric
                                                         AND l.unit = t.unit AND t.value > l.max_value)
                                               OR EXISTS (SELECT 1 FROM quality_notes AS n WHERE n.term_id = t.id)))) END,
           o.length_km, o.start_year, o.owners, o.note,
           CASE WHEN NOT EXISTS (SELECT 1 FROM project_parts AS pp WHERE pp.system_id = o.id AND pp.project_id <> o.id)
                     AND NOT EXISTS (SELECT 1 FROM project_identifiers AS a WHERE a.project_id = o.id AND a.evidence = 'analyst')
                THEN 1
                ELSE (SELECT count(*) FROM project_entities AS e
                      WHERE e.project_id IN (SELECT c.project_id FROM entity_candidates AS c WHERE c.entity_id = o.id)
                        AND e.entity_id = o.id) END
    FROM project_overview AS o
    WHERE (SELECT e.entity_id FROM project_entities AS e WHERE e.project_id = o.id) = o.id;
