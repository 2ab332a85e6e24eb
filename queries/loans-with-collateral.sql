-- name: loans-with-collateral
-- title: Finance secured by collateral
-- description: Finance records that are collateralized or name a collateral provider or security agent (AidData's Collateralized, Collateral, Collateral Provider and Security Agent columns): the lenders, the borrower or recipient, who provides the collateral, what it is, the amount in constant 2021 US dollars and whether the dataset counts it in sums.
-- param: recipient text optional  Only finance to this country (code, name or alias) or recipient as AidData names it
SELECT a.id AS agreement,
       a.title AS title,
       a.signed AS signed,
       f.recipient_name AS recipient,
       (SELECT group_concat(label, '; ') FROM (SELECT l.label FROM agreement_party_labels AS l
            WHERE l.agreement_id = a.id AND l.role IN ('lender', 'grantor', 'financier', 'co_financier')
            ORDER BY l.position)) AS lenders,
       (SELECT group_concat(label, '; ') FROM (SELECT l.label FROM agreement_party_labels AS l
            WHERE l.agreement_id = a.id AND l.role IN ('borrower', 'recipient')
            ORDER BY l.position)) AS borrowers,
       (SELECT group_concat(label, '; ') FROM (SELECT l.label FROM agreement_party_labels AS l
            WHERE l.agreement_id = a.id AND l.role IN ('collateral_provider', 'security_agent')
            ORDER BY l.position)) AS collateral_providers,
       (SELECT group_concat(substr(t.text, 13), '; ') FROM terms AS t
        WHERE t.agreement_id = a.id AND t.metric = 'other' AND t.text LIKE 'collateral: %') AS collateral,
       f.usd_2021 AS usd_2021,
       CASE f.recommended WHEN 1 THEN 'yes' ELSE 'no' END AS counted
FROM finance_records AS f
JOIN agreements AS a ON a.id = f.agreement_id
WHERE (EXISTS (SELECT 1 FROM terms AS t
               WHERE t.agreement_id = a.id AND t.metric = 'other' AND t.text LIKE 'collateral: %')
       OR EXISTS (SELECT 1 FROM agreement_parties AS ap
                  WHERE ap.agreement_id = a.id AND ap.role IN ('collateral_provider', 'security_agent')))
  AND (:recipient IS NULL
       OR f.recipient_name = trim(:recipient) COLLATE NOCASE
       OR f.recipient = upper(trim(:recipient))
       OR f.recipient IN (SELECT code FROM countries
                          WHERE name = trim(:recipient) COLLATE NOCASE OR common_name = trim(:recipient) COLLATE NOCASE)
       OR f.recipient IN (SELECT code FROM country_names WHERE name = trim(:recipient) COLLATE NOCASE))
ORDER BY a.signed, a.id;
