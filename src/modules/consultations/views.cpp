#include "modules/consultations/views.hpp"

#include "core/wareki.hpp"
#include "platform/clock.hpp"
#include "platform/text/csv.hpp"
#include "platform/text/utf8.hpp"
#include "platform/web/charts.hpp"
#include "platform/web/forms.hpp"
#include "platform/web/i18n.hpp"

namespace renkei::consultations::views {
namespace {

using web::Data;
using web::SetIf;
using web::T;

boost::json::value OrNull(const std::string& s) { return s.empty() ? boost::json::value(nullptr) : boost::json::value(s); }

boost::json::array JsonList(const std::vector<std::string>& v) {
  boost::json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

std::string Tokyo(const std::string& iso) { return clock::IsoToTokyoMinute(iso); }

std::string LongDate(const std::string& ymd) {
  auto d = core::ParseIsoDate(ymd);
  return d ? core::FormatLong(*d) : ymd;
}

std::string Labels(const CodeList& list, const std::vector<std::string>& codes, const std::string& lang) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : "、") + list.label(c, lang);
  return out;
}

std::string UnitLabel(const std::map<std::string, std::string>& labels, const std::string& code) {
  auto it = labels.find(code);
  return it == labels.end() ? code : it->second;
}

std::vector<web::Choice> UnitChoices(const std::vector<Unit>& units) {
  std::vector<web::Choice> out;
  out.reserve(units.size());
  for (const auto& u : units) out.push_back({u.code, u.label});
  return out;
}

Data Summary(const store::ListRow& r, const std::map<std::string, std::string>& units, const std::string& lang, const std::string& today) {
  const auto& c = r.c;
  Data d = web::Object();
  d.set("id", c.id);
  d.set("received", Tokyo(c.received_at));
  d.set("town", ResidentTowns().label(c.resident_municipality, lang));
  d.set("requester", Requesters().label(c.requester_category, lang));
  d.set("contents", Labels(Contents(), c.content_categories, lang));
  d.set("status", Statuses().label(c.status, lang));
  d.set("closed", c.status == "closed");
  d.set("assigned", UnitLabel(units, c.assigned_unit));
  SetIf(d, "excerpt", text::Utf8Excerpt(c.summary, 40));
  if (!r.next_due.empty()) {
    d.set("next_due", LongDate(r.next_due));
    d.set("overdue", r.next_due < today);
  }
  // Not "flags": a row without it would show the page's own "flags" (the filter's choices).
  SetIf(d, "flag_labels", Labels(Flags(), c.flags, lang));
  return d;
}

Data ListFilters(const ListScreen& s, const http::Params& q, const std::string& lang) {
  Data d = web::Object();
  d.set("from", q.value("from"));
  d.set("to", q.value("to"));
  d.set("q", q.value("q"));
  std::vector<web::Choice> statuses = {{"open", T(lang, "consult.open_cases")}};
  for (const auto& c : web::ChoicesOf(Statuses(), lang)) statuses.push_back(c);
  d.set("statuses", web::Choices(statuses, q.has("status") ? q.value("status") : "open"));
  d.set("requesters", web::Choices(web::ChoicesOf(Requesters(), lang), q.value("requester")));
  d.set("contents", web::Choices(web::ChoicesOf(Contents(), lang), q.value("content")));
  d.set("scenes", web::Choices(web::ChoicesOf(Scenes(), lang), q.value("scene")));
  d.set("flags", web::Choices(web::ChoicesOf(Flags(), lang), q.value("flag")));
  d.set("towns", web::Choices(web::ChoicesOf(ResidentTowns(), lang), q.value("town")));
  d.set("units", web::Choices(UnitChoices(s.units), q.value("unit")));
  return d;
}

Data Timeline(const CaseScreen& s, const std::string& lang) {
  const Case& c = s.view.c;
  Data timeline = web::List();
  Data first = web::Object();
  first.set("at", Tokyo(c.received_at));
  first.set("kind", T(lang, "consult.received_event"));
  first.set("who", c.staff_login);
  first.set("route", UnitLabel(s.unit_labels, c.received_unit));
  timeline.push_back(first);
  for (const auto& a : s.view.actions) {
    Data x = web::Object();
    x.set("at", Tokyo(a.at));
    x.set("kind", ActionKinds().label(a.kind, lang));
    x.set("who", a.by_login);
    x.set("handover", a.kind == "handover");
    if (a.kind == "handover") x.set("route", UnitLabel(s.unit_labels, a.from_unit) + " → " + UnitLabel(s.unit_labels, a.to_unit));
    if (a.kind == "status") x.set("route", Statuses().label(a.from_unit, lang) + " → " + Statuses().label(a.to_unit, lang));
    if (!a.facility_id.empty()) {
      x.set("facility", a.facility_name);
      x.set("facility_id", a.facility_id);
    }
    SetIf(x, "note", a.note);
    timeline.push_back(x);
  }
  return timeline;
}

Data Followups(const CaseScreen& s, const std::string& today) {
  Data followups = web::List();
  for (const auto& f : s.view.followups) {
    Data x = web::Object();
    x.set("fid", f.id);
    x.set("due", LongDate(f.due_date));
    x.set("owner", f.owner_login);
    SetIf(x, "note", f.note);
    x.set("done", !f.done_at.empty());
    SetIf(x, "done_at", Tokyo(f.done_at));
    x.set("overdue", f.done_at.empty() && f.due_date < today);
    followups.push_back(x);
  }
  return followups;
}

// The record's fields as the case page shows them.
void SetCaseFields(Data& d, const CaseScreen& s, const std::string& lang) {
  const Case& c = s.view.c;
  d.set("id", c.id);
  d.set("case_id", c.id);
  d.set("version", std::to_string(c.version));
  d.set("received", Tokyo(c.received_at));
  d.set("fiscal_year", core::FormatFiscalYear(c.fiscal_year));
  d.set("channel", Channels().label(c.channel, lang));
  d.set("received_unit", UnitLabel(s.unit_labels, c.received_unit));
  d.set("assigned_unit", UnitLabel(s.unit_labels, c.assigned_unit));
  d.set("staff", c.staff_login);
  d.set("requester", Requesters().label(c.requester_category, lang));
  SetIf(d, "requester_name", c.requester_name);
  SetIf(d, "requester_facility", s.view.requester_facility_name);
  d.set("requester_facility_id", c.requester_facility_id);
  d.set("town", ResidentTowns().label(c.resident_municipality, lang));
  d.set("age_band", AgeBands().label(c.age_band, lang));
  d.set("sex", Sexes().label(c.sex, lang));
  d.set("care_level", CareLevels().label(c.care_level, lang));
  d.set("household", Households().label(c.household, lang));
  SetIf(d, "flags", Labels(Flags(), c.flags, lang));
  d.set("contents", Labels(Contents(), c.content_categories, lang));
  d.set("scenes", Labels(Scenes(), c.scenes, lang));
  SetIf(d, "client_name", c.client_name);
  d.set("summary", c.summary);
  d.set("status", Statuses().label(c.status, lang));
  d.set("closed", c.status == "closed");
  d.set("minutes", std::to_string(c.minutes_spent));
  SetIf(d, "imported_from", c.imported_from);
  d.set("can_write", s.view.can_write);
}

// The forms to act on the case: actions, hand-over, status, a follow-up's owner, the facility picker.
void SetCaseForms(Data& d, const CaseScreen& s, const http::Params& q, const std::string& lang, const std::string& login) {
  std::vector<web::Choice> actions;
  for (const auto& k : ActionKinds().codes)
    if (std::string(k.code) != "handover" && std::string(k.code) != "status") actions.push_back({k.code, lang == "en" ? k.en : k.ja});
  d.set("action_kinds", web::Choices(actions, "info_given"));
  d.set("handover_units", web::Choices(UnitChoices(s.handover_targets), ""));
  d.set("statuses", web::Choices(web::ChoicesOf(Statuses(), lang), s.view.c.status));
  std::vector<web::Choice> owners;
  owners.reserve(s.handlers.size());
  for (const auto& [who, name] : s.handlers) owners.push_back({who, name + "（" + who + "）"});
  d.set("owners", web::Choices(owners, login));
  // The facility picker: without JS, ?facility_q= reloads the page with matches.
  d.set("facility_q", text::Utf8Prefix(q.value("facility_q"), 100));
  Data options = web::List();
  for (const auto& f : s.facility_matches) {
    Data o = web::Object();
    o.set("code", f.id);
    o.set("label", f.label);
    options.push_back(o);
  }
  d.set("facility_options", options);
}

std::string BarChart(const StatGroup& g, const std::string& title) {
  std::vector<web::Bar> bars;
  bars.reserve(g.rows.size());
  // A hidden count draws no bar: its length would tell 1 from 2.
  for (const auto& r : g.rows) bars.push_back({r.label, r.hidden ? 0 : r.count, r.previous_hidden ? 0 : r.previous});
  return web::BarChart(bars, title);
}

Data StatGroups(const Stats& s, const std::string& lang) {
  Data groups = web::List();
  for (const auto& g : s.groups) {
    Data x = web::Object();
    std::string title = GroupTitle(g.key, lang);
    x.set("key", g.key);
    x.set("title", title);
    x.set("multi", g.multi);
    Data rows = web::List();
    for (const auto& r : g.rows) {
      Data row = web::Object();
      row.set("label", r.label);
      row.set("count", CountText(r.count, r.hidden, lang));
      row.set("percent", r.hidden ? "—" : r.percent);
      row.set("previous", CountText(r.previous, r.previous_hidden, lang));
      row.set("change", ChangeText(r));
      rows.push_back(row);
    }
    x.set("rows", rows);
    x.set("chart", BarChart(g, title));
    groups.push_back(x);
  }
  return groups;
}

}  // namespace

