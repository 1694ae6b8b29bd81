#include "modules/events/pages.hpp"

#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "platform/clock.hpp"
#include "platform/web/forms.hpp"
#include "platform/web/i18n.hpp"

namespace renkei::events {

web::Data EventCard(const Event& e, const Counts& c, const std::string& location, const std::string& lang) {
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

void SetRegistrationForm(web::Data& d, const std::string& csrf, const RegistrationInput& in, const std::vector<FieldError>& errors,
                         const std::string& lang) {
  d.set("csrf", csrf);
  d.set("form_name", in.name);
  d.set("form_organization", in.organization);
  d.set("form_email", in.email);
  d.set("form_phone", in.phone);
  d.set("org_kinds", web::Choices(web::ChoicesOf(OrgKinds(), lang), in.organization_kind));
  d.set("professions_choices", web::Choices(web::ChoicesOf(Professions(), lang), in.profession));
  d.set("towns", web::Choices(web::ChoicesOf(Towns(), lang), in.municipality));
  web::Data errs = web::List();
  for (const auto& e : errors) {
    web::Data x = web::Object();
    x.set("field", web::Catalogue::Get().t(lang, "events.field." + e.field));
    x.set("message", web::Catalogue::Get().message(lang, e.message));
    errs.push_back(x);
  }
  d.set("errors", errs);
  d.set("has_errors", !errors.empty());
}

}  // namespace renkei::events
