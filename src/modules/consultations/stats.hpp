#pragma once
// The 資料2 statistics of consultations: counts and percentages by town, requester, content, scene,
// channel, month and difficulty, with the same period a year before beside them. Pure: the service
// loads the cases and this counts them, so both engines give the same figures.
#include <string>
#include <vector>

#include "modules/consultations/model.hpp"

namespace renkei::consultations {

// The region's own 資料2 truncates (20 of 31 is written 64%); half-up rounding and one decimal are options.
struct PercentFormat {
  bool round = false;  // false: truncate
  int decimals = 0;    // 0 or 1
};
// The percentage of count in total as text ("64", "64.5"); "0" when total is 0.
std::string Percent(long long count, long long total, PercentFormat f);
// The same as a number, for JSON.
double PercentValue(long long count, long long total, PercentFormat f);

struct StatRow {
  std::string code;
  std::string label;
  long long count = 0;
  long long previous = 0;  // the same code in the comparison period
  std::string percent;     // "" when hidden
  double percent_value = 0;
  bool hidden = false;  // count (and percent) shown as 「3未満」; see HideSmallCells
  bool previous_hidden = false;
};

struct StatGroup {
  std::string key;     // by_municipality, by_requester, …
  bool multi = false;  // a case may count in several rows: percentages are of cases and do not add to 100
  std::vector<StatRow> rows;
};

struct Period {
  std::string from;     // YYYY-MM-DD inclusive
  std::string to;       // YYYY-MM-DD inclusive
  int fiscal_year = 0;  // when the period is a whole fiscal year
};
// FY2023 → 2023-04-01..2024-03-31; a period a year earlier for comparisons.
Period FiscalYearPeriod(int fy);
Period YearBefore(const Period& p);

struct Stats {
  Period period;
  Period previous_period;
  long long total = 0;
  long long previous_total = 0;
  PercentFormat format;
  std::vector<StatGroup> groups;
  bool small_cells_hidden = false;  // HideSmallCells ran: the page says so
  bool total_hidden = false;
  bool previous_total_hidden = false;
  const StatGroup* group(const std::string& key) const;
};

// Is the period made of whole fiscal years (1 April to 31 March)? The region publishes those tables
// exact, as 資料2. Does it start on a month's first day and end on a month's last day?
bool WholeFiscalYears(const Period& p);
bool WholeMonths(const Period& p);

// As published statistics do, counts of 1 and 2 are hidden (「3未満」) so that a short period does not
// single out a person; 0 stays. In a group whose rows add up to the total, a lone hidden count could be
// worked out from the others, so the smallest other count is hidden with it. The year-before column
// and the totals follow the same rule. Percentages of hidden counts are hidden too.
inline constexpr long long kSmallCell = 3;
void HideSmallCells(Stats& s);
// What a count shows as: "12", or 「3未満」 ("<3") when hidden.
std::string CountText(long long count, bool hidden, const std::string& lang);
// The change from the year before ("+3", "-1", "0"); "—" when either count is hidden.
std::string ChangeText(const StatRow& r);

// The heading of a group as 資料2 words it (居住者別状況 …).
std::string GroupTitle(const std::string& key, const std::string& lang);
// "令和5年度" for a fiscal year, else "2023-04-01〜2023-09-30" (in English: "FY2023", "2023-04-01 to …").
std::string PeriodLabel(const Period& p, const std::string& lang);

// Counts `cases` (those received within the period) against `previous` (the comparison period's).
Stats ComputeStats(const std::vector<Case>& cases, const std::vector<Case>& previous, const Period& period, const Period& previous_period,
                   PercentFormat format, const std::string& lang);

}  // namespace renkei::consultations
