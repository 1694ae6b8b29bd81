-- わたしの連絡先カード (item エ): the cards themselves are never stored (the resident keeps the paper);
-- the program records how many were handed out, where and how.
CREATE TABLE card_distributions (
  id           TEXT PRIMARY KEY,
  date         TEXT NOT NULL,            -- YYYY-MM-DD
  fiscal_year  INTEGER NOT NULL,
  municipality TEXT NOT NULL,            -- town code
  channel      TEXT NOT NULL,            -- turning_75, newly_certified, care_office, counter, event, other
  count        INTEGER NOT NULL,
  notes        TEXT NOT NULL DEFAULT '',
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL
);
CREATE INDEX card_distributions_fy ON card_distributions (fiscal_year, date);
