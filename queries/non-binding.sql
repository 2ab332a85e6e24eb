-- name: non-binding
-- title: Agreements not known to be binding
-- description: Agreements recorded as not binding, whose binding force is unknown, or that are called binding by some parties while others have not confirmed (why says which, and who). Newest first.
SELECT a.id AS agreement,
       a.title AS title,
       a.kind AS kind,
       b.description AS binding,
       a.status AS status,
       a.signed AS signed,
       CASE a.binding
           WHEN 'no' THEN 'recorded as not binding'
           WHEN 'unknown' THEN 'binding force unknown'
           ELSE 'binding only per ' || b.asserted_by || '; ' || b.unconfirmed || ' not confirmed'
       END AS why
FROM agreements AS a
JOIN agreement_binding AS b ON b.agreement_id = a.id
WHERE a.binding IN ('no', 'unknown')
   OR (a.binding = 'yes' AND b.asserted_by IS NOT NULL AND b.unconfirmed IS NOT NULL)
ORDER BY a.signed DESC NULLS LAST, a.id;
