#pragma once
// The handler framework every module's routes are written against: what a handler sees of a request
// (Ctx), who may reach a route (Access), route registration, pages in the layout, and the one place where
// a Status becomes HTTP. The middleware every request passes (authentication, the two-factor stages,
// CSRF, security headers, metrics) is in app.cpp. Which modules there are is modules.hpp's business.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "app/metrics.hpp"
#include "app/rate_limit.hpp"
#include "platform/attachments.hpp"
#include "platform/http/forwarded.hpp"
#include "platform/http/request.hpp"
#include "platform/http/router.hpp"
#include "platform/mail.hpp"
#include "platform/security/accounts.hpp"
#include "platform/status.hpp"
#include "platform/storage/database.hpp"
#include "platform/web/views.hpp"

namespace renkei::app {

struct AppConfig {
  security::SecurityPolicy policy;
  bool secure_cookies = false;  // set under TLS or behind a TLS proxy; adds Secure and HSTS
  std::string region_name = "本庄市児玉郡";
  std::string import_dir;  // uploaded files kept between preview and import; empty = <tmp>/renkei-imports
  // Care-team photos and PDFs ([files] dir): empty = beside a SQLite database (<db>.files), none on
  // PostgreSQL (uploads refused until it is set; several servers share one directory).
  std::string files_dir;
  // Map tiles for the directory's map (Leaflet). Default: 地理院タイル (国土地理院), standard map.
  std::string map_tile_url = "https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png";
  std::string map_attribution = "<a href=\"https://maps.gsi.go.jp/development/ichiran.html\">地理院タイル</a>";
  // E-mail confirmations (event registrations); empty url = none, and nothing fails without it.
  mail::MailConfig mail;
  // The address residents use (https://renkei.example.jp), for links in e-mail and QR codes. E-mail is
  // sent only when it is set; printed links and QR codes take the request's Host header without it.
  std::string public_url;
  // Public forms (registrations, evaluations, requests for a talk): per address and window.
  int public_form_limit = 20;
  std::chrono::seconds public_form_window{600};
  // Reverse proxies whose X-Forwarded-For names the client (throttling, audit); none = the header is
  // ignored, which is right when clients connect directly.
  http::TrustedProxies trusted_proxies;
};

// What a handler sees of one request.
struct Ctx {
  http::Request& req;
  std::optional<security::Principal> principal;
  std::string lang = "ja";
  std::string csrf;  // the token forms must carry as _csrf; "" until csrf_token() makes one
  const std::string& csrf_token();
  bool new_csrf_cookie = false;
  bool demo = false;
  bool large_text = false;

  bool api() const { return req.path.rfind("/api/", 0) == 0; }
  const security::User& user() const { return principal->user; }
  // Who is asking, for services that serve the public too: nullptr when nobody is logged in.
  const security::Principal* viewer() const { return principal ? &*principal : nullptr; }
  std::string addr() const { return req.remote_addr; }
  security::Actor actor() const { return principal ? principal->actor(req.remote_addr) : security::Actor{"anonymous", req.remote_addr}; }
  std::string t(std::string_view key) const;
  std::string message(const Status& s) const;
};

enum class Access {
  kPublic,  // anyone, logged in or not
  kStage,   // a session in one of the listed stages (two-factor prompt, forced password change, enrolment)
  kFull,    // a session past every stage, or an API token
};

using Reply = Result<http::Response>;
using Handler = std::function<Reply(Ctx&)>;

class App {
 public:
  App(const std::shared_ptr<storage::Database>& db, AppConfig config);

  http::Response Handle(http::Request& req);

  void Add(const std::string& method, const std::string& pattern, Access access, Handler h, std::vector<std::string> stages = {});
  // A route that accepts a body up to `limit` bytes, streamed to disk (Request::body_file). Only a full
  // login (session or token) with `permission` gets to send it: checked from the head, before the body.
  void AddUpload(const std::string& pattern, security::Permission permission, size_t limit, Handler h);
  // For the server: how large this request's body may be (0 = the default limit).
  size_t UploadLimit(http::Request& head) const;
  // For the server, before a large body is read: the refusal when the sender is not logged in or may
  // not use the route; nothing when they may send it.
  std::optional<http::Response> RefuseUpload(http::Request& head);
  void Get(const std::string& p, Access a, Handler h, std::vector<std::string> stages = {}) {
    Add("GET", p, a, std::move(h), std::move(stages));
  }
  void Post(const std::string& p, Access a, Handler h, std::vector<std::string> stages = {}) {
    Add("POST", p, a, std::move(h), std::move(stages));
  }
  // A public GET that touches neither the database nor a session (health, static files): it runs on
  // the io thread without the hop to the worker pool.
  void AddInline(const std::string& pattern, Handler h);
  // For the server: may this request run on the io thread?
  bool RunsInline(http::Request& req) const;

