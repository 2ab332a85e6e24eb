-- Search finds a word however it was typed into the record (issue 25):
-- text pasted from a PDF carries the ligatures ﬁ, ﬂ, ﬀ, ﬃ, ﬄ, ﬅ and ﬆ, and
-- text from East Asian sources full-width letters and digits (ＡＢＣ
-- Ｅｎｅｒｇｙ). FTS5's unicode61 tokenizer folds case and accents, but not
-- these: `ﬁnance` was one token that `finance` never matched, and the porter
-- stemmer passes over a word with a letter beyond ASCII. `dealdb show`
-- already found them by the one name rule (NFKC, TextFolding).
--
-- A record whose title or body holds one of them gets, after its body, a
-- line with the title and body in their compatibility forms (what NFKC
-- makes of each; a test compares every one with Swift's NFKC). SQLite has
-- no NFKC of its own, and a function of ours in the triggers would stop
-- every other tool from writing to the file, so the 69 forms are spelled
-- out as replace() calls, in three views because SQLite's parser takes
-- about 30 nested calls at most. Everything else (the indexes, their
-- triggers, the search boxes) reads search_documents as before; the GLOB
-- (the shape of 0007's CJK test) leaves the text of every other record as
-- it was.
DROP VIEW search_documents;
CREATE VIEW search_documents_text AS
    SELECT 'agreement' AS kind, id AS ref, title AS title, summary AS body, NULL AS term_id FROM agreements
    UNION ALL
    SELECT 'project', p.id, p.name,
           nullif(trim(coalesce(p.note || '
', '')
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
                                          GROUP BY r.country, c.code, c.name, c.common_name
                                          ORDER BY min(r.position))) || '
', '')
                       || coalesce((SELECT group_concat(name, '; ')
                                    FROM (SELECT pa.name FROM project_owners AS o
                                          JOIN parties AS pa ON pa.id = o.party_id
                                          WHERE o.project_id = p.id
                                          GROUP BY o.party_id, pa.name
                                          ORDER BY min(o.level = 'parent'), min(o.position))), ''),
                       '
'), ''),
           NULL
    FROM projects AS p
    UNION ALL
    SELECT 'party', p.id, p.name,
           nullif(trim(coalesce((SELECT group_concat(alias, '; ')
                                 FROM (SELECT alias FROM party_aliases AS a
                                       WHERE a.party_id = p.id
                                       ORDER BY a.position)), '')
                       || '
' || coalesce(p.note, ''), '
'), ''),
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

-- Ligatures and digits, for the records that have any of the forms.
CREATE VIEW search_documents_folding AS
    SELECT kind AS kind, ref AS ref, title AS title, body AS body, term_id AS term_id,
           CASE WHEN (coalesce(title, '') || ' ' || coalesce(body, '')) GLOB '*[ﬀ-ﬆ０-９Ａ-Ｚａ-ｚ]*'
                THEN replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(title, '') || coalesce(' ' || body, ''), 'ﬀ', 'ff'), 'ﬁ', 'fi'), 'ﬂ', 'fl'), 'ﬃ', 'ffi'), 'ﬄ', 'ffl'), 'ﬅ', 'st'), 'ﬆ', 'st'), '０', '0'), '１', '1'), '２', '2'), '３', '3'), '４', '4'), '５', '5'), '６', '6'), '７', '7'), '８', '8'), '９', '9')
                END AS folded
    FROM search_documents_text;

-- Capital letters.
CREATE VIEW search_documents_folded AS
    SELECT kind AS kind, ref AS ref, title AS title, body AS body, term_id AS term_id,
           replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(folded, 'Ａ', 'A'), 'Ｂ', 'B'), 'Ｃ', 'C'), 'Ｄ', 'D'), 'Ｅ', 'E'), 'Ｆ', 'F'), 'Ｇ', 'G'), 'Ｈ', 'H'), 'Ｉ', 'I'), 'Ｊ', 'J'), 'Ｋ', 'K'), 'Ｌ', 'L'), 'Ｍ', 'M'), 'Ｎ', 'N'), 'Ｏ', 'O'), 'Ｐ', 'P'), 'Ｑ', 'Q'), 'Ｒ', 'R'), 'Ｓ', 'S'), 'Ｔ', 'T'), 'Ｕ', 'U'), 'Ｖ', 'V'), 'Ｗ', 'W'), 'Ｘ', 'X'), 'Ｙ', 'Y'), 'Ｚ', 'Z') AS folded
    FROM search_documents_folding;

-- Small letters, and the folded line after the body.
CREATE VIEW search_documents AS
    SELECT kind AS kind, ref AS ref, title AS title,
           coalesce(coalesce(body || '
', '') || replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(folded, 'ａ', 'a'), 'ｂ', 'b'), 'ｃ', 'c'), 'ｄ', 'd'), 'ｅ', 'e'), 'ｆ', 'f'), 'ｇ', 'g'), 'ｈ', 'h'), 'ｉ', 'i'), 'ｊ', 'j'), 'ｋ', 'k'), 'ｌ', 'l'), 'ｍ', 'm'), 'ｎ', 'n'), 'ｏ', 'o'), 'ｐ', 'p'), 'ｑ', 'q'), 'ｒ', 'r'), 'ｓ', 's'), 'ｔ', 't'), 'ｕ', 'u'), 'ｖ', 'v'), 'ｗ', 'w'), 'ｘ', 'x'), 'ｙ', 'y'), 'ｚ', 'z'), body) AS body,
           term_id AS term_id
    FROM search_documents_folded;

-- The whole index anew: records already stored gain their folded line.
INSERT INTO search_rebuild (requested) VALUES (1);
