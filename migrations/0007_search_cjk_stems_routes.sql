-- Search that finds what people type, in any script (issue 11):
--
-- * Words in Latin, Cyrillic and other spaced scripts match by their
--   English stem (porter): `finance` finds "financing"; accents are folded
--   (remove_diacritics 2): `botas` finds "BOTAŞ".
-- * Chinese, Japanese and Korean text is not split into words by unicode61
--   (a whole run of CJK characters is one token), so `中国石油` could not find
--   中国石油天然气集团有限公司. A second index, search_index_trigram, splits
--   text into three-character pieces and so finds any substring of three or
--   more characters. It holds only the records whose text has CJK in it:
--   indexing every record's Latin text by trigrams as well would cost the
--   import for no gain, since the word index already serves it.
-- * A project's text now includes its route countries (code, name and the
--   other names of 0006) and its owners' names, so `search Türkiye`,
--   `search Turkey` or `search BOTAŞ` finds projects.
--
-- The word index is rebuilt with the new tokenizer (FTS5 cannot change a
-- tokenizer in place); search_index_keys and the rowids of 0003 stay, so
-- that both indexes share one rowid per record.
--
-- search_index_trigram is an external-content table over search_index: it
-- stores only its trigram index, reads the text (for snippets) from the
-- word index by rowid, and so keeps no third copy of it. External content
-- means FTS5 cannot find a row's old text by itself: before a row of
-- search_index changes, its trigram entry is removed with the 'delete'
-- command and the text as it was.
--
-- Every change goes through one place: inserting (kind, ref, term_id) into
-- the view search_refresh rebuilds that record's rows in both indexes from
-- search_documents (its INSTEAD OF trigger). The triggers on the record
-- tables only say which record changed.

DROP TRIGGER search_agreements_insert;
DROP TRIGGER search_agreements_update;
DROP TRIGGER search_agreements_delete;
DROP TRIGGER search_projects_insert;
DROP TRIGGER search_projects_update;
DROP TRIGGER search_projects_delete;
DROP TRIGGER search_sources_insert;
DROP TRIGGER search_sources_update;
DROP TRIGGER search_sources_delete;
DROP TRIGGER search_events_insert;
DROP TRIGGER search_events_update;
DROP TRIGGER search_events_delete;
DROP TRIGGER search_parties_insert;
DROP TRIGGER search_parties_update;
DROP TRIGGER search_parties_delete;
DROP TRIGGER search_party_aliases_insert;
DROP TRIGGER search_party_aliases_update;
DROP TRIGGER search_party_aliases_delete;
DROP TRIGGER search_terms_insert;
DROP TRIGGER search_terms_update;
DROP TRIGGER search_terms_delete;
DROP VIEW search_documents;
DROP TABLE search_index;

CREATE VIRTUAL TABLE search_index USING fts5 (
    kind UNINDEXED,
    ref UNINDEXED,
    title,
    body,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE VIRTUAL TABLE search_index_trigram USING fts5 (
    kind UNINDEXED,
    ref UNINDEXED,
    title,
    body,
    content = 'search_index',
    tokenize = 'trigram'
);

-- As in 0003, except that a project's body is its note, then a line with
-- its route countries, each once in route order, by code, name and other
-- names ("RU Russian Federation (Russia); MN Mongolia; CN China (PRC, ...)"),
-- then a line with its owners' names (direct owners, then parents). Lines
-- that would be empty are left out.
CREATE VIEW search_documents (kind, ref, title, body, term_id) AS
    SELECT 'agreement', id, title, summary, NULL FROM agreements
    UNION ALL
    SELECT 'project', p.id, p.name,
           nullif(trim(coalesce(p.note || char(10), '')
                       || coalesce((SELECT group_concat(place, '; ')
                                    FROM (SELECT r.country || ' ' || c.name
                                                 || coalesce(' (' || (SELECT group_concat(other, ', ')
                                                                      FROM (SELECT c.common_name AS other
                                                                            WHERE c.common_name IS NOT NULL
                                                                            UNION ALL
                                                                            SELECT n.name FROM country_names AS n
                                                                            WHERE n.code = c.code)) || ')', '') AS place
                                          FROM project_route AS r JOIN countries AS c ON c.code = r.country
                                          WHERE r.project_id = p.id
                                          GROUP BY r.country ORDER BY min(r.position))) || char(10), '')
                       || coalesce((SELECT group_concat(name, '; ')
                                    FROM (SELECT pa.name FROM project_owners AS o
                                          JOIN parties AS pa ON pa.id = o.party_id
                                          WHERE o.project_id = p.id
                                          GROUP BY o.party_id
                                          ORDER BY min(o.level = 'parent'), min(o.position))), ''),
                       char(10)), ''),
           NULL
    FROM projects AS p
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

-- Inserting into this view rebuilds one record's rows (a named record by
-- kind and ref, a term by term_id): nothing when the record is gone.
CREATE VIEW search_refresh (kind, ref, term_id) AS SELECT NULL, NULL, NULL WHERE 0;

