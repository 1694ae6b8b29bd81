#pragma once
// 和暦 (Japanese eras) and fiscal years (年度, April–March), as the region's staff write them:
// R5/6/23 ⇄ 2023-06-23, 令和5年6月23日, 令和元年 (the first year), 令和5年度 ⇄ FY2023.
// Eras: 大正 from 1912-07-30, 昭和 from 1926-12-25, 平成 from 1989-01-08, 令和 from 2019-05-01.
#include <optional>
#include <string>
#include <string_view>

namespace renkei::core {

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  auto operator<=>(const Date&) const = default;
  bool valid() const;
  std::string iso() const;  // "2023-06-23"
  int weekday() const;      // 0 = Sunday
};

std::optional<Date> ParseIsoDate(std::string_view s);

enum class Era { kTaisho, kShowa, kHeisei, kReiwa };

struct EraInfo {
  Era era;
  const char* name;    // 令和
  const char* letter;  // R
  Date start;
};
const EraInfo& InfoOf(Era e);

struct JapaneseYear {
  Era era;
  int year;  // 1 = 元年
};
// The era a date falls in; nothing before 大正.
std::optional<JapaneseYear> EraOf(const Date& d);

// The date `days` later (earlier when negative).
Date AddDays(const Date& d, int days);

// "R5/6/23"
std::string FormatShort(const Date& d);
// "令和5年6月23日", with 元年 for the first year
std::string FormatLong(const Date& d);
// "令和5年6月23日（金）"
std::string FormatLongWithWeekday(const Date& d);
// A date as written or stored (ISO, 和暦) shown as 「令和5年6月23日（金）」 (without the weekday when asked);
// text that is not a date comes back as it is.
std::string DateLabel(std::string_view written, bool weekday = true);
// Accepts R5/6/23, R5.6.23, R05/06/23, 令和5年6月23日, 令和元年5月1日, H31/4/30, with full-width digits
// too; also plain ISO 2023-06-23. Nothing for a date that does not exist in that era (H31/5/1).
std::optional<Date> ParseJapaneseDate(std::string_view s);

// Fiscal year (年度): April to March; FY2023 runs 2023-04-01..2024-03-31.
int FiscalYearOf(const Date& d);
Date FiscalYearStart(int fy);
Date FiscalYearEnd(int fy);
// "令和5年度"; FY2019 is 令和元年度 and FY1989 平成元年度 (the era that began in that calendar year).
std::string FormatFiscalYear(int fy);
// "令和5年度", "令和元年度", "平成31年度" (= FY2019), "R5年度", "2023年度", "2023".
std::optional<int> ParseFiscalYear(std::string_view s);

// A moment as people and integrations write it → ISO-8601 UTC ("2024-03-31T01:00:00.000Z"):
// "2024-03-31T10:00:00+09:00", "…Z", "2024-03-31 10:00" and "2024-03-31" (Japan time), and 和暦 dates with
// an optional time ("R6/3/31 10:00"). Nothing when it is not a real moment.
std::optional<std::string> ParseJapanTime(std::string_view text);

}  // namespace renkei::core
