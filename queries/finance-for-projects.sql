-- name: finance-for-projects
-- title: Projects and the finance behind them
-- description: Each link between a finance record (an AidData loan or grant) and the project it pays for: proposed by the matcher (with its confidence and evidence: the name in the record's title, the kind of facility, the place, the parties) or accepted by an analyst in a document; rejected links are left out. A project given as several rows is listed by the entity it belongs to (docs/GEM.md). usd_2021 is the record's amount in constant 2021 US dollars; counted says whether the dataset recommends it for aggregates (a sum adds only those).
-- param: state choice(proposed|accepted|any) default any  Only proposed links, only accepted ones, or both
-- param: project text optional  Only the finance of this project (id or name)
SELECT pf.entity_id AS project,
       pj.name AS project_name,
       pf.agreement_id AS agreement,
       a.title AS title,
       pf.state AS state,
       pf.confidence AS confidence,
       (SELECT group_concat(name, '; ')
        FROM (SELECT p.name FROM agreement_parties AS ap JOIN parties AS p ON p.id = ap.party_id
              WHERE ap.agreement_id = a.id AND ap.role IN ('lender', 'grantor', 'financier')
              ORDER BY ap.position)) AS lenders,
       f.usd_2021 AS usd_2021,
       CASE f.recommended WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END AS counted,
       pf.evidence AS evidence
FROM project_finance AS pf
JOIN agreements AS a ON a.id = pf.agreement_id
JOIN projects AS pj ON pj.id = pf.entity_id
LEFT JOIN finance_records AS f ON f.agreement_id = a.id
WHERE (:state = 'any' OR pf.state = :state)
  AND (:project IS NULL OR pf.entity_id IN (SELECT project_id FROM project_names WHERE name = trim(:project) COLLATE NOCASE)
       OR pf.project_id IN (SELECT project_id FROM project_names WHERE name = trim(:project) COLLATE NOCASE))
ORDER BY pf.entity_id, pf.state = 'proposed', pf.confidence DESC, pf.agreement_id;
