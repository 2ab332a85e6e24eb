-- name: capacity-by-owner
-- title: Capacity by owner: each company's share of pipeline and LNG capacity, by project status (bcm/y)
-- description: Each owner's share-weighted capacity: a project's capacity (bcm/y, the latest recorded, by the rule of volumes-by-destination) times the owner's stake, added up by the project's status (operating, construction, proposed). Where the source gives an owner without a share, that project's whole capacity is in share_unknown instead, never guessed: the owner's true figure lies between the status columns and those plus share_unknown. projects counts the projects it holds a stake in. Figures are rounded to 0.01 bcm/y, GEM's own precision.
-- description: With level=parent, the parent companies GEM names behind the owners, by their stakes. Each pipeline and terminal counts once (docs/GEM.md, "One pipeline, one project"); cancelled, shelved, mothballed and retired projects and values a data-quality rule flags are left out.
-- param: level choices(owner|parent) default owner  Direct owners, or the parent companies behind them
WITH capacity (project_id, status, value) AS MATERIALIZED (
    SELECT pj.id, pj.status,
           (SELECT t.bcm_per_year FROM terms AS t JOIN term_periods AS tp ON tp.term_id = t.id
            WHERE t.project_id = pj.id AND t.metric = 'capacity' AND t.bcm_per_year IS NOT NULL
              -- The rules of the view flagged_terms, written out so that each
              -- term is looked up by index instead of scanning the view.
              AND NOT EXISTS (SELECT 1 FROM quality_limits AS l
                              WHERE l.project_kind = pj.kind AND l.metric = t.metric AND l.unit = t.unit
                                AND t.value > l.max_value)
              AND NOT EXISTS (SELECT 1 FROM quality_notes AS n WHERE n.term_id = t.id)
            ORDER BY tp.starts DESC, t.unit = 'bcm/y' DESC, t.position DESC
            LIMIT 1)
    -- Each pipeline or terminal once, none that is cancelled or retired.
    FROM counted_projects AS pj
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
