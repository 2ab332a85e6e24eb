-- name: finance-by-lender
-- title: Development finance by lender (constant 2021 US dollars)
-- description: The amounts in constant 2021 US dollars of the finance records a dataset recommends for aggregates (AidData's "Recommended For Aggregates"; the others, such as an umbrella beside its tranches or a cancelled portion, are left out), by the funding agencies that give them. A record several agencies give together is counted once, on a row that names them together (lender holds their ids, lender_name their names, each in the record's order), so the column adds up to the total of the records chosen. records counts the records; one without an amount counts there and adds nothing.
-- param: sector text optional  Only this sector: AidData's code (230) or name (ENERGY), any case
-- param: recipient text optional  Only finance to this country (code, name or alias) or recipient as AidData names it
-- param: since integer optional  Only records committed in this year or later
-- param: until integer optional  Only records committed in this year or earlier
WITH chosen (agreement_id, usd_2021) AS MATERIALIZED (
    SELECT f.agreement_id, f.usd_2021
    FROM counted_finance AS f
    WHERE (:sector IS NULL OR f.sector_code = trim(:sector) OR f.sector = trim(:sector) COLLATE NOCASE)
      AND (:recipient IS NULL
           OR f.recipient_name = trim(:recipient) COLLATE NOCASE
           OR f.recipient = upper(trim(:recipient))
           OR f.recipient IN (SELECT code FROM countries
                              WHERE name = trim(:recipient) COLLATE NOCASE OR common_name = trim(:recipient) COLLATE NOCASE)
           OR f.recipient IN (SELECT code FROM country_names WHERE name = trim(:recipient) COLLATE NOCASE))
      AND (:since IS NULL OR f.commitment_year >= :since)
      AND (:until IS NULL OR f.commitment_year <= :until)
),
-- The funding agencies of each record, in its order: lenders of a loan,
-- grantors of a grant, financiers of another flow.
funders (agreement_id, usd_2021, lender, lender_name) AS (
    SELECT c.agreement_id, c.usd_2021,
           (SELECT group_concat(party_id, '; ')
            FROM (SELECT ap.party_id FROM agreement_parties AS ap
                  WHERE ap.agreement_id = c.agreement_id AND ap.role IN ('lender', 'grantor', 'financier')
                  ORDER BY ap.position)),
           (SELECT group_concat(name, '; ')
            FROM (SELECT p.name FROM agreement_parties AS ap JOIN parties AS p ON p.id = ap.party_id
                  WHERE ap.agreement_id = c.agreement_id AND ap.role IN ('lender', 'grantor', 'financier')
                  ORDER BY ap.position))
    FROM chosen AS c
)
SELECT lender AS lender,
       coalesce(lender_name, 'no funding agency named') AS lender_name,
       count(*) AS records,
       round(coalesce(sum(usd_2021), 0), 2) AS usd_2021
FROM funders
GROUP BY lender
ORDER BY sum(usd_2021) DESC NULLS LAST, lender;
