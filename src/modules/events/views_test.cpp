// The event views as pure functions: cards, the door's list, the staff form and the API's JSON.
#include "modules/events/views.hpp"

#include <gtest/gtest.h>

namespace renkei::events::views {
namespace {

EventRow ARow() {
  EventRow r;
  r.event.id = "e1";
  r.event.title = "多職種連携研修会";
  r.event.starts_at = "2024-05-23T05:00:00Z";  // 14:00 in Tokyo
  r.event.ends_at = "2024-05-23T07:00:00Z";
  r.event.status = "open";
  r.event.capacity = 40;
  r.event.venue_id = "v1";
  r.event.venue_note = "2階 大会議室";
  r.counts.registered = 38;
  r.venue = store::Venue{"v1", "本庄市役所", "本庄市本庄3-5-3", 80};
  return r;
}

TEST(EventViews, ThePublicSeesTheAddressAndStaffTheName) {
  EXPECT_EQ(Place(ARow(), true), "本庄市役所（本庄市本庄3-5-3） 2階 大会議室");
  EXPECT_EQ(Place(ARow(), false), "本庄市役所 2階 大会議室");
  auto none = ARow();
  none.venue.reset();
  EXPECT_EQ(Place(none, true), "2階 大会議室");
}

TEST(EventViews, TheCardCountsTheSeatsLeftInTokyoTime) {
  auto d = EventCard(ARow(), "x", "ja");
  EXPECT_EQ(d.get("seats_left")->string_value(), "2");
  EXPECT_FALSE(d.get("full")->is_true());
  EXPECT_NE(d.get("when")->string_value().find("14:00〜16:00"), std::string::npos);
  auto full = ARow();
  full.counts.registered = 40;
  EXPECT_TRUE(EventCard(full, "", "ja").get("full")->is_true());
}

TEST(EventViews, TheDoorShowsTheCountsOfTheWholeList) {
  CheckinScreen s;
  s.row = ARow();
  s.q = "ほんじょう";
  s.attended = 3;
  s.expected = 10;
  Registration r;
  r.id = "r1";
  r.name = "本庄 花子";
  r.attended = true;
  s.shown = {r};
  auto d = CheckinPageData(s, http::ParseUrlEncoded("done=in"), "ja");
  EXPECT_EQ(d.get("rows")->list_value().size(), 1u);
  EXPECT_EQ(d.get("attended")->string_value(), "3");
  EXPECT_EQ(d.get("expected")->string_value(), "10");
  EXPECT_EQ(d.get("q")->string_value(), "ほんじょう");
  EXPECT_NE(d.get("notice"), nullptr);
}

TEST(EventViews, ARefusedFormGoesBackWithItsProblemsAndAnEmptyLecturerRow) {
  EventFormScreen f;
  f.input.title = "研修";
  f.input.lecturers = {{"講師 一郎", "本庄総合病院"}};
  f.errors = {{"starts_at", "@events.error.bad_date"}};
  auto d = FormPageData(f, "ja");
  EXPECT_EQ(d.get("action")->string_value(), "/admin/events");
  EXPECT_TRUE(d.get("has_errors")->is_true());
  EXPECT_EQ(d.get("lecturers")->list_value().size(), 3u);  // room for more
  f.id = "e1";
  EXPECT_EQ(FormPageData(f, "ja").get("action")->string_value(), "/admin/events/e1");
  EXPECT_EQ(FormPageData(f, "ja").get("heading")->string_value(), "研修");
}

TEST(EventViews, AStaffPageShowsOnlyNoticesItKnows) {
  StaffEventScreen s;
  s.row = ARow();
  s.form.id = "e1";
  auto d = StaffEventData(s, "https://renkei.example.jp/events/e1/evaluation", http::ParseUrlEncoded("notice=<img>&error=file"), "ja");
  EXPECT_EQ(d.get("notice"), nullptr);
  EXPECT_NE(d.get("file_error"), nullptr);
  EXPECT_NE(d.get("evaluation_qr")->string_value().find("<svg"), std::string::npos);
  EXPECT_TRUE(d.get("no_registrations")->is_true());
}

TEST(EventViews, TheApiSaysNullForNoVenueAndNoCapacity) {
  auto r = ARow();
  r.event.venue_id.clear();
  r.event.capacity.reset();
  auto o = EventJson(r);
  EXPECT_TRUE(o.at("venue").is_null());
  EXPECT_TRUE(o.at("capacity").is_null());
  EXPECT_EQ(o.at("starts_at").as_string(), "2024-05-23T14:00:00+09:00");
  EXPECT_EQ(YearJson({r, r}, 2024).at("items").as_array().size(), 2u);
}

}  // namespace
}  // namespace renkei::events::views
