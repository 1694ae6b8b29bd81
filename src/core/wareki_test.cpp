#include "core/wareki.hpp"

#include <gtest/gtest.h>

#include "core/domain.hpp"

namespace renkei::core {
namespace {

TEST(Wareki, ParsesTheSeedsShortDates) {
  EXPECT_EQ(ParseJapaneseDate("R5/6/23")->iso(), "2023-06-23");
  EXPECT_EQ(ParseJapaneseDate("R6/2/9")->iso(), "2024-02-09");
  EXPECT_EQ(ParseJapaneseDate("R5/５/23")->iso(), "2023-05-23");  // full-width digit, as in the seed
  EXPECT_EQ(ParseJapaneseDate("R05.06.23")->iso(), "2023-06-23");
  EXPECT_EQ(ParseJapaneseDate("令和5年6月23日")->iso(), "2023-06-23");
  EXPECT_EQ(ParseJapaneseDate("2023-06-23")->iso(), "2023-06-23");
}

TEST(Wareki, FormatsAsStaffWriteIt) {
  EXPECT_EQ(FormatShort({2023, 6, 23}), "R5/6/23");
  EXPECT_EQ(FormatLong({2023, 6, 23}), "令和5年6月23日");
  EXPECT_EQ(FormatLongWithWeekday({2023, 6, 23}), "令和5年6月23日（金）");
  EXPECT_EQ(FormatLongWithWeekday({2023, 11, 17}), "令和5年11月17日（金）");
  EXPECT_EQ(FormatLongWithWeekday({2023, 5, 23}), "令和5年5月23日（火）");
}

TEST(Wareki, HeiseiEndsAndReiwaBeginsAtTheBoundary) {
  EXPECT_EQ(FormatLong({2019, 4, 30}), "平成31年4月30日");
  EXPECT_EQ(FormatLong({2019, 5, 1}), "令和元年5月1日");
  EXPECT_EQ(FormatShort({2019, 5, 1}), "R1/5/1");
  EXPECT_EQ(ParseJapaneseDate("令和元年5月1日")->iso(), "2019-05-01");
  EXPECT_EQ(ParseJapaneseDate("H31/4/30")->iso(), "2019-04-30");
  EXPECT_FALSE(ParseJapaneseDate("H31/5/1"));  // 平成 had ended
  EXPECT_FALSE(ParseJapaneseDate("R1/4/30"));  // 令和 had not begun
  EXPECT_FALSE(ParseJapaneseDate("平成31年5月1日"));
}

TEST(Wareki, ShowaAndHeiseiBoundaryAndBirthDates) {
  EXPECT_EQ(FormatLong({1989, 1, 7}), "昭和64年1月7日");
  EXPECT_EQ(FormatLong({1989, 1, 8}), "平成元年1月8日");
  EXPECT_EQ(ParseJapaneseDate("S20/8/15")->iso(), "1945-08-15");
  EXPECT_EQ(ParseJapaneseDate("大正15年12月24日")->iso(), "1926-12-24");
  EXPECT_FALSE(ParseJapaneseDate("S64/1/8"));
}

TEST(Wareki, RejectsDatesThatDoNotExist) {
  EXPECT_FALSE(ParseJapaneseDate("R5/2/29"));
  EXPECT_TRUE(ParseJapaneseDate("R6/2/29"));  // 2024 is a leap year
  EXPECT_FALSE(ParseJapaneseDate("R5/13/1"));
  EXPECT_FALSE(ParseJapaneseDate("R0/1/1"));
  EXPECT_FALSE(ParseJapaneseDate("X5/1/1"));
  EXPECT_FALSE(ParseJapaneseDate("R5/6/23extra"));
  EXPECT_FALSE(ParseJapaneseDate(""));
}

TEST(FiscalYear, RunsFromAprilToMarch) {
  EXPECT_EQ(FiscalYearOf({2024, 3, 31}), 2023);
  EXPECT_EQ(FiscalYearOf({2024, 4, 1}), 2024);
  EXPECT_EQ(FiscalYearStart(2023).iso(), "2023-04-01");
  EXPECT_EQ(FiscalYearEnd(2023).iso(), "2024-03-31");
}

TEST(FiscalYear, NamesAndParsesEraYears) {
  EXPECT_EQ(FormatFiscalYear(2023), "令和5年度");
  EXPECT_EQ(FormatFiscalYear(2024), "令和6年度");
  EXPECT_EQ(FormatFiscalYear(2019), "令和元年度");
  EXPECT_EQ(FormatFiscalYear(2018), "平成30年度");
  EXPECT_EQ(FormatFiscalYear(1989), "平成元年度");
  EXPECT_EQ(FormatFiscalYear(1988), "昭和63年度");
  EXPECT_EQ(ParseFiscalYear("令和5年度"), 2023);
  EXPECT_EQ(ParseFiscalYear("令和元年度"), 2019);
  EXPECT_EQ(ParseFiscalYear("平成31年度"), 2019);
  EXPECT_EQ(ParseFiscalYear("R6年度"), 2024);
  EXPECT_EQ(ParseFiscalYear("2023"), 2023);
  EXPECT_FALSE(ParseFiscalYear("平成32年度"));
  EXPECT_FALSE(ParseFiscalYear("令和年度"));
}

TEST(Region, TownCodesCarryTheirCheckDigit) {
  for (const auto& m : DefaultMunicipalities()) EXPECT_TRUE(IsValidLocalGovernmentCode(m.code)) << m.code;
  EXPECT_FALSE(IsValidLocalGovernmentCode("112118"));
  EXPECT_FALSE(IsValidLocalGovernmentCode("11211"));
  EXPECT_FALSE(IsValidLocalGovernmentCode("11211x"));
}

}  // namespace
}  // namespace renkei::core
