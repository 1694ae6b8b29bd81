// The directory's views as pure functions: the facility's page, the history as people read it, the
// search links and the API's JSON.
#include "modules/directory/views.hpp"

#include <gtest/gtest.h>

namespace renkei::directory::views {
namespace {

FacilityDetail AFacility() {
  FacilityDetail d;
  d.id = "f1";
  d.record.name = "児玉訪問看護ステーション";
  d.record.kind = "home_nursing";
  d.record.municipality_code = "113654";
  d.record.phone = "0495-72-0000";
  d.record.services = {"訪問看護", "介護予防訪問看護"};
  d.attributes = {"end_of_life"};
  return d;
}

TEST(DirectoryViews, TheSearchLinksKeepTheQueryAndReplaceThePage) {
  auto q = http::ParseUrlEncoded("q=%E8%A8%AA%E5%95%8F+%E7%9C%8B%E8%AD%B7&kind=home_nursing&page=3&evil=%3Cx%3E");
  EXPECT_EQ(SearchQuery(q, 4), "?q=%E8%A8%AA%E5%95%8F%20%E7%9C%8B%E8%AD%B7&kind=home_nursing&page=4");
  EXPECT_EQ(SearchQuery(http::ParseUrlEncoded(""), 1), "?page=1");
}

TEST(DirectoryViews, AFacilityWithoutCoordinatesHasNoMapAndTheApiSaysNull) {
  DirectoryService::FacilityPage page{AFacility(), {}, {}, false};
  auto d = FacilityPageData(page, {"https://tiles/{z}/{x}/{y}.png", "tiles"}, http::ParseUrlEncoded("notice=saved"), "ja");
  EXPECT_EQ(d.get("map"), nullptr);
  EXPECT_EQ(d.get("tel")->string_value(), "0495720000");
  EXPECT_EQ(d.get("can_edit"), nullptr);
  EXPECT_NE(d.get("notice"), nullptr);
  auto o = FacilityJson(AFacility());
  EXPECT_TRUE(o.at("latitude").is_null());
  EXPECT_TRUE(o.at("last_confirmed_at").is_null());
  EXPECT_EQ(o.at("attributes").as_array().size(), 1u);
}

TEST(DirectoryViews, TheMapShowsWhereTheFacilityIs) {
  auto f = AFacility();
  f.record.latitude = 36.2358;
  f.record.longitude = 139.1903;
  auto d = FacilityPageData({f, {}, {{"内科", "午前", 0, "09:00", "12:00", "", ""}, {"内科", "午前", 1, "09:00", "12:00", "", ""}}, true},
                            {"u", "a"}, {}, "ja");
  EXPECT_TRUE(d.get("map")->is_true());
  EXPECT_EQ(d.get("lat")->string_value(), "36.2358000");
  ASSERT_EQ(d.get("hours")->list_value().size(), 1u);  // one row per department and band
  EXPECT_EQ(d.get("hours")->list_value()[0].get("times")->string_value(), "月 09:00〜12:00、火 09:00〜12:00");
  EXPECT_TRUE(d.get("can_edit")->is_true());
}

TEST(DirectoryViews, TheHistoryNamesAttributesByTheirLabels) {
  DirectoryService::HistoryScreen s{AFacility(), {{"2024-04-01T00:00:00Z", "hub", "edit", "attributes", "", "end_of_life"}}};
  auto d = HistoryData(s, "ja");
  const auto& row = d.get("changes")->list_value()[0];
  EXPECT_EQ(row.get("new")->string_value(), "看取り対応");
  EXPECT_EQ(row.get("at")->string_value(), "2024-04-01 09:00");
}

TEST(DirectoryViews, AnEditedFacilityShowsTheNationalValueBesideTheLocalOne) {
  auto f = AFacility();
  f.overrides["phone"] = {"0495-72-1111", "0495-72-0000"};
  auto o = EditedJson(f);
  EXPECT_EQ(o.at("overrides").as_object().at("phone").as_object().at("national_value").as_string(), "0495-72-0000");
  auto form = EditFormData(f, "", "ja");
  bool shown = false;
  for (const auto& x : form.get("fields")->list_value())
    if (x.get("field")->string_value() == "phone") shown = x.get("national") && x.get("national")->string_value() == "0495-72-0000";
  EXPECT_TRUE(shown);
}

}  // namespace
}  // namespace renkei::directory::views
