-- name: volumes-by-certainty
-- title: Capacity by destination and project, with how real each one is (bcm/y; a pipeline within its destination country included)
-- description: One row per project whose capacity flows to a destination (the values volumes-by-destination adds up, in bcm/y), with everything that says how sure it is: the agreement behind it (the latest one about the project with a volume term, else the latest signed), the negotiation state and evidence (of that agreement's volume term, else of the capacity term), the agreement's status and binding force (who asserts it when a party has not confirmed), whether every party to it has confirmed, and the project's status.
-- description: Values flagged by the data-quality rules (docs/QUALITY.md) are left out unless include_flagged is true. With as_of, only capacity in force on that date.
-- description: Each pipeline and terminal counts once: a pipeline that the source gives as several rows (a whole line and its sections, sections in series, parallel strings, expansions, branches) adds the capacity of the rows that carry its gas, and a record that an analyst linked to another source's (same_as) stands for both (docs/GEM.md, "One pipeline, one project"; `dealdb show` lists a system's parts).
-- param: as_of date optional  Capacity in force on this date (default: the latest recorded)
-- param: include_flagged boolean default false  Also list values flagged by the data-quality rules
WITH capacity (project_id, term_id, kind) AS MATERIALIZED (
    SELECT pj.id,
           (SELECT t2.id FROM terms AS t2 JOIN term_periods AS p2 ON p2.term_id = t2.id
            WHERE t2.project_id = pj.id AND t2.metric = 'capacity' AND t2.bcm_per_year IS NOT NULL
              AND (:as_of IS NULL
                   OR ((p2.starts IS NULL
                        OR substr(p2.starts, 1, min(length(p2.starts), length(:as_of)))
                           <= substr(:as_of, 1, min(length(p2.starts), length(:as_of))))
                       AND (p2.ends IS NULL
                        OR substr(p2.ends, 1, min(length(p2.ends), length(:as_of)))
                           >= substr(:as_of, 1, min(length(p2.ends), length(:as_of))))))
            ORDER BY p2.starts DESC, t2.unit = 'bcm/y' DESC, t2.position DESC
            LIMIT 1),
           pj.kind
    -- Each pipeline or terminal once, none that is cancelled or retired (view counted_projects).
    FROM counted_projects AS pj
    -- With as_of, a project that started operating after that date was
    -- not operating then (docs/FORMAT.md, "When a term is in force"): its
    -- capacity is left out, and named in not_started.
    WHERE NOT (:as_of IS NOT NULL AND pj.status IN ('operating', 'idle')
               AND (SELECT substr(s.date, 1, min(length(s.date), length(:as_of)))
                           > substr(:as_of, 1, min(length(s.date), length(:as_of)))
                    FROM project_starts AS s WHERE s.project_id = pj.id) IS 1)
),
rows AS (
    SELECT cap.project_id, t.bcm_per_year AS value, t.status AS capacity_status, t.evidence AS capacity_evidence,
           (SELECT r.country FROM project_route AS r
            WHERE r.project_id = cap.project_id AND r.role = 'destination'
            ORDER BY r.position DESC LIMIT 1) AS destination,
           coalesce(
               (SELECT a.id FROM agreements AS a
                WHERE a.project_id = cap.project_id
                  AND EXISTS (SELECT 1 FROM terms AS v WHERE v.agreement_id = a.id AND v.metric = 'volume')
                ORDER BY a.signed DESC NULLS LAST, a.id LIMIT 1),
               (SELECT a.id FROM agreements AS a
                WHERE a.project_id = cap.project_id AND a.signed IS NOT NULL
                ORDER BY a.signed DESC, a.id LIMIT 1)) AS agreement_id
    FROM capacity AS cap
    JOIN terms AS t ON t.id = cap.term_id
    JOIN projects AS pj ON pj.id = cap.project_id
    WHERE :include_flagged OR (coalesce(
           -- The rules of the view flagged_terms, written out so that each
           -- term is looked up by index instead of scanning the view.
           (SELECT t.metric || '-outlier' FROM quality_limits AS l
            WHERE l.project_kind = pj.kind AND l.metric = t.metric AND l.unit = t.unit
              AND t.value > l.max_value),
           (SELECT group_concat(n.rule, ', ') FROM quality_notes AS n WHERE n.term_id = t.id))) IS NULL
)
SELECT r.destination AS destination,
       r.project_id AS project,
       r.agreement_id AS agreement,
       r.value AS bcm_per_year,
       coalesce(v.status, r.capacity_status) AS negotiation,
       coalesce(v.evidence, r.capacity_evidence) AS evidence,
       a.status AS agreement_status,
       b.description AS binding,
       CASE WHEN a.id IS NULL THEN NULL
            WHEN NOT EXISTS (SELECT 1 FROM agreement_parties AS ap WHERE ap.agreement_id = a.id) THEN 'unknown'
            WHEN EXISTS (SELECT 1 FROM agreement_parties AS ap
                         WHERE ap.agreement_id = a.id AND ap.confirmed = 'no') THEN 'no'
            WHEN EXISTS (SELECT 1 FROM agreement_parties AS ap
                         WHERE ap.agreement_id = a.id AND ap.confirmed = 'unknown') THEN 'no'
            ELSE 'yes' END AS confirmed_by_all,
       pj.status AS project_status
FROM rows AS r
JOIN projects AS pj ON pj.id = r.project_id
LEFT JOIN agreements AS a ON a.id = r.agreement_id
LEFT JOIN agreement_binding AS b ON b.agreement_id = a.id
LEFT JOIN terms AS v ON v.id = (SELECT t.id FROM terms AS t
                                WHERE t.agreement_id = r.agreement_id AND t.metric = 'volume'
                                ORDER BY t.valid_from DESC, t.position DESC LIMIT 1)
ORDER BY r.destination IS NULL, r.destination, r.value DESC, r.project_id;
