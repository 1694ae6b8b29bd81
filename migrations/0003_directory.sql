-- The directory of medical and care resources (item ア). Facilities gain what the national open data
-- and the region know about them; every official id, service, attribute, local override and change
-- has a table of its own.
ALTER TABLE facilities ADD COLUMN kana TEXT NOT NULL DEFAULT '';
ALTER TABLE facilities ADD COLUMN kana_sort TEXT NOT NULL DEFAULT '';      -- hiragana, for 五十音 order
ALTER TABLE facilities ADD COLUMN name_key TEXT NOT NULL DEFAULT '';       -- text::SearchKey(name + kana)
ALTER TABLE facilities ADD COLUMN search_text TEXT NOT NULL DEFAULT '';    -- text::SearchKey of everything searchable
ALTER TABLE facilities ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE facilities ADD COLUMN address_extra TEXT NOT NULL DEFAULT '';  -- 方書
ALTER TABLE facilities ADD COLUMN postal_code TEXT NOT NULL DEFAULT '';
ALTER TABLE facilities ADD COLUMN latitude DOUBLE PRECISION;
ALTER TABLE facilities ADD COLUMN longitude DOUBLE PRECISION;
ALTER TABLE facilities ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE facilities ADD COLUMN fax TEXT NOT NULL DEFAULT '';
ALTER TABLE facilities ADD COLUMN url TEXT NOT NULL DEFAULT '';
ALTER TABLE facilities ADD COLUMN corporate_number TEXT NOT NULL DEFAULT '';
ALTER TABLE facilities ADD COLUMN corporate_name TEXT NOT NULL DEFAULT '';
ALTER TABLE facilities ADD COLUMN open_days TEXT NOT NULL DEFAULT '';      -- as published: 平日,祝日 / 月火水木金土
ALTER TABLE facilities ADD COLUMN hours_note TEXT NOT NULL DEFAULT '';
ALTER TABLE facilities ADD COLUMN capacity INTEGER;
ALTER TABLE facilities ADD COLUMN beds INTEGER;
ALTER TABLE facilities ADD COLUMN outside_region INTEGER NOT NULL DEFAULT 0;
ALTER TABLE facilities ADD COLUMN sample INTEGER NOT NULL DEFAULT 0;       -- generated for the demo, labelled as such
ALTER TABLE facilities ADD COLUMN last_confirmed_at TEXT;
ALTER TABLE facilities ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
CREATE INDEX facilities_municipality ON facilities (municipality_code, kind);
CREATE INDEX facilities_kana ON facilities (kana_sort);

CREATE TABLE facility_official_ids (
  source      TEXT NOT NULL,   -- mhlw-kaigo (介護保険事業所番号), mhlw-iryo (医療情報ネット ID), digital-std
  official_id TEXT NOT NULL,
  facility_id TEXT NOT NULL REFERENCES facilities(id) ON DELETE CASCADE,
  PRIMARY KEY (source, official_id)
);
CREATE INDEX facility_official_ids_facility ON facility_official_ids (facility_id);

CREATE TABLE facility_services (
  facility_id TEXT NOT NULL REFERENCES facilities(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,   -- サービスの種類 or 診療科目, as published
  source      TEXT NOT NULL,
  capacity    INTEGER,         -- 定員 of this service
  open_days   TEXT NOT NULL DEFAULT '',  -- 利用可能曜日 of this service
  note        TEXT NOT NULL DEFAULT '',  -- 利用可能曜日特記事項
  PRIMARY KEY (facility_id, name)
);
CREATE INDEX facility_services_name ON facility_services (name);

CREATE TABLE facility_attributes (
  facility_id TEXT NOT NULL REFERENCES facilities(id) ON DELETE CASCADE,
  attribute   TEXT NOT NULL,   -- home_visit, house_call, h24, end_of_life, narcotics, dementia, ...
  PRIMARY KEY (facility_id, attribute)
);

-- A value local staff set by hand; imports leave it alone and keep the national value beside it.
CREATE TABLE facility_overrides (
  facility_id    TEXT NOT NULL REFERENCES facilities(id) ON DELETE CASCADE,
  field          TEXT NOT NULL,
  value          TEXT NOT NULL,
  national_value TEXT NOT NULL DEFAULT '',
  set_by         TEXT NOT NULL,
  set_at         TEXT NOT NULL,
  PRIMARY KEY (facility_id, field)
);

CREATE TABLE facility_changes (
  id          TEXT PRIMARY KEY,
  facility_id TEXT NOT NULL REFERENCES facilities(id) ON DELETE CASCADE,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  source      TEXT NOT NULL,   -- import file name, or "edit"
  field       TEXT NOT NULL,
  old_value   TEXT NOT NULL,
  new_value   TEXT NOT NULL
);
CREATE INDEX facility_changes_facility ON facility_changes (facility_id, at);
