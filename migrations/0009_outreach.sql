-- Public awareness (item キ): activities with their reach, the ACP lecturer bank, residents' requests
-- for a talk.
CREATE TABLE outreach_activities (
  id           TEXT PRIMARY KEY,
  kind         TEXT NOT NULL,            -- newsletter, dvd_screening, lecture, outreach_talk, leaflet, web, other
  municipality TEXT NOT NULL,            -- code, or 'region' for all four towns
  date         TEXT NOT NULL,            -- YYYY-MM-DD
  fiscal_year  INTEGER NOT NULL,
  place        TEXT NOT NULL DEFAULT '', -- place or medium
  audience     TEXT NOT NULL DEFAULT '',
  reach        INTEGER NOT NULL DEFAULT 0,
  topic        TEXT NOT NULL DEFAULT '',
  acp          INTEGER NOT NULL DEFAULT 0, -- about 人生会議 (ACP)
  scenes       TEXT NOT NULL DEFAULT ',',
  notes        TEXT NOT NULL DEFAULT '',
  public       INTEGER NOT NULL DEFAULT 0, -- announced on the public 人生会議 page (upcoming talks, screenings)
  lecturer_id  TEXT,
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE INDEX outreach_fy ON outreach_activities (fiscal_year, date);

CREATE TABLE outreach_lecturers (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  profession   TEXT NOT NULL DEFAULT '',
  affiliation  TEXT NOT NULL DEFAULT '',
  topics       TEXT NOT NULL DEFAULT '',
  availability TEXT NOT NULL DEFAULT '',
  active       INTEGER NOT NULL DEFAULT 1,
  created_at   TEXT NOT NULL
);

CREATE TABLE outreach_requests (
  id            TEXT PRIMARY KEY,
  reference     TEXT NOT NULL UNIQUE,
  group_name    TEXT NOT NULL,
  contact_name  TEXT NOT NULL,
  phone         TEXT NOT NULL DEFAULT '',
  email         TEXT NOT NULL DEFAULT '',
  municipality  TEXT NOT NULL,
  preferred     TEXT NOT NULL DEFAULT '', -- preferred dates, as they wrote them
  topic         TEXT NOT NULL DEFAULT '',
  audience_size INTEGER,
  status        TEXT NOT NULL,            -- new, assigned, held, declined
  lecturer_id   TEXT REFERENCES outreach_lecturers(id) ON DELETE SET NULL,
  activity_id   TEXT REFERENCES outreach_activities(id) ON DELETE SET NULL,
  staff_note    TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX outreach_requests_status ON outreach_requests (status, created_at);
