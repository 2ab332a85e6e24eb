-- Who owns a project, as trackers such as Global Energy Monitor's list it:
-- direct owners and their parent companies, each with a share when known.
--
-- Ownership is kept apart from agreements on purpose: an ownership stake is
-- not a deal, and thousands of tracker projects turned into agreement rows
-- would flood every agreement query (non-binding, unresolved pricing, ...).
-- Every row names the source it comes from, as citations do for citables.
CREATE TABLE project_owners (
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    -- 'owner': a direct owner; 'parent': an ultimate owner behind the owners.
    level      TEXT NOT NULL CHECK (level IN ('owner', 'parent')),
    position   INTEGER NOT NULL CHECK (position >= 1),
    party_id   TEXT NOT NULL REFERENCES parties (id),
    -- Percent; NULL when the source gives the owner without a share.
    share      REAL CHECK (share IS NULL OR (share >= 0 AND share <= 100)),
    source_id  TEXT NOT NULL REFERENCES sources (id),
    PRIMARY KEY (project_id, level, position),
    UNIQUE (project_id, level, party_id)
) STRICT;
CREATE INDEX project_owners_party ON project_owners (party_id, level);
CREATE INDEX project_owners_source ON project_owners (source_id);
