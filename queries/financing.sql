-- name: financing
-- title: Cost and financing of projects and agreements
-- description: For each project and agreement with a cost, a financing term or a financier: the latest cost (value and unit, or its text) with its status and evidence, the financiers, lenders and investors (for a project, those of the agreements about it and of the finance an analyst accepted as paying for it), and the latest financing term's status and text.
-- description: A finance record (an AidData loan or grant) is an agreement here: its financing is its amount in the original currency, and its funders (lenders, grantors, co-financiers) are its financiers.
WITH subjects (subject, subject_kind, cost_term, financing_term, financiers, finance) AS MATERIALIZED (
    SELECT pj.id, 'project',
           (SELECT t.id FROM terms AS t
            WHERE t.project_id = pj.id AND t.metric = 'cost'
            ORDER BY t.valid_from DESC, t.position DESC LIMIT 1),
           (SELECT t.id FROM terms AS t
            WHERE t.project_id = pj.id AND t.metric = 'financing'
            ORDER BY t.valid_from DESC, t.position DESC LIMIT 1),
           (SELECT group_concat(x, '; ')
            FROM (SELECT DISTINCT l.label AS x
                  FROM agreements AS a
                  CROSS JOIN agreement_party_labels AS l ON l.agreement_id = a.id
                  WHERE (a.project_id = pj.id
                         OR a.id IN (SELECT fl.agreement_id FROM finance_links AS fl
                                     WHERE fl.project_id = pj.id AND fl.state = 'accepted'))
                    AND l.role IN ('financier', 'lender', 'investor', 'grantor', 'co_financier')
                  ORDER BY x)),
           0
    FROM projects AS pj
    UNION ALL
    SELECT a.id, 'agreement',
           (SELECT t.id FROM terms AS t
            WHERE t.agreement_id = a.id AND t.metric = 'cost'
            ORDER BY t.valid_from DESC, t.position DESC LIMIT 1),
           CASE WHEN EXISTS (SELECT 1 FROM finance_records AS fr WHERE fr.agreement_id = a.id)
                -- A finance record's amount, in the currency it was given in.
                THEN (SELECT t.id FROM terms AS t
                      WHERE t.agreement_id = a.id AND t.metric = 'financing' AND t.unit GLOB '[A-Z][A-Z][A-Z]'
                      ORDER BY t.position LIMIT 1)
                ELSE (SELECT t.id FROM terms AS t
                      WHERE t.agreement_id = a.id AND t.metric = 'financing'
                      ORDER BY t.valid_from DESC, t.position DESC LIMIT 1) END,
           (SELECT group_concat(x, '; ')
            FROM (SELECT l.label AS x
                  FROM agreement_party_labels AS l
                  WHERE l.agreement_id = a.id
                    AND l.role IN ('financier', 'lender', 'investor', 'grantor', 'co_financier')
                  ORDER BY l.position)),
           EXISTS (SELECT 1 FROM finance_records AS fr WHERE fr.agreement_id = a.id)
    FROM agreements AS a
)
SELECT s.subject AS subject,
       s.subject_kind AS subject_kind,
       coalesce(CASE WHEN c.value IS NOT NULL
                     THEN printf('%.15g', c.value) || coalesce(' ' || c.unit, '') END,
                nullif(trim(c.text), '')) AS cost,
       c.status || ', ' || c.evidence
           || CASE c.disclosure WHEN 'undisclosed' THEN ', undisclosed' ELSE '' END
           AS cost_status,
       s.financiers AS financiers,
       CASE WHEN f.id IS NULL THEN 'not recorded'
            WHEN s.finance AND f.value IS NOT NULL
            THEN f.status || ': ' || printf('%.15g', f.value) || coalesce(' ' || f.unit, '')
                 || CASE f.evidence WHEN 'estimated' THEN ' (estimated)' ELSE '' END
            ELSE f.status || coalesce(': ' || coalesce(
                     nullif(trim(f.text), ''),
                     CASE WHEN f.value IS NOT NULL
                          THEN printf('%.15g', f.value) || coalesce(' ' || f.unit, '') END),
                 '')
       END AS financing_status
FROM subjects AS s
LEFT JOIN terms AS c ON c.id = s.cost_term
LEFT JOIN terms AS f ON f.id = s.financing_term
WHERE s.cost_term IS NOT NULL OR s.financing_term IS NOT NULL
   OR s.financiers IS NOT NULL
ORDER BY s.subject_kind DESC, s.subject;
