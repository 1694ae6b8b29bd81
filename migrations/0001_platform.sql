-- Platform tables: the region, its towns, accounts, sessions, tokens, throttling, the audit log.
-- Times are ISO-8601 UTC text of fixed width; flags are 0/1 integers; ids are opaque random text.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE regions (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE municipalities (
  code       TEXT PRIMARY KEY,          -- 6-digit 全国地方公共団体コード
  region_id  TEXT NOT NULL REFERENCES regions(id),
  name       TEXT NOT NULL,
  kana       TEXT NOT NULL,
  sort_order INTEGER NOT NULL
);

-- Facilities (事業所・医療機関): the directory module extends this table; accounts belong to them.
CREATE TABLE facilities (
  id                TEXT PRIMARY KEY,
  region_id         TEXT NOT NULL REFERENCES regions(id),
  municipality_code TEXT,          -- 全国地方公共団体コード; may name a town outside the region
  name              TEXT NOT NULL,
  kind              TEXT NOT NULL,
  created_at        TEXT NOT NULL
);

CREATE TABLE users (
  id                   TEXT PRIMARY KEY,
  region_id            TEXT NOT NULL REFERENCES regions(id),
  login                TEXT NOT NULL UNIQUE,
  display_name         TEXT NOT NULL,
  password_hash        TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1,
  municipality_code    TEXT REFERENCES municipalities(code),
  profession           TEXT,
  disabled             INTEGER NOT NULL DEFAULT 0,
  failed_logins        INTEGER NOT NULL DEFAULT 0,
  last_failed_at       TEXT,
  locked_at            TEXT,
  totp_secret          TEXT,
  totp_enabled         INTEGER NOT NULL DEFAULT 0,
  totp_last_step       BIGINT NOT NULL DEFAULT 0,
  last_login_at        TEXT,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
);

CREATE TABLE user_roles (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role    TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);

CREATE TABLE memberships (
  user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  facility_id TEXT NOT NULL REFERENCES facilities(id),
  PRIMARY KEY (user_id, facility_id)
);

CREATE TABLE recovery_codes (
  user_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at   TEXT,
  PRIMARY KEY (user_id, code_hash)
);

-- A browser session. The cookie holds a random token; only its SHA-256 is stored here.
CREATE TABLE sessions (
  token_hash          TEXT PRIMARY KEY,
  id                  TEXT NOT NULL UNIQUE,   -- public id, for listing and revoking
  user_id             TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  stage               TEXT NOT NULL,          -- 'full', 'mfa' (code pending), 'password', 'enrol'
  csrf                TEXT NOT NULL,
  created_at          TEXT NOT NULL,
  last_seen_at        TEXT NOT NULL,
  absolute_expires_at TEXT NOT NULL,
  remote_addr         TEXT NOT NULL,
  user_agent          TEXT NOT NULL,
  revoked_at          TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at   TEXT
);

CREATE TABLE login_failures (
  login       TEXT NOT NULL,
  remote_addr TEXT NOT NULL,
  at          TEXT NOT NULL
);
CREATE INDEX login_failures_addr ON login_failures (remote_addr, at);
CREATE INDEX login_failures_login ON login_failures (login, at);

-- Append-only, each entry chained to the one before by SHA-256 (see platform/security/audit.hpp).
CREATE TABLE audit_log (
  seq         BIGINT PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  subject     TEXT NOT NULL,
  remote_addr TEXT NOT NULL,
  detail      TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_subject ON audit_log (subject, seq);
CREATE INDEX audit_log_at ON audit_log (at);
