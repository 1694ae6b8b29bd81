// Administration pages (利用者管理, 監査ログ) and GET /api/v1/audit. Thin: parse, call AdminService, render.
#include <boost/json.hpp>

#include "app/app.hpp"
#include "core/domain.hpp"
#include "modules/admin/service.hpp"
#include "modules/consultations/service.hpp"
#include "platform/clock.hpp"
#include "platform/http/parse.hpp"
#include "platform/security/roles.hpp"

namespace renkei::admin {

using app::Access;
using app::App;
using app::Ctx;
namespace {

using web::Data;

Data RoleOptions(Ctx& ctx, const std::vector<std::string>& selected) {
  std::vector<web::Choice> items;
  for (const auto& r : security::AllRoles()) items.push_back({r.code, ctx.t(r.label_key)});
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

Data UserRow(Ctx& ctx, const security::User& u) {
  Data row = web::Object();
  row.set("id", u.id);
  row.set("login", u.login);
  row.set("display_name", u.display_name);
  std::string roles;
  for (const auto& r : u.roles) roles += (roles.empty() ? "" : "、") + ctx.t("role." + r);
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

void RegisterRoutes(App& app) {
  auto service = std::make_shared<admin::AdminService>(app.accounts(), app.db());

  app.Get("/admin/users", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto users = service->ListUsers(*ctx.principal);
    if (!users.ok()) return users.status();
    Data d = web::Object();
    Data rows = web::List();
    for (const auto& u : *users) rows.push_back(UserRow(ctx, u));
    d.set("users", rows);
    d.set("count", std::to_string(users->size()));
    std::string notice = ctx.req.query().value("notice");
    if (notice == "created" || notice == "updated") d.set("notice", ctx.t("notice.user_" + notice));
    d.set("mail_off", app.MailWithoutPublicUrl());
    return app.Page(ctx, "admin/users", d, ctx.t("admin.users_title"));
  });

  auto new_form = [&app](Ctx& ctx, const std::string& error, int status) {
    const auto& f = ctx.req.form();
    Data d = web::Object();
    d.set("roles", RoleOptions(ctx, f.all("role")));
    d.set("municipalities", MunicipalityOptions(f.value("municipality")));
    d.set("professions", ProfessionOptions(f.value("profession")));
    d.set("login", f.value("login"));
    d.set("display_name", f.value("display_name"));
    d.set("facility", f.value("facility"));
    if (!error.empty()) d.set("error", error);
    return app.Page(ctx, "admin/user_new", d, ctx.t("admin.user_new_title"), status);
  };
  app.Get("/admin/users/new", Access::kFull, [service, new_form](Ctx& ctx) -> Result<http::Response> {
    if (!ctx.principal->can(security::Permission::kManageUsers)) return Status::PermissionDenied("@error.forbidden");
    return new_form(ctx, "", 200);
  });

  app.Post("/admin/users/new", Access::kFull, [service, new_form](Ctx& ctx) -> Result<http::Response> {
    const auto& f = ctx.req.form();
    security::NewUser n;
    n.login = f.value("login");
    n.display_name = f.value("display_name");
    n.password = f.value("password");
    n.roles = f.all("role");
    n.municipality_code = f.value("municipality");
    n.facility_id = f.value("facility");
    n.profession = f.value("profession");
    auto u = service->CreateUser(*ctx.principal, ctx.addr(), n);
    if (!u.ok()) {
      if (u.status().code() == Code::kPermissionDenied) return u.status();
      return new_form(ctx, ctx.message(u.status()), 400);
    }
    return http::Response::Redirect("/admin/users?notice=created");
  });

  auto consultations = std::make_shared<consultations::ConsultationService>(app.db());
  auto edit_page = [&app, service, consultations](Ctx& ctx, const std::string& error, int status) -> Result<http::Response> {
    auto u = service->GetUser(*ctx.principal, ctx.req.param("id"));
    if (!u.ok()) return u.status();
    Data d = UserRow(ctx, *u);
    // Municipal staff read their town's consultation cases only when granted here.
    if (std::find(u->roles.begin(), u->roles.end(), "municipal_staff") != u->roles.end() && !u->municipality_code.empty()) {
      d.set("municipal", true);
      d.set("consult_granted", consultations->HasTownGrant(u->id, u->municipality_code));
    }
    d.set("role_options", RoleOptions(ctx, u->roles));
    d.set("municipalities", MunicipalityOptions(u->municipality_code));
    d.set("self", u->id == ctx.user().id);
    if (!error.empty()) d.set("error", error);
    std::string notice = ctx.req.query().value("notice");
    if (!notice.empty() && notice.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string::npos)
      d.set("notice", ctx.t("notice.user_" + notice));
    return app.Page(ctx, "admin/user_edit", d, u->display_name, status);
  };
  app.Get("/admin/users/{id}", Access::kFull, [edit_page](Ctx& ctx) { return edit_page(ctx, "", 200); });

  app.Post("/admin/users/{id}", Access::kFull, [service, edit_page](Ctx& ctx) -> Result<http::Response> {
    const auto& f = ctx.req.form();
    auto s = service->UpdateUser(*ctx.principal, ctx.addr(), ctx.req.param("id"), f.all("role"), f.value("municipality"),
                                 f.value("facility"), f.value("display_name"));
    if (!s.ok()) {
      if (s.code() == Code::kPermissionDenied || s.code() == Code::kNotFound) return s;
      return edit_page(ctx, ctx.message(s), 400);
    }
    return http::Response::Redirect("/admin/users/" + ctx.req.param("id") + "?notice=updated");
  });

  app.Post("/admin/users/{id}/{action}", Access::kFull, [service, edit_page](Ctx& ctx) -> Result<http::Response> {
    std::string action = ctx.req.param("action");
    Status s = action == "reset-password"
                   ? service->ResetPassword(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.form().value("password"))
                   : service->Act(*ctx.principal, ctx.addr(), ctx.req.param("id"), action);
    if (!s.ok()) {
      if (s.code() == Code::kPermissionDenied || s.code() == Code::kNotFound) return s;
      return edit_page(ctx, ctx.message(s), 400);
    }
    std::string notice = action;
    for (auto& c : notice)
      if (c == '-') c = '_';
    return http::Response::Redirect("/admin/users/" + ctx.req.param("id") + "?notice=" + notice);
  });

  auto filter_of = [](Ctx& ctx) {
    const auto& q = ctx.req.query();
    security::AuditFilter f;
    f.actor = q.value("actor");
    f.subject = q.value("subject");
    f.action = q.value("action");
    f.from = q.value("from");
    f.to = q.value("to");
    int page = 1;
    try {
      page = std::max(1, std::stoi(q.value("page", "1")));
    } catch (...) {
    }
    try {
      f.limit = std::clamp(std::stoi(q.value("per_page", "50")), 1, 500);
    } catch (...) {
    }
    f.offset = (page - 1) * f.limit;
    return f;
  };

  app.Get("/admin/audit", Access::kFull, [&app, service, filter_of](Ctx& ctx) -> Result<http::Response> {
    auto f = filter_of(ctx);
    auto page = service->SearchAudit(*ctx.principal, ctx.addr(), f);
    if (!page.ok()) return page.status();
    Data d = web::Object();
    for (const char* k : {"actor", "subject", "action", "from", "to"}) d.set(k, ctx.req.query().value(k));
    Data rows = web::List();
    for (const auto& e : page->entries) {
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
    d.set("total", std::to_string(page->total));
    d.set("empty", page->entries.empty());
    int current = f.offset / f.limit + 1;
    std::string base = "/admin/audit?actor=" + http::PercentEncode(f.actor) + "&subject=" + http::PercentEncode(f.subject) +
                       "&action=" + http::PercentEncode(f.action) + "&from=" + http::PercentEncode(f.from) +
                       "&to=" + http::PercentEncode(f.to) + "&page=";
    if (current > 1) d.set("prev", base + std::to_string(current - 1));
    if (f.offset + f.limit < page->total) d.set("next", base + std::to_string(current + 1));
    d.set("page", std::to_string(current));
    return app.Page(ctx, "admin/audit", d, ctx.t("admin.audit_title"));
  });

  app.Get("/api/v1/audit", Access::kFull, [service, filter_of](Ctx& ctx) -> Result<http::Response> {
    auto f = filter_of(ctx);
    auto page = service->SearchAudit(*ctx.principal, ctx.addr(), f);
    if (!page.ok()) return page.status();
    boost::json::object o;
    o["total"] = page->total;
    boost::json::array items;
    for (const auto& e : page->entries) {
      boost::json::object i;
      i["seq"] = e.seq;
      i["at"] = e.at;
      i["actor"] = e.actor;
      i["action"] = e.action;
      i["subject"] = e.subject;
      i["remote_addr"] = e.remote_addr;
      i["detail"] = e.detail;
      i["hash"] = e.hash;
      items.push_back(i);
    }
    o["items"] = items;
    return http::Response::Json(boost::json::serialize(o));
  });
}

}  // namespace renkei::admin
