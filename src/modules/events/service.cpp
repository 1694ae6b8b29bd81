#include "modules/events/service.hpp"

#include <algorithm>

#include "core/wareki.hpp"
#include "platform/attachments.hpp"
#include "platform/clock.hpp"
#include "platform/security/audit.hpp"
#include "platform/security/crypto.hpp"

namespace renkei::events {
namespace {

using security::Principal;

void Audit(soci::session& sql, storage::Engine engine, const std::string& actor, const std::string& addr, const char* action,
           const std::string& id, std::string detail = {}) {
  security::AppendAudit(sql, engine,
                        {.actor = actor, .action = action, .subject = "event:" + id, .remote_addr = addr, .detail = std::move(detail)});
}

// R-XXXX-XXXX from an alphabet without look-alikes (0/O, 1/I/L), for reading out on the phone.
std::string NewReference() {
  static const char* kAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  auto bytes = security::RandomBytes(8);
  std::string out = "R-";
  for (size_t i = 0; i < 8; ++i) {
    if (i == 4) out += '-';
    out += kAlphabet[bytes[i] % 31];
  }
  return out;
}

// A registration of `in` for event `id`, with a new id and reference, made now.
Registration NewRegistration(const std::string& id, const RegistrationInput& in) {
  Registration r;
  r.id = security::NewId();
  r.event_id = id;
  r.reference = NewReference();
  r.name = in.name;
  r.organization = in.organization;
  r.organization_kind = in.organization_kind;
  r.profession = in.profession;
  r.municipality = in.municipality;
  r.email = in.email;
  r.phone = in.phone;
  r.created_at = clock::NowIso();
  return r;
}

std::string When(const Event& e) {
  std::string local = clock::IsoToTokyoMinute(e.starts_at);
  auto d = core::ParseIsoDate(local.substr(0, 10));
  return (d ? core::FormatLongWithWeekday(*d) : local.substr(0, 10)) + " " + local.substr(11, 5);
}

Counts CountIn(soci::session& sql, const Event& e) {
  Counts c;
  auto regs = store::Registrations(sql, e.id);
  for (const auto& r : regs) {
    if (r.status == "registered") c.registered++;
    if (r.status == "waitlisted") c.waitlisted++;
    if (r.status == "cancelled") c.cancelled++;
    if (r.attended && r.status != "cancelled") c.attended++;
  }
  // An event recorded after the fact (past years) counts the participants as reported.
  if (e.reported_attendance && regs.empty()) c.registered = c.attended = *e.reported_attendance;
  return c;
}

}  // namespace

bool EventService::Staff(const Principal& p) { return p.can(security::Permission::kManageEvents); }

Result<std::string> EventService::Create(const Principal& p, const std::string& addr, const EventInput& in) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  Event e;
  if (auto errors = Validate(in, e); !errors.empty())
    return Status::InvalidArgument("@events.error.invalid", errors.front().field + ": " + errors.front().message);
  storage::Transaction tx(db_);
  if (!e.venue_id.empty() && !store::FindVenue(tx.sql(), e.venue_id)) return Status::InvalidArgument("@events.error.no_venue");
  e.id = security::NewId();
  e.created_by = p.user.login;
  e.created_at = e.updated_at = clock::NowIso();
  store::Insert(tx.sql(), e);
  Audit(tx.sql(), db_.engine(), p.user.login, addr, "event.created", e.id, e.title);
  tx.commit();
  return e.id;
}

Status EventService::Update(const Principal& p, const std::string& addr, const std::string& id, const EventInput& in) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  Event e;
  if (auto errors = Validate(in, e); !errors.empty())
    return Status::InvalidArgument("@events.error.invalid", errors.front().field + ": " + errors.front().message);
  storage::Transaction tx(db_);
  auto cur = store::Load(tx.sql(), id);
  if (!cur) return Status::NotFound("@error.not_found");
  if (!e.venue_id.empty() && !store::FindVenue(tx.sql(), e.venue_id)) return Status::InvalidArgument("@events.error.no_venue");
  e.id = id;
  e.created_by = cur->created_by;
  e.created_at = cur->created_at;
  e.updated_at = clock::NowIso();
  store::Update(tx.sql(), e);
  Audit(tx.sql(), db_.engine(), p.user.login, addr, "event.updated", id, cur->status == e.status ? "" : cur->status + " -> " + e.status);
  tx.commit();
  return Status::Ok();
}

Result<std::vector<Event>> EventService::ListYear(const Principal& p, int fiscal_year) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Lease l(db_);
  return store::List(l.sql(), fiscal_year, false);
}

Result<Event> EventService::StaffGet(const Principal& p, const std::string& id) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  return Get(id, true);
}

