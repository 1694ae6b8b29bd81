#include "modules/home/views.hpp"

#include "core/domain.hpp"
#include "modules/careteams/views.hpp"
#include "platform/clock.hpp"
#include "platform/web/i18n.hpp"

namespace renkei::home::views {
namespace {

using web::Data;
using web::T;

Data AreaRows(const std::vector<Area>& areas, const std::string& lang) {
  Data rows = web::List();
  for (const auto& a : areas) {
    Data x = web::Object();
    x.set("label", T(lang, a.label_key));
    if (!a.href.empty()) x.set("href", a.href);
    rows.push_back(x);
  }
  return rows;
}

// Action items from meetings stay here until their owner marks them done.
Data ActionRows(const std::vector<liaison::ActionItem>& actions, const std::string& today) {
  Data rows = web::List();
  for (const auto& a : actions) {
    Data x = web::Object();
    x.set("aid", a.id);
    x.set("action_title", a.title);
    x.set("meeting_id", a.meeting_id);
    x.set("meeting_title", a.meeting_title);
    if (!a.due_date.empty()) x.set("due", a.due_date);
    x.set("overdue", !a.due_date.empty() && a.due_date < today);
    rows.push_back(x);
  }
  return rows;
}

// Surveys asking this person's facility: answered through the facility's own link.
Data SurveyRows(const std::vector<surveys::Pending>& pending) {
  Data rows = web::List();
  for (const auto& s : pending) {
    Data x = web::Object();
    x.set("survey_title", s.survey_title);
    x.set("survey_facility", s.facility_name);
    x.set("survey_link", "/s/" + s.token);
    x.set("survey_answered", s.answered);
    if (!s.deadline.empty()) x.set("survey_due", s.deadline);
    rows.push_back(x);
  }
  return rows;
}

Data CaseAccessRows(const std::vector<security::AuditEntry>& entries) {
  Data rows = web::List();
  for (const auto& e : entries) {
    Data x = web::Object();
    x.set("at", clock::IsoToTokyoMinute(e.at));
    x.set("by", e.actor);
    x.set("who", e.subject.rfind("user:", 0) == 0 ? e.subject.substr(5) : e.subject);
    x.set("what", e.detail);
    rows.push_back(x);
  }
  return rows;
}

}  // namespace

web::Data HomeData(const HomeScreen& s, const std::string& today, const std::string& lang) {
  const auto& u = s.user;
  Data d = web::Object();
  d.set("display_name", u.display_name);
  std::string roles;
  for (const auto& r : u.roles) roles += (roles.empty() ? "" : "、") + T(lang, "role." + r);
  d.set("roles", roles);
  for (const auto& m : core::DefaultMunicipalities())
    if (u.municipality_code == m.code) d.set("municipality", std::string(m.name));
  d.set("totp_enabled", u.totp_enabled);
  d.set("codes_left", std::to_string(s.codes_left));
  d.set("can_users", s.can_users);
  d.set("can_audit", s.can_audit);
  d.set("areas", AreaRows(s.areas, lang));
  d.set("has_areas", !s.areas.empty());
  d.set("actions", ActionRows(s.actions, today));
  d.set("has_actions", !s.actions.empty());
  d.set("tasks", careteams::views::HomeTaskRows(s.tasks, today));
  d.set("has_tasks", !s.tasks.empty());
  d.set("notifications", careteams::views::HomeNotificationRows(s.notifications, lang));
  d.set("has_notifications", !s.notifications.empty());
  d.set("surveys", SurveyRows(s.surveys));
  d.set("has_surveys", !s.surveys.empty());
  if (s.show_case_access) {
    d.set("case_access", CaseAccessRows(s.case_access));
    d.set("show_case_access", true);
    d.set("no_case_access", s.case_access.empty());
  }
  return d;
}

}  // namespace renkei::home::views
