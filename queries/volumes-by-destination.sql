-- name: volumes-by-destination
-- title: Pipeline capacity by destination country
-- description: The latest capacity (bcm/y) of each project, summed by the destination country of its route. Cancelled, shelved, mothballed and retired projects are left out; a project whose route names no destination is counted under no destination.
-- description: With as_of, only capacity terms valid on that date count; without it, the latest term of each project counts whatever its dates.
-- param: as_of date optional  Capacity valid on this date (default: the latest recorded)
WITH capacity (project_id, value) AS (
    SELECT pj.id,
           (SELECT t.value FROM terms AS t
            WHERE t.project_id = pj.id AND t.metric = 'capacity' AND t.unit = 'bcm/y'
              AND t.value IS NOT NULL
              AND (:as_of IS NULL
                   OR ((t.valid_from IS NULL
                        OR substr(t.valid_from, 1, min(length(t.valid_from), length(:as_of)))
                           <= substr(:as_of, 1, min(length(t.valid_from), length(:as_of))))
                       AND (t.valid_to IS NULL
                        OR substr(t.valid_to, 1, min(length(t.valid_to), length(:as_of)))
                           >= substr(:as_of, 1, min(length(t.valid_to), length(:as_of))))))
            ORDER BY t.valid_from DESC, t.position DESC
            LIMIT 1)
    FROM projects AS pj
    WHERE pj.status IS NULL
       OR pj.status NOT IN ('cancelled', 'shelved', 'mothballed', 'retired')
),
destined (project_id, value, destination) AS (
    SELECT cap.project_id, cap.value,
           (SELECT r.country FROM project_route AS r
            WHERE r.project_id = cap.project_id AND r.role = 'destination'
            ORDER BY r.position DESC
            LIMIT 1)
    FROM capacity AS cap
    WHERE cap.value IS NOT NULL
)
SELECT d.destination AS destination,
       coalesce(c.common_name, c.name) AS destination_name,
       sum(d.value) AS bcm_per_year,
       (SELECT group_concat(project_id, '; ')
        FROM (SELECT d2.project_id FROM destined AS d2
              WHERE d2.destination IS d.destination
              ORDER BY d2.project_id)) AS projects
FROM destined AS d
LEFT JOIN countries AS c ON c.code = d.destination
GROUP BY d.destination
ORDER BY bcm_per_year DESC, d.destination IS NULL, d.destination;
