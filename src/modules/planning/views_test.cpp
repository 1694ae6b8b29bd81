// The planning views as pure functions: what the year's page, the editor, the indicators and the API
// show for a result.
#include "modules/planning/views.hpp"

#include <gtest/gtest.h>

namespace renkei::planning::views {
namespace {

YearScreen AYear() {
  YearScreen s;
  s.fiscal_year = 2024;
  s.plan.state.status = "circulated";
  Entry a;
  a.fiscal_year = 2024;
  a.item = "a";
  a.results = "{{consultations.count}}件";
  a.links = {"meeting:m1", "event:gone"};
  s.plan.entries = {a};
  s.plan.resolved = {a};
  s.shown = {a};
  s.shown[0].results = "31件";
  s.link_labels["meeting:m1"] = "R6/5/23 協議会";
  s.comments = {{"c1", "a", "hub", "2024-06-01T01:00:00Z", "数字を確認"}, {"c2", "b", "hub", "2024-06-01T01:00:00Z", "別の項目"}};
  s.councils = {{"m1", "2024-05-23 協議会"}};
  s.plan.state.meeting_id = "m1";
  return s;
}

TEST(PlanningViews, TheYearShowsEachItemWithItsLinksAndOnlyItsComments) {
  auto d = YearPageData(AYear(), "本庄市児玉郡", http::ParseUrlEncoded("notice=commented"), "ja");
  const auto& row = d.get("rows")->list_value()[0];
  bool resolved = false;  // the table prints the figures resolved, not the names
  for (const auto& c : row.get("cells")->list_value()) resolved = resolved || c.string_value().find("31件") != std::string::npos;
  EXPECT_TRUE(resolved);
  const auto& links = row.get("links")->list_value();
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].get("label")->string_value(), "R6/5/23 協議会");
  EXPECT_EQ(links[0].get("href")->string_value(), "/meetings/m1");
  EXPECT_EQ(links[1].get("label")->string_value(), "event:gone");  // a record gone keeps its reference
  EXPECT_EQ(links[1].get("href")->string_value(), "/admin/events/gone");
  ASSERT_EQ(row.get("comments")->list_value().size(), 1u);
  EXPECT_EQ(row.get("comments")->list_value()[0].get("body")->string_value(), "数字を確認");
  EXPECT_TRUE(d.get("has_councils")->is_true());
  EXPECT_NE(d.get("notice"), nullptr);
}

TEST(PlanningViews, AnErrorKeyThePageDoesNotKnowShowsNothing) {
  auto d = YearPageData(AYear(), "本庄市児玉郡", http::ParseUrlEncoded("error=__proto__&notice=<script>"), "ja");
  EXPECT_EQ(d.get("error"), nullptr);
  EXPECT_EQ(d.get("notice"), nullptr);
  auto known = YearPageData(AYear(), "本庄市児玉郡", http::ParseUrlEncoded("error=unknown_figures"), "ja");
  ASSERT_NE(known.get("error"), nullptr);
  EXPECT_FALSE(known.get("error")->string_value().empty());
}

TEST(PlanningViews, TheImportNoticeTakesOnlyCounts) {
  auto d = IndicatorsPageData({}, true, http::ParseUrlEncoded("imported=12&rejected=3"), "ja");
  ASSERT_NE(d.get("notice"), nullptr);
  EXPECT_EQ(d.get("notice")->string_value().rfind("12", 0), 0u);
  EXPECT_NE(d.get("notice")->string_value().find('3'), std::string::npos);
  EXPECT_TRUE(d.get("none")->is_true());
  auto crafted = IndicatorsPageData({}, true, http::ParseUrlEncoded("imported=%3Cb%3E"), "ja");
  EXPECT_EQ(crafted.get("notice"), nullptr);
  auto no_rejects = IndicatorsPageData({}, true, http::ParseUrlEncoded("imported=5&rejected=x"), "ja");
  EXPECT_EQ(no_rejects.get("notice")->string_value().find('x'), std::string::npos);
}

TEST(PlanningViews, ThePlanAsJsonSaysNullForWhatIsNotThere) {
  auto s = AYear();
  s.plan.state.meeting_id.clear();
  auto o = PlanJson(s.plan, 2024);
  EXPECT_TRUE(o.at("approved_at").is_null());
  EXPECT_TRUE(o.at("meeting_id").is_null());
  const auto& e = o.at("entries").as_array()[0].as_object();
  EXPECT_EQ(e.at("links").as_array().size(), 2u);
  EXPECT_FALSE(e.contains("approved"));  // never approved
  EXPECT_EQ(e.at("resolved").as_object().at("item").as_string(), "a");
}

TEST(PlanningViews, TheEditorListsEveryFigureNameAndTheOnesThatDidNotResolve) {
  EditScreen s{2024, AYear().plan.entries[0], {{"meeting:m1", "R6/5/23 協議会"}}, {"no.such"}};
  auto d = EditPageData(s, "ja");
  EXPECT_FALSE(d.get("figures")->list_value().empty());
  EXPECT_EQ(d.get("figures")->list_value()[0].get("pattern")->string_value().rfind("{{", 0), 0u);
  EXPECT_TRUE(d.get("has_unknown")->is_true());
  EXPECT_TRUE(d.get("has_link_choices")->is_true());
  EXPECT_EQ(d.get("item_title")->string_value().rfind("（", 0), 0u);
}

}  // namespace
}  // namespace renkei::planning::views