boost::json::object CaseJson(const Case& c) {
  return {{"id", c.id},
          {"received_at", clock::IsoToTokyoOffset(c.received_at)},
          {"received_date", c.received_date},
          {"fiscal_year", c.fiscal_year},
          {"channel", c.channel},
          {"receiver", c.received_unit},
          {"assigned_to", c.assigned_unit},
          {"staff_login", c.staff_login},
          {"requester_category", c.requester_category},
          {"requester_facility_id", OrNull(c.requester_facility_id)},
          {"requester_name", c.requester_name},
          {"resident_municipality", c.resident_municipality},
          {"age_band", c.age_band},
          {"sex", c.sex},
          {"care_level", c.care_level},
          {"household", c.household},
          {"flags", JsonList(c.flags)},
          {"content_categories", JsonList(c.content_categories)},
          {"scenes", JsonList(c.scenes)},
          {"client_name", c.client_name},
          {"summary", c.summary},
          {"status", c.status},
          {"minutes_spent", c.minutes_spent},
          {"closed_at", c.closed_at.empty() ? boost::json::value(nullptr) : boost::json::value(clock::IsoToTokyoOffset(c.closed_at))},
          {"imported_from", c.imported_from},
          {"version", c.version},
          {"created_by", c.created_by},
          {"created_at", clock::IsoToTokyoOffset(c.created_at)},
          {"updated_at", clock::IsoToTokyoOffset(c.updated_at)}};
}

