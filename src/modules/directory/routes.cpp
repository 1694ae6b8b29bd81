// The public directory pages (/facilities) and the JSON API (/api/v1/facilities). Thin: parse the
// query, call DirectoryService, render.
#include <boost/json.hpp>

#include "app/app.hpp"
#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "modules/directory/service.hpp"
#include "platform/clock.hpp"
#include "platform/http/parse.hpp"
#include "platform/web/forms.hpp"

#include <map>

namespace renkei::directory {

using app::Access;
using app::App;
using app::Ctx;
namespace {

using directory::FacilityDetail;
using web::Data;

std::string KindLabel(const std::string& kind) {
  const auto* k = directory::FindKind(kind);
  return k ? k->label : kind;
}

int IntParam(const http::Params& q, const char* name, int def) {
  try {
    return std::stoi(q.value(name, std::to_string(def)));
  } catch (...) {
    return def;
  }
}

directory::SearchRequest RequestOf(const http::Request& req) {
  const auto& q = req.query();
  directory::SearchRequest r;
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

boost::json::object ToJson(const FacilityDetail& d) {
  const auto& r = d.record;
  boost::json::object o;
  o["id"] = d.id;
  o["name"] = r.name;
  o["kana"] = r.kana;
  o["municipality_code"] = r.municipality_code;
  o["municipality"] = core::MunicipalityName(r.municipality_code);
  o["kind"] = r.kind;
  o["kind_label"] = KindLabel(r.kind);
  boost::json::array services;
  for (const auto& s : r.services) services.push_back(boost::json::value(s));
  o["services"] = services;
  boost::json::array ids;
  for (const auto& [source, id] : d.official_ids) ids.push_back(boost::json::value(id));
  o["official_ids"] = ids;
  boost::json::array attrs;
  for (const auto& a : d.attributes) attrs.push_back(boost::json::value(a));
  o["attributes"] = attrs;
  o["address"] = r.address;
  o["phone"] = r.phone;
  o["fax"] = r.fax;
  o["url"] = r.url;
  o["latitude"] = r.latitude ? boost::json::value(*r.latitude) : boost::json::value(nullptr);
  o["longitude"] = r.longitude ? boost::json::value(*r.longitude) : boost::json::value(nullptr);
  o["outside_region"] = d.outside_region;
  o["sample"] = d.sample;
  o["last_confirmed_at"] = d.last_confirmed_at.empty() ? boost::json::value(nullptr) : boost::json::value(d.last_confirmed_at);
  return o;
}

std::string DateOf(const std::string& iso) {
  auto t = clock::FromIso(iso);
  if (!t) return {};
  std::string s = clock::ToTokyoMinute(*t);  // YYYY-MM-DD HH:MM
  auto d = core::ParseIsoDate(s.substr(0, 10));
  return d ? core::FormatLong(*d) : s.substr(0, 10);
}

// Mustache shows a section for an empty string too: set only what has a value.
void SetIf(Data& d, const std::string& key, const std::string& value) {
  if (!value.empty()) d.set(key, value);
}

Data Card(const FacilityDetail& d) {
  const auto& r = d.record;
  Data c = web::Object();
  c.set("id", d.id);
  c.set("name", r.name);
  SetIf(c, "kana", r.kana);
  c.set("kind", KindLabel(r.kind));
  c.set("town", core::MunicipalityName(r.municipality_code));
  c.set("address", r.address + (r.address_extra.empty() ? "" : " " + r.address_extra));
  SetIf(c, "phone", r.phone);
  std::string tel;
  for (char ch : r.phone)
    if ((ch >= '0' && ch <= '9') || ch == '+') tel += ch;
  c.set("tel", tel);
  c.set("sample", d.sample);
  Data services = web::List();
  size_t n = 0;
  for (const auto& s : r.services)
    if (n++ < 6) services.push_back(Data(s));
  c.set("services", services);
  c.set("more_services", r.services.size() > 6);
  Data attrs = web::List();
  for (const auto& a : d.attributes)
    if (const auto* info = directory::FindAttribute(a)) attrs.push_back(Data(std::string(info->label)));
  c.set("attributes", attrs);
  return c;
}

std::string Query(const http::Request& req, int page) {
  std::string out;
  for (const char* k : {"q", "municipality", "kind", "service", "attribute", "sort", "open_day", "open_time"}) {
    std::string v = req.query().value(k);
    if (!v.empty()) out += std::string(out.empty() ? "?" : "&") + k + "=" + http::PercentEncode(v);
  }
  out += std::string(out.empty() ? "?" : "&") + "page=" + std::to_string(page);
  return out;
}

}  // namespace

void RegisterRoutes(App& app) {
  auto service = std::make_shared<directory::DirectoryService>(app.db());

  app.Get("/api/v1/facilities", Access::kPublic, [service](Ctx& ctx) -> Result<http::Response> {
    auto r = RequestOf(ctx.req);
    // Staff may ask for facilities outside the region; the public sees the region's.
    r.include_outside = ctx.req.query().value("outside") == "1";
    auto res = service->SearchFor(ctx.viewer(), r);
    if (!res.ok()) return res.status();
    const directory::SearchResult& page = **res;
    // The items of a cached page are serialised once; a repeated query copies the bytes.
    std::string items = page.memo.Get("json", [&] {
      boost::json::array a;
      for (const auto& d : page.items) a.push_back(ToJson(d));
      return boost::json::serialize(a);
    });
    boost::json::object o;
    o["total"] = page.total;
    o["page"] = std::max(1, r.page);
    o["per_page"] = std::clamp(r.per_page, 1, 100);
    std::string body = boost::json::serialize(o);
    body.pop_back();  // the closing brace: the items follow
    body += ",\"items\":";
    body += items;
    body += '}';
    return http::Response::Json(std::move(body));
  });

  app.Get("/api/v1/facilities/{id}", Access::kPublic, [service](Ctx& ctx) -> Result<http::Response> {
    auto d = service->GetFor(ctx.viewer(), ctx.req.param("id"));
    if (!d.ok()) return d.status();
    return http::Response::Json(boost::json::serialize(ToJson(*d)));
  });

  // Staff edit (JSON object of field -> value); every field becomes a local override.
  app.Add("PATCH", "/api/v1/facilities/{id}", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto body = web::JsonBody(ctx.req.body, "JSON のオブジェクトを送ってください。");
    if (!body.ok()) return body.status();
    std::vector<std::pair<std::string, std::string>> fields;
    for (const auto& [k, val] : *body) {
      if (val.is_string())
        fields.emplace_back(std::string(k), std::string(val.as_string()));
      else if (val.is_number())
        fields.emplace_back(std::string(k), boost::json::serialize(val));
      else if (val.is_array()) {
        std::string joined;
        for (const auto& x : val.as_array())
          if (x.is_string()) joined += (joined.empty() ? "" : ",") + std::string(x.as_string());
        fields.emplace_back(std::string(k), joined);
      } else if (val.is_null())
        fields.emplace_back(std::string(k), "");
      else
        return Status::InvalidArgument("値は文字列・数値・配列で指定してください: " + std::string(k));
    }
    auto s = service->Edit(*ctx.principal, ctx.addr(), ctx.req.param("id"), fields);
    if (!s.ok()) return s;
    auto d = service->Get(ctx.req.param("id"), true);
    if (!d.ok()) return d.status();
    auto o = ToJson(*d);
    boost::json::object overrides;
    for (const auto& [field, vals] : d->overrides)
      overrides[field] = boost::json::object{{"value", vals.first}, {"national_value", vals.second}};
    o["overrides"] = overrides;
    return http::Response::Json(boost::json::serialize(o));
  });

