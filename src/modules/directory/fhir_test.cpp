// The FHIR resources as pure functions of the directory's records.
#include "modules/directory/fhir.hpp"

#include <gtest/gtest.h>

namespace renkei::directory::fhir {
namespace {

FacilityDetail AFacility(const std::string& id) {
  FacilityDetail d;
  d.id = id;
  d.record.name = "本庄訪問看護ステーション";
  d.record.kind = "home_nursing";
  d.record.municipality_code = "112119";
  d.record.phone = "0495-22-0000";
  d.record.services = {"訪問看護", "介護予防訪問看護"};
  d.official_ids = {{"mhlw-kaigo", "1160000001"}};
  return d;
}

TEST(Fhir, EachServiceIsAHealthcareServiceOfItsOrganization) {
  auto services = Services(AFacility("f1"));
  ASSERT_EQ(services.size(), 2u);
  EXPECT_EQ(services[1].at("id").as_string(), "f1-2");
  EXPECT_EQ(services[1].at("providedBy").as_object().at("reference").as_string(), "Organization/f1");
  auto org = Organization(AFacility("f1"));
  EXPECT_EQ(org.at("identifier").as_array()[0].as_object().at("system").as_string(), "urn:renkei:id:kaigo-jigyosho-no");
  EXPECT_EQ(Location(AFacility("f1")).count("position"), 0u);  // no coordinates, no position
}

TEST(Fhir, TheBundlePagesByFacilityWithLinksBothWays) {
  SearchResult found;
  found.total = 45;
  found.items = {AFacility("a"), AFacility("b")};
  auto b = SearchBundle({"Organization", "https://renkei.example.jp/fhir", "name=%E8%A8%AA", 2, 20}, found);
  EXPECT_EQ(b.at("total").as_int64(), 45);
  EXPECT_EQ(b.at("entry").as_array().size(), 2u);
  const auto& links = b.at("link").as_array();
  ASSERT_EQ(links.size(), 3u);
  EXPECT_EQ(links[0].as_object().at("url").as_string(), "https://renkei.example.jp/fhir/Organization?name=%E8%A8%AA&_getpagesoffset=20");
  EXPECT_EQ(links[1].as_object().at("relation").as_string(), "next");
  EXPECT_EQ(links[2].as_object().at("relation").as_string(), "previous");
  auto services = SearchBundle({"HealthcareService", "https://x/fhir", "", 1, 20}, found);
  EXPECT_EQ(services.count("total"), 0u);  // a page holds the services of 20 facilities
  EXPECT_EQ(services.at("entry").as_array().size(), 4u);
  SearchResult none;
  EXPECT_EQ(SearchBundle({"Location", "https://x/fhir", "", 1, 20}, none).count("entry"), 0u);
}

}  // namespace
}  // namespace renkei::directory::fhir
