#include "modules/planning/views.hpp"

#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "modules/planning/documents.hpp"
#include "platform/clock.hpp"
#include "platform/web/charts.hpp"
#include "platform/web/forms.hpp"
#include "platform/web/i18n.hpp"

namespace renkei::planning::views {
namespace {

using web::Data;
using web::T;

boost::json::value OrNull(const std::string& v) { return v.empty() ? boost::json::value(nullptr) : boost::json::value(v); }

boost::json::array Strings(const std::vector<std::string>& list) {
  boost::json::array a;
  for (const auto& s : list) a.emplace_back(s);
  return a;
}

Data Texts(const std::vector<std::string>& list) {
  Data out = web::List();
  for (const auto& s : list) out.push_back(Data(s));
  return out;
}

boost::json::object EntryJson(const Entry& e) {
  return {{"item", e.item},           {"scenes", Strings(e.scenes)}, {"results", e.results},  {"evaluation", e.evaluation},
          {"next_goal", e.next_goal}, {"next_plan", e.next_plan},    {"priority", e.priority}};
}

// One indicator's trend: a line per town (and the region) over the years.
std::string TrendChart(const Indicator& ind) {
  std::vector<web::Series> series;
  for (const auto& [area, by_year] : ind.values) {
    web::Series s{area == "region" ? "郡市全体" : core::MunicipalityName(area), {}};
    for (const auto& [year, value] : by_year) s.points.emplace_back(year, value);
    series.push_back(std::move(s));
  }
  return web::LineChart(series, ind.name);
}

// Where a linked record's page is: event:<id> → /admin/events/<id>, …
std::string LinkHref(const std::string& ref) {
  std::string kind = ref.substr(0, ref.find(':')), id = ref.substr(ref.find(':') + 1);
  return kind == "event"     ? "/admin/events/" + id
         : kind == "meeting" ? "/meetings/" + id
         : kind == "survey"  ? "/surveys/" + id
                             : "/admin/outreach/" + id;
}

Data LinkRows(const std::vector<std::string>& refs, const std::map<std::string, std::string>& labels) {
  Data links = web::List();
  for (const auto& ref : refs) {
    Data x = web::Object();
    auto it = labels.find(ref);
    x.set("label", it != labels.end() ? it->second : ref);
    x.set("href", LinkHref(ref));
    links.push_back(x);
  }
  return links;
}

Data IndicatorCharts(const std::vector<Indicator>& list) {
  Data charts = web::List();
  for (const auto& ind : list) {
    Data x = web::Object();
    x.set("name", ind.name + (ind.unit.empty() ? "" : "（" + ind.unit + "）"));
    x.set("chart", TrendChart(ind));
    charts.push_back(x);
  }
  return charts;
}

Data CommentRows(const std::vector<Comment>& comments, const std::string& item) {
  Data notes = web::List();
  for (const auto& c : comments) {
    if (c.item != item) continue;
    Data x = web::Object();
    x.set("by", c.by_login);
    x.set("at", clock::IsoToTokyoMinute(c.at));
    x.set("body", c.body);
    notes.push_back(x);
  }
  return notes;
}

// The year's table: a row per item with its cells, links, indicators and comments.
Data TableRows(const YearScreen& s) {
  static const std::vector<Indicator> kNone;
  Data rows = web::List();
  for (size_t i = 0; i < s.shown.size(); ++i) {
    const auto& e = s.shown[i];
    Data r = web::Object();
    r.set("item", e.item);
    r.set("links", LinkRows(i < s.plan.entries.size() ? s.plan.entries[i].links : std::vector<std::string>{}, s.link_labels));
    auto ind = s.indicators.find(e.item);
    r.set("indicators", IndicatorCharts(ind != s.indicators.end() ? ind->second : kNone));
    r.set("cells", Texts(Shiryo1Row(e)));
    r.set("comments", CommentRows(s.comments, e.item));
    rows.push_back(r);
  }
  return rows;
}

Data HistoryRows(const std::vector<HistoryRow>& history, const std::string& lang) {
  Data hist = web::List();
  for (const auto& row : history) {
    Data x = web::Object();
    x.set("at", clock::IsoToTokyoMinute(row.at));
    x.set("by", row.by_login);
    x.set("what", (row.item.empty() ? std::string() : ItemTitle(row.item) + " ") + T(lang, "planning.action_" + row.action));
    hist.push_back(x);
  }
  return hist;
}

}  // namespace

std::string ItemTitle(const std::string& code) {
  for (const auto& i : core::AllProgramItems())
    if (code == i.code) return std::string("（") + i.letter + "）" + i.title;
  return code;
}

// ---- pages ----

web::Data YearsPageData(const std::vector<int>& years, int this_fiscal_year) {
  Data d = web::Object();
  Data list = web::List();
  for (int fy : years) {
    Data x = web::Object();
    x.set("fy", std::to_string(fy));
    x.set("label", core::FormatFiscalYear(fy));
    list.push_back(x);
  }
  d.set("years", list);
  d.set("this_fy", std::to_string(this_fiscal_year));
  d.set("this_label", core::FormatFiscalYear(this_fiscal_year));
  return d;
}

web::Data YearPageData(const YearScreen& s, const std::string& region_name, const http::Params& q, const std::string& lang) {
  const auto& state = s.plan.state;
  Data d = web::Object();
  d.set("fy", std::to_string(s.fiscal_year));
  d.set("region", region_name);
  d.set("fiscal_year", core::FormatFiscalYear(s.fiscal_year));
  d.set("draft", s.draft);
  d.set("status", T(lang, "planning.status_" + state.status));
  d.set("revised", state.revised);
  if (!state.approved_at.empty()) d.set("approved_at", clock::IsoToTokyoMinute(state.approved_at).substr(0, 10));
  d.set("can_edit", s.can_edit);
  d.set("show_draft", s.show_draft);
  d.set("version_query", s.show_draft ? "?version=draft" : "");
  d.set("headers", Texts(Shiryo1Headers(s.fiscal_year)));
  d.set("rows", TableRows(s));
  d.set("unknown", Texts(s.plan.unknown));
  d.set("has_unknown", !s.plan.unknown.empty());
  std::vector<web::Choice> councils;
  for (const auto& c : s.councils) councils.push_back({c.id, c.label});
  d.set("councils", web::Choices(councils, state.meeting_id));
  d.set("has_councils", !councils.empty());
  d.set("history", HistoryRows(s.history, lang));
  web::SetKnownMessage(d, "notice", q.value("notice"), {"saved", "circulated", "approved", "started", "commented"}, "planning.notice_",
                       lang);
  web::SetKnownMessage(d, "error", q.value("error"),
                       {"empty", "approved", "already_approved", "unknown_figures", "next_exists", "no_meeting", "not_council", "comment"},
                       "planning.error.", lang);
  return d;
}

web::Data ItemYearsPageData(const std::string& item, const std::vector<ItemYear>& years) {
  Data d = web::Object();
  d.set("item_title", ItemTitle(item));
  Data rows = web::List();
  for (const auto& y : years) {
    Data r = web::Object();
    r.set("fy", std::to_string(y.fiscal_year));
    r.set("year", core::FormatFiscalYear(y.fiscal_year));
    r.set("draft", y.draft);
    r.set("results", y.entry.results);
    r.set("evaluation", y.entry.evaluation);
    r.set("next_goal", y.entry.next_goal);
    r.set("next_plan", y.entry.next_plan);
    rows.push_back(r);
  }
  d.set("rows", rows);
  return d;
}

web::Data EditPageData(const EditScreen& s, const std::string& lang) {
  const auto& e = s.entry;
  Data d = web::Object();
  d.set("fy", std::to_string(s.fiscal_year));
  d.set("fiscal_year", core::FormatFiscalYear(s.fiscal_year));
  d.set("item", e.item);
  d.set("item_title", ItemTitle(e.item));
  auto headers = Shiryo1Headers(s.fiscal_year);
  d.set("h_results", headers[2]);
  d.set("h_evaluation", headers[3]);
  d.set("h_goal", headers[4]);
  d.set("h_plan", headers[5]);
  d.set("results", e.results);
  d.set("evaluation", e.evaluation);
  d.set("next_goal", e.next_goal);
  d.set("next_plan", e.next_plan);
  d.set("priority", e.priority);
  std::vector<web::Choice> scenes;
  for (const auto& sc : core::AllScenes()) scenes.push_back({sc.code, sc.label});
  d.set("scenes", web::Choices(scenes, e.scenes));
  std::vector<web::Choice> links;
  for (const auto& [ref, label] : s.link_choices) links.push_back({ref, label});
  d.set("link_choices", web::Choices(links, e.links));
  d.set("has_link_choices", !links.empty());
  Data figures = web::List();
  for (const auto& f : FigureDocs()) {
    Data x = web::Object();
    x.set("pattern", "{{" + f.pattern + "}}");
    x.set("description", f.description);
    figures.push_back(x);
  }
  d.set("figures", figures);
  d.set("figures_lead", T(lang, "planning.figures_lead"));  // holds "{{": data, not template text
  d.set("unknown", Texts(s.unknown));
  d.set("has_unknown", !s.unknown.empty());
  return d;
}

web::Data IndicatorsPageData(const std::vector<Indicator>& list, bool can_edit, const http::Params& q, const std::string& lang) {
  std::vector<web::Choice> items;
  for (const auto& i : core::AllProgramItems()) items.push_back({i.code, std::string("（") + i.letter + "）"});
  Data d = web::Object();
  d.set("can_edit", can_edit);
  Data rows = web::List();
  for (const auto& ind : list) {
    Data x = web::Object();
    x.set("id", ind.id);
    x.set("name", ind.name);
    if (!ind.unit.empty()) x.set("unit", ind.unit);
    if (!ind.source.empty()) x.set("source", ind.source);
    x.set("chart", TrendChart(ind));
    x.set("item_choices", web::Choices(items, ind.items));
    rows.push_back(x);
  }
  d.set("rows", rows);
  d.set("none", list.empty());
  if (auto n = q.value("imported"); !n.empty() && n.size() <= 9 && n.find_first_not_of("0123456789") == std::string::npos) {
    auto rejected = q.value("rejected", "0");
    bool some =
        rejected != "0" && !rejected.empty() && rejected.size() <= 6 && rejected.find_first_not_of("0123456789") == std::string::npos;
    d.set("notice",
          n + T(lang, "planning.indicator_imported") + (some ? "（" + T(lang, "planning.indicator_rejected") + rejected + "）" : ""));
  }
  if (q.has("error")) d.set("error", T(lang, "planning.error.indicator_columns"));
  return d;
}

// ---- JSON ----

boost::json::object PlanJson(const Plan& plan, int fiscal_year) {
  boost::json::array entries;
  for (size_t i = 0; i < plan.entries.size(); ++i) {
    auto o = EntryJson(plan.entries[i]);
    o["links"] = Strings(plan.entries[i].links);
    o["resolved"] = EntryJson(plan.resolved[i]);
    if (!plan.approved.empty()) o["approved"] = EntryJson(plan.approved[i]);
    entries.push_back(o);
  }
  const auto& st = plan.state;
  return {
      {"fiscal_year", fiscal_year},
      {"status", st.status},
      {"revised", st.revised},
      {"approved_at", st.approved_at.empty() ? boost::json::value(nullptr) : boost::json::value(clock::IsoToTokyoOffset(st.approved_at))},
      {"meeting_id", OrNull(st.meeting_id)},
      {"entries", entries},
      {"unknown_figures", Strings(plan.unknown)}};
}

boost::json::object IndicatorsJson(const std::vector<Indicator>& list) {
  boost::json::array items;
  for (const auto& ind : list) {
    boost::json::array values;
    for (const auto& [area, by_year] : ind.values)
      for (const auto& [year, value] : by_year) values.push_back({{"municipality", area}, {"year", year}, {"value", value}});
    items.push_back({{"id", ind.id},
                     {"name", ind.name},
                     {"unit", ind.unit},
                     {"source", ind.source},
                     {"items", Strings(ind.items)},
                     {"values", values}});
  }
  return {{"items", items}};
}

boost::json::object IndicatorImportJson(const IndicatorImport& r) {
  boost::json::array rejected;
  for (const auto& [line, why] : r.rejected) rejected.push_back({{"line", line}, {"reason", why}});
  return {{"indicators", r.indicators}, {"values", r.values}, {"rejected", rejected}};
}

}  // namespace renkei::planning::views
