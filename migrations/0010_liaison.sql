-- Meetings among the towns (items ク and イ): kinds, meetings with minutes in Markdown, attendees,
-- decisions and action items that stay on their owner's home page until done.
CREATE TABLE meeting_kinds (
  code     TEXT PRIMARY KEY,
  label    TEXT NOT NULL,
  ord      INTEGER NOT NULL,
  builtin  INTEGER NOT NULL DEFAULT 0
);
INSERT INTO meeting_kinds (code, label, ord, builtin) VALUES
  ('council', '協議会', 1, 1),
  ('municipal_staff', '市町担当者会議', 2, 1),
  ('hub_staff', '拠点・市町担当者会議', 3, 1),
  ('section_chiefs', '在宅医療担当課長会議', 4, 1),
  ('other', 'その他', 99, 1);

CREATE TABLE meetings (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL REFERENCES meeting_kinds(code),
  title       TEXT NOT NULL,
  held_at     TEXT NOT NULL,              -- ISO-8601 UTC
  fiscal_year INTEGER NOT NULL,
  place       TEXT NOT NULL DEFAULT '',
  online      INTEGER NOT NULL DEFAULT 0,
  agenda      TEXT NOT NULL DEFAULT '',
  minutes     TEXT NOT NULL DEFAULT '',   -- Markdown (rendered without raw HTML)
  decisions   TEXT NOT NULL DEFAULT '',
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX meetings_fy ON meetings (fiscal_year, held_at);

CREATE TABLE meeting_attendees (
  meeting_id   TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  ord          INTEGER NOT NULL,
  login        TEXT NOT NULL DEFAULT '',  -- an account, when the attendee has one
  name         TEXT NOT NULL,
  organization TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (meeting_id, ord)
);

CREATE TABLE meeting_actions (
  id          TEXT PRIMARY KEY,
  meeting_id  TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  title       TEXT NOT NULL,
  owner_login TEXT NOT NULL,
  due_date    TEXT NOT NULL DEFAULT '',
  status      TEXT NOT NULL,              -- open, done
  done_at     TEXT,
  created_at  TEXT NOT NULL
);
CREATE INDEX meeting_actions_owner ON meeting_actions (owner_login, status);