-- Text "has CJK" when it holds a character of the Hiragana, Katakana, CJK
-- ideograph (with extension A and B onwards), Hangul syllable or CJK
-- compatibility blocks; the same GLOB decides, everywhere below, whether a
-- row belongs in search_index_trigram. A GLOB that starts with `*` tries
-- every position of the text, 0.4 s over the 231,000 documents of the
-- benchmark; it runs only on text with some non-ASCII character (more bytes
-- than characters), which takes 0.07 s to tell.
CREATE TRIGGER search_refresh_record INSTEAD OF INSERT ON search_refresh BEGIN
    INSERT OR IGNORE INTO search_index_keys (kind, ref)
        SELECT NEW.kind, NEW.ref WHERE NEW.kind <> 'term' AND NEW.ref IS NOT NULL;
    INSERT INTO search_index_trigram (search_index_trigram, rowid, kind, ref, title, body)
        SELECT 'delete', rowid, kind, ref, title, body FROM search_index
        WHERE rowid = CASE WHEN NEW.kind = 'term' THEN -NEW.term_id
                           ELSE (SELECT id FROM search_index_keys WHERE kind = NEW.kind AND ref = NEW.ref) END
          AND length(CAST(coalesce(title, '') || coalesce(body, '') AS BLOB)) <> length(coalesce(title, '') || coalesce(body, ''))
          AND (coalesce(title, '') || ' ' || coalesce(body, '')) GLOB '*[぀-ヿ㐀-䶿一-鿿가-힯豈-﫿𠀀-𲎯]*';
    DELETE FROM search_index
        WHERE rowid = CASE WHEN NEW.kind = 'term' THEN -NEW.term_id
                           ELSE (SELECT id FROM search_index_keys WHERE kind = NEW.kind AND ref = NEW.ref) END;
    INSERT INTO search_index (rowid, kind, ref, title, body)
        SELECT (SELECT id FROM search_index_keys WHERE kind = NEW.kind AND ref = NEW.ref), kind, ref, title, body
        FROM search_documents WHERE NEW.kind <> 'term' AND kind = NEW.kind AND ref = NEW.ref;
    INSERT INTO search_index (rowid, kind, ref, title, body)
        SELECT -term_id, kind, ref, title, body FROM search_documents
        WHERE NEW.kind = 'term' AND kind = 'term' AND ref = NEW.ref AND term_id = NEW.term_id;
    INSERT INTO search_index_trigram (rowid, kind, ref, title, body)
        SELECT rowid, kind, ref, title, body FROM search_index
        WHERE rowid = CASE WHEN NEW.kind = 'term' THEN -NEW.term_id
                           ELSE (SELECT id FROM search_index_keys WHERE kind = NEW.kind AND ref = NEW.ref) END
          AND length(CAST(coalesce(title, '') || coalesce(body, '') AS BLOB)) <> length(coalesce(title, '') || coalesce(body, ''))
          AND (coalesce(title, '') || ' ' || coalesce(body, '')) GLOB '*[぀-ヿ㐀-䶿一-鿿가-힯豈-﫿𠀀-𲎯]*';
    -- A record that is gone gives up its key.
    DELETE FROM search_index_keys
        WHERE NEW.kind <> 'term' AND kind = NEW.kind AND ref = NEW.ref
          AND NOT EXISTS (SELECT 1 FROM search_index WHERE rowid = search_index_keys.id);
END;

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

CREATE TRIGGER search_projects_insert AFTER INSERT ON projects BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('project', NEW.id);
END;
CREATE TRIGGER search_projects_update AFTER UPDATE OF id, name, note ON projects BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('project', OLD.id);
    INSERT INTO search_refresh (kind, ref) SELECT 'project', NEW.id WHERE NEW.id IS NOT OLD.id;
END;
CREATE TRIGGER search_projects_delete AFTER DELETE ON projects BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('project', OLD.id);
END;

-- A project's row follows its route and owners, and the names they show.
CREATE TRIGGER search_project_route_insert AFTER INSERT ON project_route BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('project', NEW.project_id);
END;
CREATE TRIGGER search_project_route_update AFTER UPDATE ON project_route BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('project', OLD.project_id);
    INSERT INTO search_refresh (kind, ref) SELECT 'project', NEW.project_id WHERE NEW.project_id IS NOT OLD.project_id;
