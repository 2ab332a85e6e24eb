-- Certainty that no default invents, units that convert, when a term is in
-- force, and the values a source got wrong.
--
-- 1. terms.status gains two values and loses its default of 'agreed':
--      'not_stated'     the source gives the fact without saying whether it
--                       was agreed (the default now: a document that says
--                       nothing claims nothing);
--      'not_applicable' the fact is not something parties negotiate: an
--                       analysts' cost estimate, a pipeline's length or
--                       design capacity, a tracker's figure.
--    Rows already stored keep the state they have: nothing tells a stored
--    'agreed' that was written on purpose from one that came from the old
--    default, so no row is rewritten on a guess.
-- 2. terms.unit accepts the gas flow units sources use ('MMcf/d', 'MMscmd',
--    'bcf/d'), and terms.bcm_per_year converts any gas volume or capacity to
--    bcm/y with the factors of docs/UNITS.md. The source's value and unit
--    stay as they were; sums use bcm_per_year, so mtpa is never added to
--    bcm/y.
-- 3. agreements.ended: when an agreement stopped being in force
--    (terminated, superseded, expired, cancelled), when the source says.
-- 4. The view term_periods says from when to when each term is in force
--    (the --as-of rule of docs/FORMAT.md), quality_limits and quality_notes
--    hold the data-quality rules' thresholds and the findings an import made,
--    and the view flagged_terms names the values that sums leave out
--    (docs/QUALITY.md).
--
-- SQLite cannot change a CHECK in place, so terms is rebuilt. With
-- legacy_alter_table on, the rename leaves the views and the triggers of
-- other tables that name terms as they are; the triggers on terms itself go
-- with the old table and are created again below, as 0001 and 0003 wrote
-- them.

PRAGMA legacy_alter_table = ON;

CREATE TABLE terms_new (
    id           INTEGER PRIMARY KEY,
    citable_id   INTEGER NOT NULL UNIQUE REFERENCES citables (id),
    agreement_id TEXT REFERENCES agreements (id) ON DELETE CASCADE,
    project_id   TEXT REFERENCES projects (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position >= 1),
    metric       TEXT NOT NULL CHECK (metric IN
        ('volume', 'capacity', 'price', 'price_formula', 'cost', 'value',
         'duration', 'financing', 'length', 'share', 'other')),
    value        REAL,
    unit         TEXT CHECK (unit IS NULL
        OR unit IN ('bcm/y', 'bcm', 'mtpa', 'MMcf/d', 'MMscmd', 'bcf/d',
                    'km', 'years', 'percent')
        OR (length(unit) = 3 AND unit GLOB '[A-Z][A-Z][A-Z]')),
    text         TEXT,
    status       TEXT NOT NULL DEFAULT 'not_stated' CHECK (status IN
        ('agreed', 'proposed', 'negotiating', 'unresolved', 'disputed',
         'not_stated', 'not_applicable')),
    evidence     TEXT NOT NULL DEFAULT 'reported' CHECK (evidence IN
        ('official', 'reported', 'estimated', 'inferred')),
    disclosure   TEXT NOT NULL DEFAULT 'public'
                 CHECK (disclosure IN ('public', 'undisclosed')),
    valid_from   TEXT CHECK (valid_from IS NULL
        OR (length(valid_from) = 4 AND valid_from GLOB '[0-9][0-9][0-9][0-9]')
        OR (length(valid_from) = 7 AND valid_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
            AND substr(valid_from, 6, 2) BETWEEN '01' AND '12')
        OR (length(valid_from) = 10 AND date(valid_from, '+0 days') IS valid_from)),
    valid_to     TEXT CHECK (valid_to IS NULL
        OR (length(valid_to) = 4 AND valid_to GLOB '[0-9][0-9][0-9][0-9]')
        OR (length(valid_to) = 7 AND valid_to GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
            AND substr(valid_to, 6, 2) BETWEEN '01' AND '12')
        OR (length(valid_to) = 10 AND date(valid_to, '+0 days') IS valid_to)),
    -- Gas per year in bcm, whatever unit the source used (docs/UNITS.md):
    -- 1 mtpa of LNG = 1.36 bcm; 1 MMcf/d = 365 * 28,316.85 m3 = 0.010335
    -- bcm/y; 1 bcf/d = 10.335 bcm/y; 1 MMscmd = 0.365 bcm/y. NULL for other
    -- units and for a bcm total that is not per year.
    bcm_per_year REAL GENERATED ALWAYS AS (
        CASE WHEN metric IN ('volume', 'capacity') THEN
            CASE unit WHEN 'bcm/y' THEN value
                      WHEN 'mtpa' THEN value * 1.36
                      WHEN 'MMcf/d' THEN value * 0.0103354
                      WHEN 'bcf/d' THEN value * 10.3354
                      WHEN 'MMscmd' THEN value * 0.365
            END
        END) VIRTUAL,
    UNIQUE (agreement_id, position),
    UNIQUE (project_id, position),
    CHECK ((agreement_id IS NULL) <> (project_id IS NULL)),
    CHECK (value IS NULL OR value >= 0
           OR metric NOT IN ('volume', 'capacity', 'length', 'duration', 'cost')),
    CHECK (valid_from IS NULL OR valid_to IS NULL
           OR substr(valid_to, 1, min(length(valid_from), length(valid_to)))
              >= substr(valid_from, 1, min(length(valid_from), length(valid_to))))
) STRICT;

