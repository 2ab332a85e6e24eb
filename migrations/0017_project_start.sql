-- When a project started operating, so that capacity counts from then.
--
-- Sums "as of" a date counted every operating project's capacity whatever
-- the date: as of 2014 Power of Siberia 1 carried 38 bcm/y into China, five
-- years before its first gas (2 December 2019), and as of 2000 TurkStream
-- (2020) flowed into Türkiye. An event can now mark a project's start of
-- operation; GEM's start events (`<project>-start`) do, and so does the
-- seed's first-gas event of PoS-1.
ALTER TABLE events ADD COLUMN marks TEXT CHECK (marks IS NULL OR marks IN ('start_of_operation'));

UPDATE events SET marks = 'start_of_operation' WHERE project_id IS NOT NULL AND id = project_id || '-start';

-- Each project's start of operation: the earliest event marking it, actual
-- (it happened) or planned.
CREATE VIEW project_starts (project_id, date, date_kind, event_id) AS
    SELECT e.project_id, min(e.date), e.date_kind, e.id
    FROM events AS e
    WHERE e.marks = 'start_of_operation' AND e.project_id IS NOT NULL
    GROUP BY e.project_id;
