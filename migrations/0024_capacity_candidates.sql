-- The capacity terms that may stand for a project in the volume queries
-- (issue 26): each counted project (view counted_projects: each pipeline
-- or terminal once, none cancelled or retired) with each of its capacity
-- terms (view capacity_terms) and what a question filters them on. A view
-- takes no parameters: a query keeps the terms in force during its :as_of
-- and in its :state, and takes the top-ranked of each project's with
-- max(preference) and GROUP BY project_id (SQLite gives the other columns
-- of such a row from the one with the max).
CREATE VIEW capacity_candidates (project_id, project_status, term_id, bcm_per_year, status, flag, first_day, last_day,
                                 preference) AS
    SELECT pj.id, pj.status, c.term_id, c.bcm_per_year, c.status, c.flag, c.first_day, c.last_day, c.preference
    FROM counted_projects AS pj JOIN capacity_terms AS c ON c.project_id = pj.id;

-- The counted projects whose capacity counts only from their start of
-- operation (docs/FORMAT.md, "When a term is in force"): those operating or
-- idle, with the start (view project_starts). A query with :as_of leaves
-- out those that started after it, and can name them.
CREATE VIEW operating_starts (project_id, date, first_day) AS
    SELECT pj.id, s.date, s.first_day
    FROM counted_projects AS pj JOIN project_starts AS s ON s.project_id = pj.id
    WHERE pj.status IN ('operating', 'idle');