Result<std::vector<store::Venue>> EventService::StaffVenues(const Principal& p) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  return Venues();
}

Result<Event> EventService::Get(const std::string& id, bool include_drafts) {
  storage::Lease l(db_);
  auto e = id.size() <= 64 ? store::Load(l.sql(), id) : std::nullopt;
  if (!e || (!include_drafts && !e->is_public())) return Status::NotFound("@error.not_found");
  return *e;
}

std::vector<Event> EventService::Upcoming() {
  storage::Lease l(db_);
  return store::List(l.sql(), 0, true, clock::NowIso());
}

std::vector<Event> EventService::PublicEndingAfter(const std::string& iso) {
  storage::Lease l(db_);
  return store::List(l.sql(), 0, true, iso);
}

std::vector<Event> EventService::PublicYear(int fiscal_year) {
  storage::Lease l(db_);
  return store::List(l.sql(), fiscal_year, true);
}

Counts EventService::CountsOf(const std::string& id) {
  storage::Lease l(db_);
  auto e = store::Load(l.sql(), id);
  return e ? CountIn(l.sql(), *e) : Counts{};
}

std::optional<store::Venue> EventService::Venue(const std::string& id) {
  if (id.empty()) return std::nullopt;
  storage::Lease l(db_);
  return store::FindVenue(l.sql(), id);
}

std::vector<store::Venue> EventService::Venues() {
  storage::Lease l(db_);
  return store::ListVenues(l.sql());
}

Result<std::string> EventService::AddVenue(const Principal& p, const std::string& addr, const std::string& name, const std::string& address,
                                           std::optional<int> capacity) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  if (name.empty() || name.size() > 200 || address.size() > 300) return Status::InvalidArgument("@events.error.bad_venue");
  if (capacity && (*capacity < 0 || *capacity > 100000)) return Status::InvalidArgument("@events.error.bad_number");
  storage::Transaction tx(db_);
  store::Venue v{security::NewId(), name, address, capacity};
  store::InsertVenue(tx.sql(), v, clock::NowIso());
  security::AppendAudit(
      tx.sql(), db_.engine(),
      {.actor = p.user.login, .action = "venue.created", .subject = "venue:" + v.id, .remote_addr = addr, .detail = name});
  tx.commit();
  return v.id;
}

Result<RegistrationResult> EventService::Register(const std::string& id, const RegistrationInput& in, const std::string& addr,
                                                  const std::string& cancel_url_base) {
  if (auto errors = Validate(in); !errors.empty())
    return Status::InvalidArgument("@events.error.invalid", errors.front().field + ": " + errors.front().message);
  RegistrationResult out;
  Event event;
  {
    storage::Transaction tx(db_);
    store::Lock(tx.sql(), db_.engine(), id);
    auto e = id.size() <= 64 ? store::Load(tx.sql(), id) : std::nullopt;
    if (!e || !e->is_public()) return Status::NotFound("@error.not_found");
    if (!e->accepts_registrations()) return Status::FailedPrecondition("@events.error.not_open");
    event = *e;
    Registration r = NewRegistration(id, in);
    r.facility_id = in.facility_id;
    if (!r.facility_id.empty()) {
      std::string kind = store::FacilityKind(tx.sql(), r.facility_id);
      if (kind.empty())
        r.facility_id.clear();
      else if (r.organization_kind.empty())
        r.organization_kind = OrgKinds().contains(kind) ? kind : "other";
    }
    long long taken = store::CountWithStatus(tx.sql(), id, "registered");
    r.status = e->capacity && taken >= *e->capacity ? "waitlisted" : "registered";
    out.cancel_token = security::RandomHex(24);
    store::InsertRegistration(tx.sql(), r, security::Sha256Hex(out.cancel_token));
    // The public form is anonymous: the entry names the registration, not the person.
    Audit(tx.sql(), db_.engine(), "public", addr, "event.registered", id, r.reference + " " + r.status);
    tx.commit();
    out.registration = r;
  }
  if (!in.email.empty() && mailer_ && mailer_->enabled()) {
    const auto& r = out.registration;
    bool wait = r.status == "waitlisted";
    mailer_->Send({in.email, std::string(wait ? "【キャンセル待ち】" : "【申込受付】") + event.title,
                   in.name + " 様\n\n" + event.title + "（" + When(event) + "）の" +
                       (wait ? "キャンセル待ちに登録しました。" : "お申し込みを受け付けました。") + "\n受付番号: " + r.reference +
                       "\n\n参加できなくなったときは、次のページから取り消してください。\n" + cancel_url_base + out.cancel_token +
                       "\n\nこのメールに心当たりがない場合は、破棄してください。\n"});
  }
  return out;
}

