-- Consultations (item オ): the case log of the hub and the support centres.
-- Lists of codes (flags, content categories, scenes) are kept as ",a,b," so that a filter is one
-- LIKE '%,code,%' on both engines; the statistics are counted in the service from the rows.
CREATE TABLE consultations (
  id                    TEXT PRIMARY KEY,
  received_at           TEXT NOT NULL,            -- ISO-8601 UTC
  received_date         TEXT NOT NULL,            -- YYYY-MM-DD in Japan time: periods and fiscal years
  fiscal_year           INTEGER NOT NULL,
  channel               TEXT NOT NULL,
  received_unit         TEXT NOT NULL,            -- 'hub' or 'center:<facility id>': who took the call
  assigned_unit         TEXT NOT NULL,            -- who works on it now (changes with each hand-over)
  staff_login           TEXT NOT NULL DEFAULT '',
  requester_category    TEXT NOT NULL,
  requester_facility_id TEXT REFERENCES facilities(id) ON DELETE SET NULL,
  requester_name        TEXT NOT NULL DEFAULT '',
  resident_municipality TEXT NOT NULL,            -- municipality code or 'outside'
  age_band              TEXT NOT NULL DEFAULT 'unknown',
  sex                   TEXT NOT NULL DEFAULT 'unknown',
  care_level            TEXT NOT NULL DEFAULT 'unknown',
  household             TEXT NOT NULL DEFAULT 'unknown',
  flags                 TEXT NOT NULL DEFAULT ',',
  content_categories    TEXT NOT NULL DEFAULT ',',
  scenes                TEXT NOT NULL DEFAULT ',',
  client_name           TEXT NOT NULL DEFAULT '', -- only when the work needs it
  summary               TEXT NOT NULL DEFAULT '',
  status                TEXT NOT NULL,            -- received, in_progress, closed
  minutes_spent         INTEGER NOT NULL DEFAULT 0,
  closed_at             TEXT,
  imported_from         TEXT NOT NULL DEFAULT '', -- file name of a bulk import of past years
  created_by            TEXT NOT NULL,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  version               INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX consultations_date ON consultations (received_date);
CREATE INDEX consultations_fy ON consultations (fiscal_year);
CREATE INDEX consultations_assigned ON consultations (assigned_unit, status);

-- Every unit that has held the case (the receiver and each hand-over's target): who may see it.
CREATE TABLE consultation_units (
  consultation_id TEXT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
  unit            TEXT NOT NULL,
  PRIMARY KEY (consultation_id, unit)
);
CREATE INDEX consultation_units_unit ON consultation_units (unit);

-- The case timeline: what was done, by whom, when.
CREATE TABLE consultation_actions (
  id              TEXT PRIMARY KEY,
  consultation_id TEXT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
  at              TEXT NOT NULL,
  by_login        TEXT NOT NULL,
  kind            TEXT NOT NULL,  -- info_given, facility_introduced, handover, visit, conference, note, status
  facility_id     TEXT REFERENCES facilities(id) ON DELETE SET NULL,
  from_unit       TEXT NOT NULL DEFAULT '',
  to_unit         TEXT NOT NULL DEFAULT '',
  note            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX consultation_actions_case ON consultation_actions (consultation_id, at);

CREATE TABLE consultation_followups (
  id              TEXT PRIMARY KEY,
  consultation_id TEXT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
  due_date        TEXT NOT NULL,  -- YYYY-MM-DD
  owner_login     TEXT NOT NULL,
  note            TEXT NOT NULL DEFAULT '',
  created_by      TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  done_at         TEXT,
  done_by         TEXT
);
CREATE INDEX consultation_followups_open ON consultation_followups (done_at, due_date);
CREATE INDEX consultation_followups_case ON consultation_followups (consultation_id);

-- Municipal staff may read the cases of their own town's residents only when an admin grants it.
CREATE TABLE consultation_town_grants (
  user_id    TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  granted_by TEXT NOT NULL,
  granted_at TEXT NOT NULL
);