  // Every match as GeoJSON for the map (at most 2000; the list pages them).
  app.Get("/facilities.geojson", Access::kPublic, [service](Ctx& ctx) -> Result<http::Response> {
    auto r = RequestOf(ctx.req);
    r.page = 1;
    r.per_page = 2000;
    auto res = service->Search(r, 2000);
    if (!res.ok()) return res.status();
    boost::json::array features;
    for (const auto& d : (*res)->items) {
      if (!d.record.latitude || !d.record.longitude) continue;
      boost::json::object props{{"id", d.id},
                                {"name", d.record.name},
                                {"kind", KindLabel(d.record.kind)},
                                {"phone", d.record.phone},
                                {"address", d.record.address},
                                {"sample", d.sample}};
      features.push_back(boost::json::object{
          {"type", "Feature"},
          {"geometry",
           boost::json::object{{"type", "Point"}, {"coordinates", boost::json::array{*d.record.longitude, *d.record.latitude}}}},
          {"properties", props}});
    }
    auto out = http::Response::Json(boost::json::serialize(boost::json::object{{"type", "FeatureCollection"}, {"features", features}}));
    out.set_header("Content-Type", "application/geo+json; charset=utf-8");
    return out;
  });

  app.Get("/facilities", Access::kPublic, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto r = RequestOf(ctx.req);
    r.per_page = std::clamp(r.per_page, 1, 50);
    auto res = service->Search(r);
    Data d = web::Object();
    d.set("q", r.q);
    if (!res.ok()) {
      d.set("error", ctx.message(res.status()));
      d.set("items", web::List());
      return app.Page(ctx, "directory/search", d, ctx.t("directory.title"), 400);
    }
    std::vector<web::Choice> towns, kinds, attrs, days;
    for (const auto& m : core::DefaultMunicipalities()) towns.push_back({m.code, m.name});
    for (const auto& k : directory::AllKinds())
      if (std::string(k.code) != "hub") kinds.push_back({k.code, k.label});
    for (const auto& a : directory::AllAttributes()) attrs.push_back({a.code, a.label});
    for (const char* code : {"mon", "tue", "wed", "thu", "fri", "sat", "sun", "hol"})
      days.push_back({code, ctx.t(std::string("weekday.") + code)});
    d.set("towns", web::Choices(towns, r.municipality));
    d.set("kinds", web::Choices(kinds, r.kind));
    d.set("attributes", web::Choices(attrs, r.attribute));
    d.set("days", web::Choices(days, r.open_day));
    d.set("open_time", r.open_time);
    const directory::SearchResult& found = **res;
    // The list of a cached page is rendered once per language; a repeated query copies the HTML.
    d.set("results", found.memo.Get("html:" + ctx.lang, [&] {
      Data items = web::List();
      for (const auto& f : found.items) items.push_back(Card(f));
      Data list = web::Object();
      list.set("items", items);
      return web::Render("directory/results", ctx.lang, list);
    }));
    d.set("total", std::to_string((*res)->total));
    d.set("none", (*res)->items.empty());
    int per = r.per_page, page = std::max(1, r.page);
    long long pages = ((*res)->total + per - 1) / per;
    d.set("page", std::to_string(page));
    d.set("pages", std::to_string(std::max<long long>(1, pages)));
    if (page > 1) d.set("prev", "/facilities" + Query(ctx.req, page - 1));
    if (page < pages) d.set("next", "/facilities" + Query(ctx.req, page + 1));
    d.set("searched", !r.q.empty() || !r.municipality.empty() || !r.kind.empty() || !r.attribute.empty());
    // The map draws every match from the same query (when JavaScript and tiles are there).
    std::string q = Query(ctx.req, 1);
    d.set("geojson", "/facilities.geojson" + q.substr(0, q.rfind("page=") - 1));
    d.set("map", !(*res)->items.empty());
    d.set("tiles", app.config().map_tile_url);
    d.set("attribution", app.config().map_attribution);
    return app.Page(ctx, "directory/search", d, ctx.t("directory.title"));
  });

