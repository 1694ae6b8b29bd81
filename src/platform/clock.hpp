#pragma once
// Times are stored as fixed-width ISO-8601 UTC text ("2026-11-27T05:58:23.123Z"), so that text order is
// time order on both engines. Shown in Asia/Tokyo (UTC+9, no daylight saving) by the web layer.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace renkei::clock {

using TimePoint = std::chrono::system_clock::time_point;

TimePoint Now();
std::string NowIso();
std::string ToIso(TimePoint t);
std::optional<TimePoint> FromIso(const std::string& s);
int64_t ToUnix(TimePoint t);
// "2026-11-27 14:58" in Japan time, for pages.
std::string ToTokyoMinute(TimePoint t);
// The same for a stored ISO time; "" when it is empty or not a time.
std::string IsoToTokyoMinute(const std::string& iso);
// Today's date in Japan, "2026-11-27".
std::string TodayInTokyo();
// A stored ISO time as ISO-8601 in Japan time with its offset ("2024-03-31T10:00:00+09:00"); "" when not a time.
std::string IsoToTokyoOffset(const std::string& iso);

}  // namespace renkei::clock
