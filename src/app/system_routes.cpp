// Liveness, readiness, metrics, static assets and the display preferences (language, text size).
#include "app/app.hpp"
#include "platform/web/assets.hpp"
#include "platform/web/forms.hpp"

namespace renkei::app {
namespace {

bool IsLoopback(const std::string& addr) { return addr.rfind("127.", 0) == 0 || addr == "::1" || addr.rfind("::ffff:127.", 0) == 0; }

Result<http::Response> ServeAsset(Ctx& ctx, const std::string& name) {
  auto a = web::FindAsset(name);
  if (!a) return Status::NotFound("@error.not_found");
  if (ctx.req.header("if-none-match") == a->etag) {
    http::Response r;
    r.status = 304;
    r.set_header("ETag", a->etag);
    return r;
  }
  http::Response r;
  r.body = std::string(a->data);
  r.set_header("Content-Type", a->content_type);
  r.set_header("ETag", a->etag);
  // A fingerprinted URL never changes content; an unversioned one is revalidated hourly.
  r.set_header("Cache-Control", ctx.req.query().has("v") ? "public, max-age=31536000, immutable" : "public, max-age=3600");
  return r;
}

}  // namespace

void RegisterSystemRoutes(App& app) {
  app.AddInline("/healthz", [](Ctx&) -> Result<http::Response> { return http::Response::Text("ok\n"); });

  app.Get("/readyz", Access::kPublic, [&app](Ctx&) -> Result<http::Response> {
    if (!app.db().Ping()) return http::Response::Text("database unreachable\n", 503);
    return http::Response::Text("ready\n");
  });

  // For the machine's own scraper (loopback, not through a proxy) or an API token that may read the
  // audit log: request counts and paths say how the service is used, which is nobody else's business.
  app.Get("/metrics", Access::kPublic, [&app](Ctx& ctx) -> Result<http::Response> {
    const bool local = IsLoopback(ctx.req.remote_addr) && ctx.req.header("x-forwarded-for").empty() && ctx.req.header("forwarded").empty();
    if (!local && !(ctx.principal && ctx.principal->via_token && ctx.principal->can(security::Permission::kViewAudit)))
      return Status::NotFound("@error.not_found");
    auto r = http::Response::Text(app.metrics().Render(static_cast<int>(app.db().pool_size()), app.db().leased()));
    r.set_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    return r;
  });

  app.AddInline("/static/{name}", [](Ctx& ctx) { return ServeAsset(ctx, ctx.req.param("name")); });
  app.AddInline("/static/vendor/{name}", [](Ctx& ctx) { return ServeAsset(ctx, "vendor/" + ctx.req.param("name")); });
  app.AddInline("/static/vendor/images/{name}", [](Ctx& ctx) { return ServeAsset(ctx, "vendor/images/" + ctx.req.param("name")); });
  app.AddInline("/favicon.ico", [](Ctx& ctx) { return ServeAsset(ctx, "favicon.svg"); });

  // Language and text size are remembered in cookies, so they work before login too.
  app.Post("/preferences", Access::kPublic, [&app](Ctx& ctx) -> Result<http::Response> {
    const auto& f = ctx.req.form();
    auto r = http::Response::Redirect(web::SafeLocalPath(f.value("back"), "/"));
    const long year = 365L * 24 * 3600;
    http::Response::CookieOptions o{.http_only = true, .secure = app.config().secure_cookies, .same_site = "Lax", .max_age = year};
    if (f.has("lang")) r.set_cookie("lang", f.value("lang") == "en" ? "en" : "ja", o);
    if (f.has("textsize")) r.set_cookie("textsize", f.value("textsize") == "large" ? "large" : "normal", o);
    return r;
  });
}

}  // namespace renkei::app
