// The home page's view as a pure function: areas linked where built, 準備中 where not, overdue items.
#include "modules/home/views.hpp"

#include <gtest/gtest.h>

namespace renkei::home::views {
namespace {

TEST(HomeViews, AreasNotBuiltYetHaveNoLinkAndPastDueItemsAreOverdue) {
  HomeScreen s;
  s.user.display_name = "拠点 花子";
  s.user.roles = {"hub_coordinator"};
  s.areas = {{"home.area_consultations", "/consultations"}, {"home.area_transitions", ""}};
  s.actions = {{"a1", "m1", "周知", "hub", "2024-06-01", "open", "", "", "協議会"},
               {"a2", "m1", "調査", "hub", "", "open", "", "", "協議会"}};
  auto d = HomeData(s, "2024-07-01", "ja");
  const auto& areas = d.get("areas")->list_value();
  ASSERT_EQ(areas.size(), 2u);
  EXPECT_EQ(areas[0].get("href")->string_value(), "/consultations");
  EXPECT_EQ(areas[1].get("href"), nullptr);
  const auto& actions = d.get("actions")->list_value();
  EXPECT_TRUE(actions[0].get("overdue")->is_true());
  EXPECT_FALSE(actions[1].get("overdue")->is_true());  // no due date, never overdue
  EXPECT_EQ(d.get("show_case_access"), nullptr);       // only administrators see the grants
}

TEST(HomeViews, AdministratorsSeeWhoWasGivenCaseAccess) {
  HomeScreen s;
  s.show_case_access = true;
  security::AuditEntry e;
  e.at = "2024-06-01T00:00:00Z";
  e.actor = "admin";
  e.subject = "user:honjo";
  e.detail = "town grant 112119";
  s.case_access = {e};
  auto d = HomeData(s, "2024-07-01", "ja");
  EXPECT_EQ(d.get("case_access")->list_value()[0].get("who")->string_value(), "honjo");
  EXPECT_FALSE(d.get("no_case_access")->is_true());
}

}  // namespace
}  // namespace renkei::home::views
