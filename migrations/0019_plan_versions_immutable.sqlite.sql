-- Rows of plan_versions are never changed or removed: an approved plan stays as it was approved.
CREATE TRIGGER plan_versions_no_update BEFORE UPDATE ON plan_versions
BEGIN
  SELECT RAISE(ABORT, 'an approved plan is not changed: approve a revision as a new version');
END;
CREATE TRIGGER plan_versions_no_delete BEFORE DELETE ON plan_versions
BEGIN
  SELECT RAISE(ABORT, 'an approved plan is not changed: approve a revision as a new version');
END;
