#include "modules/liaison/views.hpp"

#include "core/wareki.hpp"
#include "platform/clock.hpp"
#include "platform/web/charts.hpp"
#include "platform/web/forms.hpp"
#include "platform/web/i18n.hpp"
#include "platform/web/markdown.hpp"

namespace renkei::liaison::views {
namespace {

using web::Data;
using web::T;

std::vector<web::Choice> KindChoices(const std::vector<Kind>& kinds) {
  std::vector<web::Choice> out;
  out.reserve(kinds.size());
  for (const auto& k : kinds) out.push_back({k.code, k.label});
  return out;
}

Data Counts(const Summary& s, const std::string& lang, std::string& chart) {
  Data counts = web::List();
  std::vector<web::Bar> bars;
  for (const auto& k : s.by_kind) {
    Data x = web::Object();
    x.set("label", k.label);
    x.set("count", std::to_string(k.count));
    counts.push_back(x);
    if (k.count) bars.push_back({k.label, k.count, std::nullopt});
  }
  chart = web::BarChart(bars, T(lang, "liaison.by_kind"));
  return counts;
}

Data Actions(const std::vector<ActionItem>& list, const std::string& today) {
  Data actions = web::List();
  for (const auto& a : list) {
    Data x = web::Object();
    x.set("aid", a.id);
    x.set("action_title", a.title);
    x.set("owner", a.owner_login);
    if (!a.due_date.empty()) x.set("due", a.due_date);
    x.set("done", a.status == "done");
    x.set("overdue", a.status == "open" && !a.due_date.empty() && a.due_date < today);
    actions.push_back(x);
  }
  return actions;
}

}  // namespace

std::string When(const std::string& iso) {
  std::string local = clock::IsoToTokyoMinute(iso);
  auto d = core::ParseIsoDate(local.substr(0, 10));
  return (d ? core::FormatLongWithWeekday(*d) : local.substr(0, 10)) + " " + local.substr(11, 5);
}

std::string KindLabel(const std::vector<Kind>& kinds, const std::string& code) {
  for (const auto& k : kinds)
    if (k.code == code) return k.label;
  return code;
}

web::Data ListPageData(const MeetingListScreen& s, const web::Data& years, const std::string& lang) {
  Data d = web::Object();
  d.set("years", years);
  d.set("fy", std::to_string(s.summary.fiscal_year));
  d.set("fiscal_year", core::FormatFiscalYear(s.summary.fiscal_year));
  d.set("total", std::to_string(s.summary.meetings));
  d.set("kind_choices", web::Choices(KindChoices(s.kinds), s.kind));
  std::string chart;
  d.set("counts", Counts(s.summary, lang, chart));
  d.set("chart", chart);
  Data rows = web::List();
  for (const auto& m : s.meetings) {
    Data x = web::Object();
    x.set("id", m.id);
    x.set("when", When(m.held_at));
    x.set("kind", KindLabel(s.kinds, m.kind));
    x.set("title", m.title);
    x.set("place", m.online ? T(lang, "liaison.online") : m.place);
    rows.push_back(x);
  }
  d.set("rows", rows);
  d.set("none", s.meetings.empty());
  d.set("can_kinds", s.can_kinds);
  return d;
}

web::Data FormPageData(const MeetingFormScreen& f, const std::string& lang) {
  const MeetingInput& in = f.input;
  Data d = web::Object();
  d.set("kinds", web::Choices(KindChoices(f.kinds), in.kind));
  d.set("title", in.title);
  d.set("date", in.held_at.substr(0, 10));
  d.set("time", in.held_at.size() >= 16 ? in.held_at.substr(11, 5) : "");
  d.set("place", in.place);
  d.set("online", in.online);
  d.set("agenda", in.agenda);
  d.set("minutes", in.minutes);
  d.set("decisions", in.decisions);
  d.set("attendees", in.attendees);
  d.set("errors", web::FieldErrorList(lang, "liaison", f.errors));
  d.set("has_errors", !f.errors.empty());
  const bool edit = !f.id.empty();
  d.set("action", edit ? "/meetings/" + f.id + "/edit" : std::string("/meetings"));
  d.set("heading", edit ? in.title : T(lang, "liaison.new_title"));
  return d;
}

web::Data MeetingPageData(const MeetingScreen& s, const http::Params& q, const std::string& lang, const std::string& today) {
  const Meeting& m = s.meeting;
  Data d = web::Object();
  d.set("id", m.id);
  d.set("title", m.title);
  d.set("kind", KindLabel(s.kinds, m.kind));
  d.set("when", When(m.held_at));
  d.set("fiscal_year", core::FormatFiscalYear(m.fiscal_year));
  d.set("place", m.online ? T(lang, "liaison.online") + (m.place.empty() ? "" : "（" + m.place + "）") : m.place);
  if (!m.agenda.empty()) d.set("agenda", m.agenda);
  if (!m.decisions.empty()) d.set("decisions", m.decisions);
  if (!m.minutes.empty()) d.set("minutes_html", web::MarkdownToHtml(m.minutes));
  Data attendees = web::List();
  for (const auto& a : m.attendees) {
    Data x = web::Object();
    x.set("name", a.name);
    if (!a.organization.empty()) x.set("organization", a.organization);
    attendees.push_back(x);
  }
  d.set("attendees", attendees);
  d.set("attendee_count", std::to_string(m.attendees.size()));
  d.set("actions", Actions(s.actions, today));
  d.set("files", web::AttachmentRows(s.papers));
  d.set("back", "/meetings/" + m.id);
  web::SetKnownMessage(d, "notice", q.value("notice"), {"created", "updated", "action", "paper"}, "liaison.notice_", lang);
  web::SetKnownMessage(d, "error", q.value("error"), {"action_title", "bad_date", "bad_owner", "file"}, "liaison.error.", lang);
  return d;
}

web::Data KindsPageData(const std::vector<Kind>& kinds, const http::Params& q, const std::string& lang) {
  Data d = web::Object();
  Data rows = web::List();
  for (const auto& k : kinds) {
    Data x = web::Object();
    x.set("code", k.code);
    x.set("label", k.label);
    x.set("builtin", k.builtin);
    rows.push_back(x);
  }
  d.set("rows", rows);
  web::SetKnownMessage(d, "error", q.value("error"), {"bad_code", "bad_label", "kind_exists"}, "liaison.error.", lang);
  return d;
}

boost::json::object SummaryJson(const Summary& s) {
  boost::json::array kinds;
  for (const auto& k : s.by_kind) kinds.push_back({{"kind", k.kind}, {"label", k.label}, {"count", k.count}});
  return {{"fiscal_year", s.fiscal_year}, {"meetings", s.meetings}, {"by_kind", kinds}};
}

boost::json::object ListJson(const std::vector<Meeting>& list, int fiscal_year) {
  boost::json::array items;
  for (const auto& m : list)
    items.push_back({{"id", m.id},
                     {"kind", m.kind},
                     {"title", m.title},
                     {"held_at", clock::IsoToTokyoOffset(m.held_at)},
                     {"place", m.place},
                     {"online", m.online}});
  return {{"fiscal_year", fiscal_year}, {"items", items}};
}

boost::json::object MeetingJson(const MeetingScreen& s) {
  const Meeting& m = s.meeting;
  boost::json::array attendees, actions;
  for (const auto& a : m.attendees) attendees.push_back({{"login", a.login}, {"name", a.name}, {"organization", a.organization}});
  for (const auto& a : s.actions)
    actions.push_back({{"id", a.id}, {"title", a.title}, {"owner", a.owner_login}, {"due_date", a.due_date}, {"status", a.status}});
  return {{"id", m.id},
          {"kind", m.kind},
          {"title", m.title},
          {"held_at", clock::IsoToTokyoOffset(m.held_at)},
          {"fiscal_year", m.fiscal_year},
          {"place", m.place},
          {"online", m.online},
          {"agenda", m.agenda},
          {"minutes", m.minutes},
          {"decisions", m.decisions},
          {"attendees", attendees},
          {"actions", actions}};
}

}  // namespace renkei::liaison::views
