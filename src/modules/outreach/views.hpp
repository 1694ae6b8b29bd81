#pragma once
// What outreach pages and API answers show: pure functions from the service's results (screens.cpp) to
// page data for the templates in views/ and to JSON.
#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "modules/outreach/service.hpp"
#include "platform/http/parse.hpp"
#include "platform/web/views.hpp"

namespace renkei::outreach::views {

// ---- public ----
web::Data AcpPageData(const std::vector<Activity>& upcoming, const std::string& lang);
web::Data RequestFormData(const RequestInput& in, const std::vector<FieldError>& errors, const std::string& lang);

// ---- staff pages ----
// `years` is the fiscal-year <select> (app::FiscalYearChoices).
web::Data ListPageData(const Summary& s, const web::Data& years, const http::Params& q, const std::string& lang);
web::Data FormPageData(const ActivityFormScreen& f, const http::Params& q, const std::string& lang);
web::Data LecturersPageData(const std::vector<Lecturer>& lecturers, const http::Params& q, const std::string& lang);
web::Data RequestsPageData(const RequestsScreen& s, const http::Params& q, const std::string& lang, const std::string& today);

// ---- JSON ----
boost::json::object ActivityJson(const Activity& a);
boost::json::object YearJson(const std::vector<Activity>& list, int fiscal_year);
boost::json::object SummaryJson(const Summary& s);

}  // namespace renkei::outreach::views
