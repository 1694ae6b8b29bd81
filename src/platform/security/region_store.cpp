#include "platform/security/region_store.hpp"

namespace renkei::security::region_store {

void InsertRegion(soci::session& sql, const std::string& id, const std::string& name, const std::string& created_at) {
  sql << "INSERT INTO regions (id, name, created_at) VALUES (:id, :n, :c)", soci::use(id), soci::use(name), soci::use(created_at);
}

void InsertMunicipality(soci::session& sql, const std::string& code, const std::string& region_id, const std::string& name,
                        const std::string& kana, int sort_order) {
  sql << "INSERT INTO municipalities (code, region_id, name, kana, sort_order) VALUES (:c, :r, :n, :k, :o)", soci::use(code),
      soci::use(region_id), soci::use(name), soci::use(kana), soci::use(sort_order);
}

}  // namespace renkei::security::region_store
