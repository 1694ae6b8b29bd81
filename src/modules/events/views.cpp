#include "modules/events/views.hpp"

#include <boost/json/array.hpp>
#include <cstdio>

#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "platform/clock.hpp"
#include "platform/security/crypto.hpp"
#include "platform/web/charts.hpp"
#include "platform/web/forms.hpp"
#include "platform/web/i18n.hpp"

namespace renkei::events::views {
namespace {

using web::Data;
using web::T;

void SetRegistrationForm(web::Data& d, const RegistrationInput& in, const std::vector<FieldError>& errors, const std::string& lang) {
  d.set("form_name", in.name);
  d.set("form_organization", in.organization);
  d.set("form_email", in.email);
  d.set("form_phone", in.phone);
  d.set("org_kinds", web::Choices(web::ChoicesOf(OrgKinds(), lang), in.organization_kind));
  d.set("professions_choices", web::Choices(web::ChoicesOf(Professions(), lang), in.profession));
  d.set("towns", web::Choices(web::ChoicesOf(Towns(), lang), in.municipality));
  d.set("errors", web::FieldErrorList(lang, "events", errors));
  d.set("has_errors", !errors.empty());
}

Data EventForm(const EventFormScreen& f, const std::string& lang) {
  const auto& in = f.input;
  Data d = web::Object();
  d.set("title", in.title);
  d.set("kinds", web::Choices(web::ChoicesOf(Kinds(), lang), in.kind.empty() ? "training" : in.kind));
  d.set("statuses", web::Choices(web::ChoicesOf(Statuses(), lang), in.status.empty() ? "draft" : in.status));
  d.set("date", in.starts_at.substr(0, 10));
  d.set("start_time", in.starts_at.size() >= 16 ? in.starts_at.substr(11, 5) : "");
  d.set("end_time", in.ends_at.size() >= 16 ? in.ends_at.substr(11, 5) : "");
  std::vector<web::Choice> venues;
  for (const auto& v : f.venues) venues.push_back({v.id, v.name + (v.capacity ? "（" + std::to_string(*v.capacity) + "人）" : "")});
  d.set("venues", web::Choices(venues, in.venue_id));
  d.set("venue_note", in.venue_note);
  d.set("organizer", in.organizer);
  std::vector<web::Choice> items;
  for (const auto& i : core::AllProgramItems()) items.push_back({i.code, std::string("（") + i.letter + "）" + i.title});
  d.set("items", web::Choices(items, in.program_item.empty() ? "f" : in.program_item));
  std::vector<web::Choice> scenes;
  for (const auto& s : core::AllScenes()) scenes.push_back({s.code, s.label});
  d.set("scenes", web::Choices(scenes, in.scenes));
  d.set("professions", web::Choices(web::ChoicesOf(Professions(), lang), in.target_professions));
  d.set("capacity", in.capacity && *in.capacity >= 0 ? std::to_string(*in.capacity) : "");
  d.set("reported_attendance", in.reported_attendance && *in.reported_attendance >= 0 ? std::to_string(*in.reported_attendance) : "");
  d.set("description", in.description);
  Data lecturers = web::List();
  auto ls = in.lecturers;
  ls.resize(std::max<size_t>(ls.size() + 1, 3));  // room for more
  for (size_t i = 0; i < ls.size(); ++i) {
    Data x = web::Object();
    x.set("n", std::to_string(i + 1));
    x.set("name", ls[i].name);
    x.set("affiliation", ls[i].affiliation);
    lecturers.push_back(x);
  }
  d.set("lecturers", lecturers);
  d.set("errors", web::FieldErrorList(lang, "events", f.errors));
  d.set("has_errors", !f.errors.empty());
  return d;
}

Data RegistrationRow(const Registration& r, const std::string& lang) {
  Data x = web::Object();
  x.set("rid", r.id);
  x.set("reference", r.reference);
  x.set("name", r.name);
  if (!r.organization.empty()) x.set("organization", r.organization);
  x.set("profession", Professions().label(r.profession, lang));
  x.set("town", Towns().label(r.municipality, lang));
  x.set("waitlisted", r.status == "waitlisted");
  x.set("cancelled", r.status == "cancelled");
  x.set("attended", r.attended);
  x.set("walk_in", r.walk_in);
  if (!r.email.empty()) x.set("email", r.email);
  if (!r.phone.empty()) x.set("phone", r.phone);
  return x;
}

// The evaluations' figures, scores as bars, and the comments with text.
void SetEvaluations(Data& d, const EvaluationSummary& ev, const std::string& lang) {
  d.set("responses", std::to_string(ev.responses));
  char avg[16];
  std::snprintf(avg, sizeof avg, "%.1f", ev.average);
  d.set("average", std::string(avg));
  std::vector<web::Bar> bars;
  for (int s = 5; s >= 1; --s) bars.push_back({std::to_string(s) + T(lang, "events.score_unit"), ev.by_score[s], std::nullopt});
  d.set("score_chart", web::BarChart(bars, T(lang, "events.satisfaction")));
  Data comments = web::List();
  for (const auto& c : ev.comments) {
    Data x = web::Object();
    if (!c.useful.empty()) x.set("useful", c.useful);
    if (!c.comment.empty()) x.set("comment", c.comment);
    x.set("score", std::to_string(c.satisfaction));
    comments.push_back(x);
  }
  d.set("comments", comments);
}

// One breakdown of the year (by profession, …) as a table and a chart; rows with nothing are left out.
Data BreakdownGroup(const std::string& title, const std::vector<Breakdown>& v) {
  Data g = web::Object();
  g.set("title", title);
  Data rows = web::List();
  std::vector<web::Bar> bars;
  for (const auto& b : v) {
    if (b.registered == 0 && b.attended == 0) continue;
    Data x = web::Object();
    x.set("label", b.label);
    x.set("registered", std::to_string(b.registered));
    x.set("attended", std::to_string(b.attended));
    rows.push_back(x);
    bars.push_back({b.label, b.attended, std::nullopt});
  }
  g.set("rows", rows);
  g.set("empty", bars.empty());
  g.set("chart", web::BarChart(bars, title));
  return g;
}

}  // namespace

std::string Place(const EventRow& r, bool with_address) {
  std::string out;
  if (r.venue) out = r.venue->name + (with_address && !r.venue->address.empty() ? "（" + r.venue->address + "）" : "");
  if (!r.event.venue_note.empty()) out += (out.empty() ? "" : " ") + r.event.venue_note;
  return out;
}

web::Data EventCard(const EventRow& r, const std::string& location, const std::string& lang) {
  const Event& e = r.event;
  const Counts& c = r.counts;
  web::Data d = web::Object();
  d.set("id", e.id);
  d.set("title", e.title);
  d.set("kind", Kinds().label(e.kind, lang));
  d.set("status", Statuses().label(e.status, lang));
  d.set("status_code", e.status);
  std::string start = clock::IsoToTokyoMinute(e.starts_at), end = clock::IsoToTokyoMinute(e.ends_at);
  auto day = core::ParseIsoDate(start.substr(0, 10));
  std::string when = (day ? core::FormatLongWithWeekday(*day) : start.substr(0, 10)) + " " + start.substr(11, 5);
  if (end.size() >= 16 && end != start) when += "〜" + (end.substr(0, 10) == start.substr(0, 10) ? end.substr(11, 5) : end);
  d.set("when", when);
  d.set("date_short", day ? core::FormatShort(*day) : start.substr(0, 10));
  if (!location.empty()) d.set("location", location);
  if (!e.organizer.empty()) d.set("organizer", e.organizer);
  if (!e.description.empty()) d.set("description", e.description);
  web::Data lecturers = web::List();
  for (const auto& l : e.lecturers) {
    web::Data x = web::Object();
    x.set("name", l.name);
    if (!l.affiliation.empty()) x.set("affiliation", l.affiliation);
    lecturers.push_back(x);
  }
  d.set("lecturers", lecturers);
  d.set("has_lecturers", !e.lecturers.empty());
  std::string professions;
  for (const auto& p : e.target_professions) professions += (professions.empty() ? "" : "、") + Professions().label(p, lang);
  if (!professions.empty()) d.set("professions", professions);
  d.set("open", e.accepts_registrations());
  d.set("cancelled", e.status == "cancelled");
  d.set("registered", std::to_string(c.registered));
  d.set("attended", std::to_string(c.attended));
  d.set("waitlisted", std::to_string(c.waitlisted));
  if (e.capacity) {
    d.set("capacity", std::to_string(*e.capacity));
    long long left = *e.capacity - c.registered;
    d.set("full", left <= 0);
    if (left > 0) d.set("seats_left", std::to_string(left));
  } else {
    d.set("full", false);
  }
  return d;
}

// ---- public ----

web::Data PublicListData(const PublicListScreen& s, const std::string& lang) {
  Data d = web::Object();
  Data upcoming = web::List();
  for (const auto& r : s.upcoming) upcoming.push_back(EventCard(r, Place(r, true), lang));
  d.set("upcoming", upcoming);
  d.set("none", s.upcoming.empty());
  Data past = web::List();
  for (const auto& r : s.past) past.push_back(EventCard(r, Place(r, true), lang));
  d.set("past", past);
  d.set("fiscal_year", core::FormatFiscalYear(s.fiscal_year));
  return d;
}

web::Data PublicEventData(const RegisterScreen& s, const std::string& lang) {
  Data d = EventCard(s.row, Place(s.row, true), lang);
  SetRegistrationForm(d, s.input, s.errors, lang);
  return d;
}

web::Data RegistrationData(const CancelScreen& s, const std::string& token, const std::string& cancel_url, bool just_registered, bool mail,
                           const std::string& lang) {
  const auto& r = s.registration;
  Data d = EventCard(s.row, Place(s.row, true), lang);
  d.set("token", token);
  d.set("reference", r.reference);
  d.set("name", r.name);
  d.set("waitlisted", r.status == "waitlisted");
  d.set("cancelled", r.status == "cancelled");
  d.set("just_registered", just_registered);
  d.set("cancel_url", cancel_url);
  d.set("mail", mail && !r.email.empty());
  return d;
}

web::Data EvaluationFormData(const Event& e) {
  Data d = web::Object();
  d.set("id", e.id);
  d.set("title", e.title);
  return d;
}

// ---- staff ----

web::Data StaffListData(const std::vector<EventRow>& rows, int fiscal_year, const web::Data& years, const http::Params& q,
                        const std::string& lang) {
  Data d = web::Object();
  d.set("years", years);
  d.set("fy", std::to_string(fiscal_year));
  d.set("fiscal_year", core::FormatFiscalYear(fiscal_year));
  Data list = web::List();
  for (const auto& r : rows) list.push_back(EventCard(r, Place(r, false), lang));
  d.set("rows", list);
  d.set("none", rows.empty());
  web::SetKnownMessage(d, "notice", q.value("notice"), {"created"}, "events.notice_", lang);
  return d;
}

web::Data SummaryPageData(const YearSummary& s, const web::Data& years, const std::string& lang) {
  Data d = web::Object();
  d.set("years", years);
  d.set("fy", std::to_string(s.fiscal_year));
  d.set("fiscal_year", core::FormatFiscalYear(s.fiscal_year));
  d.set("events", std::to_string(s.events));
  d.set("registered", std::to_string(s.registered));
  d.set("attended", std::to_string(s.attended));
  Data rows = web::List();
  for (const auto& [e, c] : s.rows) rows.push_back(EventCard({e, c, std::nullopt}, "", lang));
  d.set("rows", rows);
  Data kinds = web::List();
  std::vector<web::Bar> kind_bars;
  for (const auto& k : s.by_kind) {
    if (k.count == 0) continue;
    Data x = web::Object();
    x.set("label", Kinds().label(k.kind, lang));
    x.set("count", std::to_string(k.count));
    x.set("registered", std::to_string(k.registered));
    x.set("attended", std::to_string(k.attended));
    kinds.push_back(x);
    kind_bars.push_back({Kinds().label(k.kind, lang), k.attended, std::nullopt});
  }
  d.set("kinds", kinds);
  d.set("kind_chart", web::BarChart(kind_bars, T(lang, "events.by_kind")));
  Data groups = web::List();
  groups.push_back(BreakdownGroup(T(lang, "events.by_profession"), s.by_profession));
  groups.push_back(BreakdownGroup(T(lang, "events.by_organization_kind"), s.by_organization_kind));
  groups.push_back(BreakdownGroup(T(lang, "events.by_municipality"), s.by_municipality));
  d.set("groups", groups);
  return d;
}

web::Data VenuesPageData(const std::vector<store::Venue>& venues, const http::Params& q, const std::string& lang) {
  Data d = web::Object();
  Data rows = web::List();
  for (const auto& v : venues) {
    Data x = web::Object();
    x.set("name", v.name);
    x.set("address", v.address);
    x.set("capacity", v.capacity ? std::to_string(*v.capacity) : "");
    rows.push_back(x);
  }
  d.set("rows", rows);
  web::SetKnownMessage(d, "error", q.value("error"), {"bad_venue", "bad_number"}, "events.error.", lang);
  return d;
}

web::Data FormPageData(const EventFormScreen& f, const std::string& lang) {
  Data d = EventForm(f, lang);
  d.set("action", f.id.empty() ? std::string("/admin/events") : "/admin/events/" + f.id);
  d.set("heading", f.id.empty() ? T(lang, "events.new_title") : f.input.title);
  return d;
}

web::Data StaffEventData(const StaffEventScreen& s, const std::string& evaluation_url, const http::Params& q, const std::string& lang) {
  const auto& e = s.row.event;
  Data d = EventForm(s.form, lang);
  d.set("action", "/admin/events/" + e.id);
  d.set("heading", e.title);
  d.set("edit", true);
  d.set("id", e.id);
  d.set("card", EventCard(s.row, Place(s.row, false), lang));
  Data rows = web::List();
  for (const auto& r : s.registrations) rows.push_back(RegistrationRow(r, lang));
  d.set("registrations", rows);
  d.set("no_registrations", s.registrations.empty());
  d.set("evaluation_url", evaluation_url);
  d.set("evaluation_qr", security::QrSvg(evaluation_url));
  if (s.evaluations) SetEvaluations(d, *s.evaluations, lang);
  d.set("files", web::AttachmentRows(s.files));
  web::SetKnownMessage(d, "notice", q.value("notice"), {"created", "updated", "material"}, "events.notice_", lang);
  if (q.value("error") == "file") d.set("file_error", T(lang, "events.error.file"));
  return d;
}

web::Data CheckinPageData(const CheckinScreen& s, const http::Params& q, const std::string& lang) {
  Data d = web::Object();
  d.set("id", s.row.event.id);
  d.set("title", s.row.event.title);
  d.set("q", s.q);
  Data rows = web::List();
  for (const auto& r : s.shown) rows.push_back(RegistrationRow(r, lang));
  d.set("rows", rows);
  d.set("attended", std::to_string(s.attended));
  d.set("expected", std::to_string(s.expected));
  d.set("towns", web::Choices(web::ChoicesOf(Towns(), lang), ""));
  d.set("professions_choices", web::Choices(web::ChoicesOf(Professions(), lang), ""));
  if (auto n = q.value("done"); !n.empty()) d.set("notice", n == "in" ? T(lang, "events.checked_in") : T(lang, "events.walk_in_added"));
  return d;
}

// ---- JSON ----

boost::json::object EventJson(const EventRow& r) {
  const auto& e = r.event;
  const auto& c = r.counts;
  boost::json::array lecturers;
  for (const auto& l : e.lecturers) lecturers.push_back({{"name", l.name}, {"affiliation", l.affiliation}});
  boost::json::array scenes(e.scenes.begin(), e.scenes.end()), professions(e.target_professions.begin(), e.target_professions.end());
  return {{"id", e.id},
          {"title", e.title},
          {"kind", e.kind},
          {"starts_at", clock::IsoToTokyoOffset(e.starts_at)},
          {"ends_at", clock::IsoToTokyoOffset(e.ends_at)},
          {"fiscal_year", e.fiscal_year},
          {"venue", e.venue_id.empty() ? boost::json::value(nullptr) : boost::json::value(e.venue_id)},
          {"venue_note", e.venue_note},
          {"organizer", e.organizer},
          {"capacity", e.capacity ? boost::json::value(*e.capacity) : boost::json::value(nullptr)},
          {"program_item", e.program_item},
          {"scenes", scenes},
          {"target_professions", professions},
          {"lecturers", lecturers},
          {"description", e.description},
          {"status", e.status},
          {"registered", c.registered},
          {"waitlisted", c.waitlisted},
          {"attended", c.attended}};
}

boost::json::object YearJson(const std::vector<EventRow>& rows, int fiscal_year) {
  boost::json::array items;
  for (const auto& r : rows) items.push_back(EventJson(r));
  return {{"fiscal_year", fiscal_year}, {"items", items}};
}

boost::json::object SummaryJson(const YearSummary& s) {
  boost::json::array kinds;
  for (const auto& k : s.by_kind)
    kinds.push_back({{"kind", k.kind}, {"label", k.label}, {"count", k.count}, {"registered", k.registered}, {"attended", k.attended}});
  auto rows = [](const std::vector<Breakdown>& v) {
    boost::json::array a;
    for (const auto& b : v) a.push_back({{"code", b.code}, {"label", b.label}, {"registered", b.registered}, {"attended", b.attended}});
    return a;
  };
  boost::json::array each;
  for (const auto& [e, c] : s.rows)
    each.push_back({{"id", e.id},
                    {"title", e.title},
                    {"kind", e.kind},
                    {"starts_at", clock::IsoToTokyoOffset(e.starts_at)},
                    {"registered", c.registered},
                    {"attended", c.attended}});
  return {{"fiscal_year", s.fiscal_year},
          {"events", s.events},
          {"registered", s.registered},
          {"attended", s.attended},
          {"by_kind", kinds},
          {"by_profession", rows(s.by_profession)},
          {"by_organization_kind", rows(s.by_organization_kind)},
          {"by_municipality", rows(s.by_municipality)},
          {"items", each}};
}

boost::json::object RegistrationsJson(const std::vector<Registration>& list) {
  boost::json::array items;
  for (const auto& r : list)
    items.push_back({{"id", r.id},
                     {"reference", r.reference},
                     {"name", r.name},
                     {"organization", r.organization},
                     {"organization_kind", r.organization_kind},
                     {"profession", r.profession},
                     {"municipality", r.municipality},
                     {"email", r.email},
                     {"phone", r.phone},
                     {"status", r.status},
                     {"attended", r.attended},
                     {"walk_in", r.walk_in},
                     {"created_at", clock::IsoToTokyoOffset(r.created_at)}});
  return {{"items", items}};
}

boost::json::object RegisteredJson(const RegistrationResult& r, const std::string& cancel_url) {
  return {
      {"id", r.registration.id}, {"reference", r.registration.reference}, {"status", r.registration.status}, {"cancel_url", cancel_url}};
}

}  // namespace renkei::events::views
