-- Logins that hold against guessing. The second factor counts its failures on its own and locks after a
-- few; a run of wrong passwords locks the login for a period that grows instead of for ever; every change
-- an administrator or the user makes to an account moves its version, so that a login in progress,
-- which checked the row before its slow password hash, cannot write over the change. Throttled attempts
-- are counted per window here and written to the audit log as one entry per window.
ALTER TABLE users ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until TEXT;           -- a lock from wrong passwords lifts then; NULL with locked_at: until unlocked
ALTER TABLE users ADD COLUMN lock_count INTEGER NOT NULL DEFAULT 0;  -- locks since the last complete login (the period grows)
ALTER TABLE users ADD COLUMN mfa_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN mfa_last_failed_at TEXT;
ALTER TABLE users ADD COLUMN mfa_locked_at TEXT;          -- the second factor refuses every code until an admin unlocks

ALTER TABLE login_failures ADD COLUMN kind TEXT NOT NULL DEFAULT 'password';  -- password | code
CREATE INDEX login_failures_at ON login_failures (at);

CREATE TABLE auth_throttle (
  action       TEXT NOT NULL,     -- auth.throttled, auth.login_refused
  subject      TEXT NOT NULL,     -- addr:<address> or user:<login as typed>
  remote_addr  TEXT NOT NULL,
  window_start TEXT NOT NULL,
  window_end   TEXT NOT NULL,
  attempts     BIGINT NOT NULL,
  first_at     TEXT NOT NULL,
  last_at      TEXT NOT NULL,
  PRIMARY KEY (action, subject, remote_addr, window_start)
);
CREATE INDEX auth_throttle_end ON auth_throttle (window_end);
