#include "modules/outreach/views.hpp"

#include <map>

#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "platform/web/charts.hpp"
#include "platform/web/forms.hpp"
#include "platform/web/i18n.hpp"

namespace renkei::outreach::views {
namespace {

using web::Data;
using web::T;

Data ActivityRow(const Activity& a, const std::string& lang) {
  Data x = web::Object();
  x.set("id", a.id);
  x.set("kind", Kinds().label(a.kind, lang));
  x.set("area", Areas().label(a.municipality, lang));
  x.set("date", core::DateLabel(a.date));
  x.set("reach", std::to_string(a.reach));
  if (!a.place.empty()) x.set("place", a.place);
  if (!a.topic.empty()) x.set("topic", a.topic);
  if (!a.audience.empty()) x.set("audience", a.audience);
  x.set("acp", a.acp);
  x.set("public", a.is_public);
  return x;
}

Data RequestRow(const Request& r, const std::vector<web::Choice>& lecturers, const std::map<std::string, std::string>& names,
                const std::string& lang) {
  Data x = web::Object();
  x.set("rid", r.id);
  x.set("reference", r.reference);
  x.set("group_name", r.group_name);
  x.set("contact", r.contact_name + (r.phone.empty() ? "" : " " + r.phone) + (r.email.empty() ? "" : " " + r.email));
  x.set("town", core::ResidentTowns().label(r.municipality, lang));
  if (!r.preferred.empty()) x.set("preferred", r.preferred);
  if (!r.topic.empty()) x.set("topic", r.topic);
  if (r.audience_size) x.set("audience_size", std::to_string(*r.audience_size));
  x.set("status", RequestStatuses().label(r.status, lang));
  x.set("is_new", r.status == "new");
  x.set("is_assigned", r.status == "assigned");
  if (!r.lecturer_id.empty()) {
    auto it = names.find(r.lecturer_id);
    x.set("lecturer", it != names.end() ? it->second : r.lecturer_id);
  }
  x.set("lecturer_choices", web::Choices(lecturers, r.lecturer_id));
  if (!r.staff_note.empty()) x.set("staff_note", r.staff_note);
  return x;
}

}  // namespace

web::Data AcpPageData(const std::vector<Activity>& upcoming, const std::string& lang) {
  Data d = web::Object();
  Data rows = web::List();
  for (const auto& a : upcoming) rows.push_back(ActivityRow(a, lang));
  d.set("upcoming", rows);
  d.set("none", upcoming.empty());
  return d;
}

web::Data RequestFormData(const RequestInput& in, const std::vector<FieldError>& errors, const std::string& lang) {
  Data d = web::Object();
  d.set("group_name", in.group_name);
  d.set("contact_name", in.contact_name);
  d.set("phone", in.phone);
  d.set("email", in.email);
  d.set("preferred", in.preferred);
  d.set("topic", in.topic);
  d.set("audience_size", in.audience_size && *in.audience_size >= 0 ? std::to_string(*in.audience_size) : "");
  d.set("towns", web::Choices(web::ChoicesOf(core::ResidentTowns(), lang), in.municipality));
  d.set("errors", web::FieldErrorList(lang, "outreach", errors));
  d.set("has_errors", !errors.empty());
  return d;
}

web::Data ListPageData(const Summary& s, const web::Data& years, const http::Params& q, const std::string& lang) {
  Data d = web::Object();
  d.set("years", years);
  d.set("fy", std::to_string(s.fiscal_year));
  d.set("fiscal_year", core::FormatFiscalYear(s.fiscal_year));
  d.set("activities", std::to_string(s.activities));
  d.set("reach", std::to_string(s.reach));
  d.set("acp_reach", std::to_string(s.acp_reach));
  Data rows = web::List();
  for (const auto& a : s.rows) rows.push_back(ActivityRow(a, lang));
  d.set("rows", rows);
  d.set("none", s.rows.empty());
  Data kinds = web::List();
  std::vector<web::Bar> bars;
  for (const auto& k : s.by_kind) {
    if (k.count == 0) continue;
    Data x = web::Object();
    x.set("label", Kinds().label(k.kind, lang));
    x.set("count", std::to_string(k.count));
    x.set("reach", std::to_string(k.reach));
    kinds.push_back(x);
    bars.push_back({Kinds().label(k.kind, lang), k.reach, std::nullopt});
  }
  d.set("kinds", kinds);
  d.set("chart", web::BarChart(bars, T(lang, "outreach.reach")));
  if (auto n = q.value("notice"); n == "created" || n == "updated") d.set("notice", T(lang, "outreach.notice_" + n));
  return d;
}

web::Data FormPageData(const ActivityFormScreen& f, const http::Params& q, const std::string& lang) {
  const ActivityInput& in = f.input;
  Data d = web::Object();
  d.set("kinds", web::Choices(web::ChoicesOf(Kinds(), lang), in.kind));
  d.set("areas", web::Choices(web::ChoicesOf(Areas(), lang), in.municipality.empty() ? "region" : in.municipality));
  d.set("date", in.date);
  d.set("place", in.place);
  d.set("audience", in.audience);
  d.set("topic", in.topic);
  d.set("notes", in.notes);
  d.set("reach", in.reach && *in.reach >= 0 ? std::to_string(*in.reach) : "");
  d.set("acp", in.acp);
  d.set("public", in.is_public);
  std::vector<web::Choice> scenes;
  for (const auto& s : core::AllScenes()) scenes.push_back({s.code, s.label});
  d.set("scenes", web::Choices(scenes, in.scenes));
  std::vector<web::Choice> lecturers;
  lecturers.reserve(f.lecturers.size());
  for (const auto& l : f.lecturers) lecturers.push_back({l.id, l.name + (l.affiliation.empty() ? "" : "（" + l.affiliation + "）")});
  d.set("lecturers", web::Choices(lecturers, in.lecturer_id));
  d.set("errors", web::FieldErrorList(lang, "outreach", f.errors));
  d.set("has_errors", !f.errors.empty());
  const bool edit = !f.id.empty();
  d.set("action", edit ? "/admin/outreach/" + f.id : std::string("/admin/outreach"));
  d.set("heading", T(lang, edit ? "outreach.edit_title" : "outreach.new_title"));
  if (edit) {
    d.set("id", f.id);
    d.set("edit", true);
    d.set("files", web::AttachmentRows(f.files));
    if (q.value("error") == "file") d.set("file_error", T(lang, "outreach.error.file"));
    if (q.value("notice") == "file") d.set("notice", T(lang, "outreach.notice_file"));
  }
  return d;
}

web::Data LecturersPageData(const std::vector<Lecturer>& lecturers, const http::Params& q, const std::string& lang) {
  Data d = web::Object();
  Data rows = web::List();
  for (const auto& l : lecturers) {
    Data x = web::Object();
    x.set("lid", l.id);
    x.set("name", l.name);
    x.set("profession", l.profession);
    x.set("affiliation", l.affiliation);
    x.set("topics", l.topics);
    x.set("availability", l.availability);
    x.set("active", l.active);
    rows.push_back(x);
  }
  d.set("rows", rows);
  if (q.value("error") == "name") d.set("error", T(lang, "outreach.error.lecturer_name"));
  return d;
}

web::Data RequestsPageData(const RequestsScreen& s, const http::Params& q, const std::string& lang, const std::string& today) {
  std::vector<web::Choice> lecturers;
  std::map<std::string, std::string> names;
  for (const auto& l : s.lecturers) {
    lecturers.push_back({l.id, l.name + "（" + l.topics + "）"});
    names[l.id] = l.name;
  }
  Data d = web::Object();
  Data rows = web::List();
  for (const auto& r : s.requests) rows.push_back(RequestRow(r, lecturers, names, lang));
  d.set("rows", rows);
  d.set("none", s.requests.empty());
  d.set("today", today);
  web::SetKnownMessage(d, "error", q.value("error"),
                       {"already_held", "bad_date", "bad_number", "invalid", "no_lecturer", "not_assigned", "too_long", "unknown_code"},
                       "outreach.error.", lang);
  return d;
}

boost::json::object ActivityJson(const Activity& a) {
  boost::json::array scenes;
  for (const auto& s : a.scenes) scenes.emplace_back(s);
  return {{"id", a.id},
          {"kind", a.kind},
          {"municipality", a.municipality},
          {"date", a.date},
          {"fiscal_year", a.fiscal_year},
          {"place", a.place},
          {"audience", a.audience},
          {"reach", a.reach},
          {"topic", a.topic},
          {"acp", a.acp},
          {"public", a.is_public},
          {"scenes", scenes},
          {"notes", a.notes}};
}

boost::json::object YearJson(const std::vector<Activity>& list, int fiscal_year) {
  boost::json::array items;
  for (const auto& a : list) items.push_back(ActivityJson(a));
  return {{"fiscal_year", fiscal_year}, {"items", items}};
}

boost::json::object SummaryJson(const Summary& s) {
  auto rows = [](const std::vector<KindRow>& v, const char* key) {
    boost::json::array a;
    for (const auto& k : v) a.push_back({{key, k.kind}, {"label", k.label}, {"count", k.count}, {"reach", k.reach}});
    return a;
  };
  return {
      {"fiscal_year", s.fiscal_year}, {"activities", s.activities},         {"reach", s.reach},
      {"acp_reach", s.acp_reach},     {"by_kind", rows(s.by_kind, "kind")}, {"by_municipality", rows(s.by_municipality, "municipality")}};
}

}  // namespace renkei::outreach::views
