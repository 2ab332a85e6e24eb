-- trigger agreement_parties_release_citable
CREATE TRIGGER agreement_parties_release_citable AFTER DELETE ON agreement_parties BEGIN
    DELETE FROM citables WHERE id = OLD.citable_id;
END;

-- trigger agreements_release_citable
CREATE TRIGGER agreements_release_citable AFTER DELETE ON agreements BEGIN
    DELETE FROM citables WHERE id = OLD.citable_id;
END;

-- trigger events_release_citable
CREATE TRIGGER events_release_citable AFTER DELETE ON events BEGIN
    DELETE FROM citables WHERE id = OLD.citable_id;
END;

-- trigger projects_release_citable
CREATE TRIGGER projects_release_citable AFTER DELETE ON projects BEGIN
    DELETE FROM citables WHERE id = OLD.citable_id;
END;

-- trigger search_agreements_delete
CREATE TRIGGER search_agreements_delete AFTER DELETE ON agreements BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('agreement', OLD.id);
END;

-- trigger search_agreements_fts_delete
CREATE TRIGGER search_agreements_fts_delete AFTER DELETE ON agreements BEGIN
    INSERT INTO agreements_fts (agreements_fts, rowid, title, summary)
        VALUES ('delete', OLD.rowid, OLD.title, OLD.summary);
END;

-- trigger search_agreements_fts_insert
CREATE TRIGGER search_agreements_fts_insert AFTER INSERT ON agreements BEGIN
    INSERT INTO agreements_fts (rowid, title, summary) VALUES (NEW.rowid, NEW.title, NEW.summary);
END;

-- trigger search_agreements_fts_update
CREATE TRIGGER search_agreements_fts_update AFTER UPDATE OF title, summary ON agreements BEGIN
    INSERT INTO agreements_fts (agreements_fts, rowid, title, summary)
        VALUES ('delete', OLD.rowid, OLD.title, OLD.summary);
    INSERT INTO agreements_fts (rowid, title, summary) VALUES (NEW.rowid, NEW.title, NEW.summary);
END;

-- trigger search_agreements_insert
CREATE TRIGGER search_agreements_insert AFTER INSERT ON agreements BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('agreement', NEW.id);
END;

-- trigger search_agreements_update
CREATE TRIGGER search_agreements_update AFTER UPDATE OF id, title, summary ON agreements BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('agreement', OLD.id);
    INSERT INTO search_refresh (kind, ref) SELECT 'agreement', NEW.id WHERE NEW.id IS NOT OLD.id;
END;

-- trigger search_countries_update
CREATE TRIGGER search_countries_update AFTER UPDATE OF code, name, common_name ON countries BEGIN
    INSERT INTO search_refresh (kind, ref)
        SELECT DISTINCT 'project', project_id FROM project_route WHERE country IN (OLD.code, NEW.code);
END;

-- trigger search_country_names_delete
CREATE TRIGGER search_country_names_delete AFTER DELETE ON country_names BEGIN
    INSERT INTO search_refresh (kind, ref)
        SELECT DISTINCT 'project', project_id FROM project_route WHERE country = OLD.code;
END;

-- trigger search_country_names_insert
CREATE TRIGGER search_country_names_insert AFTER INSERT ON country_names BEGIN
    INSERT INTO search_refresh (kind, ref)
        SELECT DISTINCT 'project', project_id FROM project_route WHERE country = NEW.code;
END;

-- trigger search_country_names_update
CREATE TRIGGER search_country_names_update AFTER UPDATE ON country_names BEGIN
    INSERT INTO search_refresh (kind, ref)
        SELECT DISTINCT 'project', project_id FROM project_route WHERE country IN (OLD.code, NEW.code);
END;

-- trigger search_events_delete
CREATE TRIGGER search_events_delete AFTER DELETE ON events BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('event', OLD.id);
END;

-- trigger search_events_insert
CREATE TRIGGER search_events_insert AFTER INSERT ON events BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('event', NEW.id);
END;

-- trigger search_events_update
CREATE TRIGGER search_events_update AFTER UPDATE OF id, title ON events BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('event', OLD.id);
    INSERT INTO search_refresh (kind, ref) SELECT 'event', NEW.id WHERE NEW.id IS NOT OLD.id;
END;

-- trigger search_parties_delete
CREATE TRIGGER search_parties_delete AFTER DELETE ON parties BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('party', OLD.id);
END;

-- trigger search_parties_fts_delete
CREATE TRIGGER search_parties_fts_delete AFTER DELETE ON parties BEGIN
    INSERT INTO parties_fts (parties_fts, rowid, name, note) VALUES ('delete', OLD.rowid, OLD.name, OLD.note);
END;

