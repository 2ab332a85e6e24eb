-- name: undisclosed-pricing
-- title: Agreed prices that are not public
-- description: Agreements with a price or price formula that is agreed but undisclosed. note gives the text recorded for those terms.
SELECT a.id AS agreement,
       a.title AS title,
       a.signed AS signed,
       (SELECT group_concat(x, '; ')
        FROM (SELECT l.label AS x FROM agreement_party_labels AS l
              WHERE l.agreement_id = a.id
              ORDER BY l.position)) AS parties,
       (SELECT group_concat(x, '; ')
        FROM (SELECT coalesce(nullif(trim(t.text), ''),
                              CASE WHEN t.value IS NOT NULL
                                   THEN printf('%.15g', t.value) || coalesce(' ' || t.unit, '')
                              END) AS x
              FROM terms AS t
              WHERE t.agreement_id = a.id AND t.metric IN ('price', 'price_formula')
                AND t.status = 'agreed' AND t.disclosure = 'undisclosed'
              ORDER BY t.position)) AS note
FROM agreements AS a
WHERE a.id IN (SELECT t.agreement_id FROM terms AS t
               WHERE t.metric IN ('price', 'price_formula')
                 AND t.status = 'agreed' AND t.disclosure = 'undisclosed')
ORDER BY a.signed DESC NULLS LAST, a.id;