Result<std::pair<Registration, Event>> EventService::FindByCancelToken(const std::string& token) {
  if (token.size() != 48) return Status::NotFound("@events.error.bad_link");
  storage::Lease l(db_);
  auto r = store::FindByCancelHash(l.sql(), security::Sha256Hex(token));
  if (!r) return Status::NotFound("@events.error.bad_link");
  auto e = store::Load(l.sql(), r->event_id);
  if (!e) return Status::NotFound("@events.error.bad_link");
  return std::make_pair(*r, *e);
}

Status EventService::Cancel(const std::string& token, const std::string& addr) {
  if (token.size() != 48) return Status::NotFound("@events.error.bad_link");
  std::optional<Registration> promoted;
  Event event;
  {
    storage::Transaction tx(db_);
    auto r = store::FindByCancelHash(tx.sql(), security::Sha256Hex(token));
    if (!r) return Status::NotFound("@events.error.bad_link");
    if (r->status == "cancelled") return Status::Ok();
    store::Lock(tx.sql(), db_.engine(), r->event_id);
    auto e = store::Load(tx.sql(), r->event_id);
    if (!e) return Status::NotFound("@events.error.bad_link");
    event = *e;
    std::string now = clock::NowIso();
    store::SetRegistrationStatus(tx.sql(), r->id, "cancelled", now);
    Audit(tx.sql(), db_.engine(), "public", addr, "event.registration_cancelled", r->event_id, r->reference);
    // A freed seat goes to the first on the waiting list.
    if (r->status == "registered" && e->accepts_registrations()) {
      long long taken = store::CountWithStatus(tx.sql(), r->event_id, "registered");
      if (!e->capacity || taken < *e->capacity) {
        promoted = store::FirstWaitlisted(tx.sql(), r->event_id);
        if (promoted) {
          store::SetRegistrationStatus(tx.sql(), promoted->id, "registered", now);
          Audit(tx.sql(), db_.engine(), "system", addr, "event.registration_promoted", r->event_id, promoted->reference);
        }
      }
    }
    tx.commit();
  }
  if (promoted && !promoted->email.empty() && mailer_ && mailer_->enabled())
    mailer_->Send({promoted->email, "【参加確定】" + event.title,
                   promoted->name + " 様\n\nキャンセル待ちに登録されていた " + event.title + "（" + When(event) +
                       "）に空きが出たため、参加が確定しました。\n受付番号: " + promoted->reference + "\n"});
  return Status::Ok();
}

Result<std::vector<Registration>> EventService::RegistrationsOf(const Principal& p, const std::string& addr, const std::string& id) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Transaction tx(db_);
  if (!store::Load(tx.sql(), id)) return Status::NotFound("@error.not_found");
  auto regs = store::Registrations(tx.sql(), id);
  Audit(tx.sql(), db_.engine(), p.user.login, addr, "event.registrations_viewed", id, std::to_string(regs.size()));
  tx.commit();
  return regs;
}

Status EventService::SetAttended(const Principal& p, const std::string& addr, const std::string& id, const std::string& registration_id,
                                 bool attended) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Transaction tx(db_);
  auto r = store::FindRegistration(tx.sql(), id, registration_id);
  if (!r) return Status::NotFound("@error.not_found");
  if (r->status == "cancelled") return Status::FailedPrecondition("@events.error.cancelled_registration");
  store::SetAttended(tx.sql(), r->id, attended, clock::NowIso());
  Audit(tx.sql(), db_.engine(), p.user.login, addr, attended ? "event.checked_in" : "event.check_in_undone", id, r->reference);
  tx.commit();
  return Status::Ok();
}

Result<Registration> EventService::AddWalkIn(const Principal& p, const std::string& addr, const std::string& id,
                                             const RegistrationInput& in) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  // At the door the name and town are enough.
  RegistrationInput checked = in;
  if (checked.email.empty() && checked.phone.empty()) checked.phone = "-";
  if (auto errors = Validate(checked); !errors.empty())
    return Status::InvalidArgument("@events.error.invalid", errors.front().field + ": " + errors.front().message);
  storage::Transaction tx(db_);
  if (!store::Load(tx.sql(), id)) return Status::NotFound("@error.not_found");
  Registration r = NewRegistration(id, in);
  r.status = "registered";
  r.attended = r.walk_in = true;
  r.attended_at = r.created_at;
  store::InsertRegistration(tx.sql(), r, security::Sha256Hex(security::RandomHex(24)));
  Audit(tx.sql(), db_.engine(), p.user.login, addr, "event.walk_in", id, r.reference);
  tx.commit();
  return r;
}

