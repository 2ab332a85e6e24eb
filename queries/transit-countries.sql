-- name: transit-countries
-- title: Transit countries
-- description: Every transit country: from project routes (transit legs) and from parties holding the transit role in an agreement (the party's country; project empty when the agreement has none).
-- description: agreements lists the agreements that give a party of that country the transit role, for that project.
-- param: project text optional  Only this project (id or name)
WITH transit_parties (project, country, agreement) AS (
    SELECT coalesce(a.project_id, ''), p.country, a.id
    FROM agreement_parties AS ap
    JOIN parties AS p ON p.id = ap.party_id
    JOIN agreements AS a ON a.id = ap.agreement_id
    WHERE ap.role = 'transit' AND p.country IS NOT NULL
),
pairs (project, country) AS (
    SELECT project_id, country FROM project_route WHERE role = 'transit'
    UNION
    SELECT project, country FROM transit_parties
)
SELECT pr.project AS project,
       pr.country AS country,
       coalesce(c.common_name, c.name) AS country_name,
       (SELECT group_concat(agreement, '; ')
        FROM (SELECT DISTINCT agreement FROM transit_parties AS tp
              WHERE tp.project = pr.project AND tp.country = pr.country
              ORDER BY agreement)) AS agreements
FROM pairs AS pr
JOIN countries AS c ON c.code = pr.country
WHERE :project IS NULL
   OR pr.project = lower(:project)
   OR pr.project IN (SELECT id FROM projects WHERE name = :project COLLATE NOCASE)
ORDER BY pr.project, pr.country;
