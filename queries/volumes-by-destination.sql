-- name: volumes-by-destination
-- title: Pipeline and LNG capacity into each country across its borders, by project status, domestic pipelines apart (bcm/y; every negotiation state unless state says which)
-- description: The capacity (a design figure, not a contracted volume: see contracted-volumes) of each project in bcm/y (converted from the source's unit, docs/UNITS.md), summed by the destination country of its route. bcm_per_year is what crosses a border into the country (pipelines from abroad, LNG import terminals); operating, construction and proposed split it by the project's status (idle projects and those without a status are in bcm_per_year only); domestic is the capacity of pipelines that run within the country, in no other column and never added to the rest. projects and domestic_projects name them. Without state, terms of every negotiation state are added up; with state, only those listed (the column states says which). Cancelled, shelved, mothballed and retired projects are left out; a project whose route names no destination is counted under no destination (as an LNG export terminal is: GEM does not say where its gas goes).
-- description: With as_of, only capacity in force on that date counts (docs/FORMAT.md: a term is not in force before its agreement was signed, and a project's undated capacity starts with the first agreement about it that sets a volume), and an operating project counts only from its start of operation (the event that marks it: GEM's start year, the seed's first gas); those that started later are named in not_started. A project whose capacity changed within the period of as_of (a year, a month) counts its later value and is named in changed. Without as_of, the latest term of each project counts.
-- description: Values that a data-quality rule flags (docs/QUALITY.md: GEM's 620,563.69 bcm/y for one pipeline) are left out of the sum and named in left_out, unless include_flagged is true.
-- description: Each pipeline and terminal counts once: a pipeline that the source gives as several rows (a whole line and its sections, sections in series, parallel strings, expansions, branches) adds the capacity of the rows that carry its gas, and a record that an analyst linked to another source's (same_as) stands for both (docs/GEM.md, "One pipeline, one project"; `dealdb show` lists a system's parts).
-- param: as_of date optional  Capacity in force on this date (default: the latest recorded)
-- param: state choices(agreed|proposed|negotiating|unresolved|disputed|not_stated|not_applicable) optional  Add up only terms in these negotiation states (comma-separated; default: all)
-- param: include_flagged boolean default false  Also add up values flagged by the data-quality rules
-- The days :as_of covers (a year, a month or a day; view date_precisions).
WITH asked (first_day, last_day) AS (
    SELECT :as_of || d.first_suffix, date(:as_of || d.first_suffix, d.step, '-1 day')
    FROM (SELECT 1) LEFT JOIN date_precisions AS d ON d.length = length(:as_of)
),
capacity (project_id, term_id, value, status, flag, project_status, preference) AS MATERIALIZED (
    -- Each pipeline or terminal once, none that is cancelled or retired,
    -- with the capacity term that stands for it (view capacity_candidates):
    -- among those in force during :as_of and in the states asked for, the
    -- top-ranked. With as_of, a project that started operating after that
    -- date was not operating then (view operating_starts): its capacity is
    -- left out, and named in not_started.
    SELECT c.project_id, c.term_id, c.bcm_per_year, c.status, c.flag, c.project_status, max(c.preference)
    FROM capacity_candidates AS c CROSS JOIN asked
    WHERE (:state IS NULL OR instr(',' || :state || ',', ',' || c.status || ',') > 0)
      AND (:as_of IS NULL OR (coalesce(c.first_day <= asked.last_day, 1) AND coalesce(c.last_day >= asked.first_day, 1)))
    GROUP BY c.project_id
    HAVING :as_of IS NULL OR c.project_id NOT IN (SELECT s.project_id FROM operating_starts AS s, asked WHERE s.first_day > asked.last_day)
),
-- Projects whose capacity in force during the period of :as_of was not one
-- value: at year precision, "38 until 2025-09-02, 44 from 2025-09-02" is a
-- change during 2025, reported rather than shown as two values side by side.
changes (project_id, values_text) AS (
    SELECT cap.project_id,
           (SELECT group_concat(printf('%.15g', v), ' -> ')
            FROM (SELECT c.bcm_per_year AS v FROM capacity_terms AS c
                  WHERE c.project_id = cap.project_id
                    AND (:state IS NULL OR instr(',' || :state || ',', ',' || c.status || ',') > 0)
                    AND coalesce(c.first_day <= asked.last_day, 1) AND coalesce(c.last_day >= asked.first_day, 1)
                  GROUP BY c.bcm_per_year
                  ORDER BY min(c.first_day), max(c.preference)))
    FROM capacity AS cap CROSS JOIN asked
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
    SELECT s.project_id || ' (from ' || s.date || ')',
           (SELECT r.country FROM project_route AS r WHERE r.project_id = s.project_id AND r.role = 'destination'
            ORDER BY r.position DESC LIMIT 1)
    FROM operating_starts AS s CROSS JOIN asked
    WHERE :as_of IS NOT NULL AND s.first_day > asked.last_day
    ORDER BY s.project_id
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
