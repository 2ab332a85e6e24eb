-- name: capacity-by-owner
-- title: Capacity by owner: each company's share of pipeline and LNG capacity, by project status (bcm/y)
-- description: Each owner's share-weighted capacity: a project's capacity (bcm/y, the latest recorded, by the rule of volumes-by-destination) times the owner's stake, added up by the project's status (operating, construction, proposed). Where the source gives an owner without a share, that project's whole capacity is in share_unknown instead, never guessed: the owner's true figure lies between the status columns and those plus share_unknown. projects counts the projects it holds a stake in. Figures are rounded to 0.01 bcm/y, GEM's own precision.
-- description: With level=parent, the parent companies GEM names behind the owners, by their stakes. Each pipeline and terminal counts once (docs/GEM.md, "One pipeline, one project"); cancelled, shelved, mothballed and retired projects and values a data-quality rule flags are left out.
-- param: level choices(owner|parent) default owner  Direct owners, or the parent companies behind them
WITH capacity (project_id, status, value) AS MATERIALIZED (
    SELECT pj.id, pj.status, c.bcm_per_year
    -- Each pipeline or terminal once, none that is cancelled or retired
    -- (view counted_projects), with the capacity term that stands for it
    -- (view capacity_terms), left out when a data-quality rule flags it.
    -- (CROSS JOIN: projects first, each term then found by its id.)
    FROM counted_projects AS pj
    CROSS JOIN capacity_terms AS c
    WHERE c.term_id = (SELECT c2.term_id FROM capacity_terms AS c2 WHERE c2.project_id = pj.id
                       ORDER BY c2.preference DESC LIMIT 1)
      AND c.flag IS NULL
),
stakes (party_id, project_id, status, value, share) AS (
    SELECT o.party_id, c.project_id, c.status, c.value, o.share
    FROM project_owners AS o JOIN capacity AS c ON c.project_id = o.project_id
    WHERE o.level = :level AND o.party_id IS NOT NULL AND c.value IS NOT NULL
)
SELECT s.party_id AS party,
       pa.name AS party_name,
       round(coalesce(sum(CASE WHEN s.status = 'operating' THEN s.value * s.share / 100 END), 0), 2) AS operating,
       round(coalesce(sum(CASE WHEN s.status = 'construction' THEN s.value * s.share / 100 END), 0), 2) AS construction,
       round(coalesce(sum(CASE WHEN s.status = 'proposed' THEN s.value * s.share / 100 END), 0), 2) AS proposed,
       round(coalesce(sum(CASE WHEN s.share IS NULL THEN s.value END), 0), 2) AS share_unknown,
       count(DISTINCT s.project_id) AS projects
FROM stakes AS s JOIN parties AS pa ON pa.id = s.party_id
GROUP BY s.party_id
ORDER BY construction DESC, operating DESC, s.party_id;
