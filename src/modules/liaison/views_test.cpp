// The meetings' views as pure functions: minutes rendered safely, overdue action items, and JSON.
#include "modules/liaison/views.hpp"

#include <gtest/gtest.h>

namespace renkei::liaison::views {
namespace {

MeetingScreen AMeeting() {
  MeetingScreen s;
  s.meeting.id = "m1";
  s.meeting.kind = "council";
  s.meeting.title = "在宅医療・介護連携推進協議会";
  s.meeting.held_at = "2024-05-23T05:00:00Z";
  s.meeting.fiscal_year = 2024;
  s.meeting.online = true;
  s.meeting.minutes = "## 議事\n<script>alert(1)</script>\n- 入退院調整ルールの改訂";
  s.meeting.attendees = {{"", "児玉 一郎", "児玉医院"}, {"hub", "拠点 花子", ""}};
  s.kinds = {{"council", "協議会", 1, true}};
  s.actions = {{"a1", "m1", "ルールの周知", "hub", "2024-06-01", "open", "", "", ""},
               {"a2", "m1", "アンケート", "hub", "2099-01-01", "open", "", "", ""}};
  return s;
}

TEST(MeetingViews, MinutesAreRenderedWithoutTheirScript) {
  auto d = MeetingPageData(AMeeting(), {}, "ja", "2024-07-01");
  const auto& html = d.get("minutes_html")->string_value();
  EXPECT_NE(html.find("<h2>"), std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(d.get("kind")->string_value(), "協議会");
  EXPECT_EQ(d.get("attendee_count")->string_value(), "2");
  EXPECT_NE(d.get("when")->string_value().find("14:00"), std::string::npos);
}

TEST(MeetingViews, AnActionPastItsDueDateIsOverdue) {
  auto d = MeetingPageData(AMeeting(), http::ParseUrlEncoded("notice=action&error=nope"), "ja", "2024-07-01");
  const auto& actions = d.get("actions")->list_value();
  ASSERT_EQ(actions.size(), 2u);
  EXPECT_TRUE(actions[0].get("overdue")->is_true());
  EXPECT_FALSE(actions[1].get("overdue")->is_true());
  EXPECT_NE(d.get("notice"), nullptr);
  EXPECT_EQ(d.get("error"), nullptr);  // a key the page does not know shows nothing
}

TEST(MeetingViews, TheYearAsJsonCountsByKind) {
  Summary s;
  s.fiscal_year = 2024;
  s.meetings = 16;
  auto o = SummaryJson(s);
  EXPECT_EQ(o.at("meetings").as_int64(), 16);
  auto list = ListJson({AMeeting().meeting}, 2024);
  EXPECT_EQ(list.at("items").as_array().size(), 1u);
}

}  // namespace
}  // namespace renkei::liaison::views
