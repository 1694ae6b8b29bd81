#pragma once
// Account roles and what each may do: the one table services consult. A service checks the permission
// for this user, and then the record (own town, own centre, own care team), never the route alone.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace renkei::security {

enum class Permission {
  kManageUsers,           // create accounts, change roles, disable, unlock
  kViewAudit,             // search the audit log
  kViewRegionStatistics,  // figures for the whole region
  kManageDirectory,       // edit facilities of the region (or own town for municipal staff)
  kEditOwnFacility,       // propose changes to own facility's directory entry
  kHandleConsultations,   // record and work on consultations (hub, support centres)
  kManagePlans,           // write the PDCA plan and reports
  kManageEvents,          // training events, outreach, meetings
  kShareCare,             // patient timelines and hand-offs, through care-team membership
};

struct RoleInfo {
  const char* code;         // admin, municipal_staff, hub_coordinator, support_center, professional, facility_editor
  const char* label_key;    // message catalogue key for the role's name
  bool needs_municipality;  // municipal staff belong to a town
  bool needs_organization;  // support-centre staff, professionals, facility editors belong to a facility
};

std::span<const RoleInfo> AllRoles();
const RoleInfo* FindRole(std::string_view code);
bool RoleAllows(std::string_view role, Permission p);
bool AnyRoleAllows(const std::vector<std::string>& roles, Permission p);
// Roles that open consultation (and, through care teams, patient) records: giving one is audited as
// access.case_opened, listed on the administrators' home page, and never done by a person to themselves.
bool OpensCaseData(std::string_view role);

}  // namespace renkei::security
