#include "app/app.hpp"

#include <spdlog/spdlog.h>
#include <algorithm>
#include <boost/json.hpp>
#include <chrono>

#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "platform/clock.hpp"
#include "platform/http/parse.hpp"
#include "platform/security/crypto.hpp"
#include "platform/text/utf8.hpp"
#include "platform/web/assets.hpp"
#include "platform/web/forms.hpp"
#include "platform/web/i18n.hpp"

namespace renkei::app {

namespace {

constexpr const char* kSessionCookie = "renkei_session";
constexpr const char* kCsrfCookie = "renkei_csrf";  // before login: double-submit token for the login form
// The origin of a URL template such as https://host/xyz/{z}/{x}/{y}.png, or "" when it has none.
std::string OriginOf(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return {};
  auto slash = url.find('/', scheme + 3);
  std::string origin = url.substr(0, slash);
  if (origin.find_first_of(" ;'\"") != std::string::npos) return {};
  return origin;
}

std::string_view Bearer(const http::Request& req) {
  static thread_local std::string h;
  h = req.header("authorization");
  if (h.size() > 7 && (h.rfind("Bearer ", 0) == 0 || h.rfind("bearer ", 0) == 0)) return std::string_view(h).substr(7);
  return {};
}

int HttpStatusOf(Code c) {
  switch (c) {
    case Code::kOk: return 200;
    case Code::kInvalidArgument: return 400;
    case Code::kUnauthenticated: return 401;
    case Code::kPermissionDenied: return 403;
    case Code::kNotFound: return 404;
    case Code::kConflict: return 409;
    case Code::kTooManyRequests: return 429;
    case Code::kFailedPrecondition: return 409;
    case Code::kUnavailable: return 503;
    case Code::kInternal: return 500;
  }
  return 500;
}

std::string JsonError(const std::string& code, const std::string& message) {
  boost::json::object o;
  o["error"] = code;
  o["message"] = message;
  return boost::json::serialize(o);
}

}  // namespace

const std::string& Ctx::csrf_token() {
  if (csrf.empty()) {
    csrf = security::RandomHex(32);
    new_csrf_cookie = true;
  }
  return csrf;
}

std::string Ctx::t(std::string_view key) const { return web::Catalogue::Get().t(lang, key); }
std::string Ctx::message(const Status& s) const { return web::Catalogue::Get().message(lang, s.message()); }

http::Response FileDownload(attachments::File f) {
  http::Response res;
  res.body = std::move(f.bytes);
  res.set_header("Content-Type", f.content_type);
  res.set_header("Content-Disposition", "attachment; filename*=UTF-8''" + http::PercentEncode(f.name));
  res.set_header("X-Content-Type-Options", "nosniff");
  return res;
}

http::Response Download(std::string bytes, const std::string& type, const std::string& name) {
  http::Response res;
  res.body = std::move(bytes);
  res.set_header("Content-Type", type);
  res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
  res.set_header("Cache-Control", "no-store");
  return res;
}

Result<http::Response> BackWithError(const Status& s, const std::string& path, std::string_view prefix) {
  bool actionable = s.code() == Code::kInvalidArgument || s.code() == Code::kFailedPrecondition || s.code() == Code::kConflict;
  if (!actionable || s.message().rfind(prefix, 0) != 0) return s;
  std::string key = s.message().substr(prefix.size());
  return http::Response::Redirect(path + (path.find('?') == std::string::npos ? "?" : "&") + "error=" + http::PercentEncode(key));
}

int CurrentFiscalYear() { return core::FiscalYearOf(*core::ParseIsoDate(clock::TodayInTokyo())); }

Result<int> FiscalYearParam(const http::Request& req) {
  std::string v = req.query().value("fy");
  if (v.empty()) return CurrentFiscalYear();
  auto fy = core::ParseFiscalYear(v);
  if (!fy || *fy < 1990 || *fy > 2100) return Status::InvalidArgument("@error.bad_fy");
  return *fy;
}

web::Data FiscalYearChoices(int chosen) {
  std::vector<web::Choice> years;
  int now = CurrentFiscalYear();
  for (int fy = now + 1; fy >= now - 8; --fy) years.push_back({std::to_string(fy), core::FormatFiscalYear(fy)});
  return web::Choices(years, std::to_string(chosen));
}

App::App(const std::shared_ptr<storage::Database>& db, AppConfig config)
    : db_(db),
      config_(std::move(config)),
      accounts_(db, config_.policy),
      // Links in e-mail come from public_url, never from a Host header a stranger chose: without it, no mail.
      mailer_(std::make_unique<mail::Mailer>(config_.public_url.empty() ? mail::MailConfig{} : config_.mail)),
      public_forms_(config_.public_form_limit, config_.public_form_window),
      demo_(accounts_.IsDemo()) {
  // No inline script or style anywhere; images may come from the map's tile server.
  if (!config_.mail.url.empty() && config_.public_url.empty())
    spdlog::warn("[mail] is configured but [server] public_url is not: no e-mail will be sent (links would come from the Host header)");
  std::string tiles = OriginOf(config_.map_tile_url);
  csp_ = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:" + (tiles.empty() ? "" : " " + tiles) +
         "; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
}

Status App::PublicFormAllowed(Ctx& ctx) {
  if (public_forms_.Allow(ctx.addr())) return Status::Ok();
  return Status::TooManyRequests("@error.too_many_forms").WithRetryAfter(public_forms_.RetryAfter(ctx.addr()));
}

bool App::MailWithoutPublicUrl() const { return !config_.mail.url.empty() && config_.public_url.empty(); }

std::string App::AbsoluteUrl(const Ctx& ctx, const std::string& path) const {
  // Pages and printouts only: the person sees the host they asked for. E-mail is sent only with public_url.
  if (!config_.public_url.empty()) return config_.public_url + path;
  std::string host = ctx.req.header("host");
  if (host.empty() || host.find_first_of(" /\\\r\n") != std::string::npos) host = "127.0.0.1";
  return std::string(config_.secure_cookies ? "https://" : "http://") + host + path;
}

void App::Add(const std::string& method, const std::string& pattern, Access access, Handler h, std::vector<std::string> stages) {
  router_.add(method, pattern, Route{access, std::move(stages), std::move(h)});
}

void App::AddUpload(const std::string& pattern, security::Permission permission, size_t limit, Handler h) {
  router_.add("POST", pattern, Route{Access::kFull, {}, std::move(h), false, limit, permission});
}

std::vector<App::RouteInfo> App::Routes() const {
  std::vector<RouteInfo> out;
  router_.each([&](const std::string& method, const std::string& pattern, const Route& r) {
    out.push_back({method, pattern, r.access, r.upload_limit > 0});
  });
  return out;
}

std::optional<http::Response> App::RefuseUpload(http::Request& head) {
  Ctx ctx{head};
  auto m = router_.match(head);
  if (!m.handler || !m.handler->upload_permission) return std::nullopt;
  if (auto s = Authenticate(ctx); !s.ok()) return ErrorResponse(ctx, s);
  if (!ctx.principal || !ctx.principal->full()) return ErrorResponse(ctx, Status::Unauthenticated("@auth.login_required"));
  if (!ctx.principal->can(*m.handler->upload_permission)) return ErrorResponse(ctx, Status::PermissionDenied("@error.forbidden"));
  return std::nullopt;
}

size_t App::UploadLimit(http::Request& head) const {
  auto m = router_.match(head);
  return m.handler ? m.handler->upload_limit : 0;
}

void App::AddInline(const std::string& pattern, Handler h) { router_.add("GET", pattern, Route{Access::kPublic, {}, std::move(h), true}); }

bool App::RunsInline(http::Request& req) const {
  // Requests with credentials go to the workers: authenticating them reads the database.
  if (!req.header("cookie").empty() || !req.header("authorization").empty()) return false;
  auto m = router_.match(req);
  return m.handler && m.handler->runs_inline;
}

std::string App::StagePath(const std::string& stage) {
  if (stage == "mfa") return "/login/mfa";
  if (stage == "password") return "/account/password";
  if (stage == "enrol") return "/account/mfa/setup";
  return "/";
}

void App::SetSessionCookie(http::Response& r, const std::string& token) {
  r.set_cookie(kSessionCookie, token, {.http_only = true, .secure = config_.secure_cookies, .same_site = "Lax"});
}

void App::ClearSessionCookie(http::Response& r) {
  r.set_cookie(kSessionCookie, "", {.http_only = true, .secure = config_.secure_cookies, .same_site = "Lax", .max_age = 0});
}

http::Response App::Handle(http::Request& req) {
  const auto start = std::chrono::steady_clock::now();
  // Behind a trusted reverse proxy, the client is who the proxy says; everything below (throttling,
  // public form limits, the audit log) sees that address.
  if (!config_.trusted_proxies.empty()) {
    std::string chain;
    for (const auto& v : req.headers.all("x-forwarded-for")) chain += (chain.empty() ? "" : ",") + v;
    req.remote_addr = config_.trusted_proxies.ClientAddress(req.remote_addr, chain);
  }
  Ctx ctx{req};
  ctx.lang = web::NormaliseLang(req.cookie("lang").value_or("ja"));
  ctx.large_text = req.cookie("textsize").value_or("") == "large";
  http::Response res;
  auto m = router_.match(req);
  if (!m.handler) {
    res = ErrorResponse(ctx, m.method_mismatch ? Status::InvalidArgument("@error.method") : Status::NotFound("@error.not_found"));
    if (m.method_mismatch) res.status = 405;
    req.route = "unmatched";
  } else {
    try {
      res = Run(ctx, *m.handler);
    } catch (const std::exception& e) {
      res = ErrorResponse(ctx, Status::Internal("@error.internal", e.what()));
    }
  }
  Finish(ctx, res);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.Observe(req.method, req.route, res.status, secs);
  spdlog::debug("{} {} {} {:.1f}ms", req.method, req.target, res.status, secs * 1000);
  return res;
}

Status App::Authenticate(Ctx& ctx) {
  const http::Request& req = ctx.req;
  std::string_view bearer = Bearer(req);
  if (!bearer.empty()) {
    auto p = accounts_.AuthenticateApiToken(std::string(bearer), req.remote_addr);
    if (!p.ok()) return p.status();
    ctx.principal = std::move(p.value());
  } else if (auto token = req.cookie(kSessionCookie); token && !token->empty()) {
    auto p = accounts_.Authenticate(*token, req.remote_addr);
    if (p.ok()) ctx.principal = std::move(p.value());
  }
  return Status::Ok();
}

http::Response App::Run(Ctx& ctx, const Route& r) {
  http::Request& req = ctx.req;
  if (r.runs_inline) {
    auto result = r.handler(ctx);
    return result.ok() ? std::move(result).value() : ErrorResponse(ctx, result.status());
  }
  if (auto s = Authenticate(ctx); !s.ok()) return ErrorResponse(ctx, s);
  ctx.demo = demo_;

  // The CSRF token: the session's own, or before login a random value in a cookie (double submit).
  if (ctx.principal && !ctx.principal->via_token) {
    ctx.csrf = ctx.principal->csrf;
  } else if (auto c = req.cookie(kCsrfCookie); c && c->size() == 64) {
    ctx.csrf = *c;
  }  // else: made on first use (Ctx::csrf_token), so requests that render no form cost nothing

  // Access: pages send people to the step they must take next; the API answers 401/403.
  if (r.access == Access::kFull) {
    if (!ctx.principal) {
      if (ctx.api()) return ErrorResponse(ctx, Status::Unauthenticated("@auth.login_required"));
      return http::Response::Redirect("/login?next=" + http::PercentEncode(web::SafeLocalPath(req.target)));
    }
    if (!ctx.principal->full()) {
      if (ctx.api()) return ErrorResponse(ctx, Status::Unauthenticated("@auth.login_incomplete"));
      return http::Response::Redirect(StagePath(ctx.principal->stage));
    }
  } else if (r.access == Access::kStage) {
    if (!ctx.principal) return http::Response::Redirect("/login");
    bool allowed = std::find(r.stages.begin(), r.stages.end(), ctx.principal->stage) != r.stages.end();
    if (!allowed) return http::Response::Redirect(StagePath(ctx.principal->stage));
  }

  // CSRF: every unsafe request from a browser carries the token, as a form field or a header (htmx).
  // Exempt: API tokens, and anonymous JSON to a public API route (no credentials ride along, and
  // another site cannot send application/json here without a CORS preflight we never grant).
  bool anonymous_json = !ctx.principal && r.access == Access::kPublic && ctx.api() &&
                        req.header("content-type").rfind("application/json", 0) == 0 && !req.cookie(kSessionCookie);
  if (req.is_unsafe_method() && !(ctx.principal && ctx.principal->via_token) && !anonymous_json) {
    std::string sent = req.header("x-csrf-token");
    if (sent.empty()) sent = req.form().value("_csrf");
    if (ctx.csrf.empty() || !security::ConstantTimeEquals(sent, ctx.csrf))
      return ErrorResponse(ctx, Status::PermissionDenied("@error.csrf"));
  }

  auto result = r.handler(ctx);
  if (!result.ok()) return ErrorResponse(ctx, result.status());
  return std::move(result).value();
}

void App::Finish(Ctx& ctx, http::Response& res) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "same-origin");
  res.set_header("X-Frame-Options", "DENY");
  if (res.header("Content-Security-Policy").empty()) res.set_header("Content-Security-Policy", csp_);
  if (config_.secure_cookies) res.set_header("Strict-Transport-Security", "max-age=31536000");
  // Nothing a logged-in person sees is kept in shared caches.
  if (res.header("Cache-Control").empty()) res.set_header("Cache-Control", ctx.principal ? "no-store" : "no-cache");
  if (ctx.new_csrf_cookie && res.header("Content-Type").rfind("text/html", 0) == 0)
    res.set_cookie(kCsrfCookie, ctx.csrf, {.http_only = true, .secure = config_.secure_cookies, .same_site = "Lax"});
}

