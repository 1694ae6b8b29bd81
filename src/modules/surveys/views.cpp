#include "modules/surveys/views.hpp"

#include <algorithm>
#include <cmath>

#include "core/domain.hpp"
#include "core/facility_kinds.hpp"
#include "core/wareki.hpp"
#include "platform/clock.hpp"
#include "platform/security/crypto.hpp"
#include "platform/web/charts.hpp"
#include "platform/web/forms.hpp"
#include "platform/web/i18n.hpp"

namespace renkei::surveys::views {
namespace {

using web::Data;
using web::T;

// Kinds of facility a survey usually asks, first in the list and ticked by default.
const std::vector<std::string> kUsualKinds = {"hospital", "clinic", "home_nursing", "nursing_home", "care_management"};

std::string StatusLabel(const std::string& lang, const std::string& status) { return T(lang, "surveys.status." + status); }

std::string ItemLabel(const std::string& code) {
  for (const auto& i : core::AllProgramItems())
    if (code == i.code) return std::string("（") + i.letter + "）" + i.title;
  return "";
}

std::string Number(const std::optional<double>& d) {
  if (!d) return "-";
  char buf[64];
  if (std::fabs(*d - std::round(*d)) < 1e-9)
    std::snprintf(buf, sizeof buf, "%.0f", *d);
  else
    std::snprintf(buf, sizeof buf, "%.1f", *d);
  return buf;
}

Data Questions(const Survey& s, const std::string& lang) {
  Data questions = web::List();
  int n = 0;
  for (const auto& q : s.questions) {
    Data x = web::Object();
    x.set("number", std::to_string(++n));
    x.set("text", q.text);
    x.set("kind", T(lang, std::string("surveys.kind.") + KindCode(q.kind)));
    x.set("required", q.required);
    Data opts = web::List();
    for (const auto& o : q.options) opts.push_back(Data(o));
    x.set("options", opts);
    x.set("has_options", !q.options.empty());
    questions.push_back(x);
  }
  return questions;
}

Data TargetRows(const SurveyScreen& s, const std::string& link_base, long long& answered) {
  Data rows = web::List();
  for (const auto& t : s.targets) {
    Data x = web::Object();
    x.set("tid", t.id);
    x.set("facility", t.facility_name);
    x.set("facility_id", t.facility_id);
    const auto* kind = core::FindKind(t.facility_kind);
    x.set("kind", kind ? kind->label : t.facility_kind);
    x.set("town", core::MunicipalityName(t.municipality_code));
    if (!t.responded_at.empty()) {
      answered++;
      x.set("answered_at", clock::IsoToTokyoMinute(t.responded_at));
      x.set("respondent", t.respondent);
    } else if (s.survey.status != "closed") {
      x.set("removable", true);
    }
    if (s.survey.status != "draft") x.set("link", link_base + t.token);
    rows.push_back(x);
  }
  return rows;
}

// The kinds to ask (the usual ones first) and the towns, for the form that adds facilities.
void SetTargetChoices(Data& d, const std::string& lang) {
  std::vector<web::Choice> kinds;
  for (const auto& k : kUsualKinds)
    if (const auto* info = core::FindKind(k)) kinds.push_back({info->code, info->label});
  for (const auto& k : core::AllKinds())
    if (std::find(kUsualKinds.begin(), kUsualKinds.end(), k.code) == kUsualKinds.end() && std::string(k.code) != "hub")
      kinds.push_back({k.code, k.label});
  d.set("kinds", web::Choices(kinds, std::vector<std::string>{}));
  std::vector<web::Choice> towns = {{"", T(lang, "surveys.all_towns")}};
  for (const auto& m : core::DefaultMunicipalities()) towns.push_back({m.code, m.name});
  d.set("towns", web::Choices(towns, ""));
}

Data Rates(const std::vector<std::pair<std::string, std::pair<long long, long long>>>& v) {
  Data list = web::List();
  for (const auto& [label, c] : v) {
    Data x = web::Object();
    x.set("label", label);
    x.set("asked", std::to_string(c.first));
    x.set("answered", std::to_string(c.second));
    x.set("rate", std::to_string(RoundedPercent(c.second, c.first)));
    list.push_back(x);
  }
  return list;
}

Data QuestionResultData(const QuestionResult& q) {
  Data x = web::Object();
  x.set("number", std::to_string(q.number));
  x.set("text", q.question.text);
  x.set("qanswered", std::to_string(q.answered));
  if (!q.options.empty()) {
    Data opts = web::List();
    std::vector<web::Bar> bars;
    for (const auto& o : q.options) {
      Data y = web::Object();
      y.set("label", o.label);
      y.set("count", std::to_string(o.count));
      y.set("percent", std::to_string(o.percent));
      opts.push_back(y);
      bars.push_back({o.label, o.count, std::nullopt});
    }
    x.set("options", opts);
    x.set("has_options", true);
    x.set("chart", web::BarChart(bars, "問" + std::to_string(q.number) + " " + q.question.text));
    x.set("multiple", q.question.kind == QuestionKind::kMultiple);
  } else if (q.question.kind == QuestionKind::kNumber) {
    x.set("numbers", true);
    x.set("sum", Number(q.sum));
    x.set("mean", Number(q.mean));
    x.set("min", Number(q.min));
    x.set("max", Number(q.max));
  } else {
    Data texts = web::List();
    for (const auto& [facility, text] : q.texts) {
      Data y = web::Object();
      y.set("facility", facility);
      y.set("answer", text);
      texts.push_back(y);
    }
    x.set("texts", texts);
    x.set("has_texts", !q.texts.empty());
    x.set("no_texts", q.texts.empty());
  }
  return x;
}

Data AnswerQuestion(const Question& q, int n, const Given& given, const std::map<std::string, std::string>& error_of) {
  std::vector<std::string> chosen;
  if (auto it = given.find(n); it != given.end()) chosen = it->second;
  Data x = web::Object();
  x.set("number", std::to_string(n));
  x.set("text", q.text);
  x.set("required", q.required);
  x.set("single", q.kind == QuestionKind::kSingle);
  x.set("multiple", q.kind == QuestionKind::kMultiple);
  x.set("number_input", q.kind == QuestionKind::kNumber);
  x.set("text_input", q.kind == QuestionKind::kText);
  if (auto e = error_of.find("q" + std::to_string(n)); e != error_of.end()) x.set("qerror", e->second);
  x.set("value", q.options.empty() && !chosen.empty() ? chosen.front() : "");
  Data opts = web::List();
  for (size_t k = 0; k < q.options.size(); ++k) {
    Data y = web::Object();
    y.set("code", std::to_string(k + 1));
    y.set("label", q.options[k]);
    y.set("checked", std::find(chosen.begin(), chosen.end(), std::to_string(k + 1)) != chosen.end());
    opts.push_back(y);
  }
  x.set("options", opts);
  return x;
}

}  // namespace

Given StoredAnswers(const Form& f) {
  Given given;
  for (const auto& [n, v] : f.answers) {
    if (n < 1 || static_cast<size_t>(n) > f.survey.questions.size()) continue;
    if (f.survey.questions[static_cast<size_t>(n - 1)].options.empty()) {
      given[n] = {v};
      continue;
    }
    for (size_t from = 0; from <= v.size();) {
      size_t comma = std::min(v.find(',', from), v.size());
      given[n].push_back(v.substr(from, comma - from));
      from = comma + 1;
    }
  }
  return given;
}

web::Data ListPageData(const std::vector<SurveyListRow>& list, int fiscal_year, const web::Data& years, const std::string& lang) {
  Data d = web::Object();
  d.set("years", years);
  d.set("fiscal_year", core::FormatFiscalYear(fiscal_year));
  Data rows = web::List();
  for (const auto& r : list) {
    Data x = web::Object();
    x.set("sid", r.survey.id);
    x.set("survey_title", r.survey.title);
    x.set("state", StatusLabel(lang, r.survey.status));
    x.set("open", r.survey.status == "open");
    x.set("asked", std::to_string(r.targets));
    x.set("answered", std::to_string(r.responded));
    x.set("rate", std::to_string(RoundedPercent(r.responded, r.targets)));
    if (!r.survey.deadline.empty()) x.set("due", core::DateLabel(r.survey.deadline));
    rows.push_back(x);
  }
  d.set("rows", rows);
  d.set("none", list.empty());
  return d;
}

web::Data FormPageData(const SurveyFormScreen& f, const std::string& lang, int this_fy) {
  const SurveyInput& in = f.input;
  Data d = web::Object();
  const bool edit = !f.id.empty();
  d.set("heading", T(lang, edit ? "surveys.edit_title" : "surveys.new_title"));
  d.set("action", edit ? "/surveys/" + f.id + "/edit" : std::string("/surveys/new"));
  d.set("title", in.title);
  d.set("fiscal_year", in.fiscal_year.empty() ? std::to_string(this_fy) : in.fiscal_year);
  std::vector<web::Choice> items = {{"", T(lang, "surveys.no_item")}};
  for (const auto& i : core::AllProgramItems()) items.push_back({i.code, std::string("（") + i.letter + "）" + i.title});
  d.set("items", web::Choices(items, in.item.empty() ? "a" : in.item));
  d.set("description", in.description);
  d.set("deadline", in.deadline);
  d.set("questions", in.questions_text);
  d.set("questions_fixed", f.questions_fixed);
  d.set("errors", web::FieldErrorList(lang, "surveys", f.errors));
  d.set("has_errors", !f.errors.empty());
  return d;
}

web::Data SurveyPageData(const SurveyScreen& s, const http::Params& q, const std::string& lang, const std::string& link_base) {
  const Survey& sv = s.survey;
  Data d = web::Object();
  d.set("sid", sv.id);
  d.set("survey_title", sv.title);
  d.set("fiscal_year", core::FormatFiscalYear(sv.fiscal_year));
  d.set("state", StatusLabel(lang, sv.status));
  d.set("draft", sv.status == "draft");
  d.set("open", sv.status == "open");
  d.set("closed", sv.status == "closed");
  if (!sv.item.empty()) d.set("item", ItemLabel(sv.item));
  if (!sv.deadline.empty()) d.set("due", core::DateLabel(sv.deadline));
  if (!sv.description.empty()) d.set("description", sv.description);
  d.set("questions", Questions(sv, lang));
  long long answered = 0;
  d.set("targets", TargetRows(s, link_base, answered));
  d.set("asked", std::to_string(s.targets.size()));
  d.set("answered", std::to_string(answered));
  d.set("no_targets", s.targets.empty());
  SetTargetChoices(d, lang);
  web::SetKnownMessage(d, "error", q.value("error"),
                       {"answered", "bad_date", "bad_year", "closed", "invalid", "no_kinds", "no_questions", "no_targets", "not_open",
                        "questions_fixed", "required", "too_long", "unknown_code"},
                       "surveys.error.", lang);
  if (auto added = q.value("added"); !added.empty() && added.find_first_not_of("0123456789") == std::string::npos)
    d.set("notice", added + T(lang, "surveys.added_suffix"));
  return d;
}

web::Data ResultsPageData(const Results& r, const std::string& lang) {
  Data d = web::Object();
  d.set("sid", r.survey.id);
  d.set("survey_title", r.survey.title);
  d.set("fiscal_year", core::FormatFiscalYear(r.survey.fiscal_year));
  d.set("state", StatusLabel(lang, r.survey.status));
  d.set("asked", std::to_string(r.targets));
  d.set("answered", std::to_string(r.responded));
  d.set("rate", std::to_string(r.rate));
  d.set("kinds", Rates(r.by_kind));
  d.set("towns", Rates(r.by_town));
  Data questions = web::List();
  for (const auto& q : r.questions) questions.push_back(QuestionResultData(q));
  d.set("questions", questions);
  return d;
}

web::Data InvitationsPageData(const SurveyScreen& s, const std::string& region, const std::string& link_base) {
  Data d = web::Object();
  d.set("sid", s.survey.id);
  d.set("survey_title", s.survey.title);
  d.set("region", region);
  if (!s.survey.deadline.empty()) d.set("due", core::DateLabel(s.survey.deadline));
  if (!s.survey.description.empty()) d.set("description", s.survey.description);
  Data pages = web::List();
  for (const auto& t : s.targets) {
    if (!t.responded_at.empty()) continue;
    Data x = web::Object();
    x.set("facility", t.facility_name);
    std::string link = link_base + t.token;
    x.set("link", link);
    x.set("qr", security::QrSvg(link));
    pages.push_back(x);
  }
  d.set("none", pages.list_value().empty());
  d.set("pages", pages);
  return d;
}

web::Data AnswerPageData(const Form& f, const Given& given, const std::string& respondent, const std::vector<FieldError>& errors,
                         const std::string& lang, const std::string& region) {
  Data d = web::Object();
  d.set("token", f.target.token);
  d.set("survey_title", f.survey.title);
  d.set("facility", f.target.facility_name);
  d.set("region", region);
  if (!f.survey.description.empty()) d.set("description", f.survey.description);
  if (!f.survey.deadline.empty()) d.set("due", core::DateLabel(f.survey.deadline));
  d.set("closed", f.closed);
  d.set("answered_before", !f.target.responded_at.empty());
  d.set("respondent", respondent);
  d.set("has_errors", !errors.empty());
  std::map<std::string, std::string> error_of;
  for (const auto& e : errors) error_of[e.field] = e.message;
  if (error_of.count("respondent")) d.set("respondent_error", web::Catalogue::Get().message(lang, error_of["respondent"]));
  Data questions = web::List();
  for (size_t i = 0; i < f.survey.questions.size(); ++i)
    questions.push_back(AnswerQuestion(f.survey.questions[i], static_cast<int>(i + 1), given, error_of));
  d.set("questions", questions);
  return d;
}

web::Data ThanksPageData(const Form& f) {
  Data d = web::Object();
  d.set("survey_title", f.survey.title);
  d.set("facility", f.target.facility_name);
  d.set("token", f.target.token);
  if (!f.survey.deadline.empty()) d.set("due", core::DateLabel(f.survey.deadline));
  return d;
}

boost::json::object ListJson(const std::vector<SurveyListRow>& list, int fiscal_year) {
  boost::json::array items;
  for (const auto& r : list)
    items.push_back({{"id", r.survey.id},
                     {"title", r.survey.title},
                     {"fiscal_year", r.survey.fiscal_year},
                     {"item", r.survey.item},
                     {"status", r.survey.status},
                     {"deadline", r.survey.deadline},
                     {"targets", r.targets},
                     {"responded", r.responded}});
  return {{"fiscal_year", fiscal_year}, {"items", items}};
}

boost::json::object TargetsJson(const std::vector<Target>& targets, const std::string& link_base) {
  boost::json::array items;
  for (const auto& t : targets)
    items.push_back({{"id", t.id},
                     {"facility_id", t.facility_id},
                     {"facility", t.facility_name},
                     {"kind", t.facility_kind},
                     {"municipality_code", t.municipality_code},
                     {"link", link_base + t.token},
                     {"responded_at", t.responded_at},
                     {"respondent", t.respondent}});
  return {{"items", items}};
}

boost::json::object ResultsJson(const Results& r) {
  boost::json::array questions;
  for (const auto& q : r.questions) {
    boost::json::object x{{"number", q.number}, {"text", q.question.text}, {"kind", KindCode(q.question.kind)}, {"answered", q.answered}};
    if (!q.options.empty()) {
      boost::json::array opts;
      for (const auto& o : q.options) opts.push_back({{"label", o.label}, {"count", o.count}, {"percent", o.percent}});
      x["options"] = opts;
    }
    if (q.sum) x["sum"] = *q.sum, x["mean"] = *q.mean, x["min"] = *q.min, x["max"] = *q.max;
    if (q.question.kind == QuestionKind::kText) {
      boost::json::array texts;
      for (const auto& [facility, text] : q.texts) texts.push_back({{"facility", facility}, {"answer", text}});
      x["texts"] = texts;
    }
    questions.push_back(x);
  }
  auto rates = [](const std::vector<std::pair<std::string, std::pair<long long, long long>>>& v) {
    boost::json::array a;
    for (const auto& [label, c] : v) a.push_back({{"label", label}, {"targets", c.first}, {"responded", c.second}});
    return a;
  };
  return {{"id", r.survey.id},           {"title", r.survey.title},     {"status", r.survey.status},
          {"targets", r.targets},        {"responded", r.responded},    {"rate", r.rate},
          {"by_kind", rates(r.by_kind)}, {"by_town", rates(r.by_town)}, {"questions", questions}};
}

boost::json::object ProblemsJson(const std::vector<FieldError>& errors, const std::string& lang) {
  boost::json::array list;
  for (const auto& e : errors) list.push_back({{"field", e.field}, {"message", web::Catalogue::Get().message(lang, e.message)}});
  return {{"error", "invalid"}, {"problems", list}};
}

}  // namespace renkei::surveys::views
