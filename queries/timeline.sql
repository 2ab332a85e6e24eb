-- name: timeline
-- title: Timeline of events and signings
-- description: Events (kind event, or planned for planned dates) and agreement signings, in date order. An event's project is its own or else its agreement's.
-- description: Dates too coarse to order (2025 beside 2025-09-02) keep the order the source lists them in: such an item comes after the latest finer date of its year (or month) listed before it.
-- description: With party, only events the party takes part in (directly or as a party to the event's agreement) and signings of its agreements; with project, only those of that project.
-- param: party text optional  Only what involves this party (id, name or alias)
-- param: project text optional  Only what concerns this project (id or name)
WITH matched (party_id) AS (
    SELECT party_id FROM party_names WHERE name = trim(:party) COLLATE NOCASE
),
project_ids (id) AS (
    SELECT project_id FROM project_names WHERE name = trim(:project) COLLATE NOCASE
),
-- Without a party or project, every event and signing is looked at (the
-- result holds them all). With one, separate arms reach the rows through
-- indexes (a party's through event_parties and agreement_parties, a
-- project's through the project_id and agreement_id indexes) instead of
-- testing every row. The `:party IS NULL` tests are decided once per run,
-- so only the arms that apply do any work.
items (date, kind, title, agreement, project, sort_id, seq) AS (
    SELECT e.date,
           CASE e.date_kind WHEN 'planned' THEN 'planned' ELSE 'event' END,
           e.title, e.agreement_id, coalesce(e.project_id, ea.project_id), e.id, e.citable_id
    FROM events AS e
    LEFT JOIN agreements AS ea ON ea.id = e.agreement_id
    WHERE :party IS NULL AND :project IS NULL
    UNION ALL
    SELECT e.date,
           CASE e.date_kind WHEN 'planned' THEN 'planned' ELSE 'event' END,
           e.title, e.agreement_id, coalesce(e.project_id, ea.project_id), e.id, e.citable_id
    FROM events AS e
    LEFT JOIN agreements AS ea ON ea.id = e.agreement_id
    WHERE :party IS NULL AND :project IS NOT NULL
      AND (e.project_id IN (SELECT id FROM project_ids)
           OR (e.project_id IS NULL
               AND e.agreement_id IN (SELECT id FROM agreements
                                      WHERE project_id IN (SELECT id FROM project_ids))))
    UNION ALL
    SELECT e.date,
           CASE e.date_kind WHEN 'planned' THEN 'planned' ELSE 'event' END,
           e.title, e.agreement_id, coalesce(e.project_id, ea.project_id), e.id, e.citable_id
    FROM events AS e
    LEFT JOIN agreements AS ea ON ea.id = e.agreement_id
    WHERE :party IS NOT NULL
      AND (e.id IN (SELECT ep.event_id FROM event_parties AS ep
                    WHERE ep.party_id IN (SELECT party_id FROM matched))
           OR e.agreement_id IN (SELECT ap.agreement_id FROM agreement_parties AS ap
                                 WHERE ap.party_id IN (SELECT party_id FROM matched)))
      AND (:project IS NULL
           OR coalesce(e.project_id, ea.project_id) IN (SELECT id FROM project_ids))
    UNION ALL
    SELECT a.signed, 'signing', a.title, a.id, a.project_id, a.id, a.citable_id
    FROM agreements AS a
    WHERE :party IS NULL AND :project IS NULL
      AND a.signed IS NOT NULL
    UNION ALL
    SELECT a.signed, 'signing', a.title, a.id, a.project_id, a.id, a.citable_id
    FROM agreements AS a
    WHERE :party IS NULL AND :project IS NOT NULL
      AND a.project_id IN (SELECT id FROM project_ids)
      AND a.signed IS NOT NULL
    UNION ALL
    SELECT a.signed, 'signing', a.title, a.id, a.project_id, a.id, a.citable_id
    FROM agreements AS a
    WHERE :party IS NOT NULL
      AND a.id IN (SELECT ap.agreement_id FROM agreement_parties AS ap
                   WHERE ap.party_id IN (SELECT party_id FROM matched))
      AND a.signed IS NOT NULL
      AND (:project IS NULL OR a.project_id IN (SELECT id FROM project_ids))
),
-- Dates too coarse to order keep the source's order: citable ids are
-- handed out in document order, so an item is placed at the latest finer
-- date of its year or month on an item listed before it (events among
-- events, signings among agreements), after the items dated exactly that.
-- Every '2025-...' lies between '2025-' and '2025.', a range the date
-- indexes answer. The same rule as EventOrder.swift (show, export, report).
placed (date, kind, title, agreement, project, sort_id, seq, placed) AS (
    SELECT i.*,
           CASE WHEN length(i.date) = 10 THEN i.date  -- a day: nothing finer to look for
           WHEN i.kind = 'signing' THEN
               coalesce((SELECT max(o.signed) FROM agreements AS o
                         WHERE o.signed > i.date || '-' AND o.signed < i.date || '.' AND o.citable_id < i.seq), i.date)
           ELSE
               coalesce((SELECT max(o.date) FROM events AS o
                         WHERE o.date > i.date || '-' AND o.date < i.date || '.' AND o.citable_id < i.seq), i.date)
           END
    FROM items AS i
)
SELECT date, kind, title, agreement, project
FROM placed
ORDER BY placed, placed <> date, kind, seq, sort_id;
