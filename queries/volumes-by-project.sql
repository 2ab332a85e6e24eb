-- name: volumes-by-project
-- title: Capacity by project, as volumes-by-destination adds it up
-- description: The rows that volumes-by-destination sums: each project's capacity in bcm/y (the same term, chosen by the same rules of state, as_of and data-quality flags) with the destination country of its route. Cancelled, shelved, mothballed and retired projects are left out; so are values a data-quality rule flags, unless include_flagged is true (flag then names the rule).
-- description: Each pipeline and terminal counts once: a pipeline that the source gives as several rows (a whole line and its sections, sections in series, parallel strings, expansions, branches) adds the capacity of the rows that carry its gas, and a record that an analyst linked to another source's (same_as) stands for both (docs/GEM.md, "One pipeline, one project"; `dealdb show` lists a system's parts).
-- param: as_of date optional  Capacity in force on this date (default: the latest recorded)
-- param: state choices(agreed|proposed|negotiating|unresolved|disputed|not_stated|not_applicable) optional  Add up only terms in these negotiation states (comma-separated; default: all)
-- param: include_flagged boolean default false  Also add up values flagged by the data-quality rules
WITH capacity (project_id, term_id, value, status, flag) AS MATERIALIZED (
    SELECT pj.id, t.id, t.bcm_per_year, t.status,
           coalesce(
               -- The rules of the view flagged_terms, written out so that each
               -- term is looked up by index instead of scanning the view.
               (SELECT t.metric || '-outlier' FROM quality_limits AS l
                WHERE l.project_kind = pj.kind AND l.metric = t.metric AND l.unit = t.unit
                  AND t.value > l.max_value),
               (SELECT group_concat(n.rule, ', ') FROM quality_notes AS n WHERE n.term_id = t.id))
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
