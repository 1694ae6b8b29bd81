#pragma once
// What consultation pages and API answers show: pure functions from the service's results (screens.cpp,
// stats) to page data for the templates in views/ and to JSON. No request, no database: unit-testable.
#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "modules/consultations/import_desk.hpp"
#include "modules/consultations/service.hpp"
#include "platform/http/parse.hpp"
#include "platform/web/views.hpp"

namespace renkei::consultations::views {

// ---- JSON (the API) ----
boost::json::object CaseJson(const Case& c);
// A case with its units, timeline and follow-ups.
boost::json::object CaseDetailJson(const CaseView& v);
boost::json::object ListJson(const ListPage& page);
// A hidden count (HideSmallCells) is null, with "hidden": true; so is its percentage.
boost::json::object StatsJson(const Stats& s);
// 400's body for a case with field problems: each field with its message in the language.
boost::json::object FieldErrorsJson(const std::vector<FieldError>& errors, const std::string& lang);

// ---- pages ----
// The case form (new or edit): choices, values and the problems named; `heading` is its title.
web::Data FormPageData(const FormScreen& s, const std::vector<FieldError>& errors, const std::string& lang);
// The list with its filters from the query `q` (status "open" unless given), paging links, notices.
web::Data ListPageData(const ListScreen& s, const http::Params& q, const std::string& lang, const std::string& today);
// The case page: the record, its timeline, follow-ups (overdue ones marked), the forms to act on it,
// and a notice or refusal named by ?notice= / ?error= (only known keys are shown). `login` is the
// viewer's, the default owner of a new follow-up.
web::Data CasePageData(const CaseScreen& s, const http::Params& q, const std::string& lang, const std::string& today,
                       const std::string& login);
// The 資料2 statistics page of a period, with the fiscal years up to `this_fy` to choose from.
web::Data StatsPageData(const Stats& s, const PercentFormat& format, const std::string& lang, int this_fy);

// Download names: consultations-fy2023, consultations-2024-04-01-2024-06-30.
std::string FileStem(const Period& p);

// ---- the import of past years' cases ----
web::Data ImportFormData(const std::string& error, const std::string& lang);
// The mapping of each field to a column, the rows with their problems and the first rows as read.
web::Data ImportPreviewData(const ImportPreview& p, const std::string& lang);
web::Data ImportDoneData(const ImportDone& d);

}  // namespace renkei::consultations::views
