-- name: unconfirmed
-- title: Unconfirmed parties to agreements
-- description: Parties whose participation in an agreement (in the role given) is not confirmed: confirmed is no or unknown.
SELECT a.id AS agreement,
       a.title AS title,
       ap.label AS party,
       ap.confirmed AS confirmed
FROM agreement_party_labels AS ap
JOIN agreements AS a ON a.id = ap.agreement_id
WHERE ap.confirmed IN ('no', 'unknown')
ORDER BY a.signed DESC NULLS LAST, a.id, ap.position;
