#include "core/wareki.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <string>

#include "platform/clock.hpp"

namespace renkei::core {
namespace {

constexpr std::array<EraInfo, 4> kEras = {{
    {Era::kTaisho, "大正", "T", {1912, 7, 30}},
    {Era::kShowa, "昭和", "S", {1926, 12, 25}},
    {Era::kHeisei, "平成", "H", {1989, 1, 8}},
    {Era::kReiwa, "令和", "R", {2019, 5, 1}},
}};

const char* kWeekdays[] = {"日", "月", "火", "水", "木", "金", "土"};

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysIn(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Replaces full-width digits and a few separators with ASCII so one parser serves both.
std::string Fold(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    // U+FF10..U+FF19 are EF BC 90..99; U+FF0F '／' is EF BC 8F; U+FF0E '．' is EF BC 8E.
    if (c == 0xEF && i + 2 < s.size() && (unsigned char)s[i + 1] == 0xBC) {
      unsigned char d = s[i + 2];
      if (d >= 0x90 && d <= 0x99) {
        out += static_cast<char>('0' + (d - 0x90));
        i += 3;
        continue;
      }
      if (d == 0x8F || d == 0x8E) {
        out += '/';
        i += 3;
        continue;
      }
    }
    if (c == '.') {
      out += '/';
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    out += static_cast<char>(c);
    ++i;
  }
  return out;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Reads an unsigned number at pos; advances pos.
std::optional<int> Number(std::string_view s, size_t& pos) {
  size_t start = pos;
  int v = 0;
  while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' && pos - start < 6) v = v * 10 + (s[pos++] - '0');
  if (pos == start) return std::nullopt;
  return v;
}

// Reads an era name or letter at pos: 令和 / R / r.
std::optional<Era> EraAt(std::string_view s, size_t& pos) {
  for (const auto& e : kEras) {
    if (StartsWith(s.substr(pos), e.name)) {
      pos += std::string_view(e.name).size();
      return e.era;
    }
    if (pos < s.size() && (s[pos] == e.letter[0] || s[pos] == e.letter[0] + 32)) {
      pos += 1;
      return e.era;
    }
  }
  return std::nullopt;
}

// The era year: a number or 元 (the first year).
std::optional<int> EraYearAt(std::string_view s, size_t& pos) {
  if (StartsWith(s.substr(pos), "元")) {
    pos += std::string_view("元").size();
    return 1;
  }
  return Number(s, pos);
}

std::string EraYearText(int y) { return y == 1 ? "元" : std::to_string(y); }

}  // namespace

bool Date::valid() const { return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= DaysIn(year, month); }

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

int Date::weekday() const {
  // Sakamoto's method.
  static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  int y = month < 3 ? year - 1 : year;
  return (y + y / 4 - y / 100 + y / 400 + t[month - 1] + day) % 7;
}

Date AddDays(const Date& d, int days) {
  using namespace std::chrono;
  sys_days s = year_month_day{year{d.year}, month{static_cast<unsigned>(d.month)}, day{static_cast<unsigned>(d.day)}};
  year_month_day r{s + std::chrono::days(days)};
  return {static_cast<int>(r.year()), static_cast<int>(static_cast<unsigned>(r.month())), static_cast<int>(static_cast<unsigned>(r.day()))};
}

std::optional<Date> ParseIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  size_t p = 0;
  auto y = Number(s, p);
  p = 5;
  auto m = Number(s, p);
  p = 8;
  auto d = Number(s, p);
  if (!y || !m || !d) return std::nullopt;
  Date out{*y, *m, *d};
  if (!out.valid()) return std::nullopt;
  return out;
}

const EraInfo& InfoOf(Era e) { return kEras[static_cast<size_t>(e)]; }

std::optional<JapaneseYear> EraOf(const Date& d) {
  for (auto it = kEras.rbegin(); it != kEras.rend(); ++it)
    if (d >= it->start) return JapaneseYear{it->era, d.year - it->start.year + 1};
  return std::nullopt;
}

std::string FormatShort(const Date& d) {
  auto e = EraOf(d);
  if (!e) return d.iso();
  return std::string(InfoOf(e->era).letter) + std::to_string(e->year) + "/" + std::to_string(d.month) + "/" + std::to_string(d.day);
}

std::string FormatLong(const Date& d) {
  auto e = EraOf(d);
  if (!e) return d.iso();
  return std::string(InfoOf(e->era).name) + EraYearText(e->year) + "年" + std::to_string(d.month) + "月" + std::to_string(d.day) + "日";
}

std::string FormatLongWithWeekday(const Date& d) { return FormatLong(d) + "（" + kWeekdays[d.weekday()] + "）"; }

std::optional<Date> ParseJapaneseDate(std::string_view raw) {
  std::string s = Fold(raw);
  if (auto iso = ParseIsoDate(s)) return iso;
  size_t p = 0;
  auto era = EraAt(s, p);
  if (!era) return std::nullopt;
  auto ey = EraYearAt(s, p);
  if (!ey || *ey < 1) return std::nullopt;
  bool kanji = StartsWith(std::string_view(s).substr(p), "年");
  if (kanji) {
    p += std::string_view("年").size();
  } else if (p < s.size() && s[p] == '/') {
    ++p;
  } else {
    return std::nullopt;
  }
  auto m = Number(s, p);
  if (!m) return std::nullopt;
  if (kanji) {
    if (!StartsWith(std::string_view(s).substr(p), "月")) return std::nullopt;
    p += std::string_view("月").size();
  } else {
    if (p >= s.size() || s[p] != '/') return std::nullopt;
    ++p;
  }
  auto d = Number(s, p);
  if (!d) return std::nullopt;
  if (kanji && StartsWith(std::string_view(s).substr(p), "日")) p += std::string_view("日").size();
  if (p != s.size()) return std::nullopt;
  const EraInfo& info = InfoOf(*era);
  Date out{info.start.year + *ey - 1, *m, *d};
  if (!out.valid() || out < info.start) return std::nullopt;
  // A date past the next era's start is written in the next era (平成31年5月1日 does not exist).
  size_t idx = static_cast<size_t>(*era);
  if (idx + 1 < kEras.size() && out >= kEras[idx + 1].start) return std::nullopt;
  return out;
}

int FiscalYearOf(const Date& d) { return d.month >= 4 ? d.year : d.year - 1; }
Date FiscalYearStart(int fy) { return {fy, 4, 1}; }
Date FiscalYearEnd(int fy) { return {fy + 1, 3, 31}; }

std::string FormatFiscalYear(int fy) {
  for (auto it = kEras.rbegin(); it != kEras.rend(); ++it)
    if (fy >= it->start.year) return std::string(it->name) + EraYearText(fy - it->start.year + 1) + "年度";
  return std::to_string(fy) + "年度";
}

std::optional<int> ParseFiscalYear(std::string_view raw) {
  std::string s = Fold(raw);
  if (s.size() >= 6 && s.compare(s.size() - 6, 6, "年度") == 0) s.resize(s.size() - 6);
  size_t p = 0;
  if (auto era = EraAt(s, p)) {
    auto ey = EraYearAt(s, p);
    if (!ey || *ey < 1 || p != s.size()) return std::nullopt;
    const EraInfo& info = InfoOf(*era);
    int fy = info.start.year + *ey - 1;
    size_t idx = static_cast<size_t>(*era);
    // 平成31年度 is FY2019 (also called 令和元年度); 平成32年度 never existed.
    if (idx + 1 < kEras.size() && fy > kEras[idx + 1].start.year) return std::nullopt;
    return fy;
  }
  auto y = Number(s, p);
  if (!y || p != s.size() || *y < 1900 || *y > 2200) return std::nullopt;
  return *y;
}

std::optional<std::string> ParseJapanTime(std::string_view text) {
  std::string s(text);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.erase(0, 1);
  if (s.empty() || s.size() > 40) return std::nullopt;
  // The date: ISO first, then 和暦 up to the first space.
  std::optional<Date> date;
  std::string rest;
  if (s.size() >= 10 && s[4] == '-' && s[7] == '-') {
    date = ParseIsoDate(s.substr(0, 10));
    rest = s.substr(10);
  } else {
    size_t sp = s.find(' ');
    date = ParseJapaneseDate(s.substr(0, sp));
    rest = sp == std::string::npos ? "" : s.substr(sp);
  }
  if (!date || !date->valid()) return std::nullopt;
  int h = 0, mi = 0, sec = 0, off_minutes = 9 * 60;  // Japan time unless an offset says otherwise
  if (!rest.empty()) {
    if (rest[0] != 'T' && rest[0] != ' ') return std::nullopt;
    rest.erase(0, 1);
    int n = 0;
    if (std::sscanf(rest.c_str(), "%2d:%2d%n", &h, &mi, &n) != 2 || n != 5) return std::nullopt;
    rest.erase(0, 5);
    if (rest.size() >= 3 && rest[0] == ':') {
      if (std::sscanf(rest.c_str(), ":%2d%n", &sec, &n) != 1 || n != 3) return std::nullopt;
      rest.erase(0, 3);
      if (!rest.empty() && rest[0] == '.') {  // fractions of a second are dropped
        size_t k = 1;
        while (k < rest.size() && rest[k] >= '0' && rest[k] <= '9') ++k;
        rest.erase(0, k);
      }
    }
    if (rest == "Z") {
      off_minutes = 0;
    } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
      int oh = 0, om = 0;
      if (std::sscanf(rest.c_str() + 1, "%2d:%2d", &oh, &om) != 2 || oh > 14 || om > 59) return std::nullopt;
      off_minutes = (oh * 60 + om) * (rest[0] == '-' ? -1 : 1);
    } else if (!rest.empty()) {
      return std::nullopt;
    }
    if (h > 23 || mi > 59 || sec > 59) return std::nullopt;
  }
  using namespace std::chrono;
  sys_days day =
      year_month_day{year{date->year}, month{static_cast<unsigned>(date->month)}, std::chrono::day{static_cast<unsigned>(date->day)}};
  auto t = time_point_cast<system_clock::duration>(day + hours(h) + minutes(mi) + seconds(sec) - minutes(off_minutes));
  return clock::ToIso(t);
}

std::string DateLabel(std::string_view written, bool weekday) {
  auto d = ParseJapaneseDate(written);
  if (!d) return std::string(written);
  return weekday ? FormatLongWithWeekday(*d) : FormatLong(*d);
}

}  // namespace renkei::core