boost::json::object CaseDetailJson(const CaseView& v) {
  auto o = CaseJson(v.c);
  o["units"] = JsonList(v.units);
  boost::json::array actions, followups;
  for (const auto& a : v.actions)
    actions.push_back({{"at", clock::IsoToTokyoOffset(a.at)},
                       {"by", a.by_login},
                       {"kind", a.kind},
                       {"facility_id", OrNull(a.facility_id)},
                       {"from", a.from_unit},
                       {"to", a.to_unit},
                       {"note", a.note}});
  for (const auto& f : v.followups)
    followups.push_back(
        {{"id", f.id},
         {"due_date", f.due_date},
         {"owner", f.owner_login},
         {"note", f.note},
         {"done_at", f.done_at.empty() ? boost::json::value(nullptr) : boost::json::value(clock::IsoToTokyoOffset(f.done_at))}});
  o["actions"] = actions;
  o["followups"] = followups;
  return o;
}

boost::json::object ListJson(const ListPage& page) {
  boost::json::array items;
  for (const auto& r : page.rows) {
    auto o = CaseJson(r.c);
    o["open_followups"] = r.open_followups;
    o["next_due"] = OrNull(r.next_due);
    items.push_back(o);
  }
  return {{"total", page.total}, {"items", items}};
}

