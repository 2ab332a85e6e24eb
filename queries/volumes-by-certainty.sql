-- name: volumes-by-certainty
-- title: Capacity by destination and project, with how real each one is (bcm/y; a pipeline within its destination country included)
-- description: One row per project whose capacity flows to a destination (the values volumes-by-destination adds up, in bcm/y), with everything that says how sure it is: the agreement behind it (the latest one about the project with a volume term, else the latest signed), the negotiation state and evidence (of that agreement's volume term, else of the capacity term), the agreement's status and binding force (who asserts it when a party has not confirmed), whether every party to it has confirmed, and the project's status.
-- description: Values flagged by the data-quality rules (docs/QUALITY.md) are left out unless include_flagged is true. With as_of, only capacity in force on that date.
-- description: Each pipeline and terminal counts once: a pipeline that the source gives as several rows (a whole line and its sections, sections in series, parallel strings, expansions, branches) adds the capacity of the rows that carry its gas, and a record that an analyst linked to another source's (same_as) stands for both (docs/GEM.md, "One pipeline, one project"; `dealdb show` lists a system's parts).
-- param: as_of date optional  Capacity in force on this date (default: the latest recorded)
-- param: include_flagged boolean default false  Also list values flagged by the data-quality rules
-- The days :as_of covers (a year, a month or a day; view date_precisions).
WITH asked (first_day, last_day) AS (
    SELECT :as_of || d.first_suffix, date(:as_of || d.first_suffix, d.step, '-1 day')
    FROM (SELECT 1) LEFT JOIN date_precisions AS d ON d.length = length(:as_of)
),
capacity (project_id, term_id, kind) AS MATERIALIZED (
    SELECT pj.id, c.term_id, pj.kind
    -- Each pipeline or terminal once, none that is cancelled or retired
    -- (view counted_projects), with the capacity term that stands for it
    -- (view capacity_terms): among those in force during :as_of the top-ranked.
    FROM counted_projects AS pj CROSS JOIN asked
    JOIN capacity_terms AS c ON c.term_id = (
        SELECT c2.term_id FROM capacity_terms AS c2
        WHERE c2.project_id = pj.id
          AND (:as_of IS NULL
               OR (coalesce(c2.first_day <= asked.last_day, 1) AND coalesce(c2.last_day >= asked.first_day, 1)))
        ORDER BY c2.preference DESC LIMIT 1)
    -- With as_of, a project that started operating after that date was
    -- not operating then (docs/FORMAT.md, "When a term is in force"): its
    -- capacity is left out, and named in not_started.
    WHERE NOT (:as_of IS NOT NULL AND pj.status IN ('operating', 'idle')
               AND coalesce((SELECT s.first_day > asked.last_day FROM project_starts AS s WHERE s.project_id = pj.id), 0))
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
    JOIN capacity_terms AS c ON c.term_id = cap.term_id
    JOIN projects AS pj ON pj.id = cap.project_id
    WHERE :include_flagged OR c.flag IS NULL
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
