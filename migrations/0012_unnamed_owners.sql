-- Stakes whose holder the source does not name.
--
-- GEM lists "unknown [25.50%]" or "other [12.00%]" among a project's owners
-- and parents. The GEM import made each such word a party, so one company
-- called "unknown" seemed to hold stakes in hundreds of projects and led the
-- report's table of owners. A stake now names either a party or, in
-- `unnamed`, the word the source gives for a holder it does not name; its
-- share still counts when the shares are added up (docs/QUALITY.md).
--
-- SQLite cannot drop a NOT NULL in place, so project_owners is rebuilt as
-- 0008 rebuilt terms: with legacy_alter_table on, the rename leaves the
-- views and other tables' triggers that name project_owners as they are;
-- its own triggers and indexes go with the old table and are created again
-- below, as 0004 and 0007 wrote them.

PRAGMA legacy_alter_table = ON;

CREATE TABLE project_owners_new (
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    -- 'owner': a direct owner; 'parent': an ultimate owner behind the owners.
    level      TEXT NOT NULL CHECK (level IN ('owner', 'parent')),
    position   INTEGER NOT NULL CHECK (position >= 1),
    -- The holder, when the source names one.
    party_id   TEXT REFERENCES parties (id),
    -- What the source calls a holder it does not name ('unknown', 'other').
    unnamed    TEXT CHECK (unnamed IS NULL OR trim(unnamed) <> ''),
    -- Percent; NULL when the source gives the owner without a share.
    share      REAL CHECK (share IS NULL OR (share >= 0 AND share <= 100)),
    source_id  TEXT NOT NULL REFERENCES sources (id),
    PRIMARY KEY (project_id, level, position),
    -- Each named party once per level; unnamed holders may repeat (NULLs
    -- are distinct in a UNIQUE constraint).
    UNIQUE (project_id, level, party_id),
    CHECK ((party_id IS NULL) <> (unnamed IS NULL))
) STRICT;

-- The placeholders the GEM import made parties of become unnamed holders:
-- parties it created (its note says so) whose whole name is such a word.
CREATE TEMP TABLE placeholder_parties AS
    SELECT id, name FROM parties
    WHERE note LIKE 'created by the GEM import%'
      AND lower(trim(name)) IN ('unknown', 'other', 'others', 'undisclosed', 'not known', 'not disclosed',
                                'unnamed', 'various');

INSERT INTO project_owners_new (project_id, level, position, party_id, unnamed, share, source_id)
    SELECT o.project_id, o.level, o.position,
           CASE WHEN ph.id IS NULL THEN o.party_id END, ph.name, o.share, o.source_id
    FROM project_owners AS o LEFT JOIN placeholder_parties AS ph ON ph.id = o.party_id
    ORDER BY o.project_id, o.level, o.position;

DROP TABLE project_owners;
ALTER TABLE project_owners_new RENAME TO project_owners;
PRAGMA legacy_alter_table = OFF;

-- A placeholder party that nothing else names is gone with its stakes.
DELETE FROM parties
WHERE id IN (SELECT id FROM placeholder_parties)
  AND NOT EXISTS (SELECT 1 FROM agreement_parties WHERE party_id = parties.id)
  AND NOT EXISTS (SELECT 1 FROM event_parties WHERE party_id = parties.id)
  AND NOT EXISTS (SELECT 1 FROM party_aliases WHERE party_id = parties.id);
DROP TABLE placeholder_parties;

-- As in 0004.
CREATE INDEX project_owners_party ON project_owners (party_id, level);
CREATE INDEX project_owners_source ON project_owners (source_id);

-- As in 0007.
CREATE TRIGGER search_project_owners_insert AFTER INSERT ON project_owners BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('project', NEW.project_id);
END;
CREATE TRIGGER search_project_owners_update AFTER UPDATE ON project_owners BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('project', OLD.project_id);
    INSERT INTO search_refresh (kind, ref) SELECT 'project', NEW.project_id WHERE NEW.project_id IS NOT OLD.project_id;
END;
CREATE TRIGGER search_project_owners_delete AFTER DELETE ON project_owners BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('project', OLD.project_id);
END;

-- project_overview (0010) lists an unnamed holder too, marked as such:
-- `unnamed "unknown" (25.5%)`.
DROP VIEW project_overview;
CREATE VIEW project_overview (id, name, kind, status, commodity, origin, transit, destination, capacity_bcm_y,
                              length_km, start_year, owners, note) AS
    SELECT p.id, p.name, p.kind, p.status, p.commodity,
           (SELECT group_concat(country, '; ') FROM (SELECT r.country FROM project_route AS r
                WHERE r.project_id = p.id AND r.role = 'origin' ORDER BY r.position)),
           (SELECT group_concat(country, '; ') FROM (SELECT r.country FROM project_route AS r
                WHERE r.project_id = p.id AND r.role = 'transit' ORDER BY r.position)),
           (SELECT group_concat(country, '; ') FROM (SELECT r.country FROM project_route AS r
                WHERE r.project_id = p.id AND r.role = 'destination' ORDER BY r.position)),
           (SELECT CAST(t.bcm_per_year AS REAL) FROM terms AS t
            WHERE t.project_id = p.id AND t.metric = 'capacity' AND t.bcm_per_year IS NOT NULL
            ORDER BY t.unit IS NOT 'bcm/y', t.valid_from IS NULL, t.valid_from DESC, t.position LIMIT 1),
           (SELECT t.value FROM terms AS t WHERE t.project_id = p.id AND t.metric = 'length' AND t.unit = 'km'
            ORDER BY t.valid_from IS NULL, t.valid_from DESC, t.position LIMIT 1),
           (SELECT CAST(substr(e.date, 1, 4) AS INTEGER) FROM events AS e WHERE e.id = p.id || '-start'),
           (SELECT group_concat(label, '; ')
            FROM (SELECT coalesce(pa.name, 'unnamed "' || o.unnamed || '"')
                         || CASE WHEN o.share IS NULL THEN ''
                                 WHEN o.share = CAST(o.share AS INTEGER) THEN ' (' || CAST(o.share AS INTEGER) || '%)'
                                 ELSE ' (' || o.share || '%)' END AS label
                  FROM project_owners AS o LEFT JOIN parties AS pa ON pa.id = o.party_id
                  WHERE o.project_id = p.id AND o.level = 'owner' ORDER BY o.position)),
           p.note
    FROM projects AS p;
