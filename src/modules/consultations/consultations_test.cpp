#include <gtest/gtest.h>

#include "modules/consultations/import.hpp"
#include "modules/consultations/model.hpp"
#include "modules/consultations/stats.hpp"

namespace renkei::consultations {
namespace {

TEST(Percent, TruncatesLikeTheRegionsReport) {
  EXPECT_EQ(Percent(20, 31, {}), "64");  // 64.5…
  EXPECT_EQ(Percent(5, 31, {}), "16");
  EXPECT_EQ(Percent(1, 31, {}), "3");
  EXPECT_EQ(Percent(31, 31, {}), "100");
  EXPECT_EQ(Percent(0, 0, {}), "0");
  EXPECT_EQ(Percent(20, 31, {.round = true}), "65");
  EXPECT_EQ(Percent(7, 31, {.round = true}), "23");  // 22.58: the seed's 医療機関(23) is rounded
  EXPECT_EQ(Percent(7, 31, {}), "22");
  EXPECT_EQ(Percent(20, 31, {.decimals = 1}), "64.5");
  EXPECT_EQ(Percent(5, 31, {.round = true, .decimals = 1}), "16.1");
  EXPECT_EQ(Percent(1, 3, {.round = true, .decimals = 1}), "33.3");
  EXPECT_EQ(Percent(2, 3, {.round = true, .decimals = 1}), "66.7");
  EXPECT_DOUBLE_EQ(PercentValue(20, 31, {.decimals = 1}), 64.5);
}

TEST(ReceivedAt, OffsetsJapanTimeAndEras) {
  EXPECT_EQ(ParseReceivedAt("2024-03-31T23:30:00+09:00"), "2024-03-31T14:30:00.000Z");
  EXPECT_EQ(ParseReceivedAt("2024-03-31T14:30:00Z"), "2024-03-31T14:30:00.000Z");
  EXPECT_EQ(ParseReceivedAt("2024-03-31T14:30:00.250Z"), "2024-03-31T14:30:00.000Z");
  EXPECT_EQ(ParseReceivedAt("2024-03-31 10:00"), "2024-03-31T01:00:00.000Z");  // Japan time
  EXPECT_EQ(ParseReceivedAt("2024-04-01"), "2024-03-31T15:00:00.000Z");        // midnight in Japan
  EXPECT_EQ(ParseReceivedAt("R6/3/31 10:00"), "2024-03-31T01:00:00.000Z");
  EXPECT_EQ(ParseReceivedAt("令和5年6月23日"), "2023-06-22T15:00:00.000Z");
  EXPECT_EQ(ParseReceivedAt("2024-03-31T10:00:00-05:00"), "2024-03-31T15:00:00.000Z");
  for (const char* bad : {"", "2024-02-30", "2024-03-31T24:00", "2024-03-31T10:00+9", "yesterday", "2024-03-31T10:00:00+15:00",
                          "2024-03-31 10:00 extra", "H31/5/1"})
    EXPECT_FALSE(ParseReceivedAt(bad)) << bad;
}

TEST(Validate, FiscalYearFollowsJapanDate) {
  CaseInput in;
  in.channel = "phone";
  in.receiver = "hub";
  in.requester_category = "family";
  in.resident_municipality = "112119";
  in.content_categories = {"dementia"};
  Case c;
  in.received_at = "2024-03-31T23:59:00+09:00";
  EXPECT_TRUE(Validate(in, c).empty());
  EXPECT_EQ(c.fiscal_year, 2023);
  EXPECT_EQ(c.received_date, "2024-03-31");
  in.received_at = "2024-03-31T15:00:00Z";  // 2024-04-01 00:00 in Japan
  EXPECT_TRUE(Validate(in, c).empty());
  EXPECT_EQ(c.fiscal_year, 2024);
  in.flags = {"dementia", "dementia", "unknown-flag"};
  auto errors = Validate(in, c);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "flags");
}

TEST(Import, CellsAsLabelsOrCodes) {
  EXPECT_EQ(MatchCode(Requesters(), "ケアマネ"), "care_manager");
  EXPECT_EQ(MatchCode(Requesters(), "ｹｱﾏﾈｼﾞｬｰ"), "care_manager");
  EXPECT_EQ(MatchCode(Requesters(), "care_manager"), "care_manager");
  EXPECT_EQ(MatchCode(Requesters(), "包括"), "support_center");
  EXPECT_EQ(MatchCode(CareLevels(), "要介護３"), "care_3");
  EXPECT_EQ(MatchCode(ResidentTowns(), "本庄"), "112119");
  EXPECT_EQ(MatchCode(ResidentTowns(), "郡市外"), "outside");
  EXPECT_EQ(MatchCode(Channels(), "ｆａｘ"), "fax");
  EXPECT_EQ(MatchCode(ResidentTowns(), "東京都"), "");
  EXPECT_EQ(MatchCode(Requesters(), ""), "");
}

TEST(Import, GuessesColumnsAndReadsRows) {
  auto table = text::ParseCsv(
      "相談日,相談者の区分,居住地,相談内容,受付方法,備考\n"
      "R5/6/23,家族,上里町,訪問診療・訪問看護等、認知症,電話,メモ\n"
      "2023/7/1,ケアマネ,本庄市,在宅・看取り,FAX,\n"
      ",,,,,\n"
      "R5/7/2,家族,本庄市,空を飛ぶ,電話,\n");
  ASSERT_TRUE(table.ok());
  auto m = GuessMapping(table->header);
  EXPECT_EQ(m["received_at"], 0);
  EXPECT_EQ(m["requester_category"], 1);
  EXPECT_EQ(m["resident_municipality"], 2);
  EXPECT_EQ(m["content_categories"], 3);
  EXPECT_EQ(m["channel"], 4);
  EXPECT_EQ(m["summary"], 5);
  auto rows = ConvertRows(*table, m, {{"hub", "在宅医療連携拠点"}});
  ASSERT_EQ(rows.size(), 3u);  // the empty row is skipped
  EXPECT_TRUE(rows[0].errors.empty());
  EXPECT_EQ(rows[0].input.content_categories, (std::vector<std::string>{"home_medical_nursing", "dementia"}));
  EXPECT_EQ(rows[0].input.resident_municipality, "113859");
  EXPECT_TRUE(rows[1].errors.empty());
  EXPECT_EQ(rows[1].input.received_at, "2023-07-01");
  EXPECT_EQ(rows[2].line, 5u);
  ASSERT_FALSE(rows[2].errors.empty());
  EXPECT_EQ(rows[2].errors[0].field, "content_categories");
}

TEST(Stats, CasesWithSeveralContentsCountInEachRow) {
  auto make = [](const char* date, std::vector<std::string> contents, const char* town) {
    Case c;
    c.received_date = date;
    c.content_categories = std::move(contents);
    c.resident_municipality = town;
    c.requester_category = "family";
    c.channel = "phone";
    return c;
  };
  std::vector<Case> now = {make("2023-04-02", {"dementia", "system"}, "112119"), make("2024-03-31", {"dementia"}, "outside")};
  std::vector<Case> before = {make("2022-04-10", {"system"}, "112119")};
  auto s = ComputeStats(now, before, FiscalYearPeriod(2023), FiscalYearPeriod(2022), {}, "ja");
  EXPECT_EQ(s.total, 2);
  const auto* content = s.group("by_content");
  ASSERT_TRUE(content && content->multi);
  for (const auto& r : content->rows) {
    if (r.code == "dementia") {
      EXPECT_EQ(r.percent, "100");
    }
    if (r.code == "system") {
      EXPECT_EQ(r.previous, 1);
    }
  }
  const auto* months = s.group("by_month");
  ASSERT_EQ(months->rows.size(), 12u);
  EXPECT_EQ(months->rows.front().code, "2023-04");
  EXPECT_EQ(months->rows.front().count, 1);
  EXPECT_EQ(months->rows.front().previous, 1);  // April a year before
  EXPECT_EQ(months->rows.back().code, "2024-03");
  EXPECT_EQ(months->rows.back().count, 1);
  EXPECT_EQ(YearBefore({"2024-02-29", "2024-03-31", 0}).from, "2023-02-28");
}

}  // namespace
}  // namespace renkei::consultations
