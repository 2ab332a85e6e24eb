-- A party as every list of an agreement's parties names it: `Name (role)`.
-- The named queries, `dealdb list` and the sqlite3 shell read the label
-- here instead of each spelling the expression (0010's agreement_overview,
-- released before this view, keeps its own copy).
CREATE VIEW agreement_party_labels (agreement_id, position, party_id, role, confirmed, citable_id, label) AS
    SELECT ap.agreement_id, ap.position, ap.party_id, ap.role, ap.confirmed, ap.citable_id,
           p.name || ' (' || ap.role || ')'
    FROM agreement_parties AS ap JOIN parties AS p ON p.id = ap.party_id;
