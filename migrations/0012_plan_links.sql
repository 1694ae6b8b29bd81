-- The records that back a plan entry: events, meetings, outreach activities of the year.
CREATE TABLE plan_links (
  fiscal_year INTEGER NOT NULL,
  item        TEXT NOT NULL,
  ref         TEXT NOT NULL,   -- event:<id>, meeting:<id>, outreach:<id>
  PRIMARY KEY (fiscal_year, item, ref)
);
