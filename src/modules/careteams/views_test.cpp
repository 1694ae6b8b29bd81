// The care-team pages as pure functions: nothing of the record before consent, readings on one line and
// charted, who looked by name, and ages on a date.
#include "modules/careteams/views.hpp"

#include <gtest/gtest.h>

namespace renkei::careteams::views {
namespace {

PatientScreen Screen(bool consented) {
  PatientScreen s;
  s.patient.id = "p1";
  s.patient.name = "連携 ハナ";
  s.patient.medicines = "ワルファリン";
  s.patient.birth_date = "1938-05-12";
  s.consented = consented;
  s.today = "2026-05-11";
  s.my_user_id = "u1";
  s.members = {{.user_id = "u2",
                .login = "doc",
                .display_name = "在宅 医師",
                .profession = "doctor",
                .status = "active",
                .invited_by = "",
                .invited_at = "",
                .joined_at = "",
                .ended_at = "",
                .last_read_at = ""}};
  for (int i = 0; i < 3; ++i) {
    PostView v;
    v.post = {.id = "v" + std::to_string(i),
              .patient_id = "p1",
              .author_id = "u2",
              .author_name = "在宅 医師",
              .author_profession = "doctor",
              .kind = "vitals",
              .body = "",
              .data = "",
              .reply_to = "",
              .created_at = "2026-05-0" + std::to_string(i + 1) + "T01:00:00.000Z"};
    v.fields = {{"systolic", std::to_string(120 + i)}, {"diastolic", "70"}, {"spo2", "95"}};
    s.vitals.push_back(v);
  }
  s.posts = {s.vitals.back()};
  s.access = {{.at = "2026-05-03T01:00:00.000Z", .actor = "doc", .action = "patient.viewed", .detail = "summary"}};
  return s;
}

TEST(CareTeamViews, BeforeConsentTheRecordIsNotInThePageData) {
  auto d = PatientData(Screen(false), "", "", {}, {}, "ja");
  EXPECT_TRUE(d.get("no_consent")->is_true());
  EXPECT_EQ(d.get("medicines"), nullptr);
  EXPECT_EQ(d.get("posts"), nullptr);
  EXPECT_EQ(d.get("access"), nullptr);
  EXPECT_EQ(d.get("name")->string_value(), "連携 ハナ");
}

TEST(CareTeamViews, ReadingsOnOneLineChartedAndWhoLookedByName) {
  auto d = PatientData(Screen(true), "posted", "", {}, {}, "ja");
  EXPECT_EQ(d.get("medicines")->string_value(), "ワルファリン");
  EXPECT_EQ(d.get("age")->string_value(), "87歳");
  const auto& post = d.get("posts")->list_value().front();
  EXPECT_EQ(post.get("vitals_line")->string_value(), "122/70 mmHg・SpO2 95%");
  EXPECT_TRUE(post.get("can_confirm")->is_true());
  EXPECT_EQ(d.get("charts")->list_value().size(), 2u);  // blood pressure and SpO2; no temperature taken
  const auto& seen = d.get("access")->list_value().front();
  EXPECT_EQ(seen.get("actor")->string_value(), "在宅 医師");
  EXPECT_EQ(seen.get("detail")->string_value(), "急変時サマリー");
  EXPECT_NE(d.get("notice"), nullptr);
  EXPECT_EQ(PatientData(Screen(true), "<b>x</b>", "", {}, {}, "ja").get("notice"), nullptr);
}

TEST(CareTeamViews, AgesAreWholeYearsOnTheDay) {
  EXPECT_EQ(AgeOn("1938-05-12", "2026-05-11"), 87);
  EXPECT_EQ(AgeOn("1938-05-12", "2026-05-12"), 88);
  EXPECT_EQ(AgeOn("1940-02-29", "2026-02-28"), 85);
  EXPECT_EQ(AgeOn("", "2026-05-12"), -1);
  EXPECT_EQ(AgeOn("2030-01-01", "2026-05-12"), -1);
}

TEST(CareTeamViews, TheJsonHoldsOnlyTheNameBeforeConsent) {
  auto o = PatientJson(Screen(false));
  EXPECT_FALSE(o.contains("medicines"));
  EXPECT_FALSE(o.contains("posts"));
  EXPECT_TRUE(PatientJson(Screen(true)).contains("posts"));
}

}  // namespace
}  // namespace renkei::careteams::views
