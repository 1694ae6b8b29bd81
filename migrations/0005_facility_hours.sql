-- Opening hours per department and time band (医療情報ネット 診療科目・診療時間票). Weekday 0 = Monday …
-- 6 = Sunday, 7 = public holidays; times are "HH:MM" in Japan time.
CREATE TABLE facility_hours (
  facility_id TEXT NOT NULL REFERENCES facilities(id) ON DELETE CASCADE,
  department  TEXT NOT NULL,
  band        TEXT NOT NULL,
  weekday     INTEGER NOT NULL,
  opens       TEXT NOT NULL,
  closes      TEXT NOT NULL,
  reception_opens  TEXT NOT NULL DEFAULT '',
  reception_closes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX facility_hours_facility ON facility_hours (facility_id);