boost::json::object StatsJson(const Stats& s) {
  boost::json::object o;
  o["period"] = {{"from", s.period.from},
                 {"to", s.period.to},
                 {"fiscal_year", s.period.fiscal_year ? boost::json::value(s.period.fiscal_year) : boost::json::value(nullptr)}};
  auto count = [](long long n, bool hidden) {
    return hidden ? boost::json::value(nullptr) : boost::json::value(n);
  };
  o["total"] = count(s.total, s.total_hidden);
  o["small_cells_hidden"] = s.small_cells_hidden;
  o["percent"] = {{"method", s.format.round ? "round" : "truncate"}, {"decimals", s.format.decimals}, {"of", "cases"}};
  for (const auto& g : s.groups) {
    boost::json::array rows;
    for (const auto& r : g.rows) {
      boost::json::object row{{"code", r.code},
                              {"label", r.label},
                              {"count", count(r.count, r.hidden)},
                              {"percent", r.hidden ? boost::json::value(nullptr) : boost::json::value(r.percent_value)},
                              {"previous", count(r.previous, r.previous_hidden)}};
      if (r.hidden || r.previous_hidden) row["hidden"] = true;
      rows.push_back(std::move(row));
    }
    o[g.key] = rows;
  }
  o["previous"] = {
      {"from", s.previous_period.from}, {"to", s.previous_period.to}, {"total", count(s.previous_total, s.previous_total_hidden)}};
  return o;
}

boost::json::object FieldErrorsJson(const std::vector<FieldError>& errors, const std::string& lang) {
  boost::json::array fields;
  for (const auto& e : errors) fields.push_back({{"field", e.field}, {"message", web::Catalogue::Get().message(lang, e.message)}});
  return {{"error", "invalid_argument"}, {"message", T(lang, "consult.error.invalid")}, {"fields", fields}};
}

web::Data FormPageData(const FormScreen& s, const std::vector<FieldError>& errors, const std::string& lang) {
  const CaseInput& in = s.input;
  Data d = web::Object();
  d.set("received_date", in.received_at.substr(0, 10));
  d.set("received_time", in.received_at.size() >= 16 ? in.received_at.substr(11, 5) : "");
  d.set("channels", web::Choices(web::ChoicesOf(Channels(), lang), in.channel));
  d.set("receivers", web::Choices(UnitChoices(s.receiving_units), in.receiver));
  d.set("requesters", web::Choices(web::ChoicesOf(Requesters(), lang), in.requester_category));
  d.set("requester_name", in.requester_name);
  if (!in.requester_facility_id.empty()) {
    const std::string& name = s.requester_facility_name;
    d.set("requester_facility",
          web::Choices({{in.requester_facility_id, name.empty() ? in.requester_facility_id : name}}, in.requester_facility_id));
  }
  d.set("towns", web::Choices(web::ChoicesOf(ResidentTowns(), lang), in.resident_municipality));
  d.set("age_bands", web::Choices(web::ChoicesOf(AgeBands(), lang), in.age_band.empty() ? "unknown" : in.age_band));
  d.set("sexes", web::Choices(web::ChoicesOf(Sexes(), lang), in.sex.empty() ? "unknown" : in.sex));
  d.set("care_levels", web::Choices(web::ChoicesOf(CareLevels(), lang), in.care_level.empty() ? "unknown" : in.care_level));
  d.set("households", web::Choices(web::ChoicesOf(Households(), lang), in.household.empty() ? "unknown" : in.household));
  d.set("flags", web::Choices(web::ChoicesOf(Flags(), lang), in.flags));
  d.set("contents", web::Choices(web::ChoicesOf(Contents(), lang), in.content_categories));
  d.set("scenes", web::Choices(web::ChoicesOf(Scenes(), lang), in.scenes));
  d.set("statuses", web::Choices(web::ChoicesOf(Statuses(), lang), in.status.empty() ? "received" : in.status));
  d.set("client_name", in.client_name);
  d.set("summary", in.summary);
  d.set("minutes_spent", in.minutes_spent && *in.minutes_spent > 0 ? std::to_string(*in.minutes_spent) : std::string());
  d.set("errors", web::FieldErrorList(lang, "consult", errors));
  d.set("has_errors", !errors.empty());
  const bool edit = !s.id.empty();
  d.set("action", edit ? "/consultations/" + s.id + "/edit" : std::string("/consultations"));
  d.set("heading", T(lang, edit ? "consult.edit_title" : "consult.new_title"));
  if (edit) {
    d.set("edit", true);
    d.set("id", s.id);
    d.set("version", std::to_string(s.version));
  }
  return d;
}

