// Login, the two-factor prompt, logout, password change, two-factor enrolment and the account page.
// Thin: parse the form, call one Accounts function, render.
#include "app/app.hpp"
#include "platform/clock.hpp"
#include "platform/security/crypto.hpp"
#include "platform/text/utf8.hpp"
#include "platform/web/forms.hpp"

#include <boost/json.hpp>

namespace renkei::accounts {

using app::Access;
using app::App;
using app::Ctx;
namespace {

using web::Data;

Data LoginForm(Ctx& ctx, const std::string& login, const std::string& error) {
  Data d = web::Object();
  d.set("login", login);
  d.set("next", web::SafeLocalPath(ctx.req.query().value("next", ctx.req.form().value("next")), "/"));
  if (!error.empty()) d.set("error", error);
  if (ctx.req.query().value("notice") == "logged_out") d.set("notice", ctx.t("auth.logged_out"));
  if (ctx.req.query().value("notice") == "expired") d.set("notice", ctx.t("auth.session_expired"));
  return d;
}

}  // namespace

void RegisterRoutes(App& app) {
  app.Get("/login", Access::kPublic, [&app](Ctx& ctx) -> Result<http::Response> {
    if (ctx.principal) return http::Response::Redirect(App::StagePath(ctx.principal->stage));
    return app.Page(ctx, "accounts/login", LoginForm(ctx, "", ""), ctx.t("auth.login_title"));
  });

  app.Post("/login", Access::kPublic, [&app](Ctx& ctx) -> Result<http::Response> {
    const auto& f = ctx.req.form();
    std::string login = f.value("login");
    auto r = app.accounts().Login(login, f.value("password"), ctx.addr(), ctx.req.header("user-agent"));
    if (!r.ok()) {
      int status = r.status().code() == Code::kTooManyRequests ? 429 : (r.status().code() == Code::kPermissionDenied ? 403 : 401);
      auto res = app.Page(ctx, "accounts/login", LoginForm(ctx, login, ctx.message(r.status())), ctx.t("auth.login_title"), status);
      if (r.status().retry_after() > 0) res.set_header("Retry-After", std::to_string(r.status().retry_after()));
      return res;
    }
    std::string next = web::SafeLocalPath(f.value("next"), "/");
    auto res = http::Response::Redirect(r->stage == "full" ? next : App::StagePath(r->stage));
    app.SetSessionCookie(res, r->token);
    return res;
  });

  app.Get("/login/mfa", Access::kStage,
          [&app](Ctx& ctx) -> Result<http::Response> {
            Data d = web::Object();
            // Demo databases only: show the code so that visitors can try every role at once.
            if (ctx.demo) d.set("demo_code", security::CurrentTotpCode(ctx.user().totp_secret));
            return app.Page(ctx, "accounts/mfa", d, ctx.t("mfa.prompt_title"));
          },
          {"mfa"});

  app.Post(
      "/login/mfa", Access::kStage,
      [&app](Ctx& ctx) -> Result<http::Response> {
        auto next = app.accounts().VerifySecondFactor(*ctx.principal, ctx.req.form().value("code"), ctx.addr());
        if (!next.ok()) {
          Data d = web::Object();
          d.set("error", ctx.message(next.status()));
          const Code code = next.status().code();
          // A locked second factor ends the session: the page says so and offers nothing more to type.
          const bool locked = code == Code::kPermissionDenied;
          if (ctx.demo && !locked) d.set("demo_code", security::CurrentTotpCode(ctx.user().totp_secret));
          d.set("locked", locked);
          auto res = app.Page(ctx, "accounts/mfa", d, ctx.t("mfa.prompt_title"), code == Code::kTooManyRequests ? 429 : locked ? 403 : 401);
          if (next.status().retry_after() > 0) res.set_header("Retry-After", std::to_string(next.status().retry_after()));
          if (locked) app.ClearSessionCookie(res);
          return res;
        }
        return http::Response::Redirect(App::StagePath(*next));
      },
      {"mfa"});

  app.Post("/logout", Access::kStage,
           [&app](Ctx& ctx) -> Result<http::Response> {
             app.accounts().Logout(*ctx.principal, ctx.addr());
             auto res = http::Response::Redirect("/login?notice=logged_out");
             app.ClearSessionCookie(res);
             return res;
           },
           {"mfa", "password", "enrol", "full"});

  auto password_page = [&app](Ctx& ctx, const std::string& error, int status) {
    Data d = web::Object();
    d.set("forced", ctx.principal->stage == "password");
    d.set("min_length", std::to_string(app.accounts().MinPasswordLength(ctx.user().roles)));
    if (!error.empty()) d.set("error", error);
    return app.Page(ctx, "accounts/password", d, ctx.t("password.title"), status);
  };
  app.Get("/account/password", Access::kStage, [password_page](Ctx& ctx) -> Result<http::Response> { return password_page(ctx, "", 200); },
          {"password", "full"});

  app.Post("/account/password", Access::kStage,
           [&app, password_page](Ctx& ctx) -> Result<http::Response> {
             const auto& f = ctx.req.form();
             if (f.value("new_password") != f.value("confirm")) return password_page(ctx, ctx.t("password.mismatch"), 400);
             auto next = app.accounts().ChangePassword(*ctx.principal, f.value("current"), f.value("new_password"), ctx.addr());
             if (!next.ok()) return password_page(ctx, ctx.message(next.status()), 400);
             return http::Response::Redirect(*next == "full" ? "/account?notice=password_changed" : App::StagePath(*next));
           },
           {"password", "full"});

  auto setup_page = [&app](Ctx& ctx, const std::string& error, int status) -> Result<http::Response> {
    auto e = app.accounts().BeginTotpEnrolment(*ctx.principal);
    if (!e.ok()) return e.status();
    Data d = web::Object();
    d.set("forced", ctx.principal->stage == "enrol");
    d.set("secret", e->secret);
    // Groups of four are easier to type into an app by hand.
    std::string grouped;
    for (size_t i = 0; i < e->secret.size(); i += 4) grouped += (i ? " " : "") + e->secret.substr(i, 4);
    d.set("secret_grouped", grouped);
    d.set("qr_svg", security::QrSvg(e->otpauth_uri));
    if (!error.empty()) d.set("error", error);
    return app.Page(ctx, "accounts/mfa_setup", d, ctx.t("mfa.setup_title"), status);
  };
  app.Get("/account/mfa/setup", Access::kStage, [setup_page](Ctx& ctx) { return setup_page(ctx, "", 200); }, {"enrol", "full"});

  app.Post("/account/mfa/setup", Access::kStage,
           [&app, setup_page](Ctx& ctx) -> Result<http::Response> {
             auto codes = app.accounts().ConfirmTotpEnrolment(*ctx.principal, ctx.req.form().value("code"), ctx.addr());
             if (!codes.ok()) return setup_page(ctx, ctx.message(codes.status()), 400);
             Data d = web::Object();
             Data list = web::List();
             for (const auto& c : *codes) list.push_back(Data(c));
             d.set("codes", list);
             d.set("next", App::StagePath(ctx.principal->stage));
             return app.Page(ctx, "accounts/recovery_codes", d, ctx.t("mfa.codes_title"));
           },
           {"enrol", "full"});

  app.Get("/account", Access::kFull, [&app](Ctx& ctx) -> Result<http::Response> {
    Data d = web::Object();
    const auto& u = ctx.user();
    d.set("login", u.login);
    d.set("display_name", u.display_name);
    Data roles = web::List();
    for (const auto& r : u.roles) roles.push_back(Data(ctx.t("role." + r)));
    d.set("roles", roles);
    d.set("totp_enabled", u.totp_enabled);
    d.set("codes_left", std::to_string(app.accounts().RecoveryCodesLeft(*ctx.principal)));
    d.set("last_login", clock::IsoToTokyoMinute(u.last_login_at));
    std::string notice = ctx.req.query().value("notice");
    if (notice == "password_changed" || notice == "session_revoked") d.set("notice", ctx.t("notice." + notice));
    Data sessions = web::List();
    for (const auto& s : app.accounts().ListSessions(*ctx.principal)) {
      Data row = web::Object();
      row.set("id", s.id);
      row.set("created", clock::IsoToTokyoMinute(s.created_at));
      row.set("last_seen", clock::IsoToTokyoMinute(s.last_seen_at));
      row.set("addr", s.remote_addr);
      row.set("agent", text::Utf8Prefix(s.user_agent, 80));
      row.set("current", s.id == ctx.principal->session_id);
      sessions.push_back(row);
    }
    d.set("sessions", sessions);
    return app.Page(ctx, "accounts/account", d, ctx.t("account.title"));
  });

  app.Post("/account/sessions/{id}/revoke", Access::kFull, [&app](Ctx& ctx) -> Result<http::Response> {
    auto s = app.accounts().RevokeSession(*ctx.principal, ctx.req.param("id"), ctx.addr());
    if (!s.ok()) return s;
    if (ctx.req.param("id") == ctx.principal->session_id) {
      auto res = http::Response::Redirect("/login?notice=logged_out");
      app.ClearSessionCookie(res);
      return res;
    }
    return http::Response::Redirect("/account?notice=session_revoked");
  });

  // Who am I (API): tokens and sessions alike.
  app.Get("/api/v1/me", Access::kFull, [](Ctx& ctx) -> Result<http::Response> {
    const auto& u = ctx.user();
    boost::json::object o;
    o["id"] = u.id;
    o["login"] = u.login;
    o["display_name"] = u.display_name;
    boost::json::array roles;
    for (const auto& r : u.roles) roles.push_back(boost::json::value(r));
    o["roles"] = roles;
    o["municipality"] = u.municipality_code.empty() ? boost::json::value(nullptr) : boost::json::value(u.municipality_code);
    boost::json::array orgs;
    for (const auto& f : u.facility_ids) orgs.push_back(boost::json::value(f));
    o["organizations"] = orgs;
    o["two_factor"] = u.totp_enabled;
    o["auth"] = ctx.principal->via_token ? "token" : "session";
    return http::Response::Json(boost::json::serialize(o));
  });
}

}  // namespace renkei::accounts
