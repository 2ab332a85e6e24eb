-- Full-text search over the words people look records up by: agreement
-- titles and summaries, project names and notes, party names, notes and
-- aliases, source titles and notes, event titles and the text of terms.
--
-- One row per record, (kind, ref) saying which:
--   kind 'agreement', 'project', 'party', 'source', 'event': ref = its id;
--   kind 'term': one row per term that has text, ref = the id of the
--   agreement or project that owns it, title = the term's metric.
--
-- The view search_documents says what the index holds; the fill at the end
-- and every trigger insert from it, so a record's text is defined once.
--
-- The table keeps its own copy of the text (not contentless, not external
-- content) so that snippet(), highlight() and bm25() work. Triggers keep it
-- current: every change to a contributing row deletes that record's index
-- row and inserts a fresh one built from the tables, so the index never
-- depends on what the old text was.
--
-- Finding a record's row must not scan the index (kind and ref are
-- UNINDEXED), or every insert costs time in proportion to the whole index
-- and an import grows with the square of its size. So each row has a fixed
-- rowid: a term's is -terms.id; a named record's is its id in
-- search_index_keys, a plain table indexed on (kind, ref). Both survive
-- VACUUM, which may renumber the implicit rowids of the record tables.
--
-- Query it as, for example:
--   SELECT kind, ref, snippet(search_index, 3, '[', ']', '…', 8)
--   FROM search_index WHERE search_index MATCH 'siberia' ORDER BY rank;

CREATE VIRTUAL TABLE search_index USING fts5 (
    kind UNINDEXED,
    ref UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE search_index_keys (
    id   INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    ref  TEXT NOT NULL,
    UNIQUE (kind, ref)
) STRICT;

-- What the index should hold, one row per document; term_id is set for
-- terms only. A party's body is its aliases in order ('; ' between), a line
-- break, then its note. Agreement and project terms are separate arms so
-- that a filter on ref reaches terms through the owner indexes.
CREATE VIEW search_documents (kind, ref, title, body, term_id) AS
    SELECT 'agreement', id, title, summary, NULL FROM agreements
    UNION ALL
    SELECT 'project', id, name, note, NULL FROM projects
    UNION ALL
    SELECT 'party', p.id, p.name,
           nullif(trim(coalesce((SELECT group_concat(alias, '; ')
                                 FROM (SELECT alias FROM party_aliases AS a
                                       WHERE a.party_id = p.id
                                       ORDER BY a.position)), '')
                       || char(10) || coalesce(p.note, ''), char(10)), ''),
           NULL
    FROM parties AS p
    UNION ALL
    SELECT 'source', id, title, note, NULL FROM sources
    UNION ALL
    SELECT 'event', id, title, NULL, NULL FROM events
    UNION ALL
    SELECT 'term', agreement_id, metric, text, id FROM terms
    WHERE agreement_id IS NOT NULL AND trim(text) <> ''
    UNION ALL
    SELECT 'term', project_id, metric, text, id FROM terms
    WHERE project_id IS NOT NULL AND trim(text) <> '';

-- Each trigger drops the index row of the record it touches and inserts
-- what search_documents now says for it (nothing, when the record is gone).

CREATE TRIGGER search_agreements_insert AFTER INSERT ON agreements BEGIN
    INSERT OR IGNORE INTO search_index_keys (kind, ref) VALUES ('agreement', NEW.id);
    DELETE FROM search_index WHERE rowid = (SELECT id FROM search_index_keys WHERE kind = 'agreement' AND ref = NEW.id);
    INSERT INTO search_index (rowid, kind, ref, title, body)
        SELECT (SELECT id FROM search_index_keys WHERE kind = 'agreement' AND ref = NEW.id), kind, ref, title, body FROM search_documents
        WHERE kind = 'agreement' AND ref = NEW.id;
END;
CREATE TRIGGER search_agreements_update AFTER UPDATE OF id, title, summary ON agreements BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT id FROM search_index_keys WHERE kind = 'agreement' AND ref = OLD.id);
    DELETE FROM search_index_keys WHERE kind = 'agreement' AND ref = OLD.id;
    INSERT OR IGNORE INTO search_index_keys (kind, ref) VALUES ('agreement', NEW.id);
    DELETE FROM search_index WHERE rowid = (SELECT id FROM search_index_keys WHERE kind = 'agreement' AND ref = NEW.id);
    INSERT INTO search_index (rowid, kind, ref, title, body)
        SELECT (SELECT id FROM search_index_keys WHERE kind = 'agreement' AND ref = NEW.id), kind, ref, title, body FROM search_documents
        WHERE kind = 'agreement' AND ref = NEW.id;
END;
CREATE TRIGGER search_agreements_delete AFTER DELETE ON agreements BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT id FROM search_index_keys WHERE kind = 'agreement' AND ref = OLD.id);
    DELETE FROM search_index_keys WHERE kind = 'agreement' AND ref = OLD.id;
