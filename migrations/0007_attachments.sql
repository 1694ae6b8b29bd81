-- Files attached to records (event materials, meeting papers, outreach leaflets). Kept in the database
-- as base64 text so that both engines, backups and restores carry them without a separate store.
CREATE TABLE attachments (
  id           TEXT PRIMARY KEY,
  owner        TEXT NOT NULL,          -- "event:<id>", "meeting:<id>", "outreach:<id>"
  name         TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         INTEGER NOT NULL,
  data         TEXT NOT NULL,          -- base64
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL
);
CREATE INDEX attachments_owner ON attachments (owner, created_at);
