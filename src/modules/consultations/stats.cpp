#include "modules/consultations/stats.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include "core/wareki.hpp"

namespace renkei::consultations {

std::string Percent(long long count, long long total, PercentFormat f) {
  if (total <= 0) return f.decimals > 0 ? "0.0" : "0";
  long long scale = f.decimals > 0 ? 1000 : 100;  // tenths of a percent, or whole percents
  long long v = f.round ? (count * scale * 2 + total) / (2 * total) : count * scale / total;
  if (f.decimals > 0) return std::to_string(v / 10) + "." + std::to_string(v % 10);
  return std::to_string(v);
}

double PercentValue(long long count, long long total, PercentFormat f) {
  if (total <= 0) return 0;
  long long scale = f.decimals > 0 ? 1000 : 100;
  long long v = f.round ? (count * scale * 2 + total) / (2 * total) : count * scale / total;
  return f.decimals > 0 ? static_cast<double>(v) / 10.0 : static_cast<double>(v);
}

Period FiscalYearPeriod(int fy) { return {core::FiscalYearStart(fy).iso(), core::FiscalYearEnd(fy).iso(), fy}; }

Period YearBefore(const Period& p) {
  if (p.fiscal_year) return FiscalYearPeriod(p.fiscal_year - 1);
  auto back = [](const std::string& iso) {
    auto d = core::ParseIsoDate(iso);
    if (!d) return iso;
    core::Date b{d->year - 1, d->month, d->day};
    if (!b.valid()) b.day = 28;  // 29 February
    return b.iso();
  };
  return {back(p.from), back(p.to), 0};
}

bool WholeFiscalYears(const Period& p) {
  auto from = core::ParseIsoDate(p.from), to = core::ParseIsoDate(p.to);
  return from && to && from->month == 4 && from->day == 1 && to->month == 3 && to->day == 31 && to->year > from->year;
}

bool WholeMonths(const Period& p) {
  auto from = core::ParseIsoDate(p.from), to = core::ParseIsoDate(p.to);
  if (!from || !to || from->day != 1) return false;
  core::Date next{to->year, to->month, to->day + 1};
  return !next.valid();  // the day after `to` is in the next month
}

namespace {

bool Small(long long n) { return n > 0 && n < kSmallCell; }

// Hides the smallest shown non-zero count of a group whose rows add up to an exact total, when exactly
// one count is hidden: otherwise total minus the others gives it away.
void HideComplement(std::vector<StatRow>& rows, long long StatRow::*count, bool StatRow::*hidden) {
  if (std::count_if(rows.begin(), rows.end(), [&](const StatRow& r) { return r.*hidden; }) != 1) return;
  StatRow* smallest = nullptr;
  for (auto& r : rows)
    if (!(r.*hidden) && r.*count > 0 && (!smallest || r.*count < smallest->*count)) smallest = &r;
  if (smallest) smallest->*hidden = true;
}

}  // namespace

void HideSmallCells(Stats& s) {
  s.small_cells_hidden = true;
  s.total_hidden = Small(s.total);
  s.previous_total_hidden = Small(s.previous_total);
  for (auto& g : s.groups) {
    for (auto& r : g.rows) {
      r.hidden = Small(r.count);
      r.previous_hidden = Small(r.previous);
    }
    if (!g.multi) {
      if (!s.total_hidden) HideComplement(g.rows, &StatRow::count, &StatRow::hidden);
      if (!s.previous_total_hidden) HideComplement(g.rows, &StatRow::previous, &StatRow::previous_hidden);
    }
    for (auto& r : g.rows)
      if (r.hidden) r.percent.clear();
  }
}

std::string CountText(long long count, bool hidden, const std::string& lang) {
  if (hidden) return lang == "en" ? "<3" : "3未満";
  return std::to_string(count);
}

std::string ChangeText(const StatRow& r) {
  if (r.hidden || r.previous_hidden) return "—";
  long long d = r.count - r.previous;
  return (d > 0 ? "+" : "") + std::to_string(d);
}

const StatGroup* Stats::group(const std::string& key) const {
  for (const auto& g : groups)
    if (g.key == key) return &g;
  return nullptr;
}

std::string GroupTitle(const std::string& key, const std::string& lang) {
  static const std::pair<const char*, std::pair<const char*, const char*>> kTitles[] = {
      {"by_municipality", {"居住者別状況", "By resident town"}},
      {"by_requester", {"相談者の区分", "By requester"}},
      {"by_content", {"相談内容", "By content"}},
      {"by_scene", {"4つの場面", "By scene"}},
      {"by_channel", {"受付方法", "By channel"}},
      {"by_month", {"月別件数", "By month"}},
      {"by_flag", {"困難事例の要素", "Difficulties"}},
      {"by_household", {"世帯の状況", "Household"}},
      {"by_care_level", {"要介護度", "Care level"}},
      {"by_age_band", {"年齢", "Age"}},
  };
  for (const auto& [k, t] : kTitles)
    if (key == k) return lang == "en" ? t.second : t.first;
  return key;
}

std::string PeriodLabel(const Period& p, const std::string& lang) {
  if (p.fiscal_year) return lang == "en" ? "FY" + std::to_string(p.fiscal_year) : core::FormatFiscalYear(p.fiscal_year);
  return p.from + (lang == "en" ? " to " : "〜") + p.to;
}

namespace {

using Extract = std::function<std::vector<std::string>(const Case&)>;

StatGroup Count(const std::string& key, bool multi, const std::vector<std::pair<std::string, std::string>>& rows, const Extract& codes_of,
                const std::vector<Case>& cases, const std::vector<Case>& previous, PercentFormat f) {
  StatGroup g{key, multi, {}};
  std::map<std::string, long long> now, before;
  for (const auto& c : cases)
    for (const auto& code : codes_of(c)) now[code]++;
  for (const auto& c : previous)
    for (const auto& code : codes_of(c)) before[code]++;
  for (const auto& [code, label] : rows) {
    StatRow r{code, label, now[code], before[code], {}, 0};
    r.percent = Percent(r.count, static_cast<long long>(cases.size()), f);
    r.percent_value = PercentValue(r.count, static_cast<long long>(cases.size()), f);
    g.rows.push_back(std::move(r));
  }
  return g;
}

std::vector<std::pair<std::string, std::string>> RowsOf(const CodeList& list, const std::string& lang) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& c : list.codes) out.emplace_back(c.code, lang == "en" ? c.en : c.ja);
  return out;
}

}  // namespace

