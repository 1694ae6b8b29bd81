#pragma once
// What planning pages and API answers show: pure functions from the services' results (screens.cpp)
// to page data for the templates in views/ and to JSON.
#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "modules/planning/indicators.hpp"
#include "modules/planning/service.hpp"
#include "platform/http/parse.hpp"
#include "platform/web/views.hpp"

namespace renkei::planning::views {

// "（イ）在宅医療・介護連携の課題の抽出…" for an item's code; the code itself when it names none.
std::string ItemTitle(const std::string& code);

// ---- pages ----
web::Data YearsPageData(const std::vector<int>& years, int this_fiscal_year);
web::Data YearPageData(const YearScreen& s, const std::string& region_name, const http::Params& q, const std::string& lang);
web::Data ItemYearsPageData(const std::string& item, const std::vector<ItemYear>& years);
web::Data EditPageData(const EditScreen& s, const std::string& lang);
web::Data IndicatorsPageData(const std::vector<Indicator>& list, bool can_edit, const http::Params& q, const std::string& lang);

// ---- JSON ----
boost::json::object PlanJson(const Plan& plan, int fiscal_year);
boost::json::object IndicatorsJson(const std::vector<Indicator>& list);
boost::json::object IndicatorImportJson(const IndicatorImport& r);

}  // namespace renkei::planning::views
