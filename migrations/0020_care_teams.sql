-- Care teams (item エ): a person at home, the professionals around them by invitation, and one shared
-- timeline. Only the team's active members ever read these rows (modules/careteams/service.cpp); every
-- view and change is in the audit log under patient:<id>. Ids are opaque.
CREATE TABLE patients (
  id                TEXT PRIMARY KEY,
  name              TEXT NOT NULL,
  kana              TEXT NOT NULL DEFAULT '',
  search_key        TEXT NOT NULL DEFAULT '',   -- text::SearchKey of name and kana, for the member's own search
  birth_date        TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD
  sex               TEXT NOT NULL DEFAULT 'unknown',
  municipality      TEXT NOT NULL,              -- town code, or 'outside'
  address           TEXT NOT NULL DEFAULT '',
  phone             TEXT NOT NULL DEFAULT '',
  insured_number    TEXT NOT NULL DEFAULT '',   -- 介護保険被保険者番号
  care_level        TEXT NOT NULL DEFAULT 'unknown',
  care_level_from   TEXT NOT NULL DEFAULT '',
  care_level_to     TEXT NOT NULL DEFAULT '',
  key_person        TEXT NOT NULL DEFAULT '',   -- キーパーソン: name, relation, phone
  emergency_contacts TEXT NOT NULL DEFAULT '',  -- one contact a line
  clinic_id         TEXT REFERENCES facilities(id) ON DELETE SET NULL,  -- 主治医
  nursing_id        TEXT REFERENCES facilities(id) ON DELETE SET NULL,  -- 訪問看護
  care_office_id    TEXT REFERENCES facilities(id) ON DELETE SET NULL,  -- 居宅介護支援
  pharmacy_id       TEXT REFERENCES facilities(id) ON DELETE SET NULL,
  hospital_id       TEXT REFERENCES facilities(id) ON DELETE SET NULL,  -- 急変時の病院
  diseases          TEXT NOT NULL DEFAULT '',
  medicines         TEXT NOT NULL DEFAULT '',
  allergies         TEXT NOT NULL DEFAULT '',
  devices           TEXT NOT NULL DEFAULT ',',  -- codes, ",oxygen,gastrostomy,"
  end_of_life_plan  TEXT NOT NULL DEFAULT '',   -- 看取りの方針, when there is one
  consent_date      TEXT NOT NULL DEFAULT '',   -- the person's consent to sharing: nothing but the name before it
  consent_method    TEXT NOT NULL DEFAULT '',
  consent_by        TEXT NOT NULL DEFAULT '',   -- who gave it (the person, or who for them)
  consent_recorded_by TEXT NOT NULL DEFAULT '',
  created_by        TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  last_activity_at  TEXT NOT NULL,              -- the newest post: the order of a member's list
  version           INTEGER NOT NULL DEFAULT 1
);

-- Who is on the team. Only 'active' rows open anything; an invitation shows the name alone.
CREATE TABLE team_members (
  patient_id   TEXT NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
  user_id      TEXT NOT NULL REFERENCES users(id),
  status       TEXT NOT NULL,                   -- invited, active, declined, removed, left
  invited_by   TEXT NOT NULL,                   -- login
  invited_at   TEXT NOT NULL,
  joined_at    TEXT NOT NULL DEFAULT '',
  ended_at     TEXT NOT NULL DEFAULT '',
  ended_by     TEXT NOT NULL DEFAULT '',
  last_read_at TEXT NOT NULL DEFAULT '',        -- unread counts: posts by others after this
  PRIMARY KEY (patient_id, user_id)
);
CREATE INDEX team_members_user ON team_members (user_id, status);

-- The timeline. `data` holds a structured entry's fields as a JSON object (vital signs, a medication
-- change, a visit, a fall, an ACP conversation); `body` the free text beside it.
CREATE TABLE team_posts (
  id         TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
  author_id  TEXT NOT NULL REFERENCES users(id),
  kind       TEXT NOT NULL,                     -- note, vitals, medication, visit, incident, acp
  body       TEXT NOT NULL DEFAULT '',
  data       TEXT NOT NULL DEFAULT '{}',
  search_key TEXT NOT NULL DEFAULT '',          -- text::SearchKey of the kind, the entry's values and the text
  reply_to   TEXT,                              -- a post of the same timeline (checked by the service)
  created_at TEXT NOT NULL
);
CREATE INDEX team_posts_patient ON team_posts (patient_id, created_at);

-- 「確認しました」: who confirmed a post, and when.
CREATE TABLE team_confirmations (
  post_id TEXT NOT NULL REFERENCES team_posts(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id),
  at      TEXT NOT NULL,
  PRIMARY KEY (post_id, user_id)
);

-- Tasks of the team: an owner (a member) and a due date; open ones stay on the owner's home page.
CREATE TABLE team_tasks (
  id         TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
  title      TEXT NOT NULL,
  owner_id   TEXT NOT NULL REFERENCES users(id),
  due_date   TEXT NOT NULL DEFAULT '',          -- YYYY-MM-DD, or none
  created_by TEXT NOT NULL,                     -- login
  created_at TEXT NOT NULL,
  done_at    TEXT NOT NULL DEFAULT '',
  done_by    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX team_tasks_owner ON team_tasks (owner_id, done_at);
CREATE INDEX team_tasks_patient ON team_tasks (patient_id, done_at);

-- What waits for a member: a post addressed to them, a task given to them. Read when they open the record.
CREATE TABLE team_notifications (
  id         TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id),
  patient_id TEXT NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
  post_id    TEXT NOT NULL DEFAULT '',          -- the post (mention) or '' (task)
  kind       TEXT NOT NULL,                     -- mention, task
  by_name    TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  read_at    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX team_notifications_user ON team_notifications (user_id, read_at);
