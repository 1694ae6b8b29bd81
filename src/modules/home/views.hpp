#pragma once
// What the home page shows: a pure function from HomeService's screen to page data.
#include <string>

#include "modules/home/service.hpp"
#include "platform/web/views.hpp"

namespace renkei::home::views {

// `today` (YYYY-MM-DD, Tokyo) marks the overdue action items.
web::Data HomeData(const HomeScreen& s, const std::string& today, const std::string& lang);

}  // namespace renkei::home::views
