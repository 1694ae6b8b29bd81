-- Training and events (item カ): venues, events, lecturers, public registrations with a waiting list,
-- attendance at the door, evaluations.
CREATE TABLE venues (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  address    TEXT NOT NULL DEFAULT '',
  capacity   INTEGER,
  created_at TEXT NOT NULL
);

CREATE TABLE events (
  id                 TEXT PRIMARY KEY,
  title              TEXT NOT NULL,
  kind               TEXT NOT NULL,           -- training, seminar, lecture, exchange, interprofessional, meeting
  starts_at          TEXT NOT NULL,           -- ISO-8601 UTC
  ends_at            TEXT NOT NULL,
  fiscal_year        INTEGER NOT NULL,        -- of the start, in Japan time
  venue_id           TEXT REFERENCES venues(id) ON DELETE SET NULL,
  venue_note         TEXT NOT NULL DEFAULT '', -- room, or the place when it is not a kept venue
  organizer          TEXT NOT NULL DEFAULT '',
  target_professions TEXT NOT NULL DEFAULT ',',
  capacity           INTEGER,                 -- NULL: no limit
  program_item       TEXT NOT NULL DEFAULT 'f',
  scenes             TEXT NOT NULL DEFAULT ',',
  description        TEXT NOT NULL DEFAULT '',
  status             TEXT NOT NULL,           -- draft, open, closed, held, cancelled
  reported_attendance INTEGER,                -- held events recorded after the fact (past years): the count as reported
  created_by         TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);
CREATE INDEX events_fy ON events (fiscal_year, starts_at);

CREATE TABLE event_lecturers (
  event_id    TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  ord         INTEGER NOT NULL,
  name        TEXT NOT NULL,
  affiliation TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (event_id, ord)
);

CREATE TABLE event_registrations (
  id              TEXT PRIMARY KEY,
  event_id        TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  reference       TEXT NOT NULL UNIQUE,       -- shown to the registrant: R-XXXX-XXXX
  cancel_hash     TEXT NOT NULL,              -- SHA-256 of the cancel link's token
  name            TEXT NOT NULL,
  organization    TEXT NOT NULL DEFAULT '',
  facility_id     TEXT REFERENCES facilities(id) ON DELETE SET NULL,
  organization_kind TEXT NOT NULL DEFAULT '', -- the directory kind when known, else what they chose
  profession      TEXT NOT NULL DEFAULT '',
  municipality    TEXT NOT NULL DEFAULT '',   -- code, or 'outside'
  email           TEXT NOT NULL DEFAULT '',
  phone           TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL,              -- registered, waitlisted, cancelled
  attended        INTEGER NOT NULL DEFAULT 0,
  walk_in         INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT NOT NULL,
  cancelled_at    TEXT,
  attended_at     TEXT
);
CREATE INDEX event_registrations_event ON event_registrations (event_id, status, created_at);

CREATE TABLE event_evaluations (
  id           TEXT PRIMARY KEY,
  event_id     TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  satisfaction INTEGER NOT NULL,  -- 1..5
  useful       TEXT NOT NULL DEFAULT '',
  comment      TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL
);
CREATE INDEX event_evaluations_event ON event_evaluations (event_id);
