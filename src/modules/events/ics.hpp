#pragma once
// iCalendar (RFC 5545) for events: one VCALENDAR with a VTIMEZONE for Asia/Tokyo, times local to it,
// lines folded at 75 octets without splitting a UTF-8 character, text escaped.
#include <string>
#include <vector>

#include "modules/events/model.hpp"

namespace renkei::events {

struct IcsEvent {
  Event event;
  std::string location;  // venue name and address
  std::string url;       // the public page
};

std::string Calendar(const std::vector<IcsEvent>& events, const std::string& name);

}  // namespace renkei::events
