-- Rows of plan_versions are never changed or removed: an approved plan stays as it was approved.
CREATE FUNCTION plan_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'an approved plan is not changed: approve a revision as a new version';
END;
$$;
CREATE TRIGGER plan_versions_no_change BEFORE UPDATE OR DELETE ON plan_versions
  FOR EACH ROW EXECUTE FUNCTION plan_versions_immutable();
