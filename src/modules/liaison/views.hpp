#pragma once
// What meeting pages and API answers show: pure functions from the service's results (screens.cpp) to
// page data for the templates in views/ and to JSON.
#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "modules/liaison/service.hpp"
#include "platform/http/parse.hpp"
#include "platform/web/views.hpp"

namespace renkei::liaison::views {

// "2024年5月23日（木） 14:00", in Japan time, from an ISO UTC time.
std::string When(const std::string& iso);
// A kind's name, or its code when the kind is gone.
std::string KindLabel(const std::vector<Kind>& kinds, const std::string& code);

// ---- pages ----
// `years` is the fiscal-year <select> (app::FiscalYearChoices).
web::Data ListPageData(const MeetingListScreen& s, const web::Data& years, const std::string& lang);
web::Data FormPageData(const MeetingFormScreen& f, const std::string& lang);
// The meeting with its minutes (Markdown, rendered safely), action items (overdue ones marked against
// `today`) and papers; ?notice= and ?error= name only known messages.
web::Data MeetingPageData(const MeetingScreen& s, const http::Params& q, const std::string& lang, const std::string& today);
web::Data KindsPageData(const std::vector<Kind>& kinds, const http::Params& q, const std::string& lang);

// ---- JSON ----
boost::json::object SummaryJson(const Summary& s);
boost::json::object ListJson(const std::vector<Meeting>& list, int fiscal_year);
boost::json::object MeetingJson(const MeetingScreen& s);

}  // namespace renkei::liaison::views
