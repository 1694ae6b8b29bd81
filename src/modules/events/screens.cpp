// The pages' screens: what each page shows, in one service call, so that the routes make one call and
// the views are pure functions of the result.
#include "core/wareki.hpp"
#include "modules/events/service.hpp"
#include "platform/clock.hpp"
#include "platform/text/japanese.hpp"
#include "platform/text/utf8.hpp"

namespace renkei::events {
namespace {

constexpr size_t kSearchBytes = 100;

// The form's input from a stored event (times in Tokyo, as the form shows them).
EventInput InputOf(const Event& e) {
  EventInput in;
  in.title = e.title;
  in.kind = e.kind;
  in.starts_at = clock::IsoToTokyoMinute(e.starts_at);
  in.ends_at = clock::IsoToTokyoMinute(e.ends_at);
  in.venue_id = e.venue_id;
  in.venue_note = e.venue_note;
  in.organizer = e.organizer;
  in.program_item = e.program_item;
  in.description = e.description;
  in.status = e.status;
  in.scenes = e.scenes;
  in.target_professions = e.target_professions;
  in.capacity = e.capacity;
  in.reported_attendance = e.reported_attendance;
  in.lecturers = e.lecturers;
  return in;
}

// An event with what its card shows beside it.
EventRow RowOf(EventService& service, Event e) {
  Counts counts = service.CountsOf(e.id);
  auto venue = service.Venue(e.venue_id);
  return {std::move(e), counts, std::move(venue)};
}

std::vector<EventRow> RowsOf(EventService& service, std::vector<Event> events) {
  std::vector<EventRow> out;
  out.reserve(events.size());
  for (auto& e : events) out.push_back(RowOf(service, std::move(e)));
  return out;
}

}  // namespace

Result<std::vector<EventRow>> EventService::StaffYear(const security::Principal& p, int fiscal_year) {
  auto list = ListYear(p, fiscal_year);
  if (!list.ok()) return list.status();
  return RowsOf(*this, std::move(list.value()));
}

Result<EventFormScreen> EventService::NewForm(const security::Principal& p) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  EventFormScreen f;
  f.input.starts_at = clock::TodayInTokyo() + " 14:00";
  f.input.ends_at = f.input.starts_at.substr(0, 10) + " 16:00";
  f.venues = Venues();
  return f;
}

Result<EventFormScreen> EventService::Save(const security::Principal& p, const std::string& addr, const std::string& id,
                                           const EventInput& in) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  EventFormScreen f{id, in, {}, {}, false};
  Event scratch;
  f.errors = Validate(in, scratch);
  if (f.errors.empty()) {
    Status s = Status::Ok();
    if (id.empty()) {
      auto created = Create(p, addr, in);
      if (created.ok())
        f.id = *created;
      else
        s = created.status();
    } else {
      s = Update(p, addr, id, in);
    }
    if (!s.ok() && s.code() != Code::kInvalidArgument) return s;
    f.saved = s.ok();
    if (!s.ok()) f.errors.push_back({"venue_id", s.message()});  // the one check Validate cannot make
  }
  if (!f.saved) f.venues = Venues();
  return f;
}

Result<StaffEventScreen> EventService::StaffEvent(const security::Principal& p, const std::string& addr, const std::string& id) {
  auto e = StaffGet(p, id);
  if (!e.ok()) return e.status();
  auto regs = RegistrationsOf(p, addr, e->id);
  if (!regs.ok()) return regs.status();
  auto files = Materials(p, e->id);
  if (!files.ok()) return files.status();
  StaffEventScreen s;
  s.row = RowOf(*this, *e);
  s.form = {e->id, InputOf(*e), Venues(), {}, false};
  s.registrations = std::move(regs.value());
  if (auto ev = EvaluationsOf(p, e->id); ev.ok()) s.evaluations = std::move(ev.value());
  s.files = std::move(files.value());
  return s;
}

Result<CheckinScreen> EventService::Checkin(const security::Principal& p, const std::string& addr, const std::string& id,
                                            const std::string& q) {
  auto e = StaffGet(p, id);
  if (!e.ok()) return e.status();
  auto regs = RegistrationsOf(p, addr, e->id);
  if (!regs.ok()) return regs.status();
  CheckinScreen s;
  s.row = RowOf(*this, *e);
  s.q = text::Utf8Prefix(q, kSearchBytes);
  std::string key = text::SearchKey(s.q);
  for (const auto& r : *regs) {
    if (r.status == "cancelled") continue;
    if (r.status == "registered") s.expected++;
    if (r.attended) s.attended++;
    if (!key.empty() && text::SearchKey(r.name + " " + r.organization + " " + r.reference).find(key) == std::string::npos) continue;
    s.shown.push_back(r);
  }
  return s;
}

PublicListScreen EventService::PublicList() {
  PublicListScreen s;
  s.fiscal_year = core::FiscalYearOf(*core::ParseIsoDate(clock::TodayInTokyo()));
  s.upcoming = RowsOf(*this, Upcoming());
  auto year = PublicYear(s.fiscal_year);
  std::string now = clock::NowIso();
  for (auto it = year.rbegin(); it != year.rend(); ++it)
    if (it->ends_at < now) s.past.push_back(RowOf(*this, *it));
  return s;
}

Result<EventRow> EventService::RowFor(const security::Principal* viewer, const std::string& id) {
  auto e = Get(id, viewer && Staff(*viewer));
  if (!e.ok()) return e.status();
  return RowOf(*this, std::move(e.value()));
}

std::vector<EventRow> EventService::PublicRowsEndingAfter(const std::string& iso) { return RowsOf(*this, PublicEndingAfter(iso)); }

Result<std::vector<EventRow>> EventService::YearFor(const security::Principal* viewer, int fiscal_year) {
  if (viewer && Staff(*viewer)) return StaffYear(*viewer, fiscal_year);
  return RowsOf(*this, PublicYear(fiscal_year));
}

Result<RegisterScreen> EventService::RegisterFromForm(const std::string& id, const RegistrationInput& in, const std::string& addr,
                                                      const std::string& cancel_url_base) {
  auto row = RowFor(nullptr, id);
  if (!row.ok()) return row.status();
  RegisterScreen s{*row, in, Validate(in), std::nullopt};
  if (!s.errors.empty()) return s;
  auto r = Register(id, in, addr, cancel_url_base);
  if (r.ok()) {
    s.done = std::move(r.value());
    return s;
  }
  if (r.status().code() != Code::kFailedPrecondition) return r.status();
  s.errors.push_back({"name", r.status().message()});  // closed or full: said beside the form
  return s;
}

Result<CancelScreen> EventService::CancelPage(const std::string& token) {
  auto found = FindByCancelToken(token);
  if (!found.ok()) return found.status();
  auto& [r, e] = *found;
  return CancelScreen{r, RowOf(*this, e)};
}

}  // namespace renkei::events
