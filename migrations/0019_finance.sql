-- migrate: foreign keys off
-- Development finance records as agreements (issue 24): AidData's Global
-- Chinese Development Finance Dataset, version 3.0, and the projects its
-- loans and grants pay for.
--
-- 1. agreements.kind gains the kinds of finance a record is: 'grant',
--    'export_credit', 'debt_relief', 'technical_assistance' (a loan is the
--    'loan_agreement' there was), and agreements.status gains 'completed'
--    (the activity it pays for is complete; a loan may still be repaid).
-- 2. agreement_parties.role gains the roles a finance record names:
--    'recipient' (who receives a grant or other flow; a loan's is its
--    'borrower'), 'co_financier', 'insurer', 'collateral_provider',
--    'security_agent' and 'implementing_agency'.
-- 3. finance_records keeps what a dataset says of each record that the
--    agreement, its parties and terms cannot hold: its own id, whether it
--    counts in sums (AidData's "Recommended For Aggregates"), its parent and
--    umbrella, recipient, sector, flow type, and the dataset's figures as
--    it gives them, which sums add. The same figures are the agreement's
--    terms, each with its certainty, for `show`, export and citations.
-- 4. finance_links: which project a record pays for, proposed by the
--    matcher (decided_by 'rule', with a confidence and the evidence in
--    words) or decided by an analyst in a document (accepted or rejected).
--
-- SQLite cannot change a CHECK in place, so agreements and
-- agreement_parties are rebuilt, keeping their rowids (agreements_fts reads
-- agreements by rowid) and ids. The directive on the first line runs this
-- file with foreign keys off: with them on, dropping the old agreements
-- would delete every party and term that references it. With
-- legacy_alter_table on, the rename leaves the views and other tables'
-- foreign keys that name these tables as they are; the tables' own
-- triggers and indexes go with the old tables and are created again below,
-- as their latest migrations wrote them.

PRAGMA legacy_alter_table = ON;

CREATE TABLE agreements_new (
    id         TEXT PRIMARY KEY
               CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    citable_id INTEGER NOT NULL UNIQUE REFERENCES citables (id),
    title      TEXT NOT NULL CHECK (trim(title) <> ''),
    kind       TEXT NOT NULL DEFAULT 'other' CHECK (kind IN
        ('contract', 'supply_contract', 'transit_agreement', 'memorandum',
         'intergovernmental_agreement', 'framework_agreement',
         'heads_of_agreement', 'tender', 'loan_agreement',
         'joint_venture_agreement', 'concession', 'amendment', 'promise',
         'announcement', 'unilateral_measure', 'grant', 'export_credit',
         'debt_relief', 'technical_assistance', 'other')),
    binding    TEXT NOT NULL DEFAULT 'unknown'
               CHECK (binding IN ('yes', 'no', 'unknown')),
    status     TEXT CHECK (status IN
        ('announced', 'negotiating', 'signed', 'ratified', 'in_force',
         'stalled', 'suspended', 'expired', 'terminated', 'cancelled',
         'superseded', 'completed')),
    signed     TEXT CHECK (signed IS NULL
        OR (length(signed) = 4 AND signed GLOB '[0-9][0-9][0-9][0-9]')
        OR (length(signed) = 7 AND signed GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
            AND substr(signed, 6, 2) BETWEEN '01' AND '12')
        OR (length(signed) = 10 AND date(signed, '+0 days') IS signed)),
    project_id TEXT REFERENCES projects (id) ON DELETE SET NULL,
    summary    TEXT,
    ended      TEXT CHECK (ended IS NULL
        OR (length(ended) = 4 AND ended GLOB '[0-9][0-9][0-9][0-9]')
        OR (length(ended) = 7 AND ended GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
            AND substr(ended, 6, 2) BETWEEN '01' AND '12')
        OR (length(ended) = 10 AND date(ended, '+0 days') IS ended))
) STRICT;

INSERT INTO agreements_new (rowid, id, citable_id, title, kind, binding, status, signed, project_id, summary, ended)
    SELECT rowid, id, citable_id, title, kind, binding, status, signed, project_id, summary, ended
    FROM agreements ORDER BY rowid;
DROP TABLE agreements;
ALTER TABLE agreements_new RENAME TO agreements;

CREATE TABLE agreement_parties_new (
    id           INTEGER PRIMARY KEY,
    citable_id   INTEGER NOT NULL UNIQUE REFERENCES citables (id),
    agreement_id TEXT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position >= 1),
    party_id     TEXT NOT NULL REFERENCES parties (id),
    role         TEXT NOT NULL CHECK (role IN
        ('seller', 'buyer', 'shipper', 'transit', 'operator', 'owner',
         'contractor', 'client', 'lender', 'borrower', 'investor', 'financier',
         'guarantor', 'signatory', 'beneficiary', 'grantor', 'initiator',
         'recipient', 'co_financier', 'insurer', 'collateral_provider',
         'security_agent', 'implementing_agency')),
    confirmed    TEXT NOT NULL DEFAULT 'unknown'
                 CHECK (confirmed IN ('yes', 'no', 'unknown')),
    share        REAL CHECK (share IS NULL OR (share >= 0 AND share <= 100)),
    UNIQUE (agreement_id, position),
    UNIQUE (agreement_id, party_id, role)
) STRICT;

