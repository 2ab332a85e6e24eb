-- name: volumes-by-project
-- title: Capacity by project, as volumes-by-destination adds it up
-- description: The rows that volumes-by-destination sums: each project's capacity in bcm/y (the same term, chosen by the same rules of state, as_of and data-quality flags) with the destination country of its route. Cancelled, shelved, mothballed and retired projects are left out; so are values a data-quality rule flags, unless include_flagged is true (flag then names the rule).
-- description: Each pipeline and terminal counts once: a pipeline that the source gives as several rows (a whole line and its sections, sections in series, parallel strings, expansions, branches) adds the capacity of the rows that carry its gas, and a record that an analyst linked to another source's (same_as) stands for both (docs/GEM.md, "One pipeline, one project"; `dealdb show` lists a system's parts).
-- param: as_of date optional  Capacity in force on this date (default: the latest recorded)
-- param: state choices(agreed|proposed|negotiating|unresolved|disputed|not_stated|not_applicable) optional  Add up only terms in these negotiation states (comma-separated; default: all)
-- param: include_flagged boolean default false  Also add up values flagged by the data-quality rules
-- The days :as_of covers (a year, a month or a day; view date_precisions).
WITH asked (first_day, last_day) AS (
    SELECT :as_of || d.first_suffix, date(:as_of || d.first_suffix, d.step, '-1 day')
    FROM (SELECT 1) LEFT JOIN date_precisions AS d ON d.length = length(:as_of)
),
capacity (project_id, term_id, value, status, flag, preference) AS MATERIALIZED (
    -- Each project's capacity term as volumes-by-destination picks it.
    SELECT c.project_id, c.term_id, c.bcm_per_year, c.status, c.flag, max(c.preference)
    FROM capacity_candidates AS c CROSS JOIN asked
    WHERE (:state IS NULL OR instr(',' || :state || ',', ',' || c.status || ',') > 0)
      AND (:as_of IS NULL OR (coalesce(c.first_day <= asked.last_day, 1) AND coalesce(c.last_day >= asked.first_day, 1)))
    GROUP BY c.project_id
    HAVING :as_of IS NULL OR c.project_id NOT IN (SELECT s.project_id FROM operating_starts AS s, asked WHERE s.first_day > asked.last_day)
),
destined (project_id, value, status, flag, destination, domestic) AS (
    -- Domestic capacity (a pipeline within its destination country) is
    -- kept apart from what crosses a border: view project_destinations.
    SELECT cap.project_id, cap.value, cap.status, cap.flag, d.destination, d.domestic
    FROM capacity AS cap JOIN project_destinations AS d ON d.project_id = cap.project_id
),
counted AS (
    SELECT * FROM destined WHERE flag IS NULL OR :include_flagged
)
SELECT d.project_id AS project,
       d.destination AS destination,
       d.value AS bcm_per_year,
       d.status AS state,
       d.flag AS flag,
       (SELECT pj.status FROM projects AS pj WHERE pj.id = d.project_id) AS project_status,
       d.domestic AS domestic
FROM counted AS d
ORDER BY d.destination IS NULL, d.destination, d.value DESC, d.project_id;
