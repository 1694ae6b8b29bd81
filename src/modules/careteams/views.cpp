#include "modules/careteams/views.hpp"

#include <algorithm>

#include <boost/json/array.hpp>

#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "platform/clock.hpp"
#include "platform/http/parse.hpp"
#include "platform/text/utf8.hpp"
#include "platform/web/charts.hpp"
#include "platform/web/forms.hpp"
#include "platform/web/i18n.hpp"

namespace renkei::careteams::views {
namespace {

using core::ProfessionLabel;
using web::Data;
using web::SetIf;
using web::T;

std::string When(const std::string& iso) { return clock::IsoToTokyoMinute(iso); }

std::string Unit(const std::string& vital) {
  for (const auto& v : VitalSigns())
    if (vital == v.name) return v.unit;
  return "";
}

// The label of one field's value: a code's label, a vital sign with its unit, a date as 和暦, or the text.
std::string ValueLabel(const std::string& kind, const std::string& field, const std::string& value, const std::string& lang) {
  for (const auto& f : FieldsOf(kind))
    if (field == f.name && f.choices) return f.choices->label(value, lang);
  if (kind == "vitals") return value + " " + Unit(field);
  if (IsDateField(field)) return core::DateLabel(value, false);
  return value;
}

Data FieldRows(const std::string& kind, const std::vector<std::pair<std::string, std::string>>& fields, const std::string& lang) {
  Data rows = web::List();
  for (const auto& [name, value] : fields) {
    Data x = web::Object();
    x.set("label", T(lang, "careteams.field." + name));
    x.set("value", ValueLabel(kind, name, value, lang));
    rows.push_back(x);
  }
  return rows;
}

// 「120/70 mmHg・脈 72・SpO2 97%・36.8℃」: a reading on one line.
std::string VitalsLine(const std::vector<std::pair<std::string, std::string>>& f, const std::string& lang) {
  std::string out;
  auto add = [&](std::string part) {
    out += (out.empty() ? "" : "・") + std::move(part);
  };
  if (!FieldValue(f, "systolic").empty()) add(FieldValue(f, "systolic") + "/" + FieldValue(f, "diastolic") + " mmHg");
  for (const char* name : {"pulse", "spo2", "temperature", "weight"})
    if (!FieldValue(f, name).empty()) add(T(lang, std::string("careteams.short.") + name) + " " + FieldValue(f, name) + Unit(name));
  return out;
}

Data FileRows(const std::vector<store::File>& files) {
  Data list = web::List();
  for (const auto& f : files) {
    Data x = web::Object();
    x.set("fid", f.id);
    x.set("fname", f.name);
    x.set("fsize", web::SizeLabel(f.size));
    if (f.kind == "image") {
      x.set("image", true);
      // The thumbnail's box, so the timeline does not jump as pictures arrive.
      int w = f.width, h = f.height, side = 320;
      if (w > 0 && h > 0 && (w > side || h > side)) (w >= h) ? (h = h * side / w, w = side) : (w = w * side / h, h = side);
      x.set("tw", std::to_string(w));
      x.set("th", std::to_string(h));
    }
    list.push_back(x);
  }
  return list;
}

Data PostRow(const PostView& v, const std::string& lang) {
  const auto& p = v.post;
  Data x = web::Object();
  x.set("pid", p.id);
  x.set("kind", p.kind);
  x.set("kind_label", PostKinds().label(p.kind, lang));
  x.set("author", p.author_name);
  x.set("profession", ProfessionLabel(p.author_profession));
  x.set("at", When(p.created_at));
  x.set("at_iso", p.created_at);
  if (!p.body.empty()) x.set("body", p.body);
  if (p.kind == "vitals")
    x.set("vitals_line", VitalsLine(v.fields, lang));
  else if (!v.fields.empty()) {
    x.set("has_fields", true);
    x.set("fields", FieldRows(p.kind, v.fields, lang));
  }
  Data who = web::List();
  for (const auto& c : v.confirmations) {
    Data y = web::Object();
    y.set("name", c.display_name);
    y.set("at", When(c.at));
    who.push_back(y);
  }
  x.set("confirmations", who);
  x.set("files", FileRows(v.files));
  if (!v.files.empty()) x.set("has_files", true);
  x.set("confirmed_count", std::to_string(v.confirmations.size()));
  if (!v.confirmations.empty()) x.set("any_confirmed", true);
  if (!v.mine && !v.confirmed_by_me) x.set("can_confirm", true);
  if (v.confirmed_by_me) x.set("confirmed_by_me", true);
  return x;
}

// Three small charts of the readings in order: blood pressure and pulse, SpO2, temperature.
Data VitalCharts(const std::vector<PostView>& vitals, const std::string& lang) {
  Data charts = web::List();
  if (vitals.size() < 2) return charts;
  struct Chart {
    const char* title;
    std::vector<const char*> names;
    double floor;
  };
  const Chart kCharts[] = {{"careteams.chart.pressure", {"systolic", "diastolic", "pulse"}, 40},
                           {"careteams.chart.spo2", {"spo2"}, 80},
                           {"careteams.chart.temperature", {"temperature"}, 35}};
  std::vector<std::string> labels;
  labels.reserve(vitals.size());
  for (const auto& v : vitals) labels.push_back(When(v.post.created_at).substr(5, 5));
  web::LineAxis axis{.label = [labels](int i) { return i >= 0 && i < static_cast<int>(labels.size()) ? labels[i] : ""; },
                     .label_every = std::max(1, static_cast<int>(labels.size()) / 6),
                     .floor = 0};
  for (const auto& c : kCharts) {
    std::vector<web::Series> series;
    for (const char* name : c.names) {
      web::Series s{T(lang, std::string("careteams.field.") + name), {}};
      for (size_t i = 0; i < vitals.size(); ++i)
        if (auto value = FieldValue(vitals[i].fields, name); !value.empty()) s.points.emplace_back(static_cast<int>(i), std::stod(value));
      if (s.points.size() >= 2) series.push_back(std::move(s));
    }
    if (series.empty()) continue;
    axis.floor = c.floor;
    Data x = web::Object();
    x.set("svg", web::LineChart(series, T(lang, c.title), axis));
    x.set("title", T(lang, c.title));
    charts.push_back(x);
  }
  return charts;
}

Data PlaceRows(const std::vector<PlaceView>& places, const std::string& lang) {
  Data rows = web::List();
  for (const auto& p : places) {
    if (p.facility_id.empty()) continue;
    Data x = web::Object();
    x.set("label", T(lang, p.label_key));
    x.set("facility_id", p.facility_id);
    x.set("name", p.name.empty() ? T(lang, "careteams.facility_gone") : p.name);
    if (!p.phone.empty()) x.set("phone", p.phone);
    rows.push_back(x);
  }
  return rows;
}

Data MemberRows(const std::vector<store::Member>& members, const std::string& me, const std::string& lang) {
  Data rows = web::List();
  for (const auto& m : members) {
    Data x = web::Object();
    x.set("uid", m.user_id);
    x.set("name", m.display_name);
    x.set("profession", ProfessionLabel(m.profession));
    x.set("status_label", T(lang, "careteams.member." + m.status));
    if (m.status == "invited") x.set("invited", true);
    if (m.user_id == me) x.set("me", true);
    x.set("since", When(m.status == "active" ? m.joined_at : m.invited_at));
    rows.push_back(x);
  }
  return rows;
}

std::string AgeLabel(const std::string& birth, const std::string& today, const std::string& lang) {
  int age = AgeOn(birth, today);
  if (age < 0) return "";
  return std::to_string(age) + T(lang, "careteams.age_unit");
}

// The record's facts for the patient page and the summary.
void SetRecord(Data& d, const Patient& p, const std::vector<PlaceView>& places, const std::string& today, const std::string& lang) {
  d.set("birth", p.birth_date.empty() ? "" : core::DateLabel(p.birth_date, false));
  SetIf(d, "age", AgeLabel(p.birth_date, today, lang));
  d.set("sex", core::Sexes().label(p.sex, lang));
  d.set("town", core::ResidentTowns().label(p.municipality, lang));
  d.set("address", p.address);
  SetIf(d, "phone", p.phone);
  d.set("insured_number", p.insured_number);
  std::string period;
  if (!p.care_level_from.empty() || !p.care_level_to.empty())
    period = core::DateLabel(p.care_level_from, false) + "〜" + core::DateLabel(p.care_level_to, false);
  d.set("care_level", core::CareLevels().label(p.care_level, lang));
  SetIf(d, "care_period", period);
  d.set("key_person", p.key_person);
  d.set("emergency_contacts", p.emergency_contacts);
  d.set("diseases", p.diseases);
  d.set("medicines", p.medicines);
  SetIf(d, "allergies", p.allergies);
  d.set("end_of_life_plan", p.end_of_life_plan);
  Data devices = web::List();
  for (const auto& code : p.devices) devices.push_back(Data(Devices().label(code, lang)));
  d.set("devices", devices);
  if (!p.devices.empty()) d.set("has_devices", true);
  d.set("places", PlaceRows(places, lang));
}

// One form per kind of entry, each with its fields (codes as <select>s); what was sent comes back.
Data EntryForms(const PostInput& sent, const std::string& lang) {
  Data forms = web::List();
  for (const auto& k : PostKinds().codes) {
    std::string kind = k.code;
    Data x = web::Object();
    x.set("kind", kind);
    x.set("label", lang == "en" ? k.en : k.ja);
    if (kind == (sent.kind.empty() ? "note" : sent.kind)) x.set("open", true);
    Data fields = web::List();
    for (const auto& f : FieldsOf(kind)) {
      Data y = web::Object();
      std::string name = f.name;
      std::string value = sent.kind == kind ? FieldValue(sent.fields, name) : "";
      y.set("name", name);
      y.set("label", T(lang, "careteams.field." + name) + (kind == "vitals" ? "（" + Unit(name) + "）" : ""));
      y.set("value", value);
      if (f.required) y.set("required", true);
      if (f.choices) {
        y.set("select", true);
        y.set("choices", web::Choices(web::ChoicesOf(*f.choices, lang), value));
      }
      if (IsDateField(name)) y.set("date", true);
      if (kind == "vitals") y.set("numeric", true);
      fields.push_back(y);
    }
    x.set("fields", fields);
    x.set("body", sent.kind == kind ? sent.body : "");
    forms.push_back(x);
  }
  return forms;
}

Data KindFilter(const std::string& chosen, const std::string& lang) {
  Data list = web::List();
  Data all = web::Object();
  all.set("label", T(lang, "careteams.all_kinds"));
  if (chosen.empty()) all.set("selected", true);
  list.push_back(all);
  for (const auto& k : PostKinds().codes) {
    Data x = web::Object();
    x.set("code", k.code);
    x.set("label", lang == "en" ? k.en : k.ja);
    if (chosen == k.code) x.set("selected", true);
    list.push_back(x);
  }
  return list;
}

// Who looked, by the names members know each other by (a login for anyone no longer on the team),
// and through which screen.
Data AccessRows(const std::vector<AccessRow>& rows, const std::vector<store::Member>& members, const std::string& lang) {
  Data list = web::List();
  for (const auto& r : rows) {
    Data x = web::Object();
    x.set("at", When(r.at));
    std::string who = r.actor;
    for (const auto& m : members)
      if (m.login == r.actor) who = m.display_name;
    x.set("actor", who);
    std::string use = r.detail.substr(0, r.detail.find(','));
    std::string label = T(lang, "careteams.use." + (use == "edit form" ? std::string("edit") : use));
    if (r.detail.find("name only") != std::string::npos) label += T(lang, "careteams.use.name_only");
    x.set("detail", label);
    list.push_back(x);
  }
  return list;
}

Data TaskRows(const std::vector<store::Task>& tasks, const std::string& today) {
  Data rows = web::List();
  for (const auto& t : tasks) {
    Data x = web::Object();
    x.set("tid", t.id);
    x.set("pid", t.patient_id);
    x.set("patient", t.patient_name);
    x.set("title", t.title);
    x.set("owner", t.owner_name);
    if (!t.due_date.empty()) x.set("due", core::DateLabel(t.due_date, true));
    if (t.done_at.empty() && !t.due_date.empty() && t.due_date < today) x.set("overdue", true);
    if (!t.done_at.empty()) {
      x.set("done", true);
      x.set("done_at", When(t.done_at));
    }
    rows.push_back(x);
  }
  return rows;
}

Data OwnerChoices(const std::vector<store::Member>& members, const std::string& me) {
  std::vector<web::Choice> choices;
  for (const auto& m : members)
    if (m.status == "active") choices.push_back({m.user_id, m.display_name});
  return web::Choices(choices, me);
}

// "長女 本庄花子 090-0000-0000" → (the name part, the phone) when the line ends with a phone number.
std::pair<std::string, std::string> SplitContact(const std::string& line) {
  size_t cut = line.find_last_of(' ');
  if (cut == std::string::npos) return {line, ""};
  std::string tail = line.substr(cut + 1);
  bool phone = !tail.empty() && tail.find_first_not_of("0123456789-") == std::string::npos;
  if (!phone) return {line, ""};
  return {line.substr(0, cut), tail};
}

// わたしの連絡先カード filled in from the record: the fields of the public card maker (/card), which prints
// it and stores nothing. Providers go by their directory ids, so the card takes the directory's names.
Data CardFields(const Patient& p, const std::string& today, const std::string& lang) {
  std::vector<std::pair<std::string, std::string>> f = {
      {"name", p.name},
      {"kana", p.kana},
      {"birth_date", p.birth_date.empty() ? "" : core::DateLabel(p.birth_date, false)},
      {"address", p.address},
      {"phone", p.phone},
      {"care_level", p.care_level == "unknown" ? "" : core::CareLevels().label(p.care_level, lang)},
      {"illnesses", p.diseases},
      {"medicines", p.medicines},
      {"allergies", p.allergies},
      {"written_on", core::DateLabel(today, false)},
      {"doctor_facility", p.clinic_id},
      {"hospital_facility", p.hospital_id},
      {"care_manager_facility", p.care_office_id},
      {"nurse_facility", p.nursing_id}};
  std::string lines = p.emergency_contacts;
  for (int i = 1; i <= 2 && !lines.empty(); ++i) {
    std::string line = lines.substr(0, lines.find('\n'));
    lines = lines.find('\n') == std::string::npos ? "" : lines.substr(lines.find('\n') + 1);
    auto [name, phone] = SplitContact(line);
    f.emplace_back("contact" + std::to_string(i) + "_name", name);
    f.emplace_back("contact" + std::to_string(i) + "_phone", phone);
  }
  Data out = web::List();
  for (const auto& [field, value] : f) {
    if (value.empty()) continue;
    Data x = web::Object();
    x.set("field", field);
    x.set("value", value);
    out.push_back(x);
  }
  return out;
}

}  // namespace

web::Data HomeTaskRows(const std::vector<store::Task>& tasks, const std::string& today) { return TaskRows(tasks, today); }

web::Data HomeNotificationRows(const std::vector<store::Notification>& list, const std::string& lang) {
  Data rows = web::List();
  for (const auto& n : list) {
    Data x = web::Object();
    x.set("pid", n.patient_id);
    x.set("patient", n.patient_name);
    x.set("anchor", n.post_id.empty() ? "" : "#p-" + n.post_id);
    x.set("what", T(lang, "careteams.notification." + n.kind));
    x.set("by", n.by_name);
    x.set("at", When(n.created_at));
    rows.push_back(x);
  }
  return rows;
}

int AgeOn(const std::string& birth_date, const std::string& today) {
  auto b = core::ParseIsoDate(birth_date);
  auto t = core::ParseIsoDate(today);
  if (!b || !t || *t < *b) return -1;
  int age = t->year - b->year;
  if (t->month < b->month || (t->month == b->month && t->day < b->day)) --age;
  return age;
}

Data TeamsData(const TeamsScreen& s, const std::string& notice, const std::string& lang) {
  Data d = web::Object();
  d.set("q", s.q);
  Data teams = web::List();
  for (const auto& t : s.teams) {
    Data x = web::Object();
    x.set("pid", t.patient_id);
    x.set("name", t.name);
    SetIf(x, "kana", t.kana);
    x.set("town", core::ResidentTowns().label(t.municipality, lang));
    x.set("activity", When(t.last_activity_at));
    if (t.unread > 0) x.set("unread", std::to_string(t.unread));
    teams.push_back(x);
  }
  d.set("teams", teams);
  if (s.teams.empty()) d.set("none", true);
  Data invitations = web::List();
  for (const auto& i : s.invitations) {
    Data x = web::Object();
    x.set("pid", i.patient_id);
    x.set("name", i.name);
    x.set("by", i.invited_by_name);
    x.set("at", When(i.invited_at));
    invitations.push_back(x);
  }
  d.set("invitations", invitations);
  if (!s.invitations.empty()) d.set("has_invitations", true);
  web::SetKnownMessage(d, "notice", notice, {"joined", "declined", "left", "digest_saved"}, "careteams.notice.", lang);
  d.set("digest_email", s.digest_email);
  if (s.mail_enabled) d.set("mail_enabled", true);
  return d;
}

Data FormData(const PatientForm& f, const std::string& lang) {
  const auto& in = f.input;
  Data d = web::Object();
  d.set("id", f.id);
  if (!f.id.empty()) d.set("editing", true);
  d.set("version", std::to_string(f.version));
  for (const auto& [key, member] : PatientTextFields()) d.set(std::string("in_") + key, in.*member);
  d.set("in_consent_date", f.consent.date);
  d.set("in_consent_by", f.consent.by);
  d.set("sex_choices", web::Choices(web::ChoicesOf(core::Sexes(), lang), in.sex.empty() ? "unknown" : in.sex));
  d.set("town_choices", web::Choices(web::ChoicesOf(core::ResidentTowns(), lang), in.municipality));
  d.set("care_choices", web::Choices(web::ChoicesOf(core::CareLevels(), lang), in.care_level.empty() ? "unknown" : in.care_level));
  d.set("device_choices", web::Choices(web::ChoicesOf(Devices(), lang), in.devices));
  d.set("consent_choices", web::Choices(web::ChoicesOf(ConsentMethods(), lang), f.consent.method.empty() ? "written" : f.consent.method));
  Data places = web::List();
  const auto& all = TeamPlaces();
  for (size_t i = 0; i < all.size(); ++i) {
    Data x = web::Object();
    x.set("field", all[i].field);
    x.set("label", T(lang, all[i].label));
    std::vector<web::Choice> choices = {{"", T(lang, "careteams.no_place")}};
    if (i < f.place_choices.size())
      for (const auto& c : f.place_choices[i]) choices.push_back({c.id, c.label});
    std::string chosen;
    for (const auto& [field, id] : in.places)
      if (field == all[i].field) chosen = id;
    x.set("choices", web::Choices(choices, chosen));
    places.push_back(x);
  }
  d.set("places", places);
  d.set("errors", web::FieldErrorList(lang, "careteams", f.errors));
  if (!f.errors.empty()) d.set("has_errors", true);
  return d;
}

Data PatientData(const PatientScreen& s, const std::string& notice, const std::string& error, const std::vector<FieldError>& post_errors,
                 const PostInput& sent, const std::string& lang) {
  const auto& p = s.patient;
  Data d = web::Object();
  d.set("id", p.id);
  d.set("name", p.name);
  SetIf(d, "kana", p.kana);
  if (!s.consented) {
    d.set("no_consent", true);
    d.set("consent_choices", web::Choices(web::ChoicesOf(ConsentMethods(), lang), "written"));
    d.set("today", s.today);
    d.set("members", MemberRows(s.members, s.my_user_id, lang));
    web::SetKnownMessage(d, "error", error, {"no_consent", "invalid"}, "careteams.error.", lang);
    return d;
  }
  SetRecord(d, p, s.places, s.today, lang);
  d.set("page_script", "teams.js");
  if (s.latest_acp) {
    d.set("acp", FieldRows("acp", s.latest_acp->fields, lang));
    d.set("acp_by", s.latest_acp->post.author_name);
    d.set("acp_pid", s.latest_acp->post.id);
  }
  d.set("card_fields", CardFields(p, s.today, lang));
  d.set("consent", core::DateLabel(p.consent_date, false) + "・" + ConsentMethods().label(p.consent_method, lang) + "・" + p.consent_by);
  Data posts = web::List();
  for (const auto& v : s.posts) {
    Data row = PostRow(v, lang);
    // A reply names what it answers: its author and the start of its text, when that post is on the page.
    if (!v.post.reply_to.empty()) {
      row.set("is_reply", true);
      for (const auto& parent : s.posts)
        if (parent.post.id == v.post.reply_to) {
          row.set("reply_author", parent.post.author_name);
          row.set("reply_excerpt",
                  text::Utf8Excerpt(parent.post.body.empty() ? PostKinds().label(parent.post.kind, lang) : parent.post.body, 30));
          row.set("reply_pid", parent.post.id);
        }
    }
    posts.push_back(row);
  }
  d.set("posts", posts);
  if (s.posts.empty()) d.set("no_posts", true);
  d.set("charts", VitalCharts(s.vitals, lang));
  if (!s.vitals.empty())
    d.set("last_vitals", VitalsLine(s.vitals.back().fields, lang) + "（" + When(s.vitals.back().post.created_at) + "）");
  d.set("kinds", KindFilter(s.kind, lang));
  d.set("q", s.q);
  SetIf(d, "kind", s.kind);
  d.set("entry_forms", EntryForms(sent, lang));
  d.set("post_errors", web::FieldErrorList(lang, "careteams", post_errors));
  if (!post_errors.empty()) d.set("has_post_errors", true);
  d.set("members", MemberRows(s.members, s.my_user_id, lang));
  d.set("access", AccessRows(s.access, s.members, lang));
  d.set("tasks", TaskRows(s.tasks, s.today));
  if (s.tasks.empty()) d.set("no_tasks", true);
  d.set("owner_choices", OwnerChoices(s.members, s.my_user_id));
  Data recipients = web::List();
  for (const auto& m : s.members)
    if (m.status == "active" && m.user_id != s.my_user_id) {
      Data x = web::Object();
      x.set("rid", m.user_id);
      x.set("rname", m.display_name);
      if (std::find(sent.to.begin(), sent.to.end(), m.user_id) != sent.to.end()) x.set("rchecked", true);
      recipients.push_back(x);
    }
  d.set("recipients", recipients);
  web::SetKnownMessage(d, "notice", notice,
                       {"created", "posted", "confirmed", "invited", "removed", "updated", "consented", "task_added", "task_done"},
                       "careteams.notice.", lang);
  web::SetKnownMessage(
      d, "error", error,
      {"last_member", "already_member", "no_person", "invalid", "task_title", "task_owner", "bad_date", "stale", "no_consent"},
      "careteams.error.", lang);
  return d;
}

Data InviteData(const InviteScreen& s, const std::string& lang) {
  Data d = web::Object();
  d.set("id", s.patient_id);
  d.set("name", s.patient_name);
  d.set("facility_q", s.facility_q);
  d.set("facility_q_url", http::PercentEncode(s.facility_q));
  Data facilities = web::List();
  for (const auto& f : s.facilities) {
    Data x = web::Object();
    x.set("fid", f.id);
    x.set("label", f.label);
    facilities.push_back(x);
  }
  d.set("facilities", facilities);
  if (!s.facility_q.empty() && s.facilities.empty()) d.set("no_facilities", true);
  SetIf(d, "facility_id", s.facility_id);
  d.set("facility_name", s.facility_name);
  Data people = web::List();
  for (const auto& c : s.people) {
    Data x = web::Object();
    x.set("uid", c.person.user_id);
    x.set("name", c.person.display_name);
    x.set("profession", ProfessionLabel(c.person.profession));
    if (!c.status.empty()) x.set("status_label", T(lang, "careteams.member." + c.status));
    people.push_back(x);
  }
  d.set("people", people);
  if (!s.facility_id.empty() && s.people.empty()) d.set("no_people", true);
  return d;
}

Data SummaryData(const SummaryScreen& s, const std::string& region_name, const std::string& printed_at, const std::string& lang) {
  Data d = web::Object();
  const auto& p = s.patient;
  d.set("id", p.id);
  d.set("name", p.name);
  SetIf(d, "kana", p.kana);
  SetRecord(d, p, s.places, s.today, lang);
  d.set("members", MemberRows(s.members, "", lang));
  if (!s.latest_vitals.empty()) d.set("vitals", VitalsLine(s.latest_vitals, lang) + "（" + When(s.latest_vitals_at) + "）");
  if (!s.latest_acp.empty()) d.set("acp", FieldRows("acp", s.latest_acp, lang));
  SetIf(d, "acp_body", s.latest_acp_body);
  d.set("region", region_name);
  d.set("printed_at", printed_at);
  return d;
}

boost::json::object TeamsJson(const TeamsScreen& s) {
  boost::json::array teams;
  for (const auto& t : s.teams)
    teams.push_back({{"id", t.patient_id},
                     {"name", t.name},
                     {"kana", t.kana},
                     {"municipality", t.municipality},
                     {"last_activity_at", t.last_activity_at},
                     {"unread", t.unread}});
  boost::json::array invitations;
  for (const auto& i : s.invitations)
    invitations.push_back({{"id", i.patient_id}, {"name", i.name}, {"invited_by", i.invited_by_name}, {"invited_at", i.invited_at}});
  return {{"teams", teams}, {"invitations", invitations}, {"digest_email", s.digest_email}};
}

namespace {

boost::json::object PostJson(const std::string& patient_id, const PostView& v) {
  boost::json::object fields;
  for (const auto& [k, val] : v.fields) fields[k] = val;
  boost::json::array confirmed;
  for (const auto& c : v.confirmations) confirmed.push_back({{"user_id", c.user_id}, {"name", c.display_name}, {"at", c.at}});
  boost::json::array files;
  for (const auto& f : v.files) {
    boost::json::object x{
        {"id", f.id},     {"kind", f.kind},   {"name", f.name},     {"content_type", f.content_type},
        {"size", f.size}, {"width", f.width}, {"height", f.height}, {"url", "/api/v1/teams/" + patient_id + "/files/" + f.id}};
    if (!f.thumb_blob.empty()) x["thumbnail_url"] = "/teams/" + patient_id + "/files/" + f.id + "/thumb";
    files.push_back(std::move(x));
  }
  return {{"id", v.post.id},
          {"kind", v.post.kind},
          {"body", v.post.body},
          {"fields", fields},
          {"author_id", v.post.author_id},
          {"author", v.post.author_name},
          {"created_at", v.post.created_at},
          {"reply_to", v.post.reply_to.empty() ? boost::json::value(nullptr) : boost::json::value(v.post.reply_to)},
          {"confirmations", confirmed},
          {"files", files}};
}

}  // namespace

boost::json::object PatientJson(const PatientScreen& s) {
  const auto& p = s.patient;
  boost::json::object o{{"id", p.id}, {"name", p.name}, {"kana", p.kana}, {"consented", s.consented}};
  boost::json::array members;
  for (const auto& m : s.members)
    members.push_back({{"user_id", m.user_id}, {"name", m.display_name}, {"profession", m.profession}, {"status", m.status}});
  o["members"] = members;
  if (!s.consented) return o;
  for (const auto& [k, v] : std::initializer_list<std::pair<const char*, const std::string*>>{{"birth_date", &p.birth_date},
                                                                                              {"sex", &p.sex},
                                                                                              {"municipality", &p.municipality},
                                                                                              {"address", &p.address},
                                                                                              {"phone", &p.phone},
                                                                                              {"insured_number", &p.insured_number},
                                                                                              {"care_level", &p.care_level},
                                                                                              {"care_level_from", &p.care_level_from},
                                                                                              {"care_level_to", &p.care_level_to},
                                                                                              {"key_person", &p.key_person},
                                                                                              {"emergency_contacts", &p.emergency_contacts},
                                                                                              {"diseases", &p.diseases},
                                                                                              {"medicines", &p.medicines},
                                                                                              {"allergies", &p.allergies},
                                                                                              {"end_of_life_plan", &p.end_of_life_plan},
                                                                                              {"consent_date", &p.consent_date},
                                                                                              {"consent_method", &p.consent_method},
                                                                                              {"consent_by", &p.consent_by}})
    o[k] = *v;
  o["version"] = p.version;
  boost::json::array devices;
  for (const auto& dv : p.devices) devices.emplace_back(dv);
  o["devices"] = devices;
  boost::json::object places;
  for (const auto& pl : s.places)
    places[pl.field] = pl.facility_id.empty() ? boost::json::value(nullptr) : boost::json::value(pl.facility_id);
  o["places"] = places;
  boost::json::array posts;
  for (const auto& v : s.posts) posts.push_back(PostJson(p.id, v));
  o["posts"] = posts;
  boost::json::array tasks;
  for (const auto& t : s.tasks)
    tasks.push_back({{"id", t.id},
                     {"title", t.title},
                     {"owner_id", t.owner_id},
                     {"owner", t.owner_name},
                     {"due_date", t.due_date},
                     {"done_at", t.done_at},
                     {"done_by", t.done_by}});
  o["tasks"] = tasks;
  return o;
}

}  // namespace renkei::careteams::views
