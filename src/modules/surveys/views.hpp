#pragma once
// What survey pages and API answers show: pure functions from the service's results (screens.cpp) to
// page data for the templates in views/ and to JSON. Links to a facility's form are `link_base` (the
// absolute URL of "/s/") followed by its token.
#include <boost/json/object.hpp>
#include <map>
#include <string>
#include <vector>

#include "modules/surveys/service.hpp"
#include "platform/http/parse.hpp"
#include "platform/web/views.hpp"

namespace renkei::surveys::views {

// Answers by question number as a form shows them: stored "1,3" → {"1", "3"}; text as it is.
using Given = std::map<int, std::vector<std::string>>;
Given StoredAnswers(const Form& f);

// ---- staff pages ----
// `years` is the fiscal-year <select> (app::FiscalYearChoices).
web::Data ListPageData(const std::vector<SurveyListRow>& list, int fiscal_year, const web::Data& years, const std::string& lang);
web::Data FormPageData(const SurveyFormScreen& f, const std::string& lang, int this_fy);
// The survey, its questions and facilities, the kinds and towns to ask; ?error= and ?added= notices.
web::Data SurveyPageData(const SurveyScreen& s, const http::Params& q, const std::string& lang, const std::string& link_base);
web::Data ResultsPageData(const Results& r, const std::string& lang);
// One page per facility that has not answered, with its link and QR code.
web::Data InvitationsPageData(const SurveyScreen& s, const std::string& region, const std::string& link_base);

// ---- the facility's form ----
web::Data AnswerPageData(const Form& f, const Given& given, const std::string& respondent, const std::vector<FieldError>& errors,
                         const std::string& lang, const std::string& region);
web::Data ThanksPageData(const Form& f);

// ---- JSON ----
boost::json::object ListJson(const std::vector<SurveyListRow>& list, int fiscal_year);
boost::json::object TargetsJson(const std::vector<Target>& targets, const std::string& link_base);
boost::json::object ResultsJson(const Results& r);
boost::json::object ProblemsJson(const std::vector<FieldError>& errors, const std::string& lang);

}  // namespace renkei::surveys::views
