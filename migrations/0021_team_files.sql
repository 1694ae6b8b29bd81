-- Files of care-team posts: photos (re-encoded by platform/media, metadata stripped, with a thumbnail)
-- and PDFs. The bytes live outside the database in the file store ([files] dir) under random ids; these
-- rows say whose they are. Only the team's active members read them; every read is audited.
CREATE TABLE team_files (
  id           TEXT PRIMARY KEY,
  patient_id   TEXT NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
  post_id      TEXT NOT NULL REFERENCES team_posts(id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,                -- the file's place in its post, from 0
  kind         TEXT NOT NULL,                   -- image, pdf
  name         TEXT NOT NULL,                   -- as sent, reduced to its last path part
  content_type TEXT NOT NULL,                   -- what it is served as: image/jpeg, application/pdf
  size         INTEGER NOT NULL,                -- bytes kept
  width        INTEGER NOT NULL DEFAULT 0,
  height       INTEGER NOT NULL DEFAULT 0,
  blob         TEXT NOT NULL,                   -- the file store's id
  thumb_blob   TEXT NOT NULL DEFAULT '',        -- images: the thumbnail's id
  created_at   TEXT NOT NULL
);
CREATE INDEX team_files_post ON team_files (post_id);
CREATE INDEX team_files_patient ON team_files (patient_id, created_at);
