-- The search triggers on terms as migration 0007 wrote them.
--
-- 0008 rebuilt the terms table and created its triggers again, but copied
-- the search triggers of 0003, written before the CJK trigram index: a term
-- inserted or changed by a small import (or by `sql --write`) went into
-- search_index only, and a deleted one left its entry in
-- search_index_trigram, an external-content index of search_index, whose
-- next search with that text then failed with "database disk image is
-- malformed". These go through search_refresh, as every other table's do,
-- which keeps both indexes in step.

DROP TRIGGER search_terms_insert;
DROP TRIGGER search_terms_update;
DROP TRIGGER search_terms_delete;

-- As in 0007. A term's rowid is -terms.id; ref is the agreement or project it is about.
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

-- The trigram index filled again from search_index, as 0007 and BulkLoad
-- fill it: entries of deleted terms go, terms with CJK text added since
-- come in.
INSERT INTO search_index_trigram (search_index_trigram) VALUES ('delete-all');
INSERT INTO search_index_trigram (rowid, kind, ref, title, body)
    SELECT rowid, kind, ref, title, body FROM search_index
    WHERE length(CAST(coalesce(title, '') || coalesce(body, '') AS BLOB)) <> length(coalesce(title, '') || coalesce(body, ''))
          AND (coalesce(title, '') || ' ' || coalesce(body, '')) GLOB '*[぀-ヿ㐀-䶿一-鿿가-힯豈-﫿𠀀-𲎯]*'
    ORDER BY rowid;
