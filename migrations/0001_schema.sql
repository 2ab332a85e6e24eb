-- Schema v1: energy deals, the parties to them, the infrastructure they are
-- about, and the sources behind every fact.
--
-- Conventions kept throughout:
-- * Record ids are slugs (lowercase letters, digits and '-', starting with a
--   letter or digit) so that documents and users can refer to them.
-- * Dates are ISO-8601 text of the precision the source gives: '2006',
--   '2025-09' or '2025-09-02'. Text of these shapes sorts chronologically,
--   and date() rejects impossible days such as 2025-02-30.
-- * Every enumeration is a CHECK, so that the sqlite3 shell and any other
--   tool writing to the file cannot store a value dealdb does not know.
-- * Facts that can be cited own a row in `citables`; `citations` links that
--   row to sources with a real foreign key on both sides.

CREATE TABLE citables (
    id   INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN
        ('project', 'agreement', 'agreement_party', 'term', 'event'))
) STRICT;

CREATE TABLE sources (
    id        TEXT PRIMARY KEY
              CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    title     TEXT NOT NULL CHECK (trim(title) <> ''),
    kind      TEXT NOT NULL DEFAULT 'other' CHECK (kind IN
        ('agreement_text', 'official_statement', 'press_release', 'news',
         'analysis', 'dataset', 'graphic', 'report', 'other')),
    publisher TEXT,
    published TEXT CHECK (published IS NULL
        OR (length(published) = 4 AND published GLOB '[0-9][0-9][0-9][0-9]')
        OR (length(published) = 7 AND published GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
            AND substr(published, 6, 2) BETWEEN '01' AND '12')
        OR (length(published) = 10 AND date(published, '+0 days') IS published)),
    url       TEXT,
    note      TEXT
) STRICT;

CREATE TABLE countries (
    code        TEXT PRIMARY KEY CHECK (length(code) = 2 AND code GLOB '[A-Z][A-Z]'),
    name        TEXT NOT NULL,
    common_name TEXT
) STRICT;

CREATE TABLE parties (
    id      TEXT PRIMARY KEY
            CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    name    TEXT NOT NULL CHECK (trim(name) <> ''),
    kind    TEXT NOT NULL CHECK (kind IN
        ('company', 'state_company', 'government',
         'intergovernmental_organization', 'development_bank', 'bank', 'fund',
         'analyst', 'person', 'other')),
    country TEXT REFERENCES countries (code),
    note    TEXT
) STRICT;
CREATE INDEX parties_country ON parties (country);
CREATE INDEX parties_name ON parties (name COLLATE NOCASE);

CREATE TABLE party_aliases (
    party_id TEXT NOT NULL REFERENCES parties (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 1),
    alias    TEXT NOT NULL CHECK (trim(alias) <> ''),
    PRIMARY KEY (party_id, position),
    UNIQUE (party_id, alias)
) STRICT;
CREATE INDEX party_aliases_alias ON party_aliases (alias COLLATE NOCASE);

CREATE TABLE projects (
    id         TEXT PRIMARY KEY
               CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    citable_id INTEGER NOT NULL UNIQUE REFERENCES citables (id),
    name       TEXT NOT NULL CHECK (trim(name) <> ''),
    kind       TEXT NOT NULL DEFAULT 'other' CHECK (kind IN
        ('pipeline', 'lng_terminal', 'field', 'power_plant', 'storage', 'bank',
         'other')),
    commodity  TEXT CHECK (commodity IN
        ('gas', 'lng', 'oil', 'coal', 'electricity', 'hydrogen', 'finance',
         'other')),
    status     TEXT CHECK (status IN
        ('proposed', 'construction', 'operating', 'idle', 'shelved',
         'cancelled', 'mothballed', 'retired')),
    note       TEXT
) STRICT;
CREATE INDEX projects_kind ON projects (kind);
CREATE INDEX projects_status ON projects (status);

-- A project's route, in order from origin to destination.
CREATE TABLE project_route (
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL CHECK (position >= 1),
    country    TEXT NOT NULL REFERENCES countries (code),
    role       TEXT NOT NULL CHECK (role IN ('origin', 'transit', 'destination')),
    PRIMARY KEY (project_id, position)
) STRICT;
CREATE INDEX project_route_country ON project_route (country, role);

CREATE TABLE agreements (
    id         TEXT PRIMARY KEY
               CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    citable_id INTEGER NOT NULL UNIQUE REFERENCES citables (id),
    title      TEXT NOT NULL CHECK (trim(title) <> ''),
    kind       TEXT NOT NULL DEFAULT 'other' CHECK (kind IN
        ('contract', 'supply_contract', 'transit_agreement', 'memorandum',
         'intergovernmental_agreement', 'framework_agreement',
         'heads_of_agreement', 'tender', 'loan_agreement',
         'joint_venture_agreement', 'concession', 'amendment', 'promise',
         'announcement', 'unilateral_measure', 'other')),
    binding    TEXT NOT NULL DEFAULT 'unknown'
               CHECK (binding IN ('yes', 'no', 'unknown')),
    status     TEXT CHECK (status IN
        ('announced', 'negotiating', 'signed', 'ratified', 'in_force',
         'stalled', 'suspended', 'expired', 'terminated', 'cancelled',
         'superseded')),
    signed     TEXT CHECK (signed IS NULL
        OR (length(signed) = 4 AND signed GLOB '[0-9][0-9][0-9][0-9]')
        OR (length(signed) = 7 AND signed GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
            AND substr(signed, 6, 2) BETWEEN '01' AND '12')
        OR (length(signed) = 10 AND date(signed, '+0 days') IS signed)),
    project_id TEXT REFERENCES projects (id) ON DELETE SET NULL,
    summary    TEXT
) STRICT;
CREATE INDEX agreements_kind ON agreements (kind);
CREATE INDEX agreements_status ON agreements (status);
CREATE INDEX agreements_signed ON agreements (signed);
CREATE INDEX agreements_project ON agreements (project_id);

