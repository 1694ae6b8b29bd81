// Administration pages (利用者管理, 監査ログ) and GET /api/v1/audit, as a table of short handlers: each
// reads the request, makes one AdminService call (screens.cpp for the pages) and one view call
// (views.hpp). The service checks kManageUsers and kViewAudit.
#include "app/app.hpp"
#include "modules/admin/service.hpp"
#include "modules/admin/views.hpp"
#include "platform/web/forms.hpp"

namespace renkei::admin {

using app::Access;
using app::App;
using app::Ctx;
using app::Json;
using app::Reply;

namespace {

constexpr int kAuditPerPage = 50;
constexpr int kAuditMaxPerPage = 500;

security::AuditFilter FilterOf(const http::Params& q) {
  security::AuditFilter f;
  f.actor = q.value("actor");
  f.subject = q.value("subject");
  f.action = q.value("action");
  f.from = q.value("from");
  f.to = q.value("to");
  int page = std::max(1, web::FormInt(q.value("page")).value_or(1));
  auto per_page = web::FormInt(q.value("per_page"));  // -1: not a number
  f.limit = per_page && *per_page != -1 ? std::clamp(*per_page, 1, kAuditMaxPerPage) : kAuditPerPage;
  f.offset = (page - 1) * f.limit;
  return f;
}

// A refusal the person can act on goes back to the page with its message; anything else is the error page.
bool Actionable(const Status& s) { return s.code() != Code::kPermissionDenied && s.code() != Code::kNotFound; }

Reply UsersPage(App& app, AdminService& service, Ctx& ctx) {
  auto users = service.ListUsers(*ctx.principal);
  if (!users.ok()) return users.status();
  return app.Page(ctx, "admin/users", views::UsersPageData(*users, app.MailWithoutPublicUrl(), ctx.req.query(), ctx.lang),
                  ctx.t("admin.users_title"));
}

Reply NewUserPage(App& app, Ctx& ctx, const std::string& error, int status) {
  return app.Page(ctx, "admin/user_new", views::NewUserData(ctx.req.form(), error, ctx.lang), ctx.t("admin.user_new_title"), status);
}

Reply NewUserForm(App& app, AdminService& service, Ctx& ctx) {
  if (auto s = service.CanManageUsers(*ctx.principal); !s.ok()) return s;
  return NewUserPage(app, ctx, "", 200);
}

Reply CreateUserForm(App& app, AdminService& service, Ctx& ctx) {
  const auto& f = ctx.req.form();
  security::NewUser n;
  n.login = f.value("login");
  n.display_name = f.value("display_name");
  n.password = f.value("password");
  n.roles = f.all("role");
  n.municipality_code = f.value("municipality");
  n.facility_id = f.value("facility");
  n.profession = f.value("profession");
  auto u = service.CreateUser(*ctx.principal, ctx.addr(), n);
  if (!u.ok() && u.status().code() != Code::kPermissionDenied) return NewUserPage(app, ctx, ctx.message(u.status()), 400);
  if (!u.ok()) return u.status();
  return http::Response::Redirect("/admin/users?notice=created");
}

Reply UserPage(App& app, AdminService& service, Ctx& ctx, const std::string& error, int status) {
  auto s = service.UserPage(*ctx.principal, ctx.req.param("id"));
  if (!s.ok()) return s.status();
  auto d = views::UserEditData(*s, s->user.id == ctx.user().id, error, ctx.req.query(), ctx.lang);
  return app.Page(ctx, "admin/user_edit", d, s->user.display_name, status);
}

Reply UserForm(App& app, AdminService& service, Ctx& ctx) { return UserPage(app, service, ctx, "", 200); }

Reply UpdateUserForm(App& app, AdminService& service, Ctx& ctx) {
  const auto& f = ctx.req.form();
  auto s = service.UpdateUser(*ctx.principal, ctx.addr(), ctx.req.param("id"), f.all("role"), f.value("municipality"), f.value("facility"),
                              f.value("display_name"));
  if (!s.ok() && Actionable(s)) return UserPage(app, service, ctx, ctx.message(s), 400);
  if (!s.ok()) return s;
  return http::Response::Redirect("/admin/users/" + ctx.req.param("id") + "?notice=updated");
}

// disable, enable, unlock, reset-mfa, reset-password.
Reply UserActionForm(App& app, AdminService& service, Ctx& ctx) {
  std::string action = ctx.req.param("action");
  auto s = service.Apply(*ctx.principal, ctx.addr(), ctx.req.param("id"), action, ctx.req.form().value("password"));
  if (!s.ok() && Actionable(s)) return UserPage(app, service, ctx, ctx.message(s), 400);
  if (!s.ok()) return s;
  std::replace(action.begin(), action.end(), '-', '_');
  return http::Response::Redirect("/admin/users/" + ctx.req.param("id") + "?notice=" + action);
}

Reply AuditPage(App& app, AdminService& service, Ctx& ctx) {
  auto f = FilterOf(ctx.req.query());
  auto page = service.SearchAudit(*ctx.principal, ctx.addr(), f);
  if (!page.ok()) return page.status();
  return app.Page(ctx, "admin/audit", views::AuditPageData(*page, f), ctx.t("admin.audit_title"));
}

Reply ApiAudit(App&, AdminService& service, Ctx& ctx) {
  auto page = service.SearchAudit(*ctx.principal, ctx.addr(), FilterOf(ctx.req.query()));
  if (!page.ok()) return page.status();
  return Json(views::AuditJson(*page));
}

// Every route needs a full login; the service decides the rest.
constexpr app::ServiceRoute<AdminService> kRoutes[] = {
    {"GET", "/admin/users", Access::kFull, UsersPage},
    {"GET", "/admin/users/new", Access::kFull, NewUserForm},
    {"POST", "/admin/users/new", Access::kFull, CreateUserForm},
    {"GET", "/admin/users/{id}", Access::kFull, UserForm},
    {"POST", "/admin/users/{id}", Access::kFull, UpdateUserForm},
    {"POST", "/admin/users/{id}/{action}", Access::kFull, UserActionForm},
    {"GET", "/admin/audit", Access::kFull, AuditPage},
    {"GET", "/api/v1/audit", Access::kFull, ApiAudit},
};

}  // namespace

void RegisterRoutes(App& app) { app::AddRoutes(app, std::make_shared<AdminService>(app.accounts(), app.db()), kRoutes); }

}  // namespace renkei::admin
