-- Every approval of a year's plan is kept as a version of its own, never changed afterwards (issue 11):
-- approving a revision adds a version; plan_frozen keeps showing the newest. Years approved before this
-- migration become version 1.
CREATE TABLE plan_versions (
  fiscal_year INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  item        TEXT NOT NULL,
  scenes      TEXT NOT NULL,
  results     TEXT NOT NULL,
  evaluation  TEXT NOT NULL,
  next_goal   TEXT NOT NULL,
  next_plan   TEXT NOT NULL,
  priority    INTEGER NOT NULL,
  meeting_id  TEXT,
  approved_at TEXT,
  approved_by TEXT,
  PRIMARY KEY (fiscal_year, version, item)
);
INSERT INTO plan_versions (fiscal_year, version, item, scenes, results, evaluation, next_goal, next_plan, priority, meeting_id,
                           approved_at, approved_by)
  SELECT f.fiscal_year, 1, f.item, f.scenes, f.results, f.evaluation, f.next_goal, f.next_plan, f.priority, y.meeting_id,
         y.approved_at, y.approved_by
  FROM plan_frozen f JOIN plan_years y ON y.fiscal_year = f.fiscal_year WHERE y.status = 'approved';
