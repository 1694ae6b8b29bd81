// The consultation views as pure functions: what a page and an API answer show for a given result.
#include "modules/consultations/views.hpp"

#include <gtest/gtest.h>

#include "platform/http/parse.hpp"

namespace renkei::consultations::views {
namespace {

std::string Str(const web::Data& d, const char* key) {
  const auto* v = d.get(key);
  return v && v->is_string() ? v->string_value() : std::string();
}

CaseScreen ACase() {
  CaseScreen s;
  s.view.c.id = "01CASE";
  s.view.c.received_at = "2024-03-31T14:30:00.000Z";  // 23:30 in Japan
  s.view.c.received_unit = "hub";
  s.view.c.assigned_unit = "center:x";
  s.view.c.status = "in_progress";
  s.view.can_write = true;
  s.unit_labels = {{"hub", "在宅医療連携拠点"}, {"center:x", "本庄市地域包括支援センター"}};
  store::FollowupRow late;
  late.id = "f1";
  late.due_date = "2024-04-01";
  s.view.followups.push_back(late);
  return s;
}

TEST(ConsultationViews, CasePageShowsOnlyKnownNoticesAndMarksOverdueFollowUps) {
  auto d = CasePageData(ACase(), http::ParseUrlEncoded("notice=handover&error=%3Cscript%3E"), "ja", "2024-04-02", "hub");
  EXPECT_EQ(Str(d, "received"), "2024-03-31 23:30");
  EXPECT_EQ(Str(d, "assigned_unit"), "本庄市地域包括支援センター");
  EXPECT_FALSE(Str(d, "notice").empty());
  EXPECT_EQ(d.get("error"), nullptr);  // an unknown key shows nothing, and never the key itself
  const auto& followups = d.get("followups")->list_value();
  ASSERT_EQ(followups.size(), 1u);
  EXPECT_TRUE(followups[0].get("overdue")->is_true());
}

TEST(ConsultationViews, StatsJsonHidesSmallCellsAsNull) {
  Stats s;
  s.period = FiscalYearPeriod(2024);
  s.total = 12;
  s.small_cells_hidden = true;
  StatRow small{"112119", "本庄市", 2, 1, "", 0, true, true};
  s.groups.push_back({"by_municipality", false, {small}});
  auto o = StatsJson(s);
  const auto& row = o["by_municipality"].as_array()[0].as_object();
  EXPECT_TRUE(row.at("count").is_null());
  EXPECT_TRUE(row.at("percent").is_null());
  EXPECT_TRUE(row.at("hidden").as_bool());
  EXPECT_EQ(o["total"].as_int64(), 12);
}

TEST(ConsultationViews, ListPagesLinkToTheirNeighbours) {
  ListScreen s;
  s.filter.limit = 50;
  s.filter.offset = 50;
  s.page.total = 120;
  auto d = ListPageData(s, http::ParseUrlEncoded("page=2&town=112119"), "ja", "2024-04-02");
  EXPECT_EQ(Str(d, "prev"), "/consultations?town=112119&status=open&page=1");
  EXPECT_EQ(Str(d, "next"), "/consultations?town=112119&status=open&page=3");
  EXPECT_TRUE(d.get("none")->is_true());
}

TEST(ConsultationViews, FormPostsToNewOrToTheEditedCase) {
  FormScreen s;
  s.input.received_at = "2024-05-01 09:15";
  auto fresh = FormPageData(s, {}, "ja");
  EXPECT_EQ(Str(fresh, "action"), "/consultations");
  EXPECT_EQ(Str(fresh, "received_time"), "09:15");
  s.id = "01CASE";
  s.version = 3;
  auto edit = FormPageData(s, {{"summary", "@consult.error.stale"}}, "ja");
  EXPECT_EQ(Str(edit, "action"), "/consultations/01CASE/edit");
  EXPECT_EQ(Str(edit, "version"), "3");
  EXPECT_TRUE(edit.get("has_errors")->is_true());
  EXPECT_EQ(FileStem(FiscalYearPeriod(2023)), "consultations-fy2023");
}

TEST(ConsultationViews, TheImportPreviewCountsEveryRowAndShowsTheFirstTwenty) {
  ImportPreview p;
  p.token = "t";
  p.header = {"受付日", "相談者"};
  p.mapping = {{"received_at", 0}};
  for (size_t i = 0; i < 25; ++i) {
    ImportRow r;
    r.line = i + 2;
    if (i % 5 == 0) r.errors.push_back({"received_at", "@consult.error.bad_date"});
    p.rows.push_back(r);
  }
  auto d = ImportPreviewData(p, "ja");
  EXPECT_EQ(d.get("good")->string_value(), "20");
  EXPECT_EQ(d.get("bad")->string_value(), "5");
  EXPECT_EQ(d.get("problems")->list_value().size(), 5u);
  EXPECT_EQ(d.get("preview")->list_value().size(), 20u);
  EXPECT_EQ(d.get("mapped")->list_value().size(), 1u);
  EXPECT_EQ(d.get("problems")->list_value()[0].get("line")->string_value(), "2");
  ImportDone done{20, {2, 7}};
  EXPECT_EQ(ImportDoneData(done).get("skipped")->string_value(), "2, 7");
  EXPECT_EQ(ImportDoneData({3, {}}).get("skipped"), nullptr);
}

}  // namespace
}  // namespace renkei::consultations::views
