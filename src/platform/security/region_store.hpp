#pragma once
// SQL for the region and its towns: the tenancy rows every account and record points at (beside
// account_store, which reads the default region for new accounts).
#include <string>

#include "platform/storage/database.hpp"

namespace renkei::security::region_store {

void InsertRegion(soci::session& sql, const std::string& id, const std::string& name, const std::string& created_at);
void InsertMunicipality(soci::session& sql, const std::string& code, const std::string& region_id, const std::string& name,
                        const std::string& kana, int sort_order);

}  // namespace renkei::security::region_store