  // Every route, for the access matrix test and `renkei routes`.
  struct RouteInfo {
    std::string method, pattern;
    Access access;
    bool upload = false;
  };
  std::vector<RouteInfo> Routes() const;

  // A full HTML page: the view inside the layout, with the common data (user, nav, language, CSRF).
  http::Response Page(Ctx& ctx, const std::string& view, web::Data data, const std::string& title, int status = 200);
  // Where a session at this stage must go next.
  static std::string StagePath(const std::string& stage);
  http::Response ErrorResponse(Ctx& ctx, const Status& s);

  security::Accounts& accounts() { return accounts_; }
  storage::Database& db() { return *db_; }
  const AppConfig& config() const { return config_; }
  Metrics& metrics() { return metrics_; }
  mail::Mailer& mailer() { return *mailer_; }
  // The limit public forms share; PublicFormAllowed answers 429's Status when an address floods.
  Status PublicFormAllowed(Ctx& ctx);
  // True when SMTP is configured but public_url is not, so that no e-mail is sent (the admin page says so).
  bool MailWithoutPublicUrl() const;
  // The absolute URL of a local path for links that leave the browser (e-mail, QR codes).
  std::string AbsoluteUrl(const Ctx& ctx, const std::string& path) const;
  void SetSessionCookie(http::Response& r, const std::string& token);
  void ClearSessionCookie(http::Response& r);

 private:
  struct Route {
    Access access;
    std::vector<std::string> stages;
    Handler handler;
    bool runs_inline = false;
    size_t upload_limit = 0;
    std::optional<security::Permission> upload_permission;
  };
  // Who is asking: an API token (Authorization: Bearer) or a browser session cookie. A bad token is
  // an error; a bad cookie only means nobody.
  Status Authenticate(Ctx& ctx);
  http::Response Run(Ctx& ctx, const Route& r);
  void Finish(Ctx& ctx, http::Response& res);

  std::shared_ptr<storage::Database> db_;
  AppConfig config_;
  security::Accounts accounts_;
  http::Router<Route> router_;
  Metrics metrics_;
  std::unique_ptr<mail::Mailer> mailer_;
  RateLimiter public_forms_;
  bool demo_;        // a database made by `renkei demo`: every page says デモ環境
  std::string csp_;  // Content-Security-Policy, with the map tiles' origin
};

// A module's routes as a table: each row names a short handler that reads the request, makes one call
// on the module's service and one on its views. AddRoutes registers the rows with the service shared.
template <class Service>
struct ServiceRoute {
  const char* method;
  const char* pattern;
  Access access;
  Reply (*handler)(App&, Service&, Ctx&);
  std::string_view stages = {};  // for Access::kStage: the stages that may reach it, separated by spaces
};

// "mfa password" → {"mfa", "password"}.
std::vector<std::string> StagesOf(std::string_view list);

template <class Service>
Handler Bind(App& app, std::shared_ptr<Service> service, Reply (*handler)(App&, Service&, Ctx&)) {
  return [&app, service = std::move(service), handler](Ctx& ctx) {
    return handler(app, *service, ctx);
  };
}

template <class Service, size_t N>
void AddRoutes(App& app, const std::shared_ptr<Service>& service, const ServiceRoute<Service> (&rows)[N]) {
  for (const auto& r : rows) app.Add(r.method, r.pattern, r.access, Bind(app, service, r.handler), StagesOf(r.stages));
}

// A JSON reply (API routes).
Reply Json(const boost::json::object& o, int status = 200);

// The routes of the composition root itself (health, metrics, static files, preferences).
void RegisterSystemRoutes(App& app);

// The fiscal year a page or API call asks for (?fy=2023, 令和5年度, R5年度), or this one when it does not.
Result<int> FiscalYearParam(const http::Request& req);
// This fiscal year, in Japan.
int CurrentFiscalYear();
// The choices of a fiscal-year <select>: this year and the eight before, `chosen` selected.
web::Data FiscalYearChoices(int chosen);

// An attached file as a download (never shown inline: a stored HTML file must not run in our origin).
http::Response FileDownload(attachments::File f);
// Bytes made here (XLSX, PDF, CSV) as a download named `name`.
http::Response Download(std::string bytes, const std::string& type, const std::string& name);

// After a form post that was refused: a refusal the person can act on (bad input, a state that forbids
// it, a conflict) whose message is a key under `prefix` ("@planning.error.") goes back to `path` with
// ?error=<key> for the page to explain; anything else is returned as it is, for the error page.
Result<http::Response> BackWithError(const Status& s, const std::string& path, std::string_view prefix);

}  // namespace renkei::app
