-- name: unresolved-pricing
-- title: Deals whose price is not settled
-- description: Agreements that sell or buy a commodity (a seller or buyer party, or a volume term) whose latest price or price formula is proposed, negotiating, unresolved, disputed or not_stated (the source gives a price without saying it was agreed), or that record no price at all.
-- description: An agreed price counts as settled even when it is undisclosed. Price terms that are not negotiated (not_applicable: an analyst's comparison, an estimate) neither settle a price nor unsettle it. Cancelled, terminated and superseded agreements are left out.
-- param: party text optional  Only agreements this party is a party to (id, name or alias)
-- param: since date optional  Only agreements signed on or after this date
WITH matched (party_id) AS (
    SELECT party_id FROM party_names WHERE name = trim(:party) COLLATE NOCASE
),
-- Every agreement, or with :party only that party's, reached through the
-- party index; the arm whose condition is false reads no row.
candidates (id) AS (
    SELECT id FROM agreements WHERE :party IS NULL
    UNION ALL
    SELECT DISTINCT agreement_id FROM agreement_parties
    WHERE :party IS NOT NULL AND party_id IN (SELECT party_id FROM matched)
),
deals AS (
    SELECT a.id, a.title, a.signed,
           (SELECT t.id FROM terms AS t
            WHERE t.agreement_id = a.id AND t.metric IN ('price', 'price_formula')
              AND t.status <> 'not_applicable'
            ORDER BY t.valid_from DESC, t.position DESC
            LIMIT 1) AS price_term
    FROM candidates AS c
    JOIN agreements AS a ON a.id = c.id
    WHERE (a.status IS NULL
           OR a.status NOT IN ('cancelled', 'terminated', 'superseded'))
      AND (EXISTS (SELECT 1 FROM agreement_parties AS ap
                   WHERE ap.agreement_id = a.id AND ap.role IN ('seller', 'buyer'))
           OR EXISTS (SELECT 1 FROM terms AS t
                      WHERE t.agreement_id = a.id AND t.metric = 'volume'))
      -- Signed on or after :since, at the precision of both (view date_precisions).
      AND (:since IS NULL
           OR (SELECT s.signed_last_day FROM agreement_spans AS s WHERE s.agreement_id = a.id)
              >= (SELECT :since || d.first_suffix FROM date_precisions AS d WHERE d.length = length(:since)))
)
SELECT d.id AS agreement,
       d.title AS title,
       d.signed AS signed,
       (SELECT group_concat(x, '; ')
        FROM (SELECT l.label AS x FROM agreement_party_labels AS l
              WHERE l.agreement_id = d.id
              ORDER BY l.position)) AS parties,
       coalesce(t.status, 'not recorded') AS price_status,
       coalesce(nullif(trim(t.text), ''),
                CASE WHEN t.value IS NOT NULL
                     THEN printf('%.15g', t.value) || coalesce(' ' || t.unit, '') END)
           AS note
FROM deals AS d
LEFT JOIN terms AS t ON t.id = d.price_term
WHERE t.id IS NULL OR t.status <> 'agreed'
ORDER BY d.signed DESC NULLS LAST, d.id;
