-- Update requests: a facility's own editor proposes changes to its directory entry; staff of its town
-- approve (the change is applied as a local override) or reject with a reason; the facility sees which.
CREATE TABLE facility_update_requests (
  id           TEXT PRIMARY KEY,
  facility_id  TEXT NOT NULL REFERENCES facilities(id) ON DELETE CASCADE,
  requested_by TEXT NOT NULL,            -- login
  requested_at TEXT NOT NULL,
  fields       TEXT NOT NULL,            -- JSON object field -> proposed value
  note         TEXT NOT NULL DEFAULT '', -- from the facility
  status       TEXT NOT NULL,            -- pending, approved, rejected
  reviewed_by  TEXT,
  reviewed_at  TEXT,
  comment      TEXT NOT NULL DEFAULT ''  -- from the reviewer
);
CREATE INDEX facility_update_requests_status ON facility_update_requests (status, requested_at);
CREATE INDEX facility_update_requests_facility ON facility_update_requests (facility_id, requested_at);
