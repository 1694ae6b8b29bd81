#include "platform/security/scope.hpp"

#include <algorithm>

namespace renkei::security {
namespace {

bool HasRole(const Principal& p, std::string_view role) {
  return std::find(p.user.roles.begin(), p.user.roles.end(), role) != p.user.roles.end();
}

bool WholeRegion(std::string_view town) { return town.empty() || town == kWholeRegion; }

}  // namespace

bool IsAdmin(const Principal& p) { return HasRole(p, "admin"); }

bool MayChangeTownRecord(const Principal& p, std::string_view town, std::string_view created_by) {
  if (WholeRegion(town) || IsAdmin(p) || (!created_by.empty() && created_by == p.user.login)) return true;
  return HasRole(p, "municipal_staff") && p.user.municipality_code == town;
}

bool MayMakeTownRecord(const Principal& p, std::string_view town) {
  if (WholeRegion(town) || IsAdmin(p) || HasRole(p, "hub_coordinator")) return true;
  return HasRole(p, "municipal_staff") && p.user.municipality_code == town;
}

}  // namespace renkei::security
