-- name: contracted-volumes
-- title: Contracted volumes by destination: what agreements say will flow, how binding and how sure (bcm/y)
-- description: The volume each agreement sets (its volume term, in bcm/y; a contracted or promised flow, not a pipeline's capacity: volumes-by-destination adds capacity), one row per agreement, by the destination of the project it is about (else the country of its buyer). negotiation and evidence are the term's; binding says who asserts it and who has not confirmed (docs/FORMAT.md); confirmed_by_all is yes only when every party to the agreement confirmed it. valid_from and valid_to are when the volume is in force.
-- description: Without as_of, the volume in force latest; with as_of, the one in force on that date (an agreement's volume is not in force before it was signed). With state, only volumes in those negotiation states (state=agreed lists what was agreed).
-- param: as_of date optional  Volume in force on this date (default: the latest recorded)
-- param: state choices(agreed|proposed|negotiating|unresolved|disputed|not_stated|not_applicable) optional  Only volumes in these negotiation states (comma-separated; default: all)
-- The days :as_of covers (a year, a month or a day; view date_precisions).
WITH asked (first_day, last_day) AS (
    SELECT :as_of || d.first_suffix, date(:as_of || d.first_suffix, d.step, '-1 day')
    FROM (SELECT 1) LEFT JOIN date_precisions AS d ON d.length = length(:as_of)
),
volume (agreement_id, term_id) AS MATERIALIZED (
    SELECT a.id,
           (SELECT t.id FROM terms AS t JOIN term_spans AS p ON p.term_id = t.id
            WHERE t.agreement_id = a.id AND t.metric = 'volume' AND t.bcm_per_year IS NOT NULL
              AND (:state IS NULL OR instr(',' || :state || ',', ',' || t.status || ',') > 0)
              AND (:as_of IS NULL
                   OR (coalesce(p.first_day <= asked.last_day, 1) AND coalesce(p.last_day >= asked.first_day, 1)))
            ORDER BY p.starts DESC, t.position DESC
            LIMIT 1)
    FROM agreements AS a CROSS JOIN asked
)
SELECT coalesce((SELECT r.country FROM project_route AS r WHERE r.project_id = a.project_id AND r.role = 'destination'
                 ORDER BY r.position DESC LIMIT 1),
                (SELECT pa.country FROM agreement_parties AS ap JOIN parties AS pa ON pa.id = ap.party_id
                 WHERE ap.agreement_id = a.id AND ap.role = 'buyer' ORDER BY ap.position LIMIT 1)) AS destination,
       a.id AS agreement,
       a.project_id AS project,
       CAST(t.bcm_per_year AS REAL) AS bcm_per_year,
       t.status AS negotiation,
       t.evidence AS evidence,
       b.description AS binding,
       CASE WHEN NOT EXISTS (SELECT 1 FROM agreement_parties AS ap WHERE ap.agreement_id = a.id) THEN 'unknown'
            WHEN EXISTS (SELECT 1 FROM agreement_parties AS ap
                         WHERE ap.agreement_id = a.id AND ap.confirmed <> 'yes') THEN 'no'
            ELSE 'yes' END AS confirmed_by_all,
       a.status AS agreement_status,
       p.starts AS valid_from,
       p.ends AS valid_to
FROM volume AS v
JOIN terms AS t ON t.id = v.term_id
JOIN term_periods AS p ON p.term_id = t.id
JOIN agreements AS a ON a.id = v.agreement_id
LEFT JOIN agreement_binding AS b ON b.agreement_id = a.id
ORDER BY destination IS NULL, destination, t.bcm_per_year DESC, a.id;
