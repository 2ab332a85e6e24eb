-- Parties merged into another (`dealdb parties merge KEEP OTHER`, or a
-- party's `merged: [OTHER]` in a deal document): one company that was two
-- parties. OTHER's roles, stakes, names and identifiers became KEEP's and
-- OTHER is gone; this row remembers the decision, so that an export says it
-- and an import that brings OTHER back (an older document, a later GEM
-- import) merges it again instead of splitting the company anew.
CREATE TABLE party_merges (
    merged_id TEXT PRIMARY KEY
              CHECK (merged_id GLOB '[a-z0-9]*' AND merged_id NOT GLOB '*[^a-z0-9-]*'),
    party_id  TEXT NOT NULL REFERENCES parties (id) ON DELETE CASCADE,
    CHECK (merged_id <> party_id)
) STRICT;
CREATE INDEX party_merges_party ON party_merges (party_id);