END;

CREATE TRIGGER search_projects_insert AFTER INSERT ON projects BEGIN
    INSERT OR IGNORE INTO search_index_keys (kind, ref) VALUES ('project', NEW.id);
    DELETE FROM search_index WHERE rowid = (SELECT id FROM search_index_keys WHERE kind = 'project' AND ref = NEW.id);
    INSERT INTO search_index (rowid, kind, ref, title, body)
        SELECT (SELECT id FROM search_index_keys WHERE kind = 'project' AND ref = NEW.id), kind, ref, title, body FROM search_documents
        WHERE kind = 'project' AND ref = NEW.id;
END;
CREATE TRIGGER search_projects_update AFTER UPDATE OF id, name, note ON projects BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT id FROM search_index_keys WHERE kind = 'project' AND ref = OLD.id);
    DELETE FROM search_index_keys WHERE kind = 'project' AND ref = OLD.id;
    INSERT OR IGNORE INTO search_index_keys (kind, ref) VALUES ('project', NEW.id);
    DELETE FROM search_index WHERE rowid = (SELECT id FROM search_index_keys WHERE kind = 'project' AND ref = NEW.id);
    INSERT INTO search_index (rowid, kind, ref, title, body)
        SELECT (SELECT id FROM search_index_keys WHERE kind = 'project' AND ref = NEW.id), kind, ref, title, body FROM search_documents
        WHERE kind = 'project' AND ref = NEW.id;
END;
CREATE TRIGGER search_projects_delete AFTER DELETE ON projects BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT id FROM search_index_keys WHERE kind = 'project' AND ref = OLD.id);
    DELETE FROM search_index_keys WHERE kind = 'project' AND ref = OLD.id;
END;

CREATE TRIGGER search_sources_insert AFTER INSERT ON sources BEGIN
    INSERT OR IGNORE INTO search_index_keys (kind, ref) VALUES ('source', NEW.id);
    DELETE FROM search_index WHERE rowid = (SELECT id FROM search_index_keys WHERE kind = 'source' AND ref = NEW.id);
    INSERT INTO search_index (rowid, kind, ref, title, body)
        SELECT (SELECT id FROM search_index_keys WHERE kind = 'source' AND ref = NEW.id), kind, ref, title, body FROM search_documents
        WHERE kind = 'source' AND ref = NEW.id;
END;
CREATE TRIGGER search_sources_update AFTER UPDATE OF id, title, note ON sources BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT id FROM search_index_keys WHERE kind = 'source' AND ref = OLD.id);
    DELETE FROM search_index_keys WHERE kind = 'source' AND ref = OLD.id;
    INSERT OR IGNORE INTO search_index_keys (kind, ref) VALUES ('source', NEW.id);
    DELETE FROM search_index WHERE rowid = (SELECT id FROM search_index_keys WHERE kind = 'source' AND ref = NEW.id);
    INSERT INTO search_index (rowid, kind, ref, title, body)
        SELECT (SELECT id FROM search_index_keys WHERE kind = 'source' AND ref = NEW.id), kind, ref, title, body FROM search_documents
        WHERE kind = 'source' AND ref = NEW.id;
END;
CREATE TRIGGER search_sources_delete AFTER DELETE ON sources BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT id FROM search_index_keys WHERE kind = 'source' AND ref = OLD.id);
    DELETE FROM search_index_keys WHERE kind = 'source' AND ref = OLD.id;
END;

CREATE TRIGGER search_events_insert AFTER INSERT ON events BEGIN
    INSERT OR IGNORE INTO search_index_keys (kind, ref) VALUES ('event', NEW.id);
    DELETE FROM search_index WHERE rowid = (SELECT id FROM search_index_keys WHERE kind = 'event' AND ref = NEW.id);
    INSERT INTO search_index (rowid, kind, ref, title, body)
        SELECT (SELECT id FROM search_index_keys WHERE kind = 'event' AND ref = NEW.id), kind, ref, title, body FROM search_documents
        WHERE kind = 'event' AND ref = NEW.id;
END;
CREATE TRIGGER search_events_update AFTER UPDATE OF id, title ON events BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT id FROM search_index_keys WHERE kind = 'event' AND ref = OLD.id);
    DELETE FROM search_index_keys WHERE kind = 'event' AND ref = OLD.id;
    INSERT OR IGNORE INTO search_index_keys (kind, ref) VALUES ('event', NEW.id);
    DELETE FROM search_index WHERE rowid = (SELECT id FROM search_index_keys WHERE kind = 'event' AND ref = NEW.id);
    INSERT INTO search_index (rowid, kind, ref, title, body)
        SELECT (SELECT id FROM search_index_keys WHERE kind = 'event' AND ref = NEW.id), kind, ref, title, body FROM search_documents
        WHERE kind = 'event' AND ref = NEW.id;