web::Data ListPageData(const ListScreen& s, const http::Params& q, const std::string& lang, const std::string& today) {
  Data d = ListFilters(s, q, lang);
  Data rows = web::List();
  for (const auto& r : s.page.rows) rows.push_back(Summary(r, s.unit_labels, lang, today));
  d.set("rows", rows);
  d.set("none", s.page.rows.empty());
  d.set("total", std::to_string(s.page.total));
  d.set("can_write", s.viewer.can_write);
  d.set("can_import", s.viewer.all);
  d.set("can_stats", s.viewer.can_stats);
  d.set("read_only_town", !s.viewer.town.empty());
  const auto& f = s.filter;
  int page_no = f.offset / f.limit + 1;
  std::string base;
  for (const auto& [k, v] : q.items())
    if (k != "page") base += k + "=" + http::PercentEncode(v) + "&";
  if (!q.has("status")) base += "status=open&";
  if (page_no > 1) d.set("prev", "/consultations?" + base + "page=" + std::to_string(page_no - 1));
  if (f.offset + f.limit < s.page.total) d.set("next", "/consultations?" + base + "page=" + std::to_string(page_no + 1));
  web::SetKnownMessage(d, "notice", q.value("notice"), {"created", "imported"}, "consult.notice_", lang);
  return d;
}

web::Data CasePageData(const CaseScreen& s, const http::Params& q, const std::string& lang, const std::string& today,
                       const std::string& login) {
  Data d = web::Object();
  SetCaseFields(d, s, lang);
  d.set("timeline", Timeline(s, lang));
  d.set("followups", Followups(s, today));
  d.set("no_followups", s.view.followups.empty());
  d.set("today", today);
  SetCaseForms(d, s, q, lang, login);
  web::SetKnownMessage(d, "notice", q.value("notice"), {"created", "updated", "action", "handover", "followup", "followup_done", "status"},
                       "consult.notice_", lang);
  web::SetKnownMessage(d, "error", q.value("error"),
                       {"bad_action", "need_facility", "no_facility", "bad_receiver", "need_reason", "same_unit", "closed", "bad_date",
                        "bad_owner", "too_long", "stale", "unknown_code"},
                       "consult.error.", lang);
  return d;
}

web::Data StatsPageData(const Stats& s, const PercentFormat& format, const std::string& lang, int this_fy) {
  Data d = web::Object();
  d.set("period", PeriodLabel(s.period, lang));
  d.set("previous_period", PeriodLabel(s.previous_period, lang));
  d.set("from", s.period.from);
  d.set("to", s.period.to);
  d.set("total", CountText(s.total, s.total_hidden, lang));
  d.set("previous_total", CountText(s.previous_total, s.previous_total_hidden, lang));
  long long diff = s.total - s.previous_total;
  d.set("diff", s.total_hidden || s.previous_total_hidden ? "—" : (diff > 0 ? "+" : "") + std::to_string(diff));
  d.set("small_cells_hidden", s.small_cells_hidden);
  std::vector<web::Choice> years;
  for (int fy = this_fy; fy >= this_fy - 8; --fy) years.push_back({std::to_string(fy), core::FormatFiscalYear(fy)});
  d.set("years", web::Choices(years, s.period.fiscal_year ? std::to_string(s.period.fiscal_year) : ""));
  d.set("is_period", s.period.fiscal_year == 0);
  d.set("round", format.round);
  d.set("one_decimal", format.decimals == 1);
  d.set("percent_note", format.round ? T(lang, format.decimals ? "consult.stats_round1" : "consult.stats_round")
                                     : T(lang, format.decimals ? "consult.stats_trunc1" : "consult.stats_trunc"));
  d.set("groups", StatGroups(s, lang));
  std::string query = s.period.fiscal_year ? "fy=" + std::to_string(s.period.fiscal_year) : "from=" + s.period.from + "&to=" + s.period.to;
  if (format.round) query += "&percent=round";
  if (format.decimals) query += "&decimals=1";
  d.set("query", query);
  return d;
}

