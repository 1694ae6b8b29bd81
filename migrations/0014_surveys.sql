-- Surveys of facilities (item ア, used by イ): a questionnaire sent to facilities of the directory (the
-- 看取り survey, the 入退院調整ルール 事業所調査), answered through a link per facility, tabulated.
CREATE TABLE surveys (
  id           TEXT PRIMARY KEY,
  title        TEXT NOT NULL,
  fiscal_year  INTEGER NOT NULL,
  item         TEXT NOT NULL DEFAULT '',   -- program item a..h it serves, or ''
  description  TEXT NOT NULL DEFAULT '',   -- shown above the questions
  deadline     TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD, shown to respondents
  status       TEXT NOT NULL,              -- draft, open, closed
  questions    TEXT NOT NULL DEFAULT '',   -- the questions in the editor's text form (model.hpp)
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE INDEX surveys_fy ON surveys (fiscal_year, created_at);

-- One row per facility asked; the token is the facility's link to its form.
CREATE TABLE survey_targets (
  id            TEXT PRIMARY KEY,
  survey_id     TEXT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  facility_id   TEXT NOT NULL REFERENCES facilities(id),
  token         TEXT NOT NULL UNIQUE,
  responded_at  TEXT,
  respondent    TEXT NOT NULL DEFAULT '',  -- name and role as the facility wrote them
  created_at    TEXT NOT NULL,
  UNIQUE (survey_id, facility_id)
);

-- Answers by question number (1-based, in the order of the questions); choices as option numbers
-- separated by commas, numbers and text as written.
CREATE TABLE survey_answers (
  target_id  TEXT NOT NULL REFERENCES survey_targets(id) ON DELETE CASCADE,
  question   INTEGER NOT NULL,
  value      TEXT NOT NULL,
  PRIMARY KEY (target_id, question)
);