Status EventService::Evaluate(const std::string& id, int satisfaction, const std::string& useful, const std::string& comment) {
  if (satisfaction < 1 || satisfaction > 5) return Status::InvalidArgument("@events.error.bad_score");
  if (useful.size() > 2000 || comment.size() > 5000) return Status::InvalidArgument("@events.error.too_long");
  storage::Transaction tx(db_);
  auto e = id.size() <= 64 ? store::Load(tx.sql(), id) : std::nullopt;
  if (!e || !e->is_public() || e->status == "cancelled") return Status::NotFound("@error.not_found");
  store::InsertEvaluation(tx.sql(), security::NewId(), id, {satisfaction, useful, comment, clock::NowIso()});
  tx.commit();
  return Status::Ok();
}

Result<EvaluationSummary> EventService::EvaluationsOf(const Principal& p, const std::string& id) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Lease l(db_);
  EvaluationSummary s;
  long long total = 0;
  for (auto& e : store::Evaluations(l.sql(), id)) {
    s.responses++;
    s.by_score[std::clamp(e.satisfaction, 1, 5)]++;
    total += e.satisfaction;
    if (!e.useful.empty() || !e.comment.empty()) s.comments.push_back(std::move(e));
  }
  s.average = s.responses ? static_cast<double>(total) / static_cast<double>(s.responses) : 0;
  return s;
}

Result<YearSummary> EventService::Summary(const Principal& p, int fiscal_year) {
  if (!Staff(p) && !p.can(security::Permission::kViewRegionStatistics)) return Status::PermissionDenied("@error.forbidden");
  YearSummary y;
  y.fiscal_year = fiscal_year;
  storage::Lease l(db_);
  std::map<std::string, KindRow> kinds;
  for (const auto& k : Kinds().codes) kinds[k.code] = {k.code, k.ja, 0, 0, 0};
  std::vector<std::string> counted;
  for (auto& e : store::List(l.sql(), fiscal_year, true)) {
    if (e.status == "cancelled") continue;
    Counts c = CountIn(l.sql(), e);
    y.events++;
    y.registered += c.registered;
    y.attended += c.attended;
    auto& k = kinds[e.kind];
    k.count++;
    k.registered += c.registered;
    k.attended += c.attended;
    counted.push_back(e.id);
    y.rows.emplace_back(std::move(e), c);
  }
  for (const auto& k : Kinds().codes) y.by_kind.push_back(kinds[k.code]);
  // Who came, from the registrations of the counted events.
  auto breakdown = [&](const CodeList& list, std::string Registration::*field) {
    std::map<std::string, Breakdown> m;
    for (const auto& c : list.codes) m[c.code] = {c.code, c.ja, 0, 0};
    m["unknown"] = {"unknown", "不明", 0, 0};
    for (const auto& r : store::RegistrationsOfYear(l.sql(), fiscal_year)) {
      if (r.status == "cancelled" || std::find(counted.begin(), counted.end(), r.event_id) == counted.end()) continue;
      std::string code = (r.*field).empty() || !m.count(r.*field) ? "unknown" : r.*field;
      if (r.status == "registered") m[code].registered++;
      if (r.attended) m[code].attended++;
    }
    std::vector<Breakdown> out;
    for (const auto& c : list.codes) out.push_back(m[c.code]);
    out.push_back(m["unknown"]);
    return out;
  };
  y.by_profession = breakdown(Professions(), &Registration::profession);
  y.by_organization_kind = breakdown(OrgKinds(), &Registration::organization_kind);
  y.by_municipality = breakdown(Towns(), &Registration::municipality);
  return y;
}

Result<std::string> EventService::AddMaterial(const Principal& p, const std::string& addr, const std::string& id, const std::string& name,
                                              const std::string& type, std::string_view bytes) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Transaction tx(db_);
  if (!store::Load(tx.sql(), id)) return Status::NotFound("@error.not_found");
  auto fid = attachments::Add(tx.sql(), "event:" + id, name, type, bytes, p.user.login);
  if (!fid.ok()) return fid.status();
  Audit(tx.sql(), db_.engine(), p.user.login, addr, "event.material_added", id, name);
  tx.commit();
  return fid;
}

Result<std::vector<attachments::File>> EventService::Materials(const security::Principal& p, const std::string& id) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Lease l(db_);
  return attachments::List(l.sql(), "event:" + id);
}

Result<attachments::File> EventService::Material(const security::Principal& p, const std::string& addr, const std::string& id,
                                                 const std::string& file_id) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  return attachments::Download(db_, "event:" + id, file_id, p.user.login, addr);
}

}  // namespace renkei::events
