#include "modules/home/service.hpp"

#include "modules/admin/service.hpp"

namespace renkei::home {
namespace {

using security::Permission;

// The program items this role works on, linked where built; the others are marked 準備中 plainly rather
// than shown as empty screens.
std::vector<Area> AreasOf(const security::Principal& p) {
  std::vector<Area> out;
  auto area = [&](const char* key, Permission needed, const char* href) {
    if (p.can(needed)) out.push_back({key, href});
  };
  // Surveys and cards belong to the plan's staff, or to those who run events where nobody plans.
  const Permission surveys_by = p.can(Permission::kManagePlans) ? Permission::kManagePlans : Permission::kManageEvents;
  area("home.area_directory", Permission::kManageDirectory, "/admin/directory");
  area("home.area_own_facility", Permission::kEditOwnFacility, "/my-facility");
  area("home.area_consultations", Permission::kHandleConsultations, "/consultations");
  area("home.area_teams", Permission::kShareCare, "/teams");
  area("home.area_transitions", Permission::kShareCare, "");
  area("home.area_planning", Permission::kManagePlans, "/plans");
  area("home.area_surveys", surveys_by, "/surveys");
  area("home.area_cards", surveys_by, "/cards");
  area("home.area_events", Permission::kManageEvents, "/admin/events");
  area("home.area_statistics", Permission::kViewRegionStatistics, "/consultations/stats");
  return out;
}

}  // namespace

HomeService::HomeService(security::Accounts& accounts, storage::Database& db) : accounts_(accounts), db_(db) {}

Result<HomeScreen> HomeService::HomeOf(const security::Principal& p) {
  HomeScreen s;
  s.user = p.user;
  s.codes_left = accounts_.RecoveryCodesLeft(p);
  s.can_users = p.can(Permission::kManageUsers);
  s.can_audit = p.can(Permission::kViewAudit);
  s.areas = AreasOf(p);
  s.actions = liaison::LiaisonService(db_).OpenActionsFor(p.user.login);
  s.surveys = surveys::SurveyService(db_).PendingFor(p);
  careteams::CareTeamService teams(db_);
  s.tasks = teams.OpenTasksFor(p);
  s.notifications = teams.NotificationsFor(p);
  if (s.can_users) {
    auto opened = admin::AdminService(accounts_, db_).CaseAccessOpened(p);
    if (!opened.ok()) return opened.status();
    s.show_case_access = true;
    s.case_access = std::move(opened.value());
  }
  return s;
}

}  // namespace renkei::home
