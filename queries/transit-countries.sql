-- name: transit-countries
-- title: Transit countries
-- description: Every transit country: from project routes (transit legs) and from parties holding the transit role in an agreement (the party's country; project empty when the agreement has none).
-- description: A project's countries come in route order (the route's positions), then those only its agreements name.
-- description: agreements lists the agreements that give a party of that country the transit role, for that project.
-- description: A route country that the route checks flag (docs/QUALITY.md: GEM's Trans-Mediterranean line "through Croatia", whose route ends 60 km away at Gorizia) is left out, as flagged values are left out of sums, unless include_flagged is true; `dealdb doctor` names them.
-- param: project text optional  Only this project (id or name)
-- param: include_flagged boolean default false  Also list route countries flagged by the route checks
WITH project_ids (id) AS (
    SELECT project_id FROM project_names WHERE name = trim(:project) COLLATE NOCASE
),
transit_parties (project, country, agreement) AS (
    -- Two arms in each table below, so that a given project is reached
    -- through its index; the arm whose condition on :project is false is
    -- skipped before it reads a row.
    -- CAST: coalesce() has no affinity, and a column without one cannot
    -- be matched through an index against the TEXT project ids below, so
    -- every pair scanned every transit party (1 s at scale 1, 0.2 s with).
    SELECT CAST(coalesce(a.project_id, '') AS TEXT), p.country, a.id
    FROM agreement_parties AS ap
    JOIN parties AS p ON p.id = ap.party_id
    JOIN agreements AS a ON a.id = ap.agreement_id
    WHERE :project IS NULL AND ap.role = 'transit' AND p.country IS NOT NULL
    UNION ALL
    SELECT a.project_id, p.country, a.id
    FROM agreements AS a
    JOIN agreement_parties AS ap ON ap.agreement_id = a.id
    JOIN parties AS p ON p.id = ap.party_id
    WHERE a.project_id IN (SELECT id FROM project_ids) AND ap.role = 'transit' AND p.country IS NOT NULL
),
pairs (project, country) AS (
    SELECT r.project_id, r.country FROM project_route AS r
    WHERE :project IS NULL AND r.role = 'transit'
      AND (:include_flagged OR NOT EXISTS (SELECT 1 FROM flagged_route_countries AS f
                                           WHERE f.project_id = r.project_id AND f.country = r.country))
    UNION
    SELECT r.project_id, r.country FROM project_route AS r
    WHERE r.project_id IN (SELECT id FROM project_ids) AND r.role = 'transit'
      AND (:include_flagged OR NOT EXISTS (SELECT 1 FROM flagged_route_countries AS f
                                           WHERE f.project_id = r.project_id AND f.country = r.country))
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
-- Route order, not the alphabet: Nord Stream 2 crosses FI, then SE, then DK.
ORDER BY pr.project,
         (SELECT min(r.position) FROM project_route AS r
          WHERE r.project_id = pr.project AND r.country = pr.country AND r.role = 'transit') IS NULL,
         (SELECT min(r.position) FROM project_route AS r
          WHERE r.project_id = pr.project AND r.country = pr.country AND r.role = 'transit'),
         pr.country;
