-- name: unsourced
-- title: Facts without a source
-- description: Projects, agreements, terms, events and agreement parties with no citation. A term's id is its owner's id and position (pos-2#3); an agreement party's likewise (its agreement and position), and it is listed only when its agreement is not cited either.
-- description: Empty on a fully cited dataset.
WITH facts (kind, id, description, kind_order, owner, pos) AS (
    SELECT 'project', pj.id, pj.name, 1, pj.id, 0
    FROM projects AS pj
    WHERE NOT EXISTS (SELECT 1 FROM citations AS c WHERE c.citable_id = pj.citable_id)
    UNION ALL
    SELECT 'agreement', a.id, a.title, 2, a.id, 0
    FROM agreements AS a
    WHERE NOT EXISTS (SELECT 1 FROM citations AS c WHERE c.citable_id = a.citable_id)
    UNION ALL
    SELECT 'agreement_party', ap.agreement_id || '#' || ap.position,
           ap.label, 3, ap.agreement_id, ap.position
    FROM agreement_party_labels AS ap
    JOIN agreements AS a ON a.id = ap.agreement_id
    WHERE NOT EXISTS (SELECT 1 FROM citations AS c WHERE c.citable_id = ap.citable_id)
      AND NOT EXISTS (SELECT 1 FROM citations AS c WHERE c.citable_id = a.citable_id)
    UNION ALL
    SELECT 'term', coalesce(t.agreement_id, t.project_id) || '#' || t.position,
           t.metric || coalesce(': ' || coalesce(
               nullif(trim(t.text), ''),
               CASE WHEN t.value IS NOT NULL
                    THEN printf('%.15g', t.value) || coalesce(' ' || t.unit, '') END), ''),
           4, coalesce(t.agreement_id, t.project_id), t.position
    FROM terms AS t
    WHERE NOT EXISTS (SELECT 1 FROM citations AS c WHERE c.citable_id = t.citable_id)
    UNION ALL
    SELECT 'event', e.id, e.date || ' ' || e.title, 5, e.id, 0
    FROM events AS e
    WHERE NOT EXISTS (SELECT 1 FROM citations AS c WHERE c.citable_id = e.citable_id)
)
SELECT kind, id, description
FROM facts
ORDER BY kind_order, owner, pos, description;
