-- migrate: foreign keys off
-- Power plants: GEM's Global Oil and Gas Plant Tracker gives each unit's
-- capacity in MW (docs/GEM.md, "Oil and gas plants").
--
-- 1. terms.unit accepts 'MW' (megawatts of electric capacity). It has no
--    bcm/y value: a plant's capacity is power, not gas, and is never added
--    to a pipeline's or terminal's.
-- 2. quality_limits gets a largest believable unit for a plant.
-- 3. releases and release_rows: each GEM release imported and what each of
--    its rows said, so that a later release can be compared with it without
--    the old file (docs/CHANGES.md, "History").
--
-- SQLite cannot change a CHECK in place, so terms is rebuilt as 0008 rebuilt
-- it: the same columns, the same generated bcm_per_year, the same indexes and
-- the triggers on terms as they stand after 0013.
--
-- The directive on the first line runs this file with foreign keys off
-- (as 0019 does): with them on, dropping the old terms would first delete
-- every row that references it, every quality note among them
-- (quality_notes.term_id, ON DELETE CASCADE). Foreign keys are checked once
-- the script has run.

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
                    'km', 'years', 'percent', 'MW')
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
    -- units (MW among them) and for a bcm total that is not per year.
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

-- As in 0013.
CREATE TRIGGER search_terms_insert AFTER INSERT ON terms BEGIN
    INSERT INTO search_refresh (kind, ref, term_id)
        VALUES ('term', coalesce(NEW.agreement_id, NEW.project_id), NEW.id);
END;
CREATE TRIGGER search_terms_update AFTER UPDATE OF id, agreement_id, project_id, metric, text ON terms BEGIN
    INSERT INTO search_refresh (kind, ref, term_id)
        VALUES ('term', coalesce(OLD.agreement_id, OLD.project_id), OLD.id);
    INSERT INTO search_refresh (kind, ref, term_id)
        VALUES ('term', coalesce(NEW.agreement_id, NEW.project_id), NEW.id);
END;
CREATE TRIGGER search_terms_delete AFTER DELETE ON terms BEGIN
    INSERT INTO search_refresh (kind, ref, term_id)
        VALUES ('term', coalesce(OLD.agreement_id, OLD.project_id), OLD.id);
END;

INSERT INTO quality_limits (project_kind, metric, unit, max_value, why) VALUES
    ('power_plant', 'capacity', 'MW', 10000,
     'the largest gas-fired plants (Jebel Ali, Surgut-2) have about 5,600-8,700 MW, a unit far less');

-- Each GEM release an import read: the source its facts cite, which
-- tracker and layout, the file (name and SHA-256), its date and header.
CREATE TABLE releases (
    id          TEXT PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
    tracker     TEXT NOT NULL CHECK (tracker IN ('ggit', 'gogpt')),
    layout      TEXT NOT NULL CHECK (layout IN ('map', 'pipelines', 'lng-terminals', 'plants')),
    file_name   TEXT NOT NULL CHECK (trim(file_name) <> ''),
    published   TEXT,
    checksum    TEXT NOT NULL CHECK (length(checksum) = 64),
    row_count   INTEGER NOT NULL CHECK (row_count >= 0),
    header      TEXT NOT NULL CHECK (json_valid(header)),
    imported_at TEXT NOT NULL
) STRICT;

-- What a release said of each project it gave: the row as a comparison of
-- releases reads it (values parsed and normalised, as JSON), and its line.
-- The project is named by id, not by a foreign key: what a release said
-- stays when the project is later deleted or merged.
CREATE TABLE release_rows (
    release_id TEXT NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    project_id TEXT NOT NULL,
    line       INTEGER NOT NULL CHECK (line >= 1),
    record     TEXT NOT NULL CHECK (json_valid(record)),
    PRIMARY KEY (release_id, project_id)
) STRICT;
CREATE INDEX release_rows_project ON release_rows (project_id);
