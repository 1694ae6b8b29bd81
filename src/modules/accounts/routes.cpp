// Login, the two-factor prompt, logout, password change, two-factor enrolment, the account page and
// /api/v1/me, as a table of short handlers: each reads the form, makes one call on the accounts (the
// rules are security::Accounts') and one view call (views.hpp). Stage routes name the session stages
// that may reach them.
#include "app/app.hpp"
#include "modules/accounts/service.hpp"
#include "modules/accounts/views.hpp"
#include "platform/security/crypto.hpp"
#include "platform/web/forms.hpp"

namespace renkei::accounts {

using app::Access;
using app::App;
using app::Ctx;
using app::Json;
using app::Reply;

namespace {

// A refusal as HTTP: too many attempts 429, a lock 403, anything else 401.
int RefusalStatus(const Status& s) { return s.code() == Code::kTooManyRequests ? 429 : s.code() == Code::kPermissionDenied ? 403 : 401; }

void SetRetryAfter(http::Response& res, const Status& s) {
  if (s.retry_after() > 0) res.set_header("Retry-After", std::to_string(s.retry_after()));
}

std::string NextOf(const Ctx& ctx) { return web::SafeLocalPath(ctx.req.query().value("next", ctx.req.form().value("next")), "/"); }

Reply LoginPage(App& app, AccountService&, Ctx& ctx) {
  if (ctx.principal) return http::Response::Redirect(App::StagePath(ctx.principal->stage));
  return app.Page(ctx, "accounts/login", views::LoginData("", NextOf(ctx), "", ctx.req.query(), ctx.lang), ctx.t("auth.login_title"));
}

Reply LoginForm(App& app, AccountService& service, Ctx& ctx) {
  const auto& f = ctx.req.form();
  std::string login = f.value("login");
  auto r = service.accounts().Login(login, f.value("password"), ctx.addr(), ctx.req.header("user-agent"));
  if (!r.ok()) {
    auto d = views::LoginData(login, NextOf(ctx), ctx.message(r.status()), ctx.req.query(), ctx.lang);
    auto res = app.Page(ctx, "accounts/login", d, ctx.t("auth.login_title"), RefusalStatus(r.status()));
    SetRetryAfter(res, r.status());
    return res;
  }
  auto res = http::Response::Redirect(r->stage == "full" ? web::SafeLocalPath(f.value("next"), "/") : App::StagePath(r->stage));
  app.SetSessionCookie(res, r->token);
  return res;
}

// Demo databases only: the code is shown so that visitors can try every role at once.
std::string DemoCode(const Ctx& ctx) { return ctx.demo ? security::CurrentTotpCode(ctx.user().totp_secret) : ""; }

Reply MfaPage(App& app, AccountService&, Ctx& ctx) {
  return app.Page(ctx, "accounts/mfa", views::MfaData("", DemoCode(ctx), false), ctx.t("mfa.prompt_title"));
}

Reply MfaForm(App& app, AccountService& service, Ctx& ctx) {
  auto next = service.accounts().VerifySecondFactor(*ctx.principal, ctx.req.form().value("code"), ctx.addr());
  if (next.ok()) return http::Response::Redirect(App::StagePath(*next));
  // A locked second factor ends the session: the page says so and offers nothing more to type.
  const bool locked = next.status().code() == Code::kPermissionDenied;
  auto d = views::MfaData(ctx.message(next.status()), locked ? "" : DemoCode(ctx), locked);
  auto res = app.Page(ctx, "accounts/mfa", d, ctx.t("mfa.prompt_title"), RefusalStatus(next.status()));
  SetRetryAfter(res, next.status());
  if (locked) app.ClearSessionCookie(res);
  return res;
}

Reply LogoutForm(App& app, AccountService& service, Ctx& ctx) {
  service.accounts().Logout(*ctx.principal, ctx.addr());
  auto res = http::Response::Redirect("/login?notice=logged_out");
  app.ClearSessionCookie(res);
  return res;
}

Reply PasswordPage(App& app, AccountService& service, Ctx& ctx, const std::string& error, int status) {
  auto d = views::PasswordData(ctx.principal->stage == "password", service.accounts().MinPasswordLength(ctx.user().roles), error);
  return app.Page(ctx, "accounts/password", d, ctx.t("password.title"), status);
}

Reply PasswordForm(App& app, AccountService& service, Ctx& ctx) { return PasswordPage(app, service, ctx, "", 200); }

Reply ChangePasswordForm(App& app, AccountService& service, Ctx& ctx) {
  const auto& f = ctx.req.form();
  auto next = service.ChangePassword(*ctx.principal, f.value("current"), f.value("new_password"), f.value("confirm"), ctx.addr());
  if (!next.ok()) return PasswordPage(app, service, ctx, ctx.message(next.status()), 400);
  return http::Response::Redirect(*next == "full" ? "/account?notice=password_changed" : App::StagePath(*next));
}

Reply SetupPage(App& app, AccountService& service, Ctx& ctx, const std::string& error, int status) {
  auto e = service.accounts().BeginTotpEnrolment(*ctx.principal);
  if (!e.ok()) return e.status();
  return app.Page(ctx, "accounts/mfa_setup", views::MfaSetupData(*e, ctx.principal->stage == "enrol", error), ctx.t("mfa.setup_title"),
                  status);
}

Reply SetupForm(App& app, AccountService& service, Ctx& ctx) { return SetupPage(app, service, ctx, "", 200); }

Reply ConfirmSetupForm(App& app, AccountService& service, Ctx& ctx) {
  auto codes = service.accounts().ConfirmTotpEnrolment(*ctx.principal, ctx.req.form().value("code"), ctx.addr());
  if (!codes.ok()) return SetupPage(app, service, ctx, ctx.message(codes.status()), 400);
  return app.Page(ctx, "accounts/recovery_codes", views::RecoveryCodesData(*codes, App::StagePath(ctx.principal->stage)),
                  ctx.t("mfa.codes_title"));
}

Reply AccountPage(App& app, AccountService& service, Ctx& ctx) {
  return app.Page(ctx, "accounts/account", views::AccountData(service.AccountPage(*ctx.principal), ctx.req.query(), ctx.lang),
                  ctx.t("account.title"));
}

Reply RevokeForm(App& app, AccountService& service, Ctx& ctx) {
  if (auto s = service.accounts().RevokeSession(*ctx.principal, ctx.req.param("id"), ctx.addr()); !s.ok()) return s;
  if (ctx.req.param("id") != ctx.principal->session_id) return http::Response::Redirect("/account?notice=session_revoked");
  auto res = http::Response::Redirect("/login?notice=logged_out");
  app.ClearSessionCookie(res);
  return res;
}

// Who am I (API): tokens and sessions alike.
Reply ApiMe(App&, AccountService&, Ctx& ctx) { return Json(views::MeJson(*ctx.principal)); }

constexpr app::ServiceRoute<AccountService> kRoutes[] = {
    {"GET", "/login", Access::kPublic, LoginPage},
    {"POST", "/login", Access::kPublic, LoginForm},
    {"GET", "/login/mfa", Access::kStage, MfaPage, "mfa"},
    {"POST", "/login/mfa", Access::kStage, MfaForm, "mfa"},
    {"POST", "/logout", Access::kStage, LogoutForm, "mfa password enrol full"},
    {"GET", "/account/password", Access::kStage, PasswordForm, "password full"},
    {"POST", "/account/password", Access::kStage, ChangePasswordForm, "password full"},
    {"GET", "/account/mfa/setup", Access::kStage, SetupForm, "enrol full"},
    {"POST", "/account/mfa/setup", Access::kStage, ConfirmSetupForm, "enrol full"},
    {"GET", "/account", Access::kFull, AccountPage},
    {"POST", "/account/sessions/{id}/revoke", Access::kFull, RevokeForm},
    {"GET", "/api/v1/me", Access::kFull, ApiMe},
};

}  // namespace

void RegisterRoutes(App& app) { app::AddRoutes(app, std::make_shared<AccountService>(app.accounts()), kRoutes); }

}  // namespace renkei::accounts
