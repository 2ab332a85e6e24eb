-- A full-text index per searchable table, in the layout that Datasette and
-- sqlite-utils look for (`sqlite-utils enable-fts` makes the same): an FTS5
-- table <table>_fts whose content is the table itself (content="<table>",
-- matched on rowid). Datasette then shows a search box on agreements,
-- projects and parties, and `sqlite-utils search DB agreements WORDS` works.
--
-- These are for those tools; `dealdb search` keeps its own index
-- (search_index, 0003 and 0007), which also holds aliases, terms, route
-- countries and owners. External content keeps no second copy of the text:
-- each index stores only its words and reads titles from the table.
--
-- The tables have no INTEGER PRIMARY KEY, so the index follows their
-- implicit rowids, which a VACUUM may renumber. `dealdb doctor` checks each
-- index against its table, and rebuilding one is a single statement:
--   INSERT INTO agreements_fts (agreements_fts) VALUES ('rebuild');
-- (or `sqlite-utils rebuild-fts DB`).
--
-- The triggers are named search_* so that a bulk load sets them aside with
-- the others and rebuilds these indexes once at the end.

CREATE VIRTUAL TABLE agreements_fts USING fts5 (
    title, summary,
    content="agreements",
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE projects_fts USING fts5 (
    name, note,
    content="projects",
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE parties_fts USING fts5 (
    name, note,
    content="parties",
    tokenize = 'porter unicode61 remove_diacritics 2'
);

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

CREATE TRIGGER search_projects_fts_insert AFTER INSERT ON projects BEGIN
    INSERT INTO projects_fts (rowid, name, note) VALUES (NEW.rowid, NEW.name, NEW.note);
END;
CREATE TRIGGER search_projects_fts_delete AFTER DELETE ON projects BEGIN
    INSERT INTO projects_fts (projects_fts, rowid, name, note) VALUES ('delete', OLD.rowid, OLD.name, OLD.note);
END;
CREATE TRIGGER search_projects_fts_update AFTER UPDATE OF name, note ON projects BEGIN
    INSERT INTO projects_fts (projects_fts, rowid, name, note) VALUES ('delete', OLD.rowid, OLD.name, OLD.note);
    INSERT INTO projects_fts (rowid, name, note) VALUES (NEW.rowid, NEW.name, NEW.note);
END;

CREATE TRIGGER search_parties_fts_insert AFTER INSERT ON parties BEGIN
    INSERT INTO parties_fts (rowid, name, note) VALUES (NEW.rowid, NEW.name, NEW.note);
END;
CREATE TRIGGER search_parties_fts_delete AFTER DELETE ON parties BEGIN
    INSERT INTO parties_fts (parties_fts, rowid, name, note) VALUES ('delete', OLD.rowid, OLD.name, OLD.note);
END;
CREATE TRIGGER search_parties_fts_update AFTER UPDATE OF name, note ON parties BEGIN
    INSERT INTO parties_fts (parties_fts, rowid, name, note) VALUES ('delete', OLD.rowid, OLD.name, OLD.note);
    INSERT INTO parties_fts (rowid, name, note) VALUES (NEW.rowid, NEW.name, NEW.note);
END;

INSERT INTO agreements_fts (agreements_fts) VALUES ('rebuild');
INSERT INTO projects_fts (projects_fts) VALUES ('rebuild');
INSERT INTO parties_fts (parties_fts) VALUES ('rebuild');
