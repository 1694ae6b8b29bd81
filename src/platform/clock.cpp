#include "platform/clock.hpp"

#include <cstdio>
#include <ctime>

namespace renkei::clock {

TimePoint Now() { return std::chrono::system_clock::now(); }

std::string ToIso(TimePoint t) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];  // room for any int the format could print
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                tm.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}

std::string NowIso() { return ToIso(Now()); }

std::optional<TimePoint> FromIso(const std::string& s) {
  int y, mo, d, h, mi, sec, ms = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &y, &mo, &d, &h, &mi, &sec, &ms) < 6) return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  std::time_t secs = timegm(&tm);
  return std::chrono::system_clock::from_time_t(secs) + std::chrono::milliseconds(ms);
}

int64_t ToUnix(TimePoint t) { return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count(); }

std::string ToTokyoMinute(TimePoint t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t) + 9 * 3600;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];  // room for any int the format could print
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
  return buf;
}

std::string IsoToTokyoMinute(const std::string& iso) {
  auto t = FromIso(iso);
  return t ? ToTokyoMinute(*t) : std::string();
}

std::string IsoToTokyoOffset(const std::string& iso) {
  auto t = FromIso(iso);
  if (!t) return {};
  std::time_t secs = std::chrono::system_clock::to_time_t(*t) + 9 * 3600;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+09:00", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::string TodayInTokyo() { return IsoToTokyoMinute(NowIso()).substr(0, 10); }

}  // namespace renkei::clock
