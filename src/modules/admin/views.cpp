#include "modules/admin/views.hpp"

#include <boost/json/array.hpp>

#include "core/domain.hpp"
#include "platform/clock.hpp"
#include "platform/security/roles.hpp"
#include "platform/web/forms.hpp"
#include "platform/web/i18n.hpp"

namespace renkei::admin::views {
namespace {

using web::Data;
using web::T;

Data RoleOptions(const std::vector<std::string>& selected, const std::string& lang) {
  std::vector<web::Choice> items;
  for (const auto& r : security::AllRoles()) items.push_back({r.code, T(lang, r.label_key)});
  return web::Choices(items, selected);
}

Data MunicipalityOptions(const std::string& selected) {
  std::vector<web::Choice> items;
  for (const auto& m : core::DefaultMunicipalities()) items.push_back({m.code, m.name});
  return web::Choices(items, selected);
}

Data ProfessionOptions(const std::string& selected) {
  std::vector<web::Choice> items;
  for (const auto& p : core::AllProfessions()) items.push_back({p.code, p.label});
  return web::Choices(items, selected);
}

Data UserRow(const security::User& u, const std::string& lang) {
  Data row = web::Object();
  row.set("id", u.id);
  row.set("login", u.login);
  row.set("display_name", u.display_name);
  std::string roles;
  for (const auto& r : u.roles) roles += (roles.empty() ? "" : "、") + T(lang, "role." + r);
  row.set("roles", roles);
  row.set("municipality", core::MunicipalityName(u.municipality_code));
  row.set("disabled", u.disabled);
  row.set("locked", u.LoginLocked(clock::NowIso()) || u.SecondFactorLocked());
  row.set("code_locked", u.SecondFactorLocked());
  row.set("totp", u.totp_enabled);
  row.set("last_login", clock::IsoToTokyoMinute(u.last_login_at));
  row.set("must_change", u.must_change_password);
  row.set("facility", u.facility_ids.empty() ? std::string() : u.facility_ids.front());
  return row;
}

}  // namespace

web::Data UsersPageData(const std::vector<security::User>& users, bool mail_off, const http::Params& q, const std::string& lang) {
  Data d = web::Object();
  Data rows = web::List();
  for (const auto& u : users) rows.push_back(UserRow(u, lang));
  d.set("users", rows);
  d.set("count", std::to_string(users.size()));
  web::SetKnownMessage(d, "notice", q.value("notice"), {"created", "updated"}, "notice.user_", lang);
  d.set("mail_off", mail_off);
  return d;
}

web::Data NewUserData(const http::Params& form, const std::string& error, const std::string& lang) {
  Data d = web::Object();
  d.set("roles", RoleOptions(form.all("role"), lang));
  d.set("municipalities", MunicipalityOptions(form.value("municipality")));
  d.set("professions", ProfessionOptions(form.value("profession")));
  d.set("login", form.value("login"));
  d.set("display_name", form.value("display_name"));
  d.set("facility", form.value("facility"));
  if (!error.empty()) d.set("error", error);
  return d;
}

web::Data UserEditData(const UserScreen& s, bool self, const std::string& error, const http::Params& q, const std::string& lang) {
  const auto& u = s.user;
  Data d = UserRow(u, lang);
  if (s.municipal) {
    d.set("municipal", true);
    d.set("consult_granted", s.consult_granted);
  }
  d.set("role_options", RoleOptions(u.roles, lang));
  d.set("municipalities", MunicipalityOptions(u.municipality_code));
  d.set("self", self);
  if (!error.empty()) d.set("error", error);
  web::SetKnownMessage(d, "notice", q.value("notice"),
                       {"updated", "disable", "enable", "unlock", "reset_mfa", "reset_password", "grant_on", "grant_off"}, "notice.user_",
                       lang);
  return d;
}

web::Data AuditPageData(const security::AuditPage& page, const security::AuditFilter& f) {
  Data d = web::Object();
  d.set("actor", f.actor);
  d.set("subject", f.subject);
  d.set("action", f.action);
  d.set("from", f.from);
  d.set("to", f.to);
  Data rows = web::List();
  for (const auto& e : page.entries) {
    Data r = web::Object();
    r.set("seq", std::to_string(e.seq));
    r.set("at", clock::IsoToTokyoMinute(e.at));
    r.set("actor", e.actor);
    r.set("action", e.action);
    r.set("subject", e.subject);
    r.set("addr", e.remote_addr);
    r.set("detail", e.detail);
    rows.push_back(r);
  }
  d.set("entries", rows);
  d.set("total", std::to_string(page.total));
  d.set("empty", page.entries.empty());
  int current = f.offset / f.limit + 1;
  std::string base = "/admin/audit?actor=" + http::PercentEncode(f.actor) + "&subject=" + http::PercentEncode(f.subject) +
                     "&action=" + http::PercentEncode(f.action) + "&from=" + http::PercentEncode(f.from) +
                     "&to=" + http::PercentEncode(f.to) + "&page=";
  if (current > 1) d.set("prev", base + std::to_string(current - 1));
  if (f.offset + f.limit < page.total) d.set("next", base + std::to_string(current + 1));
  d.set("page", std::to_string(current));
  return d;
}

boost::json::object AuditJson(const security::AuditPage& page) {
  boost::json::array items;
  for (const auto& e : page.entries)
    items.push_back({{"seq", e.seq},
                     {"at", e.at},
                     {"actor", e.actor},
                     {"action", e.action},
                     {"subject", e.subject},
                     {"remote_addr", e.remote_addr},
                     {"detail", e.detail},
                     {"hash", e.hash}});
  return {{"total", page.total}, {"items", items}};
}

}  // namespace renkei::admin::views
