-- name: projects-by-owner
-- title: A party's projects
-- description: Every project the party owns, one row each: directly (share is its stake) or, when it is only named as the parent company behind the owners, through them (via_parent yes, share the parent's stake when the source gives one). countries lists the route, origin first. Ownership stakes are not agreements: deals-by-party lists those.
-- param: party text required  The party (id, name or alias)
WITH matched (party_id) AS (
    SELECT party_id FROM party_names WHERE name = trim(:party) COLLATE NOCASE
),
stakes (project_id, direct, direct_share, parent_share) AS (
    SELECT o.project_id,
           max(o.level = 'owner'),
           max(CASE o.level WHEN 'owner' THEN o.share END),
           max(CASE o.level WHEN 'parent' THEN o.share END)
    FROM project_owners AS o
    WHERE o.party_id IN (SELECT party_id FROM matched)
    GROUP BY o.project_id
)
SELECT pj.id AS project,
       pj.name AS name,
       pj.kind AS kind,
       pj.status AS status,
       CASE WHEN s.direct THEN s.direct_share ELSE s.parent_share END AS share,
       CASE WHEN s.direct THEN 'no' ELSE 'yes' END AS via_parent,
       (SELECT group_concat(country, '; ')
        FROM (SELECT r.country FROM project_route AS r
              WHERE r.project_id = pj.id
              GROUP BY r.country ORDER BY min(r.position))) AS countries
FROM stakes AS s
JOIN projects AS pj ON pj.id = s.project_id
ORDER BY pj.id;