-- trigger search_parties_fts_insert
CREATE TRIGGER search_parties_fts_insert AFTER INSERT ON parties BEGIN
    INSERT INTO parties_fts (rowid, name, note) VALUES (NEW.rowid, NEW.name, NEW.note);
END;

-- trigger search_parties_fts_update
CREATE TRIGGER search_parties_fts_update AFTER UPDATE OF name, note ON parties BEGIN
    INSERT INTO parties_fts (parties_fts, rowid, name, note) VALUES ('delete', OLD.rowid, OLD.name, OLD.note);
    INSERT INTO parties_fts (rowid, name, note) VALUES (NEW.rowid, NEW.name, NEW.note);
END;

-- trigger search_parties_insert
CREATE TRIGGER search_parties_insert AFTER INSERT ON parties BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('party', NEW.id);
END;

-- trigger search_parties_search_fts_delete
CREATE TRIGGER search_parties_search_fts_delete AFTER DELETE ON parties BEGIN
    DELETE FROM parties_search_fts WHERE rowid = OLD.rowid;
END;

-- trigger search_parties_update
CREATE TRIGGER search_parties_update AFTER UPDATE OF id, name, note ON parties BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('party', OLD.id);
    INSERT INTO search_refresh (kind, ref) SELECT 'party', NEW.id WHERE NEW.id IS NOT OLD.id;
    INSERT INTO search_refresh (kind, ref)
        SELECT DISTINCT 'project', project_id FROM project_owners
        WHERE party_id IN (OLD.id, NEW.id) AND NEW.name IS NOT OLD.name;
END;

-- trigger search_party_aliases_delete
CREATE TRIGGER search_party_aliases_delete AFTER DELETE ON party_aliases BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('party', OLD.party_id);
END;

-- trigger search_party_aliases_insert
CREATE TRIGGER search_party_aliases_insert AFTER INSERT ON party_aliases BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('party', NEW.party_id);
END;

-- trigger search_party_aliases_update
CREATE TRIGGER search_party_aliases_update AFTER UPDATE ON party_aliases BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('party', OLD.party_id);
    INSERT INTO search_refresh (kind, ref) SELECT 'party', NEW.party_id WHERE NEW.party_id IS NOT OLD.party_id;
END;

-- trigger search_project_owners_delete
CREATE TRIGGER search_project_owners_delete AFTER DELETE ON project_owners BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('project', OLD.project_id);
END;

-- trigger search_project_owners_insert
CREATE TRIGGER search_project_owners_insert AFTER INSERT ON project_owners BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('project', NEW.project_id);
END;

-- trigger search_project_owners_update
CREATE TRIGGER search_project_owners_update AFTER UPDATE ON project_owners BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('project', OLD.project_id);
    INSERT INTO search_refresh (kind, ref) SELECT 'project', NEW.project_id WHERE NEW.project_id IS NOT OLD.project_id;
END;

-- trigger search_project_route_delete
CREATE TRIGGER search_project_route_delete AFTER DELETE ON project_route BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('project', OLD.project_id);
END;

-- trigger search_project_route_insert
CREATE TRIGGER search_project_route_insert AFTER INSERT ON project_route BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('project', NEW.project_id);
END;

-- trigger search_project_route_update
CREATE TRIGGER search_project_route_update AFTER UPDATE ON project_route BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('project', OLD.project_id);
    INSERT INTO search_refresh (kind, ref) SELECT 'project', NEW.project_id WHERE NEW.project_id IS NOT OLD.project_id;
END;

-- trigger search_projects_delete
CREATE TRIGGER search_projects_delete AFTER DELETE ON projects BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('project', OLD.id);
END;

-- trigger search_projects_fts_delete
CREATE TRIGGER search_projects_fts_delete AFTER DELETE ON projects BEGIN
    INSERT INTO projects_fts (projects_fts, rowid, name, note) VALUES ('delete', OLD.rowid, OLD.name, OLD.note);
END;

-- trigger search_projects_fts_insert
CREATE TRIGGER search_projects_fts_insert AFTER INSERT ON projects BEGIN
    INSERT INTO projects_fts (rowid, name, note) VALUES (NEW.rowid, NEW.name, NEW.note);
END;

-- trigger search_projects_fts_update
CREATE TRIGGER search_projects_fts_update AFTER UPDATE OF name, note ON projects BEGIN
    INSERT INTO projects_fts (projects_fts, rowid, name, note) VALUES ('delete', OLD.rowid, OLD.name, OLD.note);
    INSERT INTO projects_fts (rowid, name, note) VALUES (NEW.rowid, NEW.name, NEW.note);
END;

-- trigger search_projects_insert
CREATE TRIGGER search_projects_insert AFTER INSERT ON projects BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('project', NEW.id);
END;