END;
CREATE TRIGGER search_project_route_delete AFTER DELETE ON project_route BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('project', OLD.project_id);
END;
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
CREATE TRIGGER search_countries_update AFTER UPDATE OF code, name, common_name ON countries BEGIN
    INSERT INTO search_refresh (kind, ref)
        SELECT DISTINCT 'project', project_id FROM project_route WHERE country IN (OLD.code, NEW.code);
END;
CREATE TRIGGER search_country_names_insert AFTER INSERT ON country_names BEGIN
    INSERT INTO search_refresh (kind, ref)
        SELECT DISTINCT 'project', project_id FROM project_route WHERE country = NEW.code;
END;
CREATE TRIGGER search_country_names_update AFTER UPDATE ON country_names BEGIN
    INSERT INTO search_refresh (kind, ref)
        SELECT DISTINCT 'project', project_id FROM project_route WHERE country IN (OLD.code, NEW.code);
END;
CREATE TRIGGER search_country_names_delete AFTER DELETE ON country_names BEGIN
    INSERT INTO search_refresh (kind, ref)
        SELECT DISTINCT 'project', project_id FROM project_route WHERE country = OLD.code;
END;

CREATE TRIGGER search_sources_insert AFTER INSERT ON sources BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('source', NEW.id);
END;
CREATE TRIGGER search_sources_update AFTER UPDATE OF id, title, note ON sources BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('source', OLD.id);
    INSERT INTO search_refresh (kind, ref) SELECT 'source', NEW.id WHERE NEW.id IS NOT OLD.id;
END;
CREATE TRIGGER search_sources_delete AFTER DELETE ON sources BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('source', OLD.id);
END;

CREATE TRIGGER search_events_insert AFTER INSERT ON events BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('event', NEW.id);
END;
CREATE TRIGGER search_events_update AFTER UPDATE OF id, title ON events BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('event', OLD.id);
    INSERT INTO search_refresh (kind, ref) SELECT 'event', NEW.id WHERE NEW.id IS NOT OLD.id;
END;
CREATE TRIGGER search_events_delete AFTER DELETE ON events BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('event', OLD.id);
END;

-- A party's row follows its aliases; a renamed party changes the owner
-- line of the projects it owns.
CREATE TRIGGER search_parties_insert AFTER INSERT ON parties BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('party', NEW.id);
END;
CREATE TRIGGER search_parties_update AFTER UPDATE OF id, name, note ON parties BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('party', OLD.id);
    INSERT INTO search_refresh (kind, ref) SELECT 'party', NEW.id WHERE NEW.id IS NOT OLD.id;
    INSERT INTO search_refresh (kind, ref)
        SELECT DISTINCT 'project', project_id FROM project_owners
        WHERE party_id IN (OLD.id, NEW.id) AND NEW.name IS NOT OLD.name;
END;
CREATE TRIGGER search_parties_delete AFTER DELETE ON parties BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('party', OLD.id);
END;
CREATE TRIGGER search_party_aliases_insert AFTER INSERT ON party_aliases BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('party', NEW.party_id);
END;
CREATE TRIGGER search_party_aliases_update AFTER UPDATE ON party_aliases BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('party', OLD.party_id);
    INSERT INTO search_refresh (kind, ref) SELECT 'party', NEW.party_id WHERE NEW.party_id IS NOT OLD.party_id;
END;
-- An alias deleted by the cascade of a party delete finds no party, and
-- leaves nothing behind.
CREATE TRIGGER search_party_aliases_delete AFTER DELETE ON party_aliases BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('party', OLD.party_id);
END;

-- A term's rowid is -terms.id; ref is the agreement or project it is about.
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

-- Index what is there, as BulkLoad does after a bulk import: named records
-- by ascending rowid, terms by descending id (so their rowids -id ascend;
-- FTS5 starts a new segment whenever a rowid is not larger than the last),
-- then the trigram index from the rows with CJK text.
INSERT INTO search_index (rowid, kind, ref, title, body)
    SELECT k.id, d.kind, d.ref, d.title, d.body
    FROM search_documents AS d JOIN search_index_keys AS k ON k.kind = d.kind AND k.ref = d.ref
    WHERE d.kind <> 'term' ORDER BY k.id;
INSERT INTO search_index (rowid, kind, ref, title, body)
    SELECT -term_id, kind, ref, title, body FROM search_documents WHERE kind = 'term'
    ORDER BY term_id DESC;
INSERT INTO search_index_trigram (rowid, kind, ref, title, body)
    SELECT rowid, kind, ref, title, body FROM search_index
    WHERE length(CAST(coalesce(title, '') || coalesce(body, '') AS BLOB)) <> length(coalesce(title, '') || coalesce(body, ''))
          AND (coalesce(title, '') || ' ' || coalesce(body, '')) GLOB '*[぀-ヿ㐀-䶿一-鿿가-힯豈-﫿𠀀-𲎯]*'
    ORDER BY rowid;