Stats ComputeStats(const std::vector<Case>& cases, const std::vector<Case>& previous, const Period& period, const Period& previous_period,
                   PercentFormat format, const std::string& lang) {
  Stats s;
  s.period = period;
  s.previous_period = previous_period;
  s.total = static_cast<long long>(cases.size());
  s.previous_total = static_cast<long long>(previous.size());
  s.format = format;
  auto one = [](std::string Case::*field) {
    return Extract([field](const Case& c) { return std::vector<std::string>{c.*field}; });
  };
  auto many = [](std::vector<std::string> Case::*field) {
    return Extract([field](const Case& c) { return c.*field; });
  };
  s.groups.push_back(
      Count("by_municipality", false, RowsOf(ResidentTowns(), lang), one(&Case::resident_municipality), cases, previous, format));
  s.groups.push_back(Count("by_requester", false, RowsOf(Requesters(), lang), one(&Case::requester_category), cases, previous, format));
  s.groups.push_back(Count("by_content", true, RowsOf(Contents(), lang), many(&Case::content_categories), cases, previous, format));
  s.groups.push_back(Count("by_scene", true, RowsOf(Scenes(), lang), many(&Case::scenes), cases, previous, format));
  s.groups.push_back(Count("by_channel", false, RowsOf(Channels(), lang), one(&Case::channel), cases, previous, format));
  // Months of the period in order; a case counts in the month it was received. The comparison period
  // is a year earlier, so the same month number lines up.
  std::vector<std::pair<std::string, std::string>> months;
  if (auto from = core::ParseIsoDate(period.from), to = core::ParseIsoDate(period.to); from && to) {
    int y = from->year, m = from->month;
    for (int n = 0; n < 120 && (y < to->year || (y == to->year && m <= to->month)); ++n) {
      char code[8];
      std::snprintf(code, sizeof code, "%04d-%02d", y, m);
      months.emplace_back(code, lang == "en" ? std::string(code) : std::to_string(y) + "年" + std::to_string(m) + "月");
      if (++m > 12) m = 1, ++y;
    }
  }
  auto month_of = Extract([](const Case& c) { return std::vector<std::string>{c.received_date.substr(0, 7)}; });
  auto month_a_year_later = Extract([](const Case& c) {
    int y = std::atoi(c.received_date.substr(0, 4).c_str()) + 1;
    return std::vector<std::string>{std::to_string(y) + c.received_date.substr(4, 3)};
  });
  StatGroup by_month = Count("by_month", false, months, month_of, cases, {}, format);
  StatGroup before = Count("by_month", false, months, month_a_year_later, previous, {}, format);
  for (size_t i = 0; i < by_month.rows.size(); ++i) by_month.rows[i].previous = before.rows[i].count;
  s.groups.push_back(std::move(by_month));
  s.groups.push_back(Count("by_flag", true, RowsOf(Flags(), lang), many(&Case::flags), cases, previous, format));
  s.groups.push_back(Count("by_household", false, RowsOf(Households(), lang), one(&Case::household), cases, previous, format));
  s.groups.push_back(Count("by_care_level", false, RowsOf(CareLevels(), lang), one(&Case::care_level), cases, previous, format));
  s.groups.push_back(Count("by_age_band", false, RowsOf(AgeBands(), lang), one(&Case::age_band), cases, previous, format));
  return s;
}

}  // namespace renkei::consultations
