// The directory as HL7 FHIR R4 (read only): /fhir/metadata, and Organization (法人/事業所 as the provider),
// Location (the place, with coordinates) and HealthcareService (each service or 診療科目) by id and by
// search (name, address-city, type, _count, paging). Identifier systems: docs/fhir.md.
#include <boost/json.hpp>

#include "app/app.hpp"
#include "core/domain.hpp"
#include "modules/directory/importers.hpp"
#include "modules/directory/service.hpp"
#include "platform/http/parse.hpp"

namespace renkei::directory {

using app::Access;
using app::App;
using app::Ctx;
namespace {

namespace json = boost::json;
using directory::FacilityDetail;

// Local identifier systems (documented in docs/fhir.md). JP Core names one for the 10-digit 保険医療機関
//番号, which the national open data does not carry, so none of these claim it.
const char* SystemOf(const std::string& source) {
  if (source == "mhlw-kaigo") return "urn:renkei:id:kaigo-jigyosho-no";   // 介護保険事業所番号
  if (source == "mhlw-iryo") return "urn:renkei:id:mhlw-iryo-joho-net";   // 医療情報ネット ID (13 digits)
  if (source == "digital-std") return "urn:renkei:id:jichitai-standard";  // <publisher code>:<ID>
  return "urn:renkei:id:other";
}

std::string BaseUrl(const Ctx& ctx) {
  std::string host = ctx.req.header("host");
  if (host.empty() || host.find_first_of(" /\\\"<>") != std::string::npos) host = "localhost";
  return std::string(ctx.req.tls ? "https" : "http") + "://" + host + "/fhir";
}

json::object Outcome(const char* code, const std::string& text) {
  return json::object{{"resourceType", "OperationOutcome"},
                      {"issue", json::array{json::object{{"severity", "error"}, {"code", code}, {"diagnostics", text}}}}};
}

http::Response Fhir(const json::value& v, int status = 200) {
  auto r = http::Response::Json(json::serialize(v), status);
  r.set_header("Content-Type", "application/fhir+json; charset=utf-8");
  return r;
}

json::array Telecom(const directory::FacilityRecord& r) {
  json::array t;
  if (!r.phone.empty()) t.push_back(json::object{{"system", "phone"}, {"value", r.phone}, {"use", "work"}});
  if (!r.fax.empty()) t.push_back(json::object{{"system", "fax"}, {"value", r.fax}, {"use", "work"}});
  if (!r.url.empty()) t.push_back(json::object{{"system", "url"}, {"value", r.url}});
  return t;
}

json::object Address(const directory::FacilityRecord& r) {
  json::object a{{"use", "work"}, {"country", "JP"}};
  std::string text = r.address + (r.address_extra.empty() ? "" : " " + r.address_extra);
  if (!text.empty()) a["text"] = text;
  if (auto town = core::MunicipalityName(r.municipality_code); !town.empty()) a["city"] = town;
  if (auto pref = directory::PrefectureName(r.municipality_code); !pref.empty()) a["state"] = pref;
  if (!r.postal_code.empty()) a["postalCode"] = r.postal_code;
  return a;
}

json::object Meta(const FacilityDetail& d) { return json::object{{"lastUpdated", d.updated_at.empty() ? d.created_at : d.updated_at}}; }

json::object Organization(const FacilityDetail& d) {
  const auto& r = d.record;
  const auto* kind = directory::FindKind(r.kind);
  json::object o{{"resourceType", "Organization"}, {"id", d.id}, {"meta", Meta(d)}, {"active", true}, {"name", r.name}};
  json::array ids;
  for (const auto& [source, id] : d.official_ids) ids.push_back(json::object{{"system", SystemOf(source)}, {"value", id}});
  if (!ids.empty()) o["identifier"] = ids;
  o["type"] =
      json::array{json::object{{"coding", json::array{json::object{{"system", "http://terminology.hl7.org/CodeSystem/organization-type"},
                                                                   {"code", "prov"},
                                                                   {"display", "Healthcare Provider"}}}},
                               {"text", kind ? kind->label : r.kind}}};
  if (!r.kana.empty()) o["alias"] = json::array{json::value(r.kana)};
  if (auto t = Telecom(r); !t.empty()) o["telecom"] = t;
  o["address"] = json::array{Address(r)};
  return o;
}

json::object Location(const FacilityDetail& d) {
  const auto& r = d.record;
  json::object o{{"resourceType", "Location"},
                 {"id", d.id},
                 {"meta", Meta(d)},
                 {"status", "active"},
                 {"name", r.name},
                 {"mode", "instance"},
                 {"address", Address(r)},
                 {"managingOrganization", json::object{{"reference", "Organization/" + d.id}}}};
  if (auto t = Telecom(r); !t.empty()) o["telecom"] = t;
  if (r.latitude && r.longitude) o["position"] = json::object{{"longitude", *r.longitude}, {"latitude", *r.latitude}};
  return o;
}

// One HealthcareService per service of a facility, id "<facility id>-<n>".
std::vector<json::object> Services(const FacilityDetail& d) {
  std::vector<json::object> out;
  for (size_t i = 0; i < d.record.services.size(); ++i) {
    const auto& name = d.record.services[i];
    json::object o{{"resourceType", "HealthcareService"},
                   {"id", d.id + "-" + std::to_string(i + 1)},
                   {"meta", Meta(d)},
                   {"active", true},
                   {"providedBy", json::object{{"reference", "Organization/" + d.id}, {"display", d.record.name}}},
                   {"type", json::array{json::object{{"text", name}}}},
                   {"name", name},
                   {"location", json::array{json::object{{"reference", "Location/" + d.id}}}}};
    if (auto t = Telecom(d.record); !t.empty()) o["telecom"] = t;
    out.push_back(std::move(o));
  }
  return out;
}

directory::SearchRequest SearchOf(const http::Request& req, std::string& error) {
  const auto& q = req.query();
  directory::SearchRequest s;
  s.q = q.value("name");
  if (std::string city = q.value("address-city"); !city.empty()) {
    for (const auto& m : core::DefaultMunicipalities())
      if (city == m.name || city == m.code) s.municipality = m.code;
    if (s.municipality.empty()) s.q += (s.q.empty() ? "" : " ") + city;  // another place: match the address text
  }
  if (std::string type = q.value("type"); !type.empty()) {
    if (auto bar = type.find('|'); bar != std::string::npos) type = type.substr(bar + 1);  // system|code
    if (directory::FindKind(type)) {
      s.kind = type;
    } else {
      for (const auto& k : directory::AllKinds())
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

}  // namespace

void RegisterFhirRoutes(App& app) {
  auto service = std::make_shared<directory::DirectoryService>(app.db());

  app.Get("/fhir/metadata", Access::kPublic, [](Ctx& ctx) -> Result<http::Response> {
    auto params = [](bool services) {
      json::array p{
          json::object{{"name", "name"}, {"type", "string"}, {"documentation", "名称・カナ（部分一致、かな・幅を区別しない）"}},
          json::object{{"name", "address-city"}, {"type", "string"}, {"documentation", "市町名（本庄市など）"}},
          json::object{{"name", "type"}, {"type", "token"}, {"documentation", "Renkei の種類コード（hospital, home_nursing …）"}}};
      (void)services;
      return p;
    };
    json::array resources;
    for (const char* type : {"Organization", "Location", "HealthcareService"})
      resources.push_back(json::object{{"type", type},
                                       {"interaction", json::array{json::object{{"code", "read"}}, json::object{{"code", "search-type"}}}},
                                       {"searchParam", params(std::string(type) == "HealthcareService")}});
    json::object cs{{"resourceType", "CapabilityStatement"},
                    {"status", "active"},
                    {"date", "2026-11-27"},
                    {"publisher", "Renkei"},
                    {"kind", "instance"},
                    {"software", json::object{{"name", "Renkei"}}},
                    {"implementation", json::object{{"description", "在宅医療・介護資源の一覧（読み取り専用）"}, {"url", BaseUrl(ctx)}}},
                    {"fhirVersion", "4.0.1"},
                    {"format", json::array{"json"}},
                    {"rest", json::array{json::object{{"mode", "server"}, {"resource", resources}}}}};
    return Fhir(cs);
  });

  for (std::string type : {"Organization", "Location", "HealthcareService"}) {
    app.Get("/fhir/" + type + "/{id}", Access::kPublic, [service, type](Ctx& ctx) -> Result<http::Response> {
      std::string id = ctx.req.param("id");
      std::string facility = id;
      size_t index = 0;
      if (type == "HealthcareService") {
        auto dash = id.rfind('-');
        try {
          if (dash == std::string::npos) throw std::invalid_argument(id);
          index = std::stoul(id.substr(dash + 1));
          facility = id.substr(0, dash);
        } catch (...) {
          return Fhir(Outcome("not-found", type + "/" + id + " is not known"), 404);
        }
      }
      auto d = service->Get(facility);
      if (!d.ok()) return Fhir(Outcome("not-found", type + "/" + id + " is not known"), 404);
      if (type == "Organization") return Fhir(Organization(*d));
      if (type == "Location") return Fhir(Location(*d));
      auto services = Services(*d);
      if (index < 1 || index > services.size()) return Fhir(Outcome("not-found", type + "/" + id + " is not known"), 404);
      return Fhir(services[index - 1]);
    });

    app.Get("/fhir/" + type, Access::kPublic, [service, type](Ctx& ctx) -> Result<http::Response> {
      std::string error;
      auto s = SearchOf(ctx.req, error);
      if (!error.empty()) return Fhir(Outcome("invalid", error), 400);
      auto res = service->Search(s);
      if (!res.ok()) return Fhir(Outcome("invalid", ctx.message(res.status())), 400);
      std::string base = BaseUrl(ctx);
      json::array entries;
      for (const auto& d : (*res)->items) {
        std::vector<json::object> resources;
        if (type == "Organization")
          resources.push_back(Organization(d));
        else if (type == "Location")
          resources.push_back(Location(d));
        else
          resources = Services(d);
        for (auto& r : resources) {
          std::string full = base + "/" + type + "/" + std::string(r["id"].as_string());
          entries.push_back(json::object{{"fullUrl", full}, {"resource", r}, {"search", json::object{{"mode", "match"}}}});
        }
      }
      // Paging by facility; for HealthcareService a page holds the services of _count facilities.
      std::string query;
      for (const auto& [k, v] : ctx.req.query().items())
        if (k != "_getpagesoffset") query += (query.empty() ? "" : "&") + http::PercentEncode(k) + "=" + http::PercentEncode(v);
      auto link = [&](const char* rel, long long offset) {
        return json::object{
            {"relation", rel},
            {"url", base + "/" + type + "?" + query + (query.empty() ? "" : "&") + "_getpagesoffset=" + std::to_string(offset)}};
      };
      long long offset = static_cast<long long>(s.page - 1) * s.per_page;
      json::array links{link("self", offset)};
      if (offset + s.per_page < (*res)->total) links.push_back(link("next", offset + s.per_page));
      if (offset > 0) links.push_back(link("previous", std::max(0LL, offset - s.per_page)));
      json::object bundle{{"resourceType", "Bundle"}, {"type", "searchset"}, {"link", links}, {"entry", entries}};
      if (type != "HealthcareService") bundle["total"] = (*res)->total;
      if (entries.empty()) bundle.erase("entry");
      return Fhir(bundle);
    });
  }
}

}  // namespace renkei::directory