-- trigger search_projects_search_fts_delete
CREATE TRIGGER search_projects_search_fts_delete AFTER DELETE ON projects BEGIN
    DELETE FROM projects_search_fts WHERE rowid = OLD.rowid;
END;

-- trigger search_projects_update
CREATE TRIGGER search_projects_update AFTER UPDATE OF id, name, note ON projects BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('project', OLD.id);
    INSERT INTO search_refresh (kind, ref) SELECT 'project', NEW.id WHERE NEW.id IS NOT OLD.id;
END;

-- trigger search_rebuild_all
CREATE TRIGGER search_rebuild_all INSTEAD OF INSERT ON search_rebuild BEGIN
    INSERT INTO search_index_trigram (search_index_trigram) VALUES ('delete-all');
    DELETE FROM search_index;
    DELETE FROM search_index_keys;
    INSERT INTO search_index_keys (kind, ref)
        SELECT kind, ref FROM search_documents WHERE kind <> 'term';
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
    INSERT INTO agreements_fts (agreements_fts) VALUES ('rebuild');
    INSERT INTO projects_fts (projects_fts) VALUES ('rebuild');
    INSERT INTO parties_fts (parties_fts) VALUES ('rebuild');
END;

-- trigger search_rebuild_boxes
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

-- trigger search_refresh_boxes
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

-- trigger search_refresh_record
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

-- trigger search_sources_delete
CREATE TRIGGER search_sources_delete AFTER DELETE ON sources BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('source', OLD.id);
END;

-- trigger search_sources_insert
CREATE TRIGGER search_sources_insert AFTER INSERT ON sources BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('source', NEW.id);
END;

-- trigger search_sources_update
CREATE TRIGGER search_sources_update AFTER UPDATE OF id, title, note ON sources BEGIN
    INSERT INTO search_refresh (kind, ref) VALUES ('source', OLD.id);
    INSERT INTO search_refresh (kind, ref) SELECT 'source', NEW.id WHERE NEW.id IS NOT OLD.id;
END;

-- trigger search_terms_delete
CREATE TRIGGER search_terms_delete AFTER DELETE ON terms BEGIN
    INSERT INTO search_refresh (kind, ref, term_id)
        VALUES ('term', coalesce(OLD.agreement_id, OLD.project_id), OLD.id);
END;

-- trigger search_terms_insert
CREATE TRIGGER search_terms_insert AFTER INSERT ON terms BEGIN
    INSERT INTO search_refresh (kind, ref, term_id)
        VALUES ('term', coalesce(NEW.agreement_id, NEW.project_id), NEW.id);
END;

-- trigger search_terms_update
CREATE TRIGGER search_terms_update AFTER UPDATE OF id, agreement_id, project_id, metric, text ON terms BEGIN
    INSERT INTO search_refresh (kind, ref, term_id)
        VALUES ('term', coalesce(OLD.agreement_id, OLD.project_id), OLD.id);
    INSERT INTO search_refresh (kind, ref, term_id)
        VALUES ('term', coalesce(NEW.agreement_id, NEW.project_id), NEW.id);
END;

-- trigger terms_release_citable
CREATE TRIGGER terms_release_citable AFTER DELETE ON terms BEGIN
    DELETE FROM citables WHERE id = OLD.citable_id;
END;

-- view agreement_binding
CREATE VIEW agreement_binding AS
    SELECT id AS agreement_id, binding, asserted_by, unconfirmed,
           CASE WHEN binding = 'unknown' OR unconfirmed IS NULL OR asserted_by IS NULL THEN binding
                ELSE binding || coalesce(', per ' || asserted_by, '') || '; ' || unconfirmed || ' unconfirmed'
           END AS description
    FROM (SELECT a.id, a.binding,
                 (SELECT group_concat(name, ', ')
                  FROM (SELECT p.name FROM agreement_parties AS ap JOIN parties AS p ON p.id = ap.party_id
                        WHERE ap.agreement_id = a.id AND ap.confirmed = 'yes'
                        GROUP BY p.id ORDER BY min(ap.position))) AS asserted_by,
                 (SELECT group_concat(name, ', ')
                  FROM (SELECT p.name FROM agreement_parties AS ap JOIN parties AS p ON p.id = ap.party_id
                        WHERE ap.agreement_id = a.id
                        GROUP BY p.id HAVING max(ap.confirmed = 'yes') = 0
                        ORDER BY min(ap.position))) AS unconfirmed
          FROM agreements AS a);

