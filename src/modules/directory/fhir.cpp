#include "modules/directory/fhir.hpp"

#include <boost/json.hpp>

#include "core/domain.hpp"
#include "modules/directory/importers.hpp"

namespace renkei::directory::fhir {
namespace {

// Local identifier systems (documented in docs/fhir.md). JP Core names one for the 10-digit 保険医療機関
//番号, which the national open data does not carry, so none of these claim it.
const char* SystemOf(const std::string& source) {
  if (source == "mhlw-kaigo") return "urn:renkei:id:kaigo-jigyosho-no";   // 介護保険事業所番号
  if (source == "mhlw-iryo") return "urn:renkei:id:mhlw-iryo-joho-net";   // 医療情報ネット ID (13 digits)
  if (source == "digital-std") return "urn:renkei:id:jichitai-standard";  // <publisher code>:<ID>
  return "urn:renkei:id:other";
}

json::array Telecom(const FacilityRecord& r) {
  json::array t;
  if (!r.phone.empty()) t.push_back(json::object{{"system", "phone"}, {"value", r.phone}, {"use", "work"}});
  if (!r.fax.empty()) t.push_back(json::object{{"system", "fax"}, {"value", r.fax}, {"use", "work"}});
  if (!r.url.empty()) t.push_back(json::object{{"system", "url"}, {"value", r.url}});
  return t;
}

json::object Address(const FacilityRecord& r) {
  json::object a{{"use", "work"}, {"country", "JP"}};
  std::string text = r.address + (r.address_extra.empty() ? "" : " " + r.address_extra);
  if (!text.empty()) a["text"] = text;
  if (auto town = core::MunicipalityName(r.municipality_code); !town.empty()) a["city"] = town;
  if (auto pref = PrefectureName(r.municipality_code); !pref.empty()) a["state"] = pref;
  if (!r.postal_code.empty()) a["postalCode"] = r.postal_code;
  return a;
}

json::object Meta(const FacilityDetail& d) { return json::object{{"lastUpdated", d.updated_at.empty() ? d.created_at : d.updated_at}}; }

}  // namespace

json::object Outcome(const char* code, const std::string& text) {
  return json::object{{"resourceType", "OperationOutcome"},
                      {"issue", json::array{json::object{{"severity", "error"}, {"code", code}, {"diagnostics", text}}}}};
}

json::object Organization(const FacilityDetail& d) {
  const auto& r = d.record;
  const auto* kind = FindKind(r.kind);
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

std::vector<json::object> ResourcesOf(const std::string& type, const FacilityDetail& d) {
  if (type == "Organization") return {Organization(d)};
  if (type == "Location") return {Location(d)};
  return Services(d);
}

json::object CapabilityStatement(const std::string& base_url) {
  json::array params{
      json::object{{"name", "name"}, {"type", "string"}, {"documentation", "名称・カナ（部分一致、かな・幅を区別しない）"}},
      json::object{{"name", "address-city"}, {"type", "string"}, {"documentation", "市町名（本庄市など）"}},
      json::object{{"name", "type"}, {"type", "token"}, {"documentation", "Renkei の種類コード（hospital, home_nursing …）"}}};
  json::array resources;
  for (const char* type : {"Organization", "Location", "HealthcareService"})
    resources.push_back(json::object{{"type", type},
                                     {"interaction", json::array{json::object{{"code", "read"}}, json::object{{"code", "search-type"}}}},
                                     {"searchParam", params}});
  return {{"resourceType", "CapabilityStatement"},
          {"status", "active"},
          {"date", "2026-11-27"},
          {"publisher", "Renkei"},
          {"kind", "instance"},
          {"software", json::object{{"name", "Renkei"}}},
          {"implementation", json::object{{"description", "在宅医療・介護資源の一覧（読み取り専用）"}, {"url", base_url}}},
          {"fhirVersion", "4.0.1"},
          {"format", json::array{"json"}},
          {"rest", json::array{json::object{{"mode", "server"}, {"resource", resources}}}}};
}

json::object SearchBundle(const BundlePage& b, const SearchResult& found) {
  json::array entries;
  for (const auto& d : found.items)
    for (auto& r : ResourcesOf(b.type, d)) {
      std::string full = b.base_url + "/" + b.type + "/" + std::string(r["id"].as_string());
      entries.push_back(json::object{{"fullUrl", full}, {"resource", r}, {"search", json::object{{"mode", "match"}}}});
    }
  auto link = [&](const char* rel, long long offset) {
    return json::object{
        {"relation", rel},
        {"url", b.base_url + "/" + b.type + "?" + b.query + (b.query.empty() ? "" : "&") + "_getpagesoffset=" + std::to_string(offset)}};
  };
  long long offset = static_cast<long long>(b.page - 1) * b.per_page;
  json::array links{link("self", offset)};
  if (offset + b.per_page < found.total) links.push_back(link("next", offset + b.per_page));
  if (offset > 0) links.push_back(link("previous", std::max(0LL, offset - b.per_page)));
  json::object bundle{{"resourceType", "Bundle"}, {"type", "searchset"}, {"link", links}, {"entry", entries}};
  if (b.type != "HealthcareService") bundle["total"] = found.total;
  if (entries.empty()) bundle.erase("entry");
  return bundle;
}

}  // namespace renkei::directory::fhir
