// The outreach views as pure functions: the activity form new and edited, the requests page, JSON.
#include "modules/outreach/views.hpp"

#include <gtest/gtest.h>

namespace renkei::outreach::views {
namespace {

TEST(OutreachViews, ANewActivityFormPostsToTheListAndAnEditToItsPage) {
  ActivityFormScreen f;
  f.input.kind = "lecture";
  f.input.reach = -1;  // typed as something that is not a number
  f.lecturers = {{"l1", "講師 一郎", "医師", "児玉医院", "ACP", "平日午後", true}};
  auto d = FormPageData(f, {}, "ja");
  EXPECT_EQ(d.get("action")->string_value(), "/admin/outreach");
  EXPECT_EQ(d.get("reach")->string_value(), "");
  EXPECT_EQ(d.get("lecturers")->list_value()[0].get("label")->string_value(), "講師 一郎（児玉医院）");
  f.id = "a1";
  auto e = FormPageData(f, http::ParseUrlEncoded("notice=file"), "ja");
  EXPECT_EQ(e.get("action")->string_value(), "/admin/outreach/a1");
  EXPECT_TRUE(e.get("edit")->is_true());
  EXPECT_NE(e.get("notice"), nullptr);
}

TEST(OutreachViews, TheRequestsPageExplainsOnlyRefusalsItKnows) {
  RequestsScreen s;
  Request r;
  r.id = "r1";
  r.group_name = "本庄市老人クラブ連合会";
  r.status = "assigned";
  r.lecturer_id = "l1";
  s.requests = {r};
  s.lecturers = {{"l1", "講師 一郎", "医師", "児玉医院", "ACP", "", true}};
  auto d = RequestsPageData(s, http::ParseUrlEncoded("error=not_assigned"), "ja", "2024-07-01");
  EXPECT_NE(d.get("error"), nullptr);
  EXPECT_EQ(d.get("rows")->list_value()[0].get("lecturer")->string_value(), "講師 一郎");
  auto crafted = RequestsPageData(s, http::ParseUrlEncoded("error=__proto__"), "ja", "2024-07-01");
  EXPECT_EQ(crafted.get("error"), nullptr);
}

TEST(OutreachViews, AnActivityAsJsonKeepsItsScenes) {
  Activity a;
  a.id = "a1";
  a.kind = "newsletter";
  a.reach = 2342;
  a.scenes = {"end_of_life"};
  auto o = ActivityJson(a);
  EXPECT_EQ(o.at("reach").as_int64(), 2342);
  EXPECT_EQ(o.at("scenes").as_array().size(), 1u);
  EXPECT_EQ(YearJson({a}, 2024).at("items").as_array().size(), 1u);
}

}  // namespace
}  // namespace renkei::outreach::views