CREATE TABLE agreement_parties (
    id           INTEGER PRIMARY KEY,
    citable_id   INTEGER NOT NULL UNIQUE REFERENCES citables (id),
    agreement_id TEXT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position >= 1),
    party_id     TEXT NOT NULL REFERENCES parties (id),
    role         TEXT NOT NULL CHECK (role IN
        ('seller', 'buyer', 'shipper', 'transit', 'operator', 'owner',
         'contractor', 'client', 'lender', 'borrower', 'investor', 'financier',
         'guarantor', 'signatory', 'beneficiary', 'grantor', 'initiator')),
    confirmed    TEXT NOT NULL DEFAULT 'unknown'
                 CHECK (confirmed IN ('yes', 'no', 'unknown')),
    share        REAL CHECK (share IS NULL OR (share >= 0 AND share <= 100)),
    UNIQUE (agreement_id, position),
    UNIQUE (agreement_id, party_id, role)
) STRICT;
CREATE INDEX agreement_parties_party ON agreement_parties (party_id, role);
CREATE INDEX agreement_parties_role ON agreement_parties (role);

-- A fact about an agreement or a project. The three states are separate
-- because analysts must tell apart "not yet agreed", "only reported" and
-- "agreed but secret".
CREATE TABLE terms (
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
        OR unit IN ('bcm/y', 'bcm', 'mtpa', 'km', 'years', 'percent')
        OR (length(unit) = 3 AND unit GLOB '[A-Z][A-Z][A-Z]')),
    text         TEXT,
    status       TEXT NOT NULL DEFAULT 'agreed' CHECK (status IN
        ('agreed', 'proposed', 'negotiating', 'unresolved', 'disputed')),
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
    UNIQUE (agreement_id, position),
    UNIQUE (project_id, position),
    CHECK ((agreement_id IS NULL) <> (project_id IS NULL)),
    CHECK (value IS NULL OR value >= 0
           OR metric NOT IN ('volume', 'capacity', 'length', 'duration', 'cost')),
    CHECK (valid_from IS NULL OR valid_to IS NULL
           OR substr(valid_to, 1, min(length(valid_from), length(valid_to)))
              >= substr(valid_from, 1, min(length(valid_from), length(valid_to))))
) STRICT;
CREATE INDEX terms_agreement ON terms (agreement_id, metric);
CREATE INDEX terms_project ON terms (project_id, metric);
CREATE INDEX terms_metric_status ON terms (metric, status);

CREATE TABLE events (
    id           TEXT PRIMARY KEY
                 CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    citable_id   INTEGER NOT NULL UNIQUE REFERENCES citables (id),
    date         TEXT NOT NULL CHECK (
           (length(date) = 4 AND date GLOB '[0-9][0-9][0-9][0-9]')
        OR (length(date) = 7 AND date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
            AND substr(date, 6, 2) BETWEEN '01' AND '12')
        OR (length(date) = 10 AND date(date, '+0 days') IS date)),
    date_kind    TEXT NOT NULL DEFAULT 'actual'
                 CHECK (date_kind IN ('actual', 'planned')),
    title        TEXT NOT NULL CHECK (trim(title) <> ''),
    agreement_id TEXT REFERENCES agreements (id) ON DELETE SET NULL,
    project_id   TEXT REFERENCES projects (id) ON DELETE SET NULL
) STRICT;
CREATE INDEX events_date ON events (date);
CREATE INDEX events_agreement ON events (agreement_id);
CREATE INDEX events_project ON events (project_id);

CREATE TABLE event_parties (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 1),
    party_id TEXT NOT NULL REFERENCES parties (id),
    PRIMARY KEY (event_id, position),
    UNIQUE (event_id, party_id)
) STRICT;
CREATE INDEX event_parties_party ON event_parties (party_id);

CREATE TABLE citations (
    citable_id INTEGER NOT NULL REFERENCES citables (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL CHECK (position >= 1),
    source_id  TEXT NOT NULL REFERENCES sources (id),
    locator    TEXT,
    PRIMARY KEY (citable_id, position)
) STRICT;
CREATE INDEX citations_source ON citations (source_id);

-- A cited row gone (directly or through a cascade) takes its registry entry
-- and so its citations with it.
CREATE TRIGGER projects_release_citable AFTER DELETE ON projects BEGIN
    DELETE FROM citables WHERE id = OLD.citable_id;
END;
CREATE TRIGGER agreements_release_citable AFTER DELETE ON agreements BEGIN
    DELETE FROM citables WHERE id = OLD.citable_id;
END;
CREATE TRIGGER agreement_parties_release_citable AFTER DELETE ON agreement_parties BEGIN
    DELETE FROM citables WHERE id = OLD.citable_id;
END;
CREATE TRIGGER terms_release_citable AFTER DELETE ON terms BEGIN
    DELETE FROM citables WHERE id = OLD.citable_id;
END;
CREATE TRIGGER events_release_citable AFTER DELETE ON events BEGIN
    DELETE FROM citables WHERE id = OLD.citable_id;
END;