std::string FileStem(const Period& p) {
  return p.fiscal_year ? "consultations-fy" + std::to_string(p.fiscal_year) : "consultations-" + p.from + "-" + p.to;
}

// ---- the import of past years' cases ----

namespace {

constexpr size_t kPreviewRows = 20;

Data FieldMapping(const ImportPreview& p, const std::string& lang) {
  Data fields = web::List();
  for (const auto& f : ImportFields()) {
    Data x = web::Object();
    x.set("field", f.field);
    x.set("label", lang == "en" ? f.en : f.ja);
    x.set("required", f.required);
    auto it = p.mapping.find(f.field);
    Data columns = web::List();
    for (size_t i = 0; i < p.header.size(); ++i) {
      Data c = web::Object();
      c.set("index", std::to_string(i));
      c.set("name", p.header[i]);
      c.set("selected", it != p.mapping.end() && it->second == static_cast<int>(i));
      columns.push_back(c);
    }
    x.set("columns", columns);
    x.set("unmapped", it == p.mapping.end());
    fields.push_back(x);
  }
  return fields;
}

Data ProblemRow(const ImportRow& r, const std::string& lang) {
  std::string what;
  for (const auto& e : r.errors)
    what += (what.empty() ? "" : "、") + T(lang, "consult.field." + e.field) + "（" + web::Catalogue::Get().message(lang, e.message) + "）";
  Data p = web::Object();
  p.set("line", std::to_string(r.line));
  p.set("what", what);
  return p;
}

Data PreviewRow(const ImportRow& r, const std::string& lang) {
  Data p = web::Object();
  p.set("line", std::to_string(r.line));
  p.set("ok", r.errors.empty());
  p.set("received", r.input.received_at);
  p.set("channel", Channels().label(r.input.channel, lang));
  p.set("requester", Requesters().label(r.input.requester_category, lang));
  p.set("town", ResidentTowns().label(r.input.resident_municipality, lang));
  p.set("contents", Labels(Contents(), r.input.content_categories, lang));
  return p;
}

}  // namespace

web::Data ImportFormData(const std::string& error, const std::string& lang) {
  Data d = web::Object();
  if (!error.empty()) d.set("error", error);
  d.set("max_mb", std::to_string(kMaxImportUpload / 1024 / 1024));
  Data fields = web::List();
  for (const auto& f : ImportFields()) {
    Data x = web::Object();
    x.set("label", lang == "en" ? f.en : f.ja);
    x.set("required", f.required);
    fields.push_back(x);
  }
  d.set("fields", fields);
  return d;
}

web::Data ImportPreviewData(const ImportPreview& p, const std::string& lang) {
  Data d = web::Object();
  d.set("token", p.token);
  d.set("file", p.file);
  d.set("encoding", text::EncodingName(p.encoding));
  d.set("fields", FieldMapping(p, lang));
  size_t good = 0;
  Data problems = web::List(), preview = web::List();
  for (size_t i = 0; i < p.rows.size(); ++i) {
    const auto& r = p.rows[i];
    if (r.errors.empty())
      good++;
    else
      problems.push_back(ProblemRow(r, lang));
    if (i < kPreviewRows) preview.push_back(PreviewRow(r, lang));
  }
  d.set("rows", std::to_string(p.rows.size()));
  d.set("good", std::to_string(good));
  d.set("bad", std::to_string(p.rows.size() - good));
  d.set("has_problems", p.rows.size() != good);
  d.set("problems", problems);
  d.set("preview", preview);
  d.set("can_import", good > 0);
  // The mapping travels to the import step as hidden fields.
  Data mapped = web::List();
  for (const auto& [field, col] : p.mapping) {
    Data m = web::Object();
    m.set("field", field);
    m.set("column", std::to_string(col));
    mapped.push_back(m);
  }
  d.set("mapped", mapped);
  return d;
}

web::Data ImportDoneData(const ImportDone& done) {
  Data d = web::Object();
  d.set("imported", std::to_string(done.imported));
  std::string skipped;
  for (size_t line : done.skipped) skipped += (skipped.empty() ? "" : ", ") + std::to_string(line);
  if (!skipped.empty()) d.set("skipped", skipped);
  return d;
}

}  // namespace renkei::consultations::views
