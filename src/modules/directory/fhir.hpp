#pragma once
// The directory as HL7 FHIR R4 resources (read only): Organization (法人/事業所 as the provider), Location
// (the place, with coordinates) and HealthcareService (each service or 診療科目), the search Bundle and the
// CapabilityStatement. Pure functions of the directory's records; identifier systems: docs/fhir.md.
#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "modules/directory/service.hpp"

namespace renkei::directory::fhir {

namespace json = boost::json;

json::object Outcome(const char* code, const std::string& text);
json::object CapabilityStatement(const std::string& base_url);
json::object Organization(const FacilityDetail& d);
json::object Location(const FacilityDetail& d);
// One HealthcareService per service of a facility, id "<facility id>-<n>".
std::vector<json::object> Services(const FacilityDetail& d);
// The resources of one type for a page of facilities (a HealthcareService per service).
std::vector<json::object> ResourcesOf(const std::string& type, const FacilityDetail& d);

struct BundlePage {
  std::string type;      // Organization, Location, HealthcareService
  std::string base_url;  // https://host/fhir
  std::string query;     // the search's parameters but _getpagesoffset, encoded
  int page = 1, per_page = 20;
};
// A searchset Bundle with self, next and previous links; paging is by facility, so for
// HealthcareService a page holds the services of per_page facilities (and no total).
json::object SearchBundle(const BundlePage& b, const SearchResult& found);

}  // namespace renkei::directory::fhir
