#include "modules/directory/store.hpp"

namespace renkei::directory::store {

void InsertFacility(soci::session& sql, const std::string& region_id, const Facility& f) {
  sql << "INSERT INTO facilities (id, region_id, municipality_code, name, kind, created_at) "
         "VALUES (:id, :r, NULLIF(:m, ''), :n, :k, :c)",
      soci::use(f.id), soci::use(region_id), soci::use(f.municipality_code), soci::use(f.name), soci::use(f.kind),
      soci::use(f.created_at);
}

std::vector<Facility> ListFacilities(soci::session& sql) {
  Facility f;
  soci::statement st = (sql.prepare << "SELECT id, COALESCE(municipality_code, ''), name, kind, created_at FROM facilities ORDER BY name",
                        soci::into(f.id), soci::into(f.municipality_code), soci::into(f.name), soci::into(f.kind),
                        soci::into(f.created_at));
  st.execute();
  std::vector<Facility> out;
  while (st.fetch()) out.push_back(f);
  return out;
}

}  // namespace renkei::directory::store