-- view agreement_overview
CREATE VIEW agreement_overview AS
    SELECT a.id AS id, a.title AS title, a.kind AS kind, a.status AS status, a.signed AS signed, a.ended AS ended,
           b.description AS binding, a.project_id AS project_id,
           (SELECT group_concat(label, '; ')
            FROM (SELECT p.name || ' (' || ap.role || ')' AS label
                  FROM agreement_parties AS ap JOIN parties AS p ON p.id = ap.party_id
                  WHERE ap.agreement_id = a.id ORDER BY ap.position)) AS parties,
           a.summary AS summary,
           (SELECT group_concat(label, '; ')
            FROM (SELECT s.title || coalesce(', ' || c.locator, '') AS label
                  FROM citations AS c JOIN sources AS s ON s.id = c.source_id
                  WHERE c.citable_id = a.citable_id ORDER BY c.position)) AS sources
    FROM agreements AS a JOIN agreement_binding AS b ON b.agreement_id = a.id;

-- view agreement_party_labels
CREATE VIEW agreement_party_labels (agreement_id, position, party_id, role, confirmed, citable_id, label) AS
    SELECT ap.agreement_id, ap.position, ap.party_id, ap.role, ap.confirmed, ap.citable_id,
           p.name || ' (' || ap.role || ')'
    FROM agreement_parties AS ap JOIN parties AS p ON p.id = ap.party_id;

-- view agreement_spans
CREATE VIEW agreement_spans AS
    SELECT a.id AS agreement_id,
           a.signed || (SELECT d.first_suffix FROM date_precisions AS d WHERE d.length = length(a.signed))
               AS signed_first_day,
           (SELECT strftime('%Y-%m-%d', a.signed || d.first_suffix, d.step, '-1 day') FROM date_precisions AS d
            WHERE d.length = length(a.signed)) AS signed_last_day,
           a.ended || (SELECT d.first_suffix FROM date_precisions AS d WHERE d.length = length(a.ended))
               AS ended_first_day,
           (SELECT strftime('%Y-%m-%d', a.ended || d.first_suffix, d.step, '-1 day') FROM date_precisions AS d
            WHERE d.length = length(a.ended)) AS ended_last_day
    FROM agreements AS a;

-- view capacity_candidates
CREATE VIEW capacity_candidates (project_id, project_status, term_id, bcm_per_year, status, flag, first_day, last_day,
                                 preference) AS
    SELECT pj.id, pj.status, c.term_id, c.bcm_per_year, c.status, c.flag, c.first_day, c.last_day, c.preference
    FROM counted_projects AS pj JOIN capacity_terms AS c ON c.project_id = pj.id;

-- view capacity_terms
CREATE VIEW capacity_terms AS
    SELECT t.project_id AS project_id, t.id AS term_id, CAST(t.bcm_per_year AS REAL) AS bcm_per_year,
           t.unit AS unit, t.status AS status, t.evidence AS evidence, s.first_day AS first_day,
           s.last_day AS last_day,
           printf('%s %d %010d', coalesce(s.starts, ''), t.unit = 'bcm/y', t.position) AS preference,
           coalesce(
               (SELECT t.metric || '-outlier' FROM quality_limits AS l JOIN projects AS p ON p.id = t.project_id
                WHERE l.project_kind = p.kind AND l.metric = t.metric AND l.unit = t.unit AND t.value > l.max_value),
               (SELECT group_concat(n.rule, ', ') FROM quality_notes AS n WHERE n.term_id = t.id)) AS flag
    FROM terms AS t JOIN term_spans AS s ON s.term_id = t.id
    WHERE t.metric = 'capacity' AND t.bcm_per_year IS NOT NULL AND t.project_id IS NOT NULL;

-- view counted_finance
CREATE VIEW counted_finance AS
    SELECT * FROM finance_records WHERE recommended = 1;

-- view counted_projects
CREATE VIEW counted_projects (id, kind, status) AS
    SELECT p.id, p.kind, p.status
    FROM projects AS p
    WHERE (p.status IS NULL OR p.status NOT IN ('cancelled', 'shelved', 'mothballed', 'retired'))
      AND (SELECT pe.counted FROM project_entities AS pe WHERE pe.project_id = p.id);

-- view date_precisions
CREATE VIEW date_precisions (length, first_suffix, step) AS
    VALUES (4, '-01-01', '+1 year'), (7, '-01', '+1 month'), (10, '', '+1 day');

-- view entity_candidates
CREATE VIEW entity_candidates (entity_id, project_id) AS
    SELECT id, id FROM projects
    UNION ALL
    SELECT system_id, project_id FROM project_parts WHERE project_id <> system_id
    UNION ALL
    SELECT a.project_id, g.project_id FROM project_identifiers AS a
    JOIN project_identifiers AS g ON g.scheme = a.scheme AND g.value = a.value AND g.project_id <> a.project_id
    WHERE a.evidence = 'analyst'
    UNION ALL
    SELECT a.project_id, pp.project_id FROM project_identifiers AS a
    JOIN project_identifiers AS g ON g.scheme = a.scheme AND g.value = a.value AND g.project_id <> a.project_id
    JOIN project_parts AS pp ON pp.system_id = g.project_id AND pp.project_id <> g.project_id
    WHERE a.evidence = 'analyst';

