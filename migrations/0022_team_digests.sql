-- E-mail digests of care teams: a member who gives an address gets, at most once a day, a message that
-- something waits for them (posts addressed to them, tasks due) with a link, and no patient detail.
CREATE TABLE team_digests (
  user_id      TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  email        TEXT NOT NULL,
  last_sent_at TEXT NOT NULL DEFAULT '',  -- the last digest sent (ISO); what came before it was told already
  updated_at   TEXT NOT NULL
);
