-- Indicators beside the plan (地域包括ケア「見える化」システム and the towns' own figures): values per
-- town (or the whole region) and fiscal year, and the program items each one backs.
CREATE TABLE indicators (
  id     TEXT PRIMARY KEY,          -- as the source names it, e.g. L16
  name   TEXT NOT NULL,
  unit   TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  items  TEXT NOT NULL DEFAULT ','  -- program items a … h, ",e,f,"
);

CREATE TABLE indicator_values (
  indicator_id TEXT NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
  municipality TEXT NOT NULL,       -- a town's code, or 'region'
  year         INTEGER NOT NULL,    -- fiscal year (or calendar year, as the source gives it)
  value        DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (indicator_id, municipality, year)
);