INSERT INTO agreement_parties_new (id, citable_id, agreement_id, position, party_id, role, confirmed, share)
    SELECT id, citable_id, agreement_id, position, party_id, role, confirmed, share
    FROM agreement_parties ORDER BY id;
DROP TABLE agreement_parties;
ALTER TABLE agreement_parties_new RENAME TO agreement_parties;
PRAGMA legacy_alter_table = OFF;

-- As in 0001.
CREATE INDEX agreements_kind ON agreements (kind);
CREATE INDEX agreements_status ON agreements (status);
CREATE INDEX agreements_signed ON agreements (signed);
CREATE INDEX agreements_project ON agreements (project_id);
CREATE INDEX agreement_parties_party ON agreement_parties (party_id, role);
CREATE INDEX agreement_parties_role ON agreement_parties (role);
CREATE TRIGGER agreements_release_citable AFTER DELETE ON agreements BEGIN
    DELETE FROM citables WHERE id = OLD.citable_id;
END;
CREATE TRIGGER agreement_parties_release_citable AFTER DELETE ON agreement_parties BEGIN
    DELETE FROM citables WHERE id = OLD.citable_id;
END;

-- As in 0007.
CREATE TRIGGER search_agreements_insert AFTER INSERT ON agreements BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('agreement', NEW.id);
END;
CREATE TRIGGER search_agreements_update AFTER UPDATE OF id, title, summary ON agreements BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('agreement', OLD.id);
    INSERT INTO search_refresh (kind, ref) SELECT 'agreement', NEW.id WHERE NEW.id IS NOT OLD.id;
END;
CREATE TRIGGER search_agreements_delete AFTER DELETE ON agreements BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('agreement', OLD.id);
END;

-- As in 0009.
CREATE TRIGGER search_agreements_fts_insert AFTER INSERT ON agreements BEGIN
    INSERT INTO agreements_fts (rowid, title, summary) VALUES (NEW.rowid, NEW.title, NEW.summary);
END;
CREATE TRIGGER search_agreements_fts_delete AFTER DELETE ON agreements BEGIN
    INSERT INTO agreements_fts (agreements_fts, rowid, title, summary)
        VALUES ('delete', OLD.rowid, OLD.title, OLD.summary);
END;
CREATE TRIGGER search_agreements_fts_update AFTER UPDATE OF title, summary ON agreements BEGIN
    INSERT INTO agreements_fts (agreements_fts, rowid, title, summary)
        VALUES ('delete', OLD.rowid, OLD.title, OLD.summary);
    INSERT INTO agreements_fts (rowid, title, summary) VALUES (NEW.rowid, NEW.title, NEW.summary);
END;

