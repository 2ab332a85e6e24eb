-- Where projects are (issue 23): a pipeline's route or a terminal's site,
-- as the source draws it, and the route checks that compare a route with
-- the countries it names.

-- One geometry per project: well-known text exactly as the source gives it
-- (GEM's `geometry` / `WKTFormat`, or POINT (lng lat) from a terminal's
-- coordinates), the source's word for how exact it is (GEM: `exact`,
-- `approximate`), and who drew it. `shape` and the bounding box are worked
-- out from the text when it is written, so that a map or a query can pick
-- what lies in a region without reading every text.
CREATE TABLE project_geometry (
    project_id TEXT PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    shape      TEXT NOT NULL CHECK (shape IN ('point', 'line')),
    wkt        TEXT NOT NULL CHECK (trim(wkt) <> ''),
    accuracy   TEXT CHECK (accuracy IS NULL OR trim(accuracy) <> ''),
    west       REAL NOT NULL CHECK (west BETWEEN -180 AND 180),
    south      REAL NOT NULL CHECK (south BETWEEN -90 AND 90),
    east       REAL NOT NULL CHECK (east BETWEEN -180 AND 180 AND east >= west),
    north      REAL NOT NULL CHECK (north BETWEEN -90 AND 90 AND north >= south),
    source_id  TEXT REFERENCES sources (id),
    locator    TEXT
) STRICT;

-- A quality note about one country of a project's route (a route that
-- never comes near a country it names): the country it is about.
ALTER TABLE quality_notes ADD COLUMN country TEXT REFERENCES countries (code);
CREATE INDEX quality_notes_country ON quality_notes (project_id, country) WHERE country IS NOT NULL;

-- Route countries that the route checks flag: kept as the source says, but
-- left out of transit-countries unless flagged values are asked for, as
-- flagged_terms are left out of sums.
CREATE VIEW flagged_route_countries (project_id, country, rule, detail) AS
    SELECT n.project_id, n.country, n.rule, n.detail
    FROM quality_notes AS n
    WHERE n.country IS NOT NULL
      AND EXISTS (SELECT 1 FROM project_route AS r WHERE r.project_id = n.project_id AND r.country = n.country);