-- view entity_overview
CREATE VIEW entity_overview AS
    SELECT o.id AS id, o.name AS name, o.kind AS kind, o.status AS status, o.commodity AS commodity,
           o.origin AS origin, o.transit AS transit, o.destination AS destination,
           -- Most projects are entities of one row: their own figure, without
           -- looking for members (the sum below costs ten times as much). (The
           -- CASTs change nothing in SQLite, where the figures are REAL or NULL;
           -- DuckDB reads the figures of a view it leaves to SQLite as text.)
           CASE WHEN NOT EXISTS (SELECT 1 FROM project_parts AS pp WHERE pp.system_id = o.id AND pp.project_id <> o.id)
                     AND NOT EXISTS (SELECT 1 FROM project_identifiers AS a WHERE a.project_id = o.id AND a.evidence = 'analyst')
                THEN CAST(o.capacity_bcm_y AS DOUBLE)
                WHEN o.capacity_bcm_y IS NOT NULL
                     AND EXISTS (SELECT 1 FROM project_identifiers AS a WHERE a.project_id = o.id AND a.evidence = 'analyst')
                THEN CAST(o.capacity_bcm_y AS DOUBLE)
                ELSE (SELECT round(sum(CAST(m.capacity_bcm_y AS DOUBLE)), 9)
                      FROM project_entities AS e JOIN project_overview AS m ON m.id = e.project_id
                      WHERE e.project_id IN (SELECT c.project_id FROM entity_candidates AS c WHERE c.entity_id = o.id)
                        -- (m.status IS o.status.) Inside coalesce() the status is no index
                        -- constraint: the planner does not read every project of that
                        -- status through projects_status instead of the few members.
                        AND e.entity_id = o.id AND e.counted
                        AND coalesce(m.status = o.status, m.status IS NULL AND o.status IS NULL)
                        -- A value the data-quality rules flag is left out, as sums
                        -- leave it out (Chongqing's 208.19 bcm/y segment).
                        AND NOT EXISTS (SELECT 1 FROM capacity_terms AS c
                                        WHERE c.project_id = m.id AND c.flag IS NOT NULL)) END AS capacity_bcm_y,
           o.length_km AS length_km, o.start_year AS start_year, o.owners AS owners, o.note AS note,
           CASE WHEN NOT EXISTS (SELECT 1 FROM project_parts AS pp WHERE pp.system_id = o.id AND pp.project_id <> o.id)
                     AND NOT EXISTS (SELECT 1 FROM project_identifiers AS a WHERE a.project_id = o.id AND a.evidence = 'analyst')
                THEN 1
                ELSE (SELECT count(*) FROM project_entities AS e
                      WHERE e.project_id IN (SELECT c.project_id FROM entity_candidates AS c WHERE c.entity_id = o.id)
                        AND e.entity_id = o.id) END AS rows
    FROM project_overview AS o
    WHERE (SELECT e.entity_id FROM project_entities AS e WHERE e.project_id = o.id) = o.id;

-- view event_spans
CREATE VIEW event_spans AS
    SELECT e.id AS event_id,
           e.date || (SELECT d.first_suffix FROM date_precisions AS d WHERE d.length = length(e.date)) AS first_day,
           (SELECT strftime('%Y-%m-%d', e.date || d.first_suffix, d.step, '-1 day') FROM date_precisions AS d
            WHERE d.length = length(e.date)) AS last_day
    FROM events AS e;

-- view finance_parents
CREATE VIEW finance_parents (agreement_id, parent_id, parent_record) AS
    SELECT f.agreement_id, p.agreement_id, f.parent_record
    FROM finance_records AS f
    LEFT JOIN finance_records AS p ON p.dataset = f.dataset AND p.record_id = f.parent_record
    WHERE f.parent_record IS NOT NULL;

-- view flagged_route_countries
CREATE VIEW flagged_route_countries (project_id, country, rule, detail) AS
    SELECT n.project_id, n.country, n.rule, n.detail
    FROM quality_notes AS n
    WHERE n.country IS NOT NULL
      AND EXISTS (SELECT 1 FROM project_route AS r WHERE r.project_id = n.project_id AND r.country = n.country);

-- view flagged_terms
CREATE VIEW flagged_terms (term_id, rule, detail) AS
    SELECT t.id, t.metric || '-outlier',
           printf('%s %s %s is above the %s %s limit for a %s (%s)', t.metric,
                  printf('%.15g', t.value), t.unit, printf('%.15g', l.max_value), l.unit,
                  replace(pj.kind, '_', ' '), l.why)
    FROM terms AS t
    JOIN projects AS pj ON pj.id = t.project_id
    JOIN quality_limits AS l ON l.project_kind = pj.kind AND l.metric = t.metric AND l.unit = t.unit
    WHERE t.value > l.max_value
    UNION ALL
    SELECT term_id, rule, detail FROM quality_notes WHERE term_id IS NOT NULL;

-- view operating_starts
CREATE VIEW operating_starts (project_id, date, first_day) AS
    SELECT pj.id, s.date, s.first_day
    FROM counted_projects AS pj JOIN project_starts AS s ON s.project_id = pj.id
    WHERE pj.status IN ('operating', 'idle');

-- view party_names
CREATE VIEW party_names (party_id, name) AS
    SELECT id, id FROM parties
    UNION ALL
    SELECT id, name FROM parties
    UNION ALL
    SELECT party_id, alias FROM party_aliases;

-- view project_destinations
CREATE VIEW project_destinations AS
    SELECT x.id AS project_id, x.destination AS destination,
           x.destination IS NOT NULL
           AND EXISTS (SELECT 1 FROM project_route AS o
                       WHERE o.project_id = x.id AND o.role = 'origin' AND o.country = x.destination)
           AND NOT EXISTS (SELECT 1 FROM project_route AS o
                           WHERE o.project_id = x.id AND o.country <> x.destination) AS domestic
    FROM (SELECT p.id,
                 (SELECT r.country FROM project_route AS r
                  WHERE r.project_id = p.id AND r.role = 'destination'
                  ORDER BY r.position DESC
                  LIMIT 1) AS destination
          FROM projects AS p) AS x;

-- view project_entities
CREATE VIEW project_entities AS
    SELECT x.id AS project_id,
           coalesce(x.linked, x.system_id) AS entity_id,
           x.part AS part,
           CASE WHEN x.linked IS NOT NULL AND x.linked <> x.id
                     AND EXISTS (SELECT 1 FROM terms AS t WHERE t.project_id = x.linked AND t.metric = 'capacity'
                                 AND t.bcm_per_year IS NOT NULL)
                     AND ((SELECT r.country FROM project_route AS r WHERE r.project_id = x.id AND r.role = 'destination'
                           ORDER BY r.position DESC LIMIT 1) IS NULL
                          OR (SELECT r.country FROM project_route AS r WHERE r.project_id = x.id AND r.role = 'destination'
                              ORDER BY r.position DESC LIMIT 1)
                             = (SELECT r.country FROM project_route AS r WHERE r.project_id = x.linked
                                AND r.role = 'destination' ORDER BY r.position DESC LIMIT 1))
                THEN 0 ELSE x.counted END AS counted,
           x.linked_by AS linked_by
    FROM (SELECT p.id,
                 coalesce(pp.system_id, p.id) AS system_id,
                 pp.part,
                 coalesce(pp.counted, 1) AS counted,
                 CASE WHEN EXISTS (SELECT 1 FROM project_identifiers AS a
                                   WHERE a.project_id = p.id AND a.evidence = 'analyst') THEN p.id
                      ELSE (SELECT a.project_id FROM project_identifiers AS g
                            JOIN project_identifiers AS a ON a.scheme = g.scheme AND a.value = g.value
                            WHERE g.project_id = p.id AND a.evidence = 'analyst' AND a.project_id <> p.id
                            ORDER BY a.project_id LIMIT 1) END AS linked,
                 (SELECT a.scheme || ' ' || a.value FROM project_identifiers AS g
                  JOIN project_identifiers AS a ON a.scheme = g.scheme AND a.value = g.value
                  WHERE g.project_id = p.id AND a.evidence = 'analyst' AND a.project_id <> p.id
                  ORDER BY a.project_id LIMIT 1) AS linked_by
          FROM projects AS p LEFT JOIN project_parts AS pp ON pp.project_id = p.id) AS x;

-- view project_finance
CREATE VIEW project_finance AS
    SELECT l.project_id AS project_id, coalesce(e.entity_id, l.project_id) AS entity_id,
           l.agreement_id AS agreement_id, l.state AS state, l.decided_by AS decided_by, l.confidence AS confidence,
           l.evidence AS evidence
    FROM finance_links AS l LEFT JOIN project_entities AS e ON e.project_id = l.project_id
    WHERE l.state <> 'rejected';

-- view project_names
CREATE VIEW project_names (project_id, name) AS
    SELECT id, id FROM projects
    UNION ALL
    SELECT id, name FROM projects;

-- view project_overview
CREATE VIEW project_overview AS
    SELECT p.id AS id, p.name AS name, p.kind AS kind, p.status AS status, p.commodity AS commodity,
           (SELECT group_concat(country, '; ') FROM (SELECT r.country FROM project_route AS r
                WHERE r.project_id = p.id AND r.role = 'origin' ORDER BY r.position)) AS origin,
           (SELECT group_concat(country, '; ') FROM (SELECT r.country FROM project_route AS r
                WHERE r.project_id = p.id AND r.role = 'transit' ORDER BY r.position)) AS transit,
           (SELECT group_concat(country, '; ') FROM (SELECT r.country FROM project_route AS r
                WHERE r.project_id = p.id AND r.role = 'destination' ORDER BY r.position)) AS destination,
           (SELECT c.bcm_per_year FROM capacity_terms AS c WHERE c.project_id = p.id
            ORDER BY c.preference DESC LIMIT 1) AS capacity_bcm_y,
           (SELECT t.value FROM terms AS t WHERE t.project_id = p.id AND t.metric = 'length' AND t.unit = 'km'
            ORDER BY t.valid_from IS NULL, t.valid_from DESC, t.position LIMIT 1) AS length_km,
           (SELECT CAST(substr(s.date, 1, 4) AS INTEGER) FROM project_starts AS s WHERE s.project_id = p.id)
               AS start_year,
           (SELECT group_concat(label, '; ')
            FROM (SELECT coalesce(pa.name, 'unnamed "' || o.unnamed || '"')
                         || CASE WHEN o.share IS NULL THEN ''
                                 WHEN o.share = CAST(o.share AS INTEGER) THEN ' (' || CAST(o.share AS INTEGER) || '%)'
                                 ELSE ' (' || o.share || '%)' END AS label
                  FROM project_owners AS o LEFT JOIN parties AS pa ON pa.id = o.party_id
                  WHERE o.project_id = p.id AND o.level = 'owner' ORDER BY o.position)) AS owners,
           p.note AS note
    FROM projects AS p;

-- view project_starts
CREATE VIEW project_starts AS
    SELECT s.project_id AS project_id, s.date AS date, s.date_kind AS date_kind, s.event_id AS event_id,
           s.date || (SELECT d.first_suffix FROM date_precisions AS d WHERE d.length = length(s.date)) AS first_day
    FROM (SELECT e.project_id, min(e.date) AS date, e.date_kind, e.id AS event_id
          FROM events AS e
          WHERE e.project_id IS NOT NULL AND (e.marks = 'start_of_operation' OR e.id = e.project_id || '-start')
          GROUP BY e.project_id) AS s;

-- view search_box_documents
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

-- view search_documents
CREATE VIEW search_documents AS
    SELECT kind AS kind, ref AS ref, title AS title,
           coalesce(coalesce(body || '
', '') || replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(folded, 'ａ', 'a'), 'ｂ', 'b'), 'ｃ', 'c'), 'ｄ', 'd'), 'ｅ', 'e'), 'ｆ', 'f'), 'ｇ', 'g'), 'ｈ', 'h'), 'ｉ', 'i'), 'ｊ', 'j'), 'ｋ', 'k'), 'ｌ', 'l'), 'ｍ', 'm'), 'ｎ', 'n'), 'ｏ', 'o'), 'ｐ', 'p'), 'ｑ', 'q'), 'ｒ', 'r'), 'ｓ', 's'), 'ｔ', 't'), 'ｕ', 'u'), 'ｖ', 'v'), 'ｗ', 'w'), 'ｘ', 'x'), 'ｙ', 'y'), 'ｚ', 'z'), body) AS body,
           term_id AS term_id
    FROM search_documents_folded;

-- view search_documents_folded
CREATE VIEW search_documents_folded AS
    SELECT kind AS kind, ref AS ref, title AS title, body AS body, term_id AS term_id,
           replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(folded, 'Ａ', 'A'), 'Ｂ', 'B'), 'Ｃ', 'C'), 'Ｄ', 'D'), 'Ｅ', 'E'), 'Ｆ', 'F'), 'Ｇ', 'G'), 'Ｈ', 'H'), 'Ｉ', 'I'), 'Ｊ', 'J'), 'Ｋ', 'K'), 'Ｌ', 'L'), 'Ｍ', 'M'), 'Ｎ', 'N'), 'Ｏ', 'O'), 'Ｐ', 'P'), 'Ｑ', 'Q'), 'Ｒ', 'R'), 'Ｓ', 'S'), 'Ｔ', 'T'), 'Ｕ', 'U'), 'Ｖ', 'V'), 'Ｗ', 'W'), 'Ｘ', 'X'), 'Ｙ', 'Y'), 'Ｚ', 'Z') AS folded
    FROM search_documents_folding;

