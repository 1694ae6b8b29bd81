-- A grant to read a town's consultations names the town: it stops when the person moves to another town
-- (issue 11). Grants made before name the town of the person at the time of this migration.
ALTER TABLE consultation_town_grants ADD COLUMN municipality TEXT;
UPDATE consultation_town_grants SET municipality = (SELECT municipality_code FROM users WHERE users.id = consultation_town_grants.user_id);

-- Surveys belong to a town (the town of the municipal staff member who made them) or to the region
-- ('region': made by the hub or an administrator); a town's survey is changed by that town's staff.
ALTER TABLE surveys ADD COLUMN municipality TEXT NOT NULL DEFAULT 'region';
UPDATE surveys SET municipality = COALESCE((SELECT municipality_code FROM users WHERE users.login = surveys.created_by
                                             AND users.municipality_code IS NOT NULL), 'region');