INSERT INTO terms_new (id, citable_id, agreement_id, project_id, position, metric, value, unit, text,
                       status, evidence, disclosure, valid_from, valid_to)
    SELECT id, citable_id, agreement_id, project_id, position, metric, value, unit, text,
           status, evidence, disclosure, valid_from, valid_to
    FROM terms ORDER BY id;

DROP TABLE terms;
ALTER TABLE terms_new RENAME TO terms;
PRAGMA legacy_alter_table = OFF;

CREATE INDEX terms_agreement ON terms (agreement_id, metric);
CREATE INDEX terms_project ON terms (project_id, metric);
CREATE INDEX terms_metric_status ON terms (metric, status);

-- As in 0001.
CREATE TRIGGER terms_release_citable AFTER DELETE ON terms BEGIN
    DELETE FROM citables WHERE id = OLD.citable_id;
END;

-- As in 0003. A term's row has rowid -terms.id.
CREATE TRIGGER search_terms_insert AFTER INSERT ON terms BEGIN
    DELETE FROM search_index WHERE rowid = -NEW.id;
    INSERT INTO search_index (rowid, kind, ref, title, body)
        SELECT -term_id, kind, ref, title, body FROM search_documents
        WHERE kind = 'term' AND ref = coalesce(NEW.agreement_id, NEW.project_id)
          AND term_id = NEW.id;
END;
CREATE TRIGGER search_terms_update AFTER UPDATE OF id, agreement_id, project_id, metric, text ON terms BEGIN
    DELETE FROM search_index WHERE rowid IN (-OLD.id, -NEW.id);
    INSERT INTO search_index (rowid, kind, ref, title, body)
        SELECT -term_id, kind, ref, title, body FROM search_documents
        WHERE kind = 'term' AND ref = coalesce(NEW.agreement_id, NEW.project_id)
          AND term_id = NEW.id;
END;
CREATE TRIGGER search_terms_delete AFTER DELETE ON terms BEGIN
    DELETE FROM search_index WHERE rowid = -OLD.id;
END;

ALTER TABLE agreements ADD COLUMN ended TEXT CHECK (ended IS NULL
    OR (length(ended) = 4 AND ended GLOB '[0-9][0-9][0-9][0-9]')
    OR (length(ended) = 7 AND ended GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
        AND substr(ended, 6, 2) BETWEEN '01' AND '12')
    OR (length(ended) = 10 AND date(ended, '+0 days') IS ended));

