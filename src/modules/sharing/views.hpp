#pragma once
// What the card's pages, the staff's distributions page and the API show: pure functions from the
// service's results (screens.cpp) to page data for the templates in views/ and to JSON.
#include <boost/json/object.hpp>
#include <string>

#include "modules/sharing/service.hpp"
#include "platform/http/parse.hpp"
#include "platform/web/views.hpp"

namespace renkei::sharing::views {

// The card form, filled with `values` (the form as sent, or the print page's hidden fields).
web::Data CardFormData(const CardFormScreen& s, const http::Params& values, const std::string& lang);
// The card ready to print; `values` go back as hidden fields with 「直す」, so nothing is kept here.
web::Data CardPrintData(const ContactCard& card, const http::Params& values, const std::string& region_name, const std::string& lang);
// `years` is the fiscal-year <select> (app::FiscalYearChoices).
web::Data DistributionsData(const DistributionsScreen& s, const web::Data& years, const std::string& lang);
boost::json::object DistributionsJson(const DistributionSummary& s, int fiscal_year);

}  // namespace renkei::sharing::views
