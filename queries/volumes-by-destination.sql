-- name: volumes-by-destination
-- title: Pipeline and LNG capacity into each country across its borders, by project status, domestic pipelines apart (bcm/y; every negotiation state unless state says which)
-- description: The capacity (a design figure, not a contracted volume: see contracted-volumes) of each project in bcm/y (converted from the source's unit, docs/UNITS.md), summed by the destination country of its route. bcm_per_year is what crosses a border into the country (pipelines from abroad, LNG import terminals); operating, construction and proposed split it by the project's status (idle projects and those without a status are in bcm_per_year only); domestic is the capacity of pipelines that run within the country, in no other column and never added to the rest. projects and domestic_projects name them. Without state, terms of every negotiation state are added up; with state, only those listed (the column states says which). Cancelled, shelved, mothballed and retired projects are left out; a project whose route names no destination is counted under no destination (as an LNG export terminal is: GEM does not say where its gas goes).
-- description: With as_of, only capacity in force on that date counts (docs/FORMAT.md: a term is not in force before its agreement was signed, and a project's undated capacity starts with the first agreement about it that sets a volume), and an operating project counts only from its start of operation (the event that marks it: GEM's start year, the seed's first gas); those that started later are named in not_started. A project whose capacity changed within the period of as_of (a year, a month) counts its later value and is named in changed. Without as_of, the latest term of each project counts.
-- description: Values that a data-quality rule flags (docs/QUALITY.md: GEM's 620,563.69 bcm/y for one pipeline) are left out of the sum and named in left_out, unless include_flagged is true.
-- description: Each pipeline and terminal counts once: a pipeline that the source gives as several rows (a whole line and its sections, sections in series, parallel strings, expansions, branches) adds the capacity of the rows that carry its gas, and a record that an analyst linked to another source's (same_as) stands for both (docs/GEM.md, "One pipeline, one project"; `dealdb show` lists a system's parts).
-- param: as_of date optional  Capacity in force on this date (default: the latest recorded)
-- param: state choices(agreed|proposed|negotiating|unresolved|disputed|not_stated|not_applicable) optional  Add up only terms in these negotiation states (comma-separated; default: all)
-- param: include_flagged boolean default false  Also add up values flagged by the data-quality rules
WITH capacity (project_id, term_id, value, status, flag, project_status) AS MATERIALIZED (
    SELECT pj.id, t.id, t.bcm_per_year, t.status,
           coalesce(
               -- The rules of the view flagged_terms, written out so that each
               -- term is looked up by index instead of scanning the view.
               (SELECT t.metric || '-outlier' FROM quality_limits AS l
                WHERE l.project_kind = pj.kind AND l.metric = t.metric AND l.unit = t.unit
                  AND t.value > l.max_value),
               (SELECT group_concat(n.rule, ', ') FROM quality_notes AS n WHERE n.term_id = t.id)),
           pj.status
    -- Each pipeline or terminal once, none that is cancelled or retired (view counted_projects).
    FROM counted_projects AS pj
    JOIN terms AS t ON t.id = (
        SELECT t2.id FROM terms AS t2 JOIN term_periods AS p2 ON p2.term_id = t2.id
        WHERE t2.project_id = pj.id AND t2.metric = 'capacity' AND t2.bcm_per_year IS NOT NULL
          AND (:state IS NULL OR instr(',' || :state || ',', ',' || t2.status || ',') > 0)
          AND (:as_of IS NULL
               OR ((p2.starts IS NULL
                    OR substr(p2.starts, 1, min(length(p2.starts), length(:as_of)))
                       <= substr(:as_of, 1, min(length(p2.starts), length(:as_of))))
                   AND (p2.ends IS NULL
                    OR substr(p2.ends, 1, min(length(p2.ends), length(:as_of)))
                       >= substr(:as_of, 1, min(length(p2.ends), length(:as_of))))))
        ORDER BY p2.starts DESC, t2.unit = 'bcm/y' DESC, t2.position DESC
        LIMIT 1)
    -- With as_of, a project that started operating after that date was
    -- not operating then (docs/FORMAT.md, "When a term is in force"): its
    -- capacity is left out, and named in not_started.
    WHERE NOT (:as_of IS NOT NULL AND pj.status IN ('operating', 'idle')
               AND (SELECT substr(s.date, 1, min(length(s.date), length(:as_of)))
                           > substr(:as_of, 1, min(length(s.date), length(:as_of)))
                    FROM project_starts AS s WHERE s.project_id = pj.id) IS 1)
),
-- Projects whose capacity in force during the period of :as_of was not one
-- value: at year precision, "38 until 2025-09-02, 44 from 2025-09-02" is a
-- change during 2025, reported rather than shown as two values side by side.
changes (project_id, values_text) AS (
    SELECT cap.project_id,
           (SELECT group_concat(printf('%.15g', v), ' -> ')
            FROM (SELECT t.bcm_per_year AS v FROM terms AS t JOIN term_periods AS p ON p.term_id = t.id
                  WHERE t.project_id = cap.project_id AND t.metric = 'capacity' AND t.bcm_per_year IS NOT NULL
                    AND (:state IS NULL OR instr(',' || :state || ',', ',' || t.status || ',') > 0)
                    AND (p.starts IS NULL
                         OR substr(p.starts, 1, min(length(p.starts), length(:as_of)))
                            <= substr(:as_of, 1, min(length(p.starts), length(:as_of))))
                    AND (p.ends IS NULL
                         OR substr(p.ends, 1, min(length(p.ends), length(:as_of)))
                            >= substr(:as_of, 1, min(length(p.ends), length(:as_of))))
                  GROUP BY t.bcm_per_year
                  ORDER BY min(p.starts), max(t.position)))
    FROM capacity AS cap
    WHERE :as_of IS NOT NULL
),
destined (project_id, value, status, flag, destination, project_status, domestic) AS (
    -- Domestic capacity (a pipeline within its destination country) is
    -- kept apart from what crosses a border: view project_destinations.
    SELECT cap.project_id, cap.value, cap.status, cap.flag, d.destination, cap.project_status, d.domestic
    FROM capacity AS cap JOIN project_destinations AS d ON d.project_id = cap.project_id
),
counted AS (
    SELECT * FROM destined WHERE flag IS NULL OR :include_flagged
),
-- With as_of: operating projects that started after that date, named so
-- that a reader sees why a total is smaller than today's.
not_started (label, destination) AS (
    SELECT pj.id || ' (from ' || s.date || ')',
           (SELECT r.country FROM project_route AS r WHERE r.project_id = pj.id AND r.role = 'destination'
            ORDER BY r.position DESC LIMIT 1)
    FROM counted_projects AS pj JOIN project_starts AS s ON s.project_id = pj.id
    WHERE :as_of IS NOT NULL AND pj.status IN ('operating', 'idle')
      AND substr(s.date, 1, min(length(s.date), length(:as_of))) > substr(:as_of, 1, min(length(s.date), length(:as_of)))
    ORDER BY pj.id
)
SELECT d.destination AS destination,
       coalesce(c.common_name, c.name) AS destination_name,
       -- Rounded to nine decimals: a sum of binary fractions shows float
       -- noise (3698.6899999999987 on GEM's file); nine places remove it and
       -- keep each total within 1e-9 of its parts, which chart flows checks.
       round(coalesce((SELECT sum(x.value) FROM counted AS x WHERE x.destination IS d.destination AND NOT x.domestic), 0), 9)
           AS bcm_per_year,
       round(coalesce((SELECT sum(x.value) FROM counted AS x WHERE x.destination IS d.destination AND NOT x.domestic
                       AND x.project_status = 'operating'), 0), 9) AS operating,
       round(coalesce((SELECT sum(x.value) FROM counted AS x WHERE x.destination IS d.destination AND NOT x.domestic
                       AND x.project_status = 'construction'), 0), 9) AS construction,
       round(coalesce((SELECT sum(x.value) FROM counted AS x WHERE x.destination IS d.destination AND NOT x.domestic
                       AND x.project_status = 'proposed'), 0), 9) AS proposed,
       round(coalesce((SELECT sum(x.value) FROM counted AS x WHERE x.destination IS d.destination AND x.domestic), 0), 9)
           AS domestic,
       (SELECT group_concat(project_id, '; ')
        FROM (SELECT x.project_id FROM counted AS x
              WHERE x.destination IS d.destination AND NOT x.domestic
              ORDER BY x.project_id)) AS projects,
       (SELECT group_concat(project_id, '; ')
        FROM (SELECT x.project_id FROM counted AS x
              WHERE x.destination IS d.destination AND x.domestic
              ORDER BY x.project_id)) AS domestic_projects,
       (SELECT group_concat(status, ', ')
        FROM (SELECT DISTINCT x.status FROM counted AS x
              WHERE x.destination IS d.destination ORDER BY x.status)) AS states,
       (SELECT group_concat(x.project_id || ': ' || ch.values_text, '; ')
        FROM counted AS x JOIN changes AS ch ON ch.project_id = x.project_id
        WHERE x.destination IS d.destination AND ch.values_text LIKE '% -> %') AS changed,
       (SELECT group_concat(x.project_id || ' ' || printf('%.15g', x.value) || ' bcm/y (' || x.flag || ')', '; ')
        FROM (SELECT * FROM destined AS y
              WHERE y.destination IS d.destination AND y.flag IS NOT NULL AND NOT :include_flagged
              ORDER BY y.project_id) AS x) AS left_out,
       (SELECT group_concat(r.label, '; ') FROM not_started AS r WHERE r.destination IS d.destination)
           AS not_started
FROM (SELECT destination FROM destined UNION SELECT destination FROM not_started) AS d
LEFT JOIN countries AS c ON c.code = d.destination
ORDER BY bcm_per_year DESC, domestic DESC, d.destination IS NULL, d.destination;