-- One row per agreement that a finance dataset gives, with what the
-- dataset says of the record as it says it. `recommended` is 0 for the
-- records the dataset leaves out of sums (an umbrella beside its tranches,
-- a cancelled portion, a record repeated under another): every sum of
-- finance reads the view counted_finance, which honours it.
CREATE TABLE finance_records (
    agreement_id      TEXT PRIMARY KEY REFERENCES agreements (id) ON DELETE CASCADE,
    -- 'aiddata-gcdf-3': AidData's Global Chinese Development Finance Dataset, version 3.0.
    dataset           TEXT NOT NULL CHECK (dataset IN ('aiddata-gcdf-3')),
    -- The dataset's own id of the record (AidData Record ID).
    record_id         TEXT NOT NULL CHECK (trim(record_id) <> ''),
    source_id         TEXT NOT NULL REFERENCES sources (id),
    recommended       INTEGER NOT NULL CHECK (recommended = 0 OR recommended = 1),
    -- The record this one is part of (AidData Parent ID), and whether it is
    -- an umbrella over others (a framework whose tranches are records too).
    parent_record     TEXT,
    umbrella          INTEGER NOT NULL DEFAULT 0 CHECK (umbrella = 0 OR umbrella = 1),
    financier_country TEXT REFERENCES countries (code),
    -- The recipient as a country code when it is one (not "Africa, regional").
    recipient         TEXT REFERENCES countries (code),
    recipient_name    TEXT NOT NULL CHECK (trim(recipient_name) <> ''),
    region            TEXT,
    commitment_year   INTEGER,
    -- The commitment date (agreements.signed) is the dataset's estimate.
    date_estimated    INTEGER NOT NULL DEFAULT 0 CHECK (date_estimated = 0 OR date_estimated = 1),
    flow_type         TEXT,
    flow_class        TEXT,
    intent            TEXT,
    status            TEXT,
    sector_code       TEXT,
    sector            TEXT,
    -- Amounts as the dataset gives them: in the original currency, in
    -- constant 2021 US dollars, in nominal US dollars, and the same
    -- adjusted (after cancellations and changes); amount_estimated when the
    -- dataset estimated the amount.
    amount            REAL CHECK (amount IS NULL OR amount >= 0),
    currency          TEXT CHECK (currency IS NULL OR (length(currency) = 3 AND currency GLOB '[A-Z][A-Z][A-Z]')),
    amount_estimated  INTEGER NOT NULL DEFAULT 0 CHECK (amount_estimated = 0 OR amount_estimated = 1),
    usd_2021          REAL CHECK (usd_2021 IS NULL OR usd_2021 >= 0),
    usd_nominal       REAL CHECK (usd_nominal IS NULL OR usd_nominal >= 0),
    adjusted_amount   REAL,
    adjusted_usd_2021 REAL,
    adjusted_usd_nominal REAL,
    UNIQUE (dataset, record_id)
) STRICT;
CREATE INDEX finance_records_parent ON finance_records (dataset, parent_record);
CREATE INDEX finance_records_recipient ON finance_records (recipient);
CREATE INDEX finance_records_sector ON finance_records (sector_code);

-- The records a sum of finance adds: those the dataset recommends for
-- aggregates. Every finance query reads this one rule.
CREATE VIEW counted_finance AS
    SELECT * FROM finance_records WHERE recommended = 1;

-- A record's links to its parent and umbrella: the agreement of the
-- record named as its parent, when that record is stored.
CREATE VIEW finance_parents (agreement_id, parent_id, parent_record) AS
    SELECT f.agreement_id, p.agreement_id, f.parent_record
    FROM finance_records AS f
    LEFT JOIN finance_records AS p ON p.dataset = f.dataset AND p.record_id = f.parent_record
    WHERE f.parent_record IS NOT NULL;

-- Which project an agreement pays for. The matcher proposes ('rule', with
-- a confidence from 0 to 1 and the evidence in words); an analyst's
-- document accepts or rejects ('analyst'), and the matcher never
-- overwrites an analyst's decision.
CREATE TABLE finance_links (
    agreement_id TEXT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    project_id   TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    state        TEXT NOT NULL CHECK (state IN ('proposed', 'accepted', 'rejected')),
    decided_by   TEXT NOT NULL CHECK (decided_by IN ('rule', 'analyst')),
    confidence   REAL CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
    evidence     TEXT,
    PRIMARY KEY (agreement_id, project_id),
    CHECK ((decided_by = 'rule') = (state = 'proposed'))
) STRICT;
CREATE INDEX finance_links_project ON finance_links (project_id);

-- The finance behind each project: every link not rejected, with the
-- entity the project belongs to (docs/GEM.md), so that a pipeline given as
-- several rows lists the finance of each row.
CREATE VIEW project_finance (project_id, entity_id, agreement_id, state, decided_by, confidence, evidence) AS
    SELECT l.project_id, coalesce(e.entity_id, l.project_id), l.agreement_id, l.state, l.decided_by, l.confidence,
           l.evidence
    FROM finance_links AS l LEFT JOIN project_entities AS e ON e.project_id = l.project_id
    WHERE l.state <> 'rejected';