END;
CREATE TRIGGER search_events_delete AFTER DELETE ON events BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT id FROM search_index_keys WHERE kind = 'event' AND ref = OLD.id);
    DELETE FROM search_index_keys WHERE kind = 'event' AND ref = OLD.id;
END;

-- A party's row is rebuilt when the party or any of its aliases changes.
CREATE TRIGGER search_parties_insert AFTER INSERT ON parties BEGIN
    INSERT OR IGNORE INTO search_index_keys (kind, ref) VALUES ('party', NEW.id);
    DELETE FROM search_index WHERE rowid = (SELECT id FROM search_index_keys WHERE kind = 'party' AND ref = NEW.id);
    INSERT INTO search_index (rowid, kind, ref, title, body)
        SELECT (SELECT id FROM search_index_keys WHERE kind = 'party' AND ref = NEW.id), kind, ref, title, body FROM search_documents
        WHERE kind = 'party' AND ref = NEW.id;
END;
CREATE TRIGGER search_parties_update AFTER UPDATE OF id, name, note ON parties BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT id FROM search_index_keys WHERE kind = 'party' AND ref = OLD.id);
    DELETE FROM search_index_keys WHERE kind = 'party' AND ref = OLD.id;
    INSERT OR IGNORE INTO search_index_keys (kind, ref) VALUES ('party', NEW.id);
    DELETE FROM search_index WHERE rowid = (SELECT id FROM search_index_keys WHERE kind = 'party' AND ref = NEW.id);
    INSERT INTO search_index (rowid, kind, ref, title, body)
        SELECT (SELECT id FROM search_index_keys WHERE kind = 'party' AND ref = NEW.id), kind, ref, title, body FROM search_documents
        WHERE kind = 'party' AND ref = NEW.id;
END;
CREATE TRIGGER search_parties_delete AFTER DELETE ON parties BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT id FROM search_index_keys WHERE kind = 'party' AND ref = OLD.id);
    DELETE FROM search_index_keys WHERE kind = 'party' AND ref = OLD.id;
END;

-- An alias changes only its party's row; an alias deleted by the cascade
-- of a party delete finds no key and no party, and does nothing.
CREATE TRIGGER search_party_aliases_insert AFTER INSERT ON party_aliases BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT id FROM search_index_keys WHERE kind = 'party' AND ref = NEW.party_id);
    INSERT INTO search_index (rowid, kind, ref, title, body)
        SELECT (SELECT id FROM search_index_keys WHERE kind = 'party' AND ref = NEW.party_id), kind, ref, title, body FROM search_documents
        WHERE kind = 'party' AND ref = NEW.party_id;
END;
CREATE TRIGGER search_party_aliases_update AFTER UPDATE ON party_aliases BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT id FROM search_index_keys WHERE kind = 'party' AND ref = OLD.party_id);
    INSERT INTO search_index (rowid, kind, ref, title, body)
        SELECT (SELECT id FROM search_index_keys WHERE kind = 'party' AND ref = OLD.party_id), kind, ref, title, body FROM search_documents
        WHERE kind = 'party' AND ref = OLD.party_id;
    DELETE FROM search_index WHERE rowid = (SELECT id FROM search_index_keys WHERE kind = 'party' AND ref = NEW.party_id);
    INSERT INTO search_index (rowid, kind, ref, title, body)
        SELECT (SELECT id FROM search_index_keys WHERE kind = 'party' AND ref = NEW.party_id), kind, ref, title, body FROM search_documents
        WHERE kind = 'party' AND ref = NEW.party_id;
END;
CREATE TRIGGER search_party_aliases_delete AFTER DELETE ON party_aliases BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT id FROM search_index_keys WHERE kind = 'party' AND ref = OLD.party_id);
    INSERT INTO search_index (rowid, kind, ref, title, body)
        SELECT (SELECT id FROM search_index_keys WHERE kind = 'party' AND ref = OLD.party_id), kind, ref, title, body FROM search_documents
        WHERE kind = 'party' AND ref = OLD.party_id;
END;

-- A term's row has rowid -terms.id.
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

-- Index what is already there. Rows go in by ascending rowid: FTS5 starts
-- a new segment whenever a rowid is not larger than the last one.
INSERT INTO search_index_keys (kind, ref)
    SELECT kind, ref FROM search_documents WHERE kind <> 'term';
INSERT INTO search_index (rowid, kind, ref, title, body)
    SELECT k.id, d.kind, d.ref, d.title, d.body
    FROM search_documents AS d JOIN search_index_keys AS k ON k.kind = d.kind AND k.ref = d.ref
    WHERE d.kind <> 'term' ORDER BY k.id;
INSERT INTO search_index (rowid, kind, ref, title, body)
    SELECT -term_id, kind, ref, title, body FROM search_documents WHERE kind = 'term'
    ORDER BY term_id DESC;
