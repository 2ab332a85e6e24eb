-- name: non-binding
-- title: Agreements not known to be binding
-- description: Agreements recorded as not binding, or whose binding force is unknown. Newest first.
SELECT a.id AS agreement,
       a.title AS title,
       a.kind AS kind,
       a.binding AS binding,
       a.status AS status,
       a.signed AS signed
FROM agreements AS a
WHERE a.binding IN ('no', 'unknown')
ORDER BY a.signed DESC NULLS LAST, a.id;
