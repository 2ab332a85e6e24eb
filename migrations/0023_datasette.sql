-- What a Datasette deployment of the file needs (issue 25).
--
-- 1. project_names: every name a project is found by, its id and its name,
--    as party_names is for parties. The named queries' `project` parameter
--    matches it with `name = trim(:project) COLLATE NOCASE`, so that
--    Datasette's canned queries and the sqlite3 shell take a name as
--    `dealdb query` does ("Power of Siberia 2" found nothing in
--    transit-countries, which compared ids only). SQLite folds the case of
--    ASCII letters only; dealdb's own commands fold any script and accents.
CREATE INDEX projects_id_nocase ON projects (id COLLATE NOCASE);
CREATE INDEX projects_name_nocase ON projects (name COLLATE NOCASE);
CREATE VIEW project_names (project_id, name) AS
    SELECT id, id FROM projects
    UNION ALL
    SELECT id, name FROM projects;

-- 2. The search boxes of projects and parties (Datasette's per-table index,
--    migration 0009) held name and note only: Türkiye, 中国石油, CNPC and
--    Газпром found nothing there while `dealdb search` found them. Two
--    indexes more, projects_search_fts and parties_search_fts, hold what
--    `dealdb search` holds for the record (view search_documents: a
--    project's route countries under all their names and its owners, a
--    party's aliases), in two columns, name and body; `dealdb datasette`'s
--    metadata makes them the tables' search boxes (fts_table). That text is
--    not in the table, so each keeps its own copy (no content=) and is
--    filled through search_refresh, which every change to a project, its
--    route, its owners, a party or its aliases already goes through.
--    projects_fts and parties_fts stay as they are: Datasette without the
--    metadata and `sqlite-utils search` find them by their content= table,
--    which an index of text from several tables cannot name.
--
--    Datasette quotes each word of a search as a phrase, and FTS5's
--    unicode61 takes a run of Chinese or Japanese characters as one word:
--    中国石油 would not find 中国石油天然气集团有限公司. So the body also
--    lists every run of 2 to 6 such characters in the record's text, as
--    `dealdb search` finds them through its trigram index.
CREATE VIRTUAL TABLE projects_search_fts USING fts5 (
    name, body,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE parties_search_fts USING fts5 (
    name, body,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- What the search boxes hold for each project and party: search_documents'
-- title and body, and for a record with CJK characters (the ranges of
-- migration 0007), every run of 2 to 6 of them in a line of its text that
-- has any. The walk takes one character off a line at a time, so that each
-- step reads the start of a string (substr(text, n, ...) counts n
-- characters from the start every time: three times as slow on GEM's data,
-- where 1,012 projects name China in Chinese among its names).
-- Written so that DuckDB runs this view itself (migration 0022): line feeds
-- as strings that hold one (DuckDB reads char(10) as the type CHAR(10)),
-- `NOT (x GLOB y)` for `x NOT GLOB y`, a SELECT of widths for VALUES.
CREATE VIEW search_box_documents AS
    SELECT d.kind AS kind, d.ref AS ref, d.title AS name,
           CASE WHEN d.text GLOB '*[぀-ヿ㐀-䶿一-鿿가-힯豈-﫿𠀀-𲎯]*'
                THEN trim(coalesce(d.body, '') || '
' || coalesce(
                    (WITH RECURSIVE
                     lines (line, rest) AS (
                         SELECT CAST(NULL AS TEXT), d.text || '
'
                         UNION ALL
                         SELECT substr(rest, 1, instr(rest, '
') - 1), substr(rest, instr(rest, '
') + 1)
                         FROM lines WHERE rest <> ''),
                     walk (rest) AS (
                         SELECT line FROM lines WHERE line GLOB '*[぀-ヿ㐀-䶿一-鿿가-힯豈-﫿𠀀-𲎯]*'
                         UNION ALL
                         SELECT substr(rest, 2) FROM walk WHERE rest <> '')
                     SELECT group_concat(word, ' ')
                     FROM (SELECT DISTINCT substr(walk.rest, 1, w.width) AS word
                           FROM walk, (SELECT 2 AS width UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6) AS w
                           WHERE walk.rest GLOB '[぀-ヿ㐀-䶿一-鿿가-힯豈-﫿𠀀-𲎯][぀-ヿ㐀-䶿一-鿿가-힯豈-﫿𠀀-𲎯]*'
                             AND NOT (substr(walk.rest, 1, w.width) GLOB '*[^぀-ヿ㐀-䶿一-鿿가-힯豈-﫿𠀀-𲎯]*'))), ''),
                    '
')
                ELSE d.body END AS body
    FROM (SELECT kind, ref, title, body, coalesce(title, '') || '
' || coalesce(body, '') AS text
          FROM search_documents WHERE kind IN ('project', 'party')) AS d;

CREATE TRIGGER search_refresh_boxes INSTEAD OF INSERT ON search_refresh
WHEN NEW.kind IN ('project', 'party') BEGIN
    DELETE FROM projects_search_fts
        WHERE NEW.kind = 'project' AND rowid = (SELECT rowid FROM projects WHERE id = NEW.ref);
    INSERT INTO projects_search_fts (rowid, name, body)
        SELECT p.rowid, d.name, d.body
        FROM projects AS p JOIN search_box_documents AS d ON d.kind = 'project' AND d.ref = p.id
        WHERE NEW.kind = 'project' AND p.id = NEW.ref;
    DELETE FROM parties_search_fts
        WHERE NEW.kind = 'party' AND rowid = (SELECT rowid FROM parties WHERE id = NEW.ref);
    INSERT INTO parties_search_fts (rowid, name, body)
        SELECT p.rowid, d.name, d.body
        FROM parties AS p JOIN search_box_documents AS d ON d.kind = 'party' AND d.ref = p.id
        WHERE NEW.kind = 'party' AND p.id = NEW.ref;
END;

-- A deleted row is no longer found by its id: its rowid says which entry goes.
CREATE TRIGGER search_projects_search_fts_delete AFTER DELETE ON projects BEGIN
    DELETE FROM projects_search_fts WHERE rowid = OLD.rowid;
END;
CREATE TRIGGER search_parties_search_fts_delete AFTER DELETE ON parties BEGIN
    DELETE FROM parties_search_fts WHERE rowid = OLD.rowid;
END;

-- A rebuild of the search index (view search_rebuild, migration 0018: a
-- bulk load ends with one) fills these two anew as well.
CREATE TRIGGER search_rebuild_boxes INSTEAD OF INSERT ON search_rebuild BEGIN
    DELETE FROM projects_search_fts;
    INSERT INTO projects_search_fts (rowid, name, body)
        SELECT p.rowid, d.name, d.body
        FROM search_box_documents AS d JOIN projects AS p ON p.id = d.ref
        WHERE d.kind = 'project' ORDER BY p.rowid;
    DELETE FROM parties_search_fts;
    INSERT INTO parties_search_fts (rowid, name, body)
        SELECT p.rowid, d.name, d.body
        FROM search_box_documents AS d JOIN parties AS p ON p.id = d.ref
        WHERE d.kind = 'party' ORDER BY p.rowid;
END;

-- Filled once (the rest of the index is rebuilt with them).
INSERT INTO search_rebuild (requested) VALUES (1);