-- view search_documents_folding
CREATE VIEW search_documents_folding AS
    SELECT kind AS kind, ref AS ref, title AS title, body AS body, term_id AS term_id,
           CASE WHEN (coalesce(title, '') || ' ' || coalesce(body, '')) GLOB '*[ﬀ-ﬆ０-９Ａ-Ｚａ-ｚ]*'
                THEN replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(title, '') || coalesce(' ' || body, ''), 'ﬀ', 'ff'), 'ﬁ', 'fi'), 'ﬂ', 'fl'), 'ﬃ', 'ffi'), 'ﬄ', 'ffl'), 'ﬅ', 'st'), 'ﬆ', 'st'), '０', '0'), '１', '1'), '２', '2'), '３', '3'), '４', '4'), '５', '5'), '６', '6'), '７', '7'), '８', '8'), '９', '9')
                END AS folded
    FROM search_documents_text;

-- view search_documents_text
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

-- view search_rebuild
CREATE VIEW search_rebuild (requested) AS SELECT NULL WHERE 0;

-- view search_refresh
CREATE VIEW search_refresh (kind, ref, term_id) AS SELECT NULL, NULL, NULL WHERE 0;

-- view term_overview
CREATE VIEW term_overview AS
    SELECT t.id AS term_id, t.agreement_id AS agreement_id, t.project_id AS project_id, t.metric AS metric,
           t.value AS value, t.unit AS unit, t.text AS text, t.status AS negotiation, t.evidence AS evidence,
           t.disclosure AS disclosure, t.valid_from AS valid_from, t.valid_to AS valid_to,
           t.bcm_per_year AS bcm_per_year,
           (SELECT group_concat(rule, '; ') FROM flagged_terms AS f WHERE f.term_id = t.id) AS flagged,
           (SELECT group_concat(label, '; ')
            FROM (SELECT s.title || coalesce(', ' || c.locator, '') AS label
                  FROM citations AS c JOIN sources AS s ON s.id = c.source_id
                  WHERE c.citable_id = t.citable_id ORDER BY c.position)) AS sources
    FROM terms AS t;

