// The public directory pages (/facilities) and the JSON API (/api/v1/facilities), as a table of short
// handlers: each reads the query, makes one DirectoryService call and one view call (views.hpp). Staff
// pages are in admin_routes.cpp, FHIR in fhir_routes.cpp.
#include <boost/json/serialize.hpp>

#include "app/app.hpp"
#include "modules/directory/service.hpp"
#include "modules/directory/views.hpp"
#include "platform/web/forms.hpp"

namespace renkei::directory {

using app::Access;
using app::App;
using app::Ctx;
using app::Json;
using app::Reply;

namespace {

constexpr int kMapMatches = 2000;  // the map draws every match at once; the list pages them
constexpr int kPagePerPage = 50;

int IntParam(const http::Params& q, const char* name, int def) {
  try {
    return std::stoi(q.value(name, std::to_string(def)));
  } catch (...) {
    return def;
  }
}

SearchRequest RequestOf(const http::Request& req) {
  const auto& q = req.query();
  SearchRequest r;
  r.q = q.value("q");
  r.municipality = q.value("municipality");
  r.kind = q.value("kind");
  r.service = q.value("service");
  r.attribute = q.value("attribute");
  r.sort = q.value("sort");
  r.near = q.value("near");
  r.open_day = q.value("open_day");
  r.open_time = q.value("open_time");
  r.page = IntParam(q, "page", 1);
  r.per_page = IntParam(q, "per_page", 20);
  return r;
}

views::MapTiles MapOf(const App& app) { return {app.config().map_tile_url, app.config().map_attribution}; }

// A staff edit's body (field -> value): strings, numbers, arrays of strings (joined by commas), null.
Result<std::vector<std::pair<std::string, std::string>>> FieldsFromJson(const boost::json::object& body) {
  std::vector<std::pair<std::string, std::string>> fields;
  for (const auto& [k, val] : body) {
    if (val.is_string()) {
      fields.emplace_back(std::string(k), std::string(val.as_string()));
    } else if (val.is_number()) {
      fields.emplace_back(std::string(k), boost::json::serialize(val));
    } else if (val.is_array()) {
      std::string joined;
      for (const auto& x : val.as_array())
        if (x.is_string()) joined += (joined.empty() ? "" : ",") + std::string(x.as_string());
      fields.emplace_back(std::string(k), joined);
    } else if (val.is_null()) {
      fields.emplace_back(std::string(k), "");
    } else {
      return Status::InvalidArgument("値は文字列・数値・配列で指定してください: " + std::string(k));
    }
  }
  return fields;
}

Reply ApiSearch(App&, DirectoryService& service, Ctx& ctx) {
  auto r = RequestOf(ctx.req);
  // Staff may ask for facilities outside the region; the public sees the region's.
  r.include_outside = ctx.req.query().value("outside") == "1";
  auto res = service.SearchFor(ctx.viewer(), r);
  if (!res.ok()) return res.status();
  return http::Response::Json(views::SearchJson(**res, r));
}

Reply ApiGet(App&, DirectoryService& service, Ctx& ctx) {
  auto one = service.SharedFor(ctx.viewer(), ctx.req.param("id"));
  if (!one.ok()) return one.status();
  return http::Response::Json(views::FacilityJsonText(**one));
}

// Staff edit (JSON object of field -> value); every field becomes a local override.
Reply ApiEdit(App&, DirectoryService& service, Ctx& ctx) {
  auto body = web::JsonBody(ctx.req.body, "JSON のオブジェクトを送ってください。");
  if (!body.ok()) return body.status();
  auto fields = FieldsFromJson(*body);
  if (!fields.ok()) return fields.status();
  auto d = service.Edited(*ctx.principal, ctx.addr(), ctx.req.param("id"), *fields);
  if (!d.ok()) return d.status();
  return Json(views::EditedJson(*d));
}

// Every match as GeoJSON for the map.
Reply GeoJson(App&, DirectoryService& service, Ctx& ctx) {
  auto r = RequestOf(ctx.req);
  r.page = 1;
  r.per_page = kMapMatches;
  auto res = service.Search(r, kMapMatches);
  if (!res.ok()) return res.status();
  auto out = http::Response::Json(views::GeoJson(**res));
  out.set_header("Content-Type", "application/geo+json; charset=utf-8");
  return out;
}

Reply SearchPage(App& app, DirectoryService& service, Ctx& ctx) {
  auto r = RequestOf(ctx.req);
  r.per_page = std::clamp(r.per_page, 1, kPagePerPage);
  auto res = service.Search(r);
  const SearchResult* found = res.ok() ? &**res : nullptr;
  auto d = views::SearchPageData(r, found, res.ok() ? "" : ctx.message(res.status()), ctx.req.query(), MapOf(app), ctx.lang);
  return app.Page(ctx, "directory/search", d, ctx.t("directory.title"), res.ok() ? 200 : 400);
}

Reply FacilityPage(App& app, DirectoryService& service, Ctx& ctx) {
  auto page = service.PageFor(ctx.viewer(), ctx.req.param("id"));
  if (!page.ok()) return page.status();
  return app.Page(ctx, "directory/facility", views::FacilityPageData(*page, MapOf(app), ctx.req.query(), ctx.lang),
                  page->detail.record.name);
}

// The public pages and the API: anyone reads; the service decides who sees what and who may edit.
constexpr app::ServiceRoute<DirectoryService> kRoutes[] = {
    {"GET", "/api/v1/facilities", Access::kPublic, ApiSearch},    {"GET", "/api/v1/facilities/{id}", Access::kPublic, ApiGet},
    {"PATCH", "/api/v1/facilities/{id}", Access::kFull, ApiEdit}, {"GET", "/facilities.geojson", Access::kPublic, GeoJson},
    {"GET", "/facilities", Access::kPublic, SearchPage},          {"GET", "/facilities/{id}", Access::kPublic, FacilityPage},
};

}  // namespace

void RegisterRoutes(App& app) { app::AddRoutes(app, std::make_shared<DirectoryService>(app.db()), kRoutes); }

}  // namespace renkei::directory
