-- Planning (item イ): the PDCA table per fiscal year and program item, its review and approval.
-- Text may hold {{figure}} names resolved from the year's records; an approved year keeps the resolved
-- text it was approved with (plan_frozen) whatever happens to the records or the draft later.
CREATE TABLE plan_entries (
  fiscal_year INTEGER NOT NULL,
  item        TEXT NOT NULL,               -- a … h (ア … ク)
  scenes      TEXT NOT NULL DEFAULT ',',
  results     TEXT NOT NULL DEFAULT '',    -- 取組状況及び結果
  evaluation  TEXT NOT NULL DEFAULT '',    -- 評価
  next_goal   TEXT NOT NULL DEFAULT '',    -- 次年度目標
  next_plan   TEXT NOT NULL DEFAULT '',    -- 次年度計画
  priority    INTEGER NOT NULL DEFAULT 0,  -- 重点取組
  updated_by  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (fiscal_year, item)
);

CREATE TABLE plan_years (
  fiscal_year INTEGER PRIMARY KEY,
  status      TEXT NOT NULL,               -- draft, circulated, approved
  meeting_id  TEXT REFERENCES meetings(id) ON DELETE SET NULL,  -- the council that approved it
  approved_at TEXT,
  approved_by TEXT,
  revised     INTEGER NOT NULL DEFAULT 0   -- edited after approval: the approved version stands, a draft follows
);

CREATE TABLE plan_frozen (
  fiscal_year INTEGER NOT NULL,
  item        TEXT NOT NULL,
  scenes      TEXT NOT NULL,
  results     TEXT NOT NULL,
  evaluation  TEXT NOT NULL,
  next_goal   TEXT NOT NULL,
  next_plan   TEXT NOT NULL,
  priority    INTEGER NOT NULL,
  PRIMARY KEY (fiscal_year, item)
);

CREATE TABLE plan_history (
  id          TEXT PRIMARY KEY,
  fiscal_year INTEGER NOT NULL,
  item        TEXT NOT NULL,               -- '' for the year (circulated, approved)
  at          TEXT NOT NULL,
  by_login    TEXT NOT NULL,
  action      TEXT NOT NULL,               -- saved, circulated, approved, started
  snapshot    TEXT NOT NULL DEFAULT ''     -- JSON of the entry as saved
);
CREATE INDEX plan_history_year ON plan_history (fiscal_year, at);

CREATE TABLE plan_comments (
  id          TEXT PRIMARY KEY,
  fiscal_year INTEGER NOT NULL,
  item        TEXT NOT NULL,
  by_login    TEXT NOT NULL,
  at          TEXT NOT NULL,
  body        TEXT NOT NULL
);
CREATE INDEX plan_comments_entry ON plan_comments (fiscal_year, item, at);
