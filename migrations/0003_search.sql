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
-- content) so that snippet(), highlight() and bm25() work and nothing can
-- drift out of step with another table's rowids. Triggers keep it current:
-- every change to a contributing row deletes that record's index rows and
-- inserts fresh ones built from the tables, so the index never depends on
-- what the old text was, and INSERT OR REPLACE cannot leave a stale row.
--
-- Finding a record's rows: kind and ref are UNINDEXED, so deleting by them
-- scans the index. That is fine for the few thousand named records, but
-- terms are the bulk of the data, so a term's row has the fixed rowid
-- -terms.id and is found by rowid. Every other row takes an automatic rowid
-- (largest + 1), which stays positive: the fill below indexes named records
-- before terms, and a term's owner, which must exist, has a row of its own.
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

-- Each trigger drops the index rows of the record(s) it touches and inserts
-- what search_documents now says for them (nothing, when the record is gone).

CREATE TRIGGER search_agreements_insert AFTER INSERT ON agreements BEGIN
    DELETE FROM search_index WHERE kind = 'agreement' AND ref = NEW.id;
    INSERT INTO search_index (kind, ref, title, body)
        SELECT kind, ref, title, body FROM search_documents
        WHERE kind = 'agreement' AND ref = NEW.id;
END;
CREATE TRIGGER search_agreements_update AFTER UPDATE OF id, title, summary ON agreements BEGIN
    DELETE FROM search_index WHERE kind = 'agreement' AND ref IN (OLD.id, NEW.id);
    INSERT INTO search_index (kind, ref, title, body)
        SELECT kind, ref, title, body FROM search_documents
        WHERE kind = 'agreement' AND ref IN (OLD.id, NEW.id);
END;
CREATE TRIGGER search_agreements_delete AFTER DELETE ON agreements BEGIN
    DELETE FROM search_index WHERE kind = 'agreement' AND ref = OLD.id;
END;

CREATE TRIGGER search_projects_insert AFTER INSERT ON projects BEGIN
    DELETE FROM search_index WHERE kind = 'project' AND ref = NEW.id;
    INSERT INTO search_index (kind, ref, title, body)
        SELECT kind, ref, title, body FROM search_documents
        WHERE kind = 'project' AND ref = NEW.id;
END;
CREATE TRIGGER search_projects_update AFTER UPDATE OF id, name, note ON projects BEGIN
    DELETE FROM search_index WHERE kind = 'project' AND ref IN (OLD.id, NEW.id);
    INSERT INTO search_index (kind, ref, title, body)
        SELECT kind, ref, title, body FROM search_documents
        WHERE kind = 'project' AND ref IN (OLD.id, NEW.id);
END;
CREATE TRIGGER search_projects_delete AFTER DELETE ON projects BEGIN
    DELETE FROM search_index WHERE kind = 'project' AND ref = OLD.id;
END;

CREATE TRIGGER search_sources_insert AFTER INSERT ON sources BEGIN
    DELETE FROM search_index WHERE kind = 'source' AND ref = NEW.id;
    INSERT INTO search_index (kind, ref, title, body)
        SELECT kind, ref, title, body FROM search_documents
        WHERE kind = 'source' AND ref = NEW.id;
END;
CREATE TRIGGER search_sources_update AFTER UPDATE OF id, title, note ON sources BEGIN
    DELETE FROM search_index WHERE kind = 'source' AND ref IN (OLD.id, NEW.id);
    INSERT INTO search_index (kind, ref, title, body)
        SELECT kind, ref, title, body FROM search_documents
        WHERE kind = 'source' AND ref IN (OLD.id, NEW.id);
END;
CREATE TRIGGER search_sources_delete AFTER DELETE ON sources BEGIN
    DELETE FROM search_index WHERE kind = 'source' AND ref = OLD.id;
END;

CREATE TRIGGER search_events_insert AFTER INSERT ON events BEGIN
    DELETE FROM search_index WHERE kind = 'event' AND ref = NEW.id;
    INSERT INTO search_index (kind, ref, title, body)
        SELECT kind, ref, title, body FROM search_documents
        WHERE kind = 'event' AND ref = NEW.id;
END;
CREATE TRIGGER search_events_update AFTER UPDATE OF id, title ON events BEGIN
    DELETE FROM search_index WHERE kind = 'event' AND ref IN (OLD.id, NEW.id);
    INSERT INTO search_index (kind, ref, title, body)
        SELECT kind, ref, title, body FROM search_documents
        WHERE kind = 'event' AND ref IN (OLD.id, NEW.id);
END;
CREATE TRIGGER search_events_delete AFTER DELETE ON events BEGIN
    DELETE FROM search_index WHERE kind = 'event' AND ref = OLD.id;
END;

-- A party's row is rebuilt when the party or any of its aliases changes.
-- Aliases deleted by the cascade of a party delete find the party gone and
-- insert nothing.
CREATE TRIGGER search_parties_insert AFTER INSERT ON parties BEGIN
    DELETE FROM search_index WHERE kind = 'party' AND ref = NEW.id;
    INSERT INTO search_index (kind, ref, title, body)
        SELECT kind, ref, title, body FROM search_documents
        WHERE kind = 'party' AND ref = NEW.id;
END;
CREATE TRIGGER search_parties_update AFTER UPDATE OF id, name, note ON parties BEGIN
    DELETE FROM search_index WHERE kind = 'party' AND ref IN (OLD.id, NEW.id);
    INSERT INTO search_index (kind, ref, title, body)
        SELECT kind, ref, title, body FROM search_documents
        WHERE kind = 'party' AND ref IN (OLD.id, NEW.id);
END;
CREATE TRIGGER search_parties_delete AFTER DELETE ON parties BEGIN
    DELETE FROM search_index WHERE kind = 'party' AND ref = OLD.id;
END;
CREATE TRIGGER search_party_aliases_insert AFTER INSERT ON party_aliases BEGIN
    DELETE FROM search_index WHERE kind = 'party' AND ref = NEW.party_id;
    INSERT INTO search_index (kind, ref, title, body)
        SELECT kind, ref, title, body FROM search_documents
        WHERE kind = 'party' AND ref = NEW.party_id;
END;
CREATE TRIGGER search_party_aliases_update AFTER UPDATE ON party_aliases BEGIN
    DELETE FROM search_index WHERE kind = 'party' AND ref IN (OLD.party_id, NEW.party_id);
    INSERT INTO search_index (kind, ref, title, body)
        SELECT kind, ref, title, body FROM search_documents
        WHERE kind = 'party' AND ref IN (OLD.party_id, NEW.party_id);
END;
CREATE TRIGGER search_party_aliases_delete AFTER DELETE ON party_aliases BEGIN
    DELETE FROM search_index WHERE kind = 'party' AND ref = OLD.party_id;
    INSERT INTO search_index (kind, ref, title, body)
        SELECT kind, ref, title, body FROM search_documents
        WHERE kind = 'party' AND ref = OLD.party_id;
END;

-- A term's row has rowid -terms.id (see the top of this file).
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

-- Index what is already there: named records first, so that they take
-- positive rowids, then terms.
INSERT INTO search_index (kind, ref, title, body)
    SELECT kind, ref, title, body FROM search_documents WHERE kind <> 'term';
INSERT INTO search_index (rowid, kind, ref, title, body)
    SELECT -term_id, kind, ref, title, body FROM search_documents WHERE kind = 'term';
