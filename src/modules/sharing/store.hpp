#pragma once
// SQL for the records of cards handed out. No rules here: see service.hpp.
#include <optional>
#include <string>
#include <vector>

#include "modules/sharing/service.hpp"

namespace renkei::sharing::store {

void InsertDistribution(soci::session& sql, const Distribution& d);
bool DeleteDistribution(soci::session& sql, const std::string& id);
std::vector<Distribution> DistributionsOfYear(soci::session& sql, int fiscal_year);
std::optional<Distribution> LoadDistribution(soci::session& sql, const std::string& id);

}  // namespace renkei::sharing::store
