-- name: deals-by-party
-- title: A party's deals
-- description: Every agreement the party takes part in, one row per role it holds, with the other parties and their roles. Newest first. Ownership stakes in projects are not agreements: projects-by-owner lists those.
-- param: party text required  The party (id, name or alias)
WITH matched (party_id) AS (
    SELECT party_id FROM party_names WHERE name = trim(:party) COLLATE NOCASE
)
SELECT a.id AS agreement,
       a.title AS title,
       a.kind AS kind,
       a.status AS status,
       a.signed AS signed,
       ap.role AS role,
       (SELECT group_concat(x, '; ')
        FROM (SELECT p.name || ' (' || o.role || ')' AS x
              FROM agreement_parties AS o JOIN parties AS p ON p.id = o.party_id
              WHERE o.agreement_id = a.id AND o.party_id <> ap.party_id
              ORDER BY o.position)) AS counterparties
FROM agreement_parties AS ap
JOIN agreements AS a ON a.id = ap.agreement_id
WHERE ap.party_id IN (SELECT party_id FROM matched)
ORDER BY a.signed DESC NULLS LAST, a.id, ap.position;