-- view term_periods
CREATE VIEW term_periods AS
    -- One plain join, no UNION, so that SQLite flattens the view into a
    -- query that picks terms by owner and reaches them through its index.
    -- Two dates disagree when neither is a prefix of the other: the first
    -- length(b) characters of a differ from the first length(a) of b. (It
    -- compared both cut to the shorter length, with SQLite's two-argument
    -- min(), which DuckDB does not have; a CASE would name from2 more often,
    -- and every mention of from2 is one more run of its subquery.)
    SELECT id AS term_id,
           CASE WHEN from1 IS NULL THEN from2
                WHEN from2 IS NULL THEN from1
                WHEN substr(from1, 1, length(from2)) <> substr(from2, 1, length(from1))
                THEN CASE WHEN from1 > from2 THEN from1 ELSE from2 END
                WHEN length(from1) >= length(from2) THEN from1 ELSE from2 END AS starts,
           CASE WHEN to1 IS NULL THEN to2
                WHEN to2 IS NULL THEN to1
                WHEN substr(to1, 1, length(to2)) <> substr(to2, 1, length(to1))
                THEN CASE WHEN to1 < to2 THEN to1 ELSE to2 END
                WHEN length(to1) >= length(to2) THEN to1 ELSE to2 END AS ends
    FROM (SELECT t.id AS id, t.valid_from AS from1,
                 CASE WHEN t.agreement_id IS NOT NULL
                      THEN (SELECT a.signed FROM agreements AS a WHERE a.id = t.agreement_id)
                      WHEN t.valid_from IS NULL
                      THEN coalesce(
                          (SELECT min(a.signed) FROM agreements AS a
                           WHERE a.project_id = t.project_id
                             AND EXISTS (SELECT 1 FROM terms AS v
                                         WHERE v.agreement_id = a.id AND v.metric = 'volume')),
                          (SELECT min(a.signed) FROM agreements AS a WHERE a.project_id = t.project_id))
                 END AS from2,
                 t.valid_to AS to1,
                 (SELECT a.ended FROM agreements AS a WHERE a.id = t.agreement_id) AS to2
          FROM terms AS t);

-- view term_rows
CREATE VIEW term_rows AS
    SELECT id, citable_id, agreement_id, project_id, position, metric, value, unit, text, status, evidence,
           disclosure, valid_from, valid_to, bcm_per_year
    FROM terms;

-- view term_spans
CREATE VIEW term_spans AS
    SELECT tp.term_id AS term_id, tp.starts AS starts, tp.ends AS ends,
           tp.starts || (SELECT d.first_suffix FROM date_precisions AS d WHERE d.length = length(tp.starts))
               AS first_day,
           (SELECT strftime('%Y-%m-%d', tp.ends || d.first_suffix, d.step, '-1 day') FROM date_precisions AS d
            WHERE d.length = length(tp.ends)) AS last_day
    FROM term_periods AS tp;
