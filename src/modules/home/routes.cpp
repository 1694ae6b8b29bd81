// The home page: what this person can do here, by role, and the state of their own security.
#include "app/app.hpp"
#include "core/domain.hpp"
#include "modules/admin/service.hpp"
#include "modules/liaison/service.hpp"
#include "modules/surveys/service.hpp"
#include "platform/clock.hpp"
#include "platform/security/roles.hpp"

namespace renkei::home {

using app::Access;
using app::App;
using app::Ctx;

void RegisterRoutes(App& app) {
  auto liaison = std::make_shared<liaison::LiaisonService>(app.db());
  auto surveys = std::make_shared<surveys::SurveyService>(app.db());
  auto admin = std::make_shared<admin::AdminService>(app.accounts(), app.db());
  app.Get("/", Access::kFull, [&app, liaison, surveys, admin](Ctx& ctx) -> Result<http::Response> {
    using security::Permission;
    const auto& u = ctx.user();
    web::Data d = web::Object();
    d.set("display_name", u.display_name);
    std::string roles;
    for (const auto& r : u.roles) roles += (roles.empty() ? "" : "、") + ctx.t("role." + r);
    d.set("roles", roles);
    for (const auto& m : core::DefaultMunicipalities())
      if (u.municipality_code == m.code) d.set("municipality", std::string(m.name));
    d.set("totp_enabled", u.totp_enabled);
    d.set("codes_left", std::to_string(app.accounts().RecoveryCodesLeft(*ctx.principal)));
    d.set("can_users", ctx.principal->can(Permission::kManageUsers));
    d.set("can_audit", ctx.principal->can(Permission::kViewAudit));
    // The program items this role works on, linked where built; the others are marked 準備中 plainly
    // rather than shown as empty screens.
    web::Data areas = web::List();
    int n_areas = 0;
    auto area = [&](const char* letter_key, Permission p, const char* href) {
      if (!ctx.principal->can(p)) return;
      web::Data a = web::Object();
      a.set("label", ctx.t(letter_key));
      if (*href) a.set("href", std::string(href));
      areas.push_back(a);
      n_areas++;
    };
    area("home.area_directory", Permission::kManageDirectory, "/admin/directory");
    area("home.area_own_facility", Permission::kEditOwnFacility, "/my-facility");
    area("home.area_consultations", Permission::kHandleConsultations, "/consultations");
    area("home.area_sharing", Permission::kShareCare, "");
    area("home.area_planning", Permission::kManagePlans, "/plans");
    if (!ctx.principal->can(Permission::kManagePlans))
      area("home.area_surveys", Permission::kManageEvents, "/surveys");
    else
      area("home.area_surveys", Permission::kManagePlans, "/surveys");
    if (!ctx.principal->can(Permission::kManagePlans))
      area("home.area_cards", Permission::kManageEvents, "/cards");
    else
      area("home.area_cards", Permission::kManagePlans, "/cards");
    area("home.area_events", Permission::kManageEvents, "/admin/events");
    area("home.area_statistics", Permission::kViewRegionStatistics, "/consultations/stats");
    d.set("areas", areas);
    // Action items from meetings stay here until their owner marks them done.
    web::Data actions = web::List();
    std::string today = clock::TodayInTokyo();
    auto open_actions = liaison->OpenActionsFor(u.login);
    for (const auto& a : open_actions) {
      web::Data x = web::Object();
      x.set("aid", a.id);
      x.set("action_title", a.title);
      x.set("meeting_id", a.meeting_id);
      x.set("meeting_title", a.meeting_title);
      if (!a.due_date.empty()) x.set("due", a.due_date);
      x.set("overdue", !a.due_date.empty() && a.due_date < today);
      actions.push_back(x);
    }
    d.set("has_actions", !open_actions.empty());
    // Surveys asking this person's facility: answered through the facility's own link.
    web::Data asked = web::List();
    auto pending = surveys->PendingFor(*ctx.principal);
    for (const auto& s : pending) {
      web::Data x = web::Object();
      x.set("survey_title", s.survey_title);
      x.set("survey_facility", s.facility_name);
      x.set("survey_link", "/s/" + s.token);
      x.set("survey_answered", s.answered);
      if (!s.deadline.empty()) x.set("survey_due", s.deadline);
      asked.push_back(x);
    }
    d.set("has_surveys", !pending.empty());
    d.set("surveys", asked);
    d.set("actions", actions);
    // Administrators see who was given access to case records lately (a role, a town grant).
    if (ctx.principal->can(Permission::kManageUsers)) {
      auto opened = admin->CaseAccessOpened(*ctx.principal);
      if (!opened.ok()) return opened.status();
      web::Data rows = web::List();
      for (const auto& e : *opened) {
        web::Data x = web::Object();
        x.set("at", clock::IsoToTokyoMinute(e.at));
        x.set("by", e.actor);
        x.set("who", e.subject.rfind("user:", 0) == 0 ? e.subject.substr(5) : e.subject);
        x.set("what", e.detail);
        rows.push_back(x);
      }
      d.set("case_access", rows);
      d.set("show_case_access", true);
      d.set("no_case_access", opened->empty());
    }
    d.set("csrf", ctx.csrf_token());
    d.set("has_areas", n_areas > 0);
    return app.Page(ctx, "home/home", d, ctx.t("home.title"));
  });
}

}  // namespace renkei::home