  app.Get("/facilities/{id}", Access::kPublic, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto page = service->PageFor(ctx.viewer(), ctx.req.param("id"));
    if (!page.ok()) return page.status();
    const auto* f = &page->detail;
    Data d = Card(*f);
    const auto& r = f->record;
    Data services = web::List();
    for (const auto& s : page->services) {
      Data x = web::Object();
      x.set("name", s.name);
      SetIf(x, "capacity", s.capacity ? std::to_string(*s.capacity) : std::string());
      SetIf(x, "days", s.open_days);
      SetIf(x, "note", s.note);
      services.push_back(x);
    }
    d.set("service_rows", services);
    // Opening hours, one row per department and band: 月 9:00–12:00 …
    Data hours = web::List();
    std::map<std::pair<std::string, std::string>, std::vector<directory::OpeningHours>> by_dept;
    for (const auto& h : page->hours) by_dept[{h.department, h.band}].push_back(h);
    for (const auto& [key, list] : by_dept) {
      Data row = web::Object();
      row.set("department", key.first);
      std::string text;
      for (const auto& h : list)
        text += (text.empty() ? "" : "、") + std::string(directory::WeekdayLabel(h.weekday)) + " " + h.opens + "〜" + h.closes;
      row.set("times", text);
      hours.push_back(row);
    }
    d.set("hours", hours);
    d.set("has_hours", !by_dept.empty());
    SetIf(d, "fax", r.fax);
    SetIf(d, "url", r.url);
    SetIf(d, "corporate_name", r.corporate_name);
    SetIf(d, "open_days", r.open_days);
    SetIf(d, "hours_note", r.hours_note);
    SetIf(d, "beds", r.beds ? std::to_string(*r.beds) : std::string());
    d.set("outside", f->outside_region);
    d.set("confirmed", DateOf(f->last_confirmed_at.empty() ? f->updated_at : f->last_confirmed_at));
    if (r.latitude && r.longitude) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.6f/%.6f", *r.latitude, *r.longitude);
      d.set("gsi_url", std::string("https://maps.gsi.go.jp/#17/") + buf + "/");
      char lat[32], lon[32];
      std::snprintf(lat, sizeof lat, "%.7f", *r.latitude);
      std::snprintf(lon, sizeof lon, "%.7f", *r.longitude);
      d.set("lat", lat);
      d.set("lon", lon);
      d.set("map", true);
      d.set("tiles", app.config().map_tile_url);
      d.set("attribution", app.config().map_attribution);
    }
    if (page->can_edit) d.set("can_edit", true);
    if (ctx.req.query().value("notice") == "saved") d.set("notice", ctx.t("notice.facility_saved"));
    return app.Page(ctx, "directory/facility", d, r.name);
  });
}

}  // namespace renkei::directory