http::Response App::ErrorResponse(Ctx& ctx, const Status& s) {
  int status = HttpStatusOf(s.code());
  if (status >= 500)
    spdlog::error("{} {}: {}", ctx.req.method, ctx.req.path, s.ToString());
  else if (!s.detail().empty())
    spdlog::info("{} {}: {}", ctx.req.method, ctx.req.path, s.ToString());
  // Users see the message; the detail stays in the log (it may name tables or values).
  std::string message = status >= 500 ? ctx.t("error.internal") : ctx.message(s);
  http::Response res;
  if (ctx.api() || ctx.req.header("accept").find("application/json") != std::string::npos) {
    res = http::Response::Json(JsonError(CodeName(s.code()), message), status);
  } else if (status == 401 && ctx.req.method == "GET") {
    res = http::Response::Redirect("/login?next=" + http::PercentEncode(web::SafeLocalPath(ctx.req.target)));
  } else {
    web::Data d = web::Object();
    d.set("message", message);
    d.set("status", std::to_string(status));
    res = Page(ctx, "error", d, ctx.t("error.title"), status);
  }
  if (s.retry_after() > 0) res.set_header("Retry-After", std::to_string(s.retry_after()));
  return res;
}

http::Response App::Page(Ctx& ctx, const std::string& view, web::Data data, const std::string& title, int status) {
  data.set("csrf", ctx.csrf_token());
  std::string body = web::Render(view, ctx.lang, data);
  // A view may ask the layout for a refresh without JavaScript, or a script of its own (static/).

  web::Data page = web::Object();
  page.set("lang", ctx.lang);
  page.set("title", title);
  page.set("body", body);
  page.set("csrf", ctx.csrf_token());
  page.set("region", config_.region_name);
  if (const auto* v = data.get("head_refresh")) page.set("head_refresh", *v);
  if (const auto* v = data.get("page_script")) page.set("page_script", web::AssetUrl(v->string_value()));
  if (const auto* v = data.get("map"); v && v->is_true()) {
    page.set("map", true);
    page.set("leaflet_css", web::AssetUrl("vendor/leaflet.css"));
    page.set("cluster_css", web::AssetUrl("vendor/MarkerCluster.css"));
    page.set("cluster_default_css", web::AssetUrl("vendor/MarkerCluster.Default.css"));
    page.set("leaflet_js", web::AssetUrl("vendor/leaflet.js"));
    page.set("cluster_js", web::AssetUrl("vendor/leaflet.markercluster.js"));
    page.set("map_js", web::AssetUrl("map.js"));
  }
  page.set("demo", ctx.demo);
  page.set("css_url", web::AssetUrl("app.css"));
  page.set("htmx_url", web::AssetUrl("vendor/htmx.min.js"));
  page.set("large_text", ctx.large_text);
  page.set("path", web::SafeLocalPath(ctx.req.target));
  page.set("lang_ja", ctx.lang == "ja");
  page.set("today", core::DateLabel(clock::TodayInTokyo()));
  if (ctx.principal && ctx.principal->full()) {
    const auto& u = ctx.principal->user;
    page.set("logged_in", true);
    page.set("user_name", u.display_name);
    web::Data nav = web::List();
    auto item = [&](const char* href, const char* key) {
      web::Data i = web::Object();
      i.set("href", href);
      i.set("label", ctx.t(key));
      i.set("current", ctx.req.path == href || (std::string(href) != "/" && ctx.req.path.rfind(href, 0) == 0));
      nav.push_back(i);
    };
    item("/", "nav.home");
    item("/facilities", "nav.facilities");
    if (ctx.principal->can(security::Permission::kManageDirectory)) item("/admin/directory", "nav.directory_admin");
    if (ctx.principal->can(security::Permission::kEditOwnFacility)) item("/my-facility", "nav.my_facility");
    if (ctx.principal->can(security::Permission::kShareCare)) item("/teams", "nav.teams");
    if (ctx.principal->can(security::Permission::kHandleConsultations))
      item("/consultations", "nav.consultations");
    else if (ctx.principal->can(security::Permission::kViewRegionStatistics))
      item("/consultations/stats", "nav.consultation_stats");
    if (ctx.principal->can(security::Permission::kManagePlans)) item("/plans", "nav.plans");
    if (ctx.principal->can(security::Permission::kManagePlans) || ctx.principal->can(security::Permission::kManageEvents)) {
      item("/surveys", "nav.surveys");
      item("/cards", "nav.cards");
    }
    if (ctx.principal->can(security::Permission::kManageEvents)) {
      item("/admin/events", "nav.events");
      item("/admin/outreach", "nav.outreach");
      item("/meetings", "nav.meetings");
    }
    if (ctx.principal->can(security::Permission::kManageUsers)) item("/admin/users", "nav.users");
    if (ctx.principal->can(security::Permission::kViewAudit)) item("/admin/audit", "nav.audit");
    item("/account", "nav.account");
    page.set("nav", nav);
  } else if (ctx.principal) {
    page.set("logged_in_partial", true);
  }
  auto res = http::Response::Html(web::Render("layout", ctx.lang, page), status);
  return res;
}

Reply Json(const boost::json::object& o, int status) { return http::Response::Json(boost::json::serialize(o), status); }

std::vector<std::string> StagesOf(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    size_t sp = list.find(' ');
    if (sp != 0) out.emplace_back(list.substr(0, sp));
    if (sp == std::string_view::npos) break;
    list.remove_prefix(sp + 1);
  }
  return out;
}

}  // namespace renkei::app