-- When each term is in force, dates at the precision the data gives.
-- An agreement's term starts no earlier than the agreement was signed and
-- ends no later than it ended; its own valid_from/valid_to narrow that. A
-- project's term without valid_from starts when the first agreement about
-- the project that sets a volume was signed, else the first agreement about
-- it (a pipeline's capacity is not in force before the deal for its gas);
-- with no agreement, an undated term has no start.
-- "Later" and "earlier" compare the common prefix, so '2025' and
-- '2025-09-02' agree and the more precise one is kept.
CREATE VIEW term_periods (term_id, starts, ends) AS
    -- One plain join, no UNION, so that SQLite flattens the view into a
    -- query that picks terms by owner and reaches them through its index.
    SELECT id,
           CASE WHEN from1 IS NULL THEN from2
                WHEN from2 IS NULL THEN from1
                WHEN substr(from1, 1, min(length(from1), length(from2)))
                     <> substr(from2, 1, min(length(from1), length(from2)))
                THEN max(from1, from2)
                WHEN length(from1) >= length(from2) THEN from1 ELSE from2 END,
           CASE WHEN to1 IS NULL THEN to2
                WHEN to2 IS NULL THEN to1
                WHEN substr(to1, 1, min(length(to1), length(to2)))
                     <> substr(to2, 1, min(length(to1), length(to2)))
                THEN min(to1, to2)
                WHEN length(to1) >= length(to2) THEN to1 ELSE to2 END
    FROM (SELECT t.id AS id, t.valid_from AS from1,
                 CASE WHEN t.agreement_id IS NOT NULL
                      THEN (SELECT a.signed FROM agreements AS a WHERE a.id = t.agreement_id)
                      WHEN t.valid_from IS NULL
                      THEN coalesce(
                          (SELECT min(a.signed) FROM agreements AS a
                           WHERE a.project_id = t.project_id
                             AND EXISTS (SELECT 1 FROM terms AS v
                                         WHERE v.agreement_id = a.id AND v.metric = 'volume')),
                          (SELECT min(a.signed) FROM agreements AS a WHERE a.project_id = t.project_id))
                 END AS from2,
                 t.valid_to AS to1,
                 (SELECT a.ended FROM agreements AS a WHERE a.id = t.agreement_id) AS to2
          FROM terms AS t);

-- Largest believable value per project kind and unit (docs/QUALITY.md,
-- rule capacity-outlier). A plain table so that an analyst can tune it with
-- the sqlite3 shell; a kind or unit not listed is not checked.
CREATE TABLE quality_limits (
    project_kind TEXT NOT NULL,
    metric       TEXT NOT NULL,
    unit         TEXT NOT NULL,
    max_value    REAL NOT NULL CHECK (max_value > 0),
    why          TEXT NOT NULL,
    PRIMARY KEY (project_kind, metric, unit)
) STRICT;
INSERT INTO quality_limits (project_kind, metric, unit, max_value, why) VALUES
    ('pipeline', 'capacity', 'bcm/y', 200,
     'the largest gas corridors (Bovanenkovo-Ukhta, Central Asia-China) carry about 60-140 bcm/y'),
    ('pipeline', 'capacity', 'MMcf/d', 19350, '200 bcm/y in MMcf/d'),
    ('pipeline', 'capacity', 'bcf/d', 19.35, '200 bcm/y in bcf/d'),
    ('pipeline', 'capacity', 'MMscmd', 548, '200 bcm/y in MMscmd'),
    ('lng_terminal', 'capacity', 'bcm/y', 150,
     'the largest LNG complexes (Ras Laffan, Incheon) handle about 75-105 bcm/y'),
    ('lng_terminal', 'capacity', 'mtpa', 110, '150 bcm/y of LNG in mtpa'),
    ('lng_terminal', 'capacity', 'bcf/d', 14.5, '150 bcm/y in bcf/d'),
    ('lng_terminal', 'capacity', 'MMcf/d', 14500, '150 bcm/y in MMcf/d'),
    ('pipeline', 'length', 'km', 40000,
     'the largest gas networks GEM lists as one pipeline (NGTL, Columbia) are about 20,000-25,000 km');

-- What an import found that the stored rows cannot show by themselves (a
-- value the source gives as "inf" or "NaN" is not stored as a number), with
-- the row it came from. Re-importing a project replaces its notes.
CREATE TABLE quality_notes (
    id         INTEGER PRIMARY KEY,
    rule       TEXT NOT NULL CHECK (trim(rule) <> ''),
    project_id TEXT REFERENCES projects (id) ON DELETE CASCADE,
    term_id    INTEGER REFERENCES terms (id) ON DELETE CASCADE,
    source_id  TEXT REFERENCES sources (id),
    locator    TEXT,
    detail     TEXT NOT NULL
) STRICT;
CREATE INDEX quality_notes_project ON quality_notes (project_id);
CREATE INDEX quality_notes_term ON quality_notes (term_id);

-- Values that sums and charts leave out unless asked to include them: kept
-- as the source says, but not believed.
CREATE VIEW flagged_terms (term_id, rule, detail) AS
    SELECT t.id, t.metric || '-outlier',
           printf('%s %s %s is above the %s %s limit for a %s (%s)', t.metric,
                  printf('%.15g', t.value), t.unit, printf('%.15g', l.max_value), l.unit,
                  replace(pj.kind, '_', ' '), l.why)
    FROM terms AS t
    JOIN projects AS pj ON pj.id = t.project_id
    JOIN quality_limits AS l ON l.project_kind = pj.kind AND l.metric = t.metric AND l.unit = t.unit
    WHERE t.value > l.max_value
    UNION ALL
    SELECT term_id, rule, detail FROM quality_notes WHERE term_id IS NOT NULL;

-- An agreement's binding force and who stands behind it. When some parties
-- confirmed their part and others did not ('no' or 'unknown'), the binding
-- force rests on one side's word: the memorandum Gazprom calls legally
-- binding and CNPC has not confirmed reads "yes, per Gazprom; China
-- National Petroleum Corporation unconfirmed". When no party's confirmation
-- is known there is no side to name, and the value stands as recorded.
-- One definition for show, non-binding and volumes-by-certainty.
CREATE VIEW agreement_binding (agreement_id, binding, asserted_by, unconfirmed, description) AS
    SELECT id, binding, asserted_by, unconfirmed,
           CASE WHEN binding = 'unknown' OR unconfirmed IS NULL OR asserted_by IS NULL THEN binding
                ELSE binding || coalesce(', per ' || asserted_by, '') || '; ' || unconfirmed || ' unconfirmed'
           END
    FROM (SELECT a.id, a.binding,
                 (SELECT group_concat(name, ', ')
                  FROM (SELECT p.name FROM agreement_parties AS ap JOIN parties AS p ON p.id = ap.party_id
                        WHERE ap.agreement_id = a.id AND ap.confirmed = 'yes'
                        GROUP BY p.id ORDER BY min(ap.position))) AS asserted_by,
                 (SELECT group_concat(name, ', ')
                  FROM (SELECT p.name FROM agreement_parties AS ap JOIN parties AS p ON p.id = ap.party_id
                        WHERE ap.agreement_id = a.id
                        GROUP BY p.id HAVING max(ap.confirmed = 'yes') = 0
                        ORDER BY min(ap.position))) AS unconfirmed
          FROM agreements AS a);
