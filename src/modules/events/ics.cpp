#include "modules/events/ics.hpp"

#include "platform/clock.hpp"
#include "platform/text/utf8.hpp"

namespace renkei::events {
namespace {

std::string EscapeText(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == ';' || c == ',')
      out += '\\', out += c;
    else if (c == '\n')
      out += "\\n";
    else if (c != '\r')
      out += c;
  }
  return out;
}

// Folds a content line: at most 75 octets per physical line, continuation lines start with a space.
std::string Fold(const std::string& line) {
  std::string out;
  size_t width = 0;
  for (size_t i = 0; i < line.size();) {
    const size_t n = text::Utf8Step(line, i);
    if (width + n > 75) {
      out += "\r\n ";
      width = 1;
    }
    out.append(line, i, n);
    width += n;
    i += n;
  }
  return out + "\r\n";
}

// "2023-05-23T05:00:00.000Z" → "20230523T140000" in Japan time.
std::string Local(const std::string& iso) {
  std::string m = clock::IsoToTokyoMinute(iso);  // YYYY-MM-DD HH:MM
  if (m.size() < 16) return "19700101T000000";
  return m.substr(0, 4) + m.substr(5, 2) + m.substr(8, 2) + "T" + m.substr(11, 2) + m.substr(14, 2) + "00";
}

std::string Utc(const std::string& iso) {
  // "2023-05-23T05:00:00.000Z" → "20230523T050000Z"
  if (iso.size() < 19) return "19700101T000000Z";
  return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2) + "T" + iso.substr(11, 2) + iso.substr(14, 2) + iso.substr(17, 2) + "Z";
}

}  // namespace

std::string Calendar(const std::vector<IcsEvent>& events, const std::string& name) {
  std::string out;
  auto line = [&](const std::string& l) {
    out += Fold(l);
  };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//Renkei//Events//JA");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  line("X-WR-CALNAME:" + EscapeText(name));
  line("X-WR-TIMEZONE:Asia/Tokyo");
  line("BEGIN:VTIMEZONE");
  line("TZID:Asia/Tokyo");
  line("BEGIN:STANDARD");
  line("DTSTART:19700101T000000");
  line("TZOFFSETFROM:+0900");
  line("TZOFFSETTO:+0900");
  line("TZNAME:JST");
  line("END:STANDARD");
  line("END:VTIMEZONE");
  std::string stamp = Utc(clock::NowIso());
  for (const auto& x : events) {
    const Event& e = x.event;
    line("BEGIN:VEVENT");
    line("UID:" + e.id + "@renkei");
    line("DTSTAMP:" + stamp);
    line("LAST-MODIFIED:" + Utc(e.updated_at));
    line("DTSTART;TZID=Asia/Tokyo:" + Local(e.starts_at));
    line("DTEND;TZID=Asia/Tokyo:" + Local(e.ends_at));
    line("SUMMARY:" + EscapeText(e.title));
    if (!x.location.empty()) line("LOCATION:" + EscapeText(x.location));
    if (!e.description.empty()) line("DESCRIPTION:" + EscapeText(e.description));
    if (!x.url.empty()) line("URL:" + x.url);
    line(std::string("STATUS:") + (e.status == "cancelled" ? "CANCELLED" : "CONFIRMED"));
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return out;
}

}  // namespace renkei::events
