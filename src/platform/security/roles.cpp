#include "platform/security/roles.hpp"

#include <array>
#include <initializer_list>

namespace renkei::security {
namespace {

constexpr std::array<RoleInfo, 6> kRoles = {{
    {"admin", "role.admin", false, false},
    {"municipal_staff", "role.municipal_staff", true, false},
    {"hub_coordinator", "role.hub_coordinator", false, false},
    {"support_center", "role.support_center", false, true},
    {"professional", "role.professional", false, true},
    {"facility_editor", "role.facility_editor", false, true},
}};

struct Grant {
  const char* role;
  std::initializer_list<Permission> permissions;
};

using P = Permission;
const Grant kGrants[] = {
    {"admin", {P::kManageUsers, P::kViewAudit, P::kViewRegionStatistics, P::kManageDirectory, P::kManagePlans, P::kManageEvents}},
    {"municipal_staff", {P::kViewRegionStatistics, P::kManageDirectory, P::kManagePlans, P::kManageEvents}},
    {"hub_coordinator", {P::kViewRegionStatistics, P::kHandleConsultations, P::kManageEvents, P::kShareCare}},
    {"support_center", {P::kHandleConsultations, P::kShareCare}},
    {"professional", {P::kShareCare}},
    {"facility_editor", {P::kEditOwnFacility}},
};

}  // namespace

std::span<const RoleInfo> AllRoles() { return kRoles; }

const RoleInfo* FindRole(std::string_view code) {
  for (const auto& r : kRoles)
    if (code == r.code) return &r;
  return nullptr;
}

bool RoleAllows(std::string_view role, Permission p) {
  for (const auto& g : kGrants)
    if (role == g.role)
      for (auto q : g.permissions)
        if (q == p) return true;
  return false;
}

bool OpensCaseData(std::string_view role) { return RoleAllows(role, Permission::kHandleConsultations); }

bool AnyRoleAllows(const std::vector<std::string>& roles, Permission p) {
  for (const auto& r : roles)
    if (RoleAllows(r, p)) return true;
  return false;
}

}  // namespace renkei::security
