// The directory as HL7 FHIR R4 (read only): /fhir/metadata, and Organization, Location and
// HealthcareService by id and by search (name, address-city, type, _count, paging), as a table of short
// handlers: each reads the request, makes one DirectoryService call and one call on fhir.hpp, which
// builds the resources.
#include <boost/json/serialize.hpp>

#include "app/app.hpp"
#include "core/domain.hpp"
#include "modules/directory/fhir.hpp"
#include "modules/directory/service.hpp"
#include "platform/http/parse.hpp"

namespace renkei::directory {

using app::Access;
using app::App;
using app::Ctx;
using app::Reply;

namespace {

namespace json = boost::json;

std::string BaseUrl(const Ctx& ctx) {
  std::string host = ctx.req.header("host");
  if (host.empty() || host.find_first_of(" /\\\"<>") != std::string::npos) host = "localhost";
  return std::string(ctx.req.tls ? "https" : "http") + "://" + host + "/fhir";
}

http::Response FhirText(std::string body, int status) {
  auto r = http::Response::Json(std::move(body), status);
  r.set_header("Content-Type", "application/fhir+json; charset=utf-8");
  return r;
}

http::Response Fhir(const json::value& v, int status = 200) { return FhirText(json::serialize(v), status); }

SearchRequest SearchOf(const http::Request& req, std::string& error) {
  const auto& q = req.query();
  SearchRequest s;
  s.q = q.value("name");
  if (std::string city = q.value("address-city"); !city.empty()) {
    for (const auto& m : core::DefaultMunicipalities())
      if (city == m.name || city == m.code) s.municipality = m.code;
    if (s.municipality.empty()) s.q += (s.q.empty() ? "" : " ") + city;  // another place: match the address text
  }
  if (std::string type = q.value("type"); !type.empty()) {
    if (auto bar = type.find('|'); bar != std::string::npos) type = type.substr(bar + 1);  // system|code
    if (FindKind(type)) {
      s.kind = type;
    } else {
      for (const auto& k : AllKinds())
        if (type == k.label) s.kind = k.code;
      if (s.kind.empty()) error = "unknown type: " + type;
    }
  }
  try {
    s.per_page = std::clamp(std::stoi(q.value("_count", "20")), 1, 100);
    s.page = std::stoi(q.value("_getpagesoffset", "0")) / s.per_page + 1;
  } catch (...) {
    error = "_count and _getpagesoffset take numbers";
  }
  return s;
}

Reply Metadata(App&, DirectoryService&, Ctx& ctx) { return Fhir(fhir::CapabilityStatement(BaseUrl(ctx))); }

// A resource by id; a HealthcareService's id is "<facility id>-<n>".
Reply Read(DirectoryService& service, Ctx& ctx, const std::string& type) {
  std::string id = ctx.req.param("id");
  auto unknown = [&] {
    return Fhir(fhir::Outcome("not-found", type + "/" + id + " is not known"), 404);
  };
  std::string facility = id;
  size_t index = 1;
  if (type == "HealthcareService") {
    auto dash = id.rfind('-');
    if (dash == std::string::npos || dash + 1 == id.size() || id.find_first_not_of("0123456789", dash + 1) != std::string::npos)
      return unknown();
    try {
      index = std::stoul(id.substr(dash + 1));
    } catch (...) {
      return unknown();
    }
    facility = id.substr(0, dash);
  }
  auto one = service.Shared(facility);
  if (!one.ok()) return unknown();
  const SearchResult& page = **one;
  // Serialised once per version of the directory; a repeated read copies the bytes.
  std::string body = page.memo.Get("fhir:" + type + ":" + std::to_string(index), [&] {
    auto resources = fhir::ResourcesOf(type, page.items.at(0));
    return index >= 1 && index <= resources.size() ? json::serialize(resources[index - 1]) : std::string();
  });
  if (body.empty()) return unknown();
  return FhirText(std::move(body), 200);
}

Reply Search(DirectoryService& service, Ctx& ctx, const std::string& type) {
  std::string error;
  auto s = SearchOf(ctx.req, error);
  if (!error.empty()) return Fhir(fhir::Outcome("invalid", error), 400);
  auto res = service.Search(s);
  if (!res.ok()) return Fhir(fhir::Outcome("invalid", ctx.message(res.status())), 400);
  // The links carry the search's own parameters, so that the Bundle depends on nothing else and is
  // serialised once per page (the page's memo, bounded).
  std::string query;
  for (const char* k : {"name", "address-city", "type", "_count"})
    if (auto v = ctx.req.query().value(k); !v.empty()) query += (query.empty() ? "" : "&") + std::string(k) + "=" + http::PercentEncode(v);
  const SearchResult& page = **res;
  std::string base = BaseUrl(ctx);
  std::string body = page.memo.Get("fhir:bundle:" + type + "|" + base + "|" + query, [&] {
    return json::serialize(fhir::SearchBundle({type, base, query, s.page, s.per_page}, page));
  });
  return FhirText(std::move(body), 200);
}

Reply ReadOrganization(App&, DirectoryService& service, Ctx& ctx) { return Read(service, ctx, "Organization"); }
Reply ReadLocation(App&, DirectoryService& service, Ctx& ctx) { return Read(service, ctx, "Location"); }
Reply ReadService(App&, DirectoryService& service, Ctx& ctx) { return Read(service, ctx, "HealthcareService"); }
Reply SearchOrganizations(App&, DirectoryService& service, Ctx& ctx) { return Search(service, ctx, "Organization"); }
Reply SearchLocations(App&, DirectoryService& service, Ctx& ctx) { return Search(service, ctx, "Location"); }
Reply SearchServices(App&, DirectoryService& service, Ctx& ctx) { return Search(service, ctx, "HealthcareService"); }

constexpr app::ServiceRoute<DirectoryService> kRoutes[] = {
    {"GET", "/fhir/metadata", Access::kPublic, Metadata},
    {"GET", "/fhir/Organization/{id}", Access::kPublic, ReadOrganization},
    {"GET", "/fhir/Organization", Access::kPublic, SearchOrganizations},
    {"GET", "/fhir/Location/{id}", Access::kPublic, ReadLocation},
    {"GET", "/fhir/Location", Access::kPublic, SearchLocations},
    {"GET", "/fhir/HealthcareService/{id}", Access::kPublic, ReadService},
    {"GET", "/fhir/HealthcareService", Access::kPublic, SearchServices},
};

}  // namespace

void RegisterFhirRoutes(App& app) { app::AddRoutes(app, std::make_shared<DirectoryService>(app.db()), kRoutes); }

}  // namespace renkei::directory
