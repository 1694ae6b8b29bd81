#include "modules/consultations/service.hpp"

#include <algorithm>

#include "core/wareki.hpp"
#include "platform/clock.hpp"
#include "platform/ids.hpp"
#include "platform/security/account_store.hpp"
#include "platform/security/audit.hpp"
#include "platform/security/crypto.hpp"
#include "platform/text/utf8.hpp"

namespace renkei::consultations {
namespace {

using security::Permission;
using security::Principal;

bool HasRole(const Principal& p, const char* role) {
  return std::find(p.user.roles.begin(), p.user.roles.end(), role) != p.user.roles.end();
}

void Audit(soci::session& sql, storage::Engine engine, const Principal& p, const std::string& addr, const char* action,
           const std::string& id, std::string detail = {}) {
  security::AppendAudit(
      sql, engine,
      {.actor = p.user.login, .action = action, .subject = "consultation:" + id, .remote_addr = addr, .detail = std::move(detail)});
}

constexpr size_t kNoteLimit = 5000;

}  // namespace

Viewer ConsultationService::ViewerOf(const Principal& p) {
  Viewer v;
  if (!p.full()) return v;
  v.can_stats = p.can(Permission::kViewRegionStatistics);
  if (p.can(Permission::kHandleConsultations)) {
    if (HasRole(p, "hub_coordinator")) {
      v.all = true;
    } else {
      for (const auto& f : p.user.facility_ids) v.units.push_back(CenterUnit(f));
    }
    v.can_write = v.all || !v.units.empty();
  }
  if (!v.all && v.units.empty() && HasRole(p, "municipal_staff") && !p.user.municipality_code.empty() &&
      HasTownGrant(p.user.id, p.user.municipality_code))
    v.town = p.user.municipality_code;
  return v;
}

std::vector<Unit> ConsultationService::Units() {
  std::vector<Unit> out{{kHubUnit, "在宅医療連携拠点"}};
  storage::Lease l(db_);
  for (const auto& [id, name] : store::SupportCenters(l.sql())) out.push_back({CenterUnit(id), name});
  return out;
}

std::string ConsultationService::FacilityName(const std::string& facility_id) {
  storage::Lease l(db_);
  return store::FacilityName(l.sql(), facility_id);
}

std::string ConsultationService::UnitLabel(const std::string& unit) {
  if (unit == kHubUnit) return "在宅医療連携拠点";
  if (unit.rfind("center:", 0) == 0)
    if (std::string name = FacilityName(unit.substr(7)); !name.empty()) return name;
  return unit;
}

std::vector<std::pair<std::string, std::string>> ConsultationService::Handlers() {
  std::vector<std::pair<std::string, std::string>> out;
  storage::Lease l(db_);
  for (const auto& u : security::account_store::ListUsers(l.sql()))
    if (!u.disabled && security::AnyRoleAllows(u.roles, Permission::kHandleConsultations)) out.emplace_back(u.login, u.display_name);
  return out;
}

std::vector<Unit> ConsultationService::ReceivingUnits(const Principal& p) {
  Viewer v = ViewerOf(p);
  std::vector<Unit> out;
  for (auto& u : Units())
    if (v.all || std::find(v.units.begin(), v.units.end(), u.code) != v.units.end()) out.push_back(std::move(u));
  return out;
}

Result<std::vector<FieldError>> ConsultationService::Check(const Principal& p, const CaseInput& in) {
  if (!ViewerOf(p).can_write) return Status::PermissionDenied("@error.forbidden");
  Case c;
  auto errors = Validate(in, c);
  if (!in.receiver.empty()) {
    auto units = ReceivingUnits(p);
    if (std::none_of(units.begin(), units.end(), [&](const Unit& u) { return u.code == in.receiver; }))
      errors.push_back({"receiver", "@consult.error.bad_receiver"});
  }
  if (!in.requester_facility_id.empty()) {
    storage::Lease l(db_);
    if (store::FacilityName(l.sql(), in.requester_facility_id).empty())
      errors.push_back({"requester_facility_id", "@consult.error.no_facility"});
  }
  return errors;
}

Result<std::string> ConsultationService::Create(const Principal& p, const std::string& addr, const CaseInput& in) {
  Viewer v = ViewerOf(p);
  if (!v.can_write) return Status::PermissionDenied("@error.forbidden");
  auto errors = Check(p, in);
  if (!errors.ok()) return errors.status();
  if (!errors->empty()) return Status::InvalidArgument("@consult.error.invalid", errors->front().field + ": " + errors->front().message);
  Case c;
  Validate(in, c);
  c.id = security::NewId();
  c.assigned_unit = c.received_unit;
  c.staff_login = in.staff_login.empty() ? p.user.login : in.staff_login;
  c.created_by = p.user.login;
  c.created_at = c.updated_at = clock::NowIso();
  if (c.status == "closed") c.closed_at = c.created_at;
  storage::Transaction tx(db_);
  store::Insert(tx.sql(), c);
  store::AddUnit(tx.sql(), c.id, c.received_unit);
  Audit(tx.sql(), db_.engine(), p, addr, "consultation.created", c.id, c.received_unit);
  tx.commit();
  return c.id;
}

bool ConsultationService::HoldsCase(const Viewer& v, const Case& c) {
  return v.all || std::find(v.units.begin(), v.units.end(), c.assigned_unit) != v.units.end();
}

Result<Case> ConsultationService::Visible(storage::Transaction& tx, const Principal& p, const Viewer& v, const std::string& addr,
                                          const std::string& id, bool write) {
  if (!v.any()) return Status::PermissionDenied("@error.forbidden");
  soci::session& sql = tx.sql();
  auto c = ids::Valid(id) ? store::Load(sql, id) : std::nullopt;
  bool ok = false;
  if (c) {
    if (v.all)
      ok = true;
    else if (!v.units.empty()) {
      auto held = store::UnitsOf(sql, id);
      ok = std::any_of(held.begin(), held.end(),
                       [&](const std::string& u) { return std::find(v.units.begin(), v.units.end(), u) != v.units.end(); });
    } else if (!v.town.empty()) {
      ok = c->resident_municipality == v.town;
    }
    if (ok && write && !v.can_write) ok = false;
  }
  // A centre that handed the case over still reads its trail, but only the holder works on it.
  if (ok && write && !HoldsCase(v, *c)) {
    security::AppendAudit(sql, db_.engine(),
                          {.actor = p.user.login,
                           .action = "consultation.denied",
                           .subject = "consultation:" + id,
                           .remote_addr = addr,
                           .detail = "write after hand-over (held by " + c->assigned_unit + ")"});
    tx.commit();
    return Status::PermissionDenied("@consult.error.handed_over");
  }
  if (!ok) {
    // A guessed id and another centre's case look the same to the caller; the log tells them apart.
    // Recorded in this transaction, which then ends: the caller returns the refusal and changes nothing.
    security::AppendAudit(sql, db_.engine(),
                          {.actor = p.user.login,
                           .action = "consultation.denied",
                           .subject = "consultation:" + text::Utf8Prefix(id, 64),
                           .remote_addr = addr,
                           .detail = c ? (write ? "write" : "read") : "no such case"});
    tx.commit();
    return Status::NotFound("@error.not_found");
  }
  return *c;
}

Status ConsultationService::Update(const Principal& p, const std::string& addr, const std::string& id, const CaseInput& in, int version) {
  Viewer v = ViewerOf(p);
  Case next;
  if (auto errors = Validate(in, next); !errors.empty())
    return Status::InvalidArgument("@consult.error.invalid", errors.front().field + ": " + errors.front().message);
  storage::Transaction tx(db_);
  auto cur = Visible(tx, p, v, addr, id, true);
  if (!cur.ok()) return cur.status();
  Case c = *cur;
  // What an edit may change: the facts of the case. Receiver and holder change only by hand-over.
  c.received_at = next.received_at;
  c.received_date = next.received_date;
  c.fiscal_year = next.fiscal_year;
  c.channel = next.channel;
  c.requester_category = next.requester_category;
  c.requester_facility_id = in.requester_facility_id;
  if (!c.requester_facility_id.empty() && store::FacilityName(tx.sql(), c.requester_facility_id).empty())
    return Status::InvalidArgument("@consult.error.no_facility");
  c.requester_name = next.requester_name;
  c.resident_municipality = next.resident_municipality;
  c.age_band = next.age_band;
  c.sex = next.sex;
  c.care_level = next.care_level;
  c.household = next.household;
  c.flags = next.flags;
  c.content_categories = next.content_categories;
  c.scenes = next.scenes;
  c.client_name = next.client_name;
  c.summary = next.summary;
  if (!in.staff_login.empty()) c.staff_login = next.staff_login;
  if (in.minutes_spent) c.minutes_spent = next.minutes_spent;
  std::string now = clock::NowIso();
  if (!in.status.empty() && next.status != c.status) {
    c.closed_at = next.status == "closed" ? now : "";
    c.status = next.status;
  }
  c.updated_at = now;
  c.version = version;
  if (!store::Update(tx.sql(), c)) return Status::Conflict("@consult.error.stale");
  Audit(tx.sql(), db_.engine(), p, addr, "consultation.updated", id);
  tx.commit();
  return Status::Ok();
}

Result<CaseView> ConsultationService::Get(const Principal& p, const std::string& addr, const std::string& id) {
  Viewer v = ViewerOf(p);
  storage::Transaction tx(db_);
  auto c = Visible(tx, p, v, addr, id, false);
  if (!c.ok()) return c.status();
  CaseView view{*c, store::UnitsOf(tx.sql(), id),   store::ActionsOf(tx.sql(), id), store::FollowupsOf(tx.sql(), id),
                {}, v.can_write && HoldsCase(v, *c)};
  if (!c->requester_facility_id.empty()) view.requester_facility_name = store::FacilityName(tx.sql(), c->requester_facility_id);
  Audit(tx.sql(), db_.engine(), p, addr, "consultation.viewed", id);
  tx.commit();
  return view;
}

Result<ListPage> ConsultationService::List(const Principal& p, const std::string& addr, const store::Filter& f) {
  Viewer v = ViewerOf(p);
  if (!v.any()) return Status::PermissionDenied("@error.forbidden");
  store::Scope scope{v.all, v.units, v.town};
  storage::Transaction tx(db_);
  ListPage page;
  page.rows = store::Search(tx.sql(), scope, f, clock::TodayInTokyo(), page.total);
  // A list shows parts of cases: its entries name every case shown (60 ids an entry), so that a search
  // of the audit log for one case finds the lists it was in too.
  const size_t shown = page.rows.size();
  for (size_t from = 0; from == 0 || from < shown; from += 60) {
    std::string detail = "shown " + std::to_string(from + (shown ? 1 : 0)) + "-" + std::to_string(std::min(shown, from + 60)) + " of " +
                         std::to_string(page.total) + ":";
    for (size_t i = from; i < shown && i < from + 60; ++i) detail += " " + page.rows[i].c.id;
    security::AppendAudit(
        tx.sql(), db_.engine(),
        {.actor = p.user.login, .action = "consultation.listed", .subject = "consultations", .remote_addr = addr, .detail = detail});
  }
  tx.commit();
  return page;
}

Status ConsultationService::AddAction(const Principal& p, const std::string& addr, const std::string& id, const std::string& kind,
                                      const std::string& facility_id, const std::string& note) {
  if (!ActionKinds().contains(kind) || kind == "handover" || kind == "status") return Status::InvalidArgument("@consult.error.bad_action");
  if (note.size() > kNoteLimit) return Status::InvalidArgument("@consult.error.too_long");
  if (kind == "facility_introduced" && facility_id.empty()) return Status::InvalidArgument("@consult.error.need_facility");
  Viewer v = ViewerOf(p);
  storage::Transaction tx(db_);
  auto c = Visible(tx, p, v, addr, id, true);
  if (!c.ok()) return c.status();
  if (!facility_id.empty() && store::FacilityName(tx.sql(), facility_id).empty())
    return Status::InvalidArgument("@consult.error.no_facility");
  std::string now = clock::NowIso();
  store::InsertAction(tx.sql(), {security::NewId(), id, now, p.user.login, kind, facility_id, "", "", "", note});
  if (c->status == "received") {
    Case next = *c;
    next.status = "in_progress";
    next.updated_at = now;
    store::Update(tx.sql(), next);
  }
  Audit(tx.sql(), db_.engine(), p, addr, "consultation.action_added", id, kind);
  tx.commit();
  return Status::Ok();
}

Status ConsultationService::Handover(const Principal& p, const std::string& addr, const std::string& id, const std::string& to_unit,
                                     const std::string& reason) {
  if (reason.size() > kNoteLimit) return Status::InvalidArgument("@consult.error.too_long");
  if (reason.empty()) return Status::InvalidArgument("@consult.error.need_reason");
  auto units = Units();
  if (std::none_of(units.begin(), units.end(), [&](const Unit& u) { return u.code == to_unit; }))
    return Status::InvalidArgument("@consult.error.bad_receiver");
  Viewer v = ViewerOf(p);
  storage::Transaction tx(db_);
  auto c = Visible(tx, p, v, addr, id, true);
  if (!c.ok()) return c.status();
  if (c->assigned_unit == to_unit) return Status::InvalidArgument("@consult.error.same_unit");
  if (c->status == "closed") return Status::FailedPrecondition("@consult.error.closed");
  std::string now = clock::NowIso();
  Case next = *c;
  next.assigned_unit = to_unit;
  if (next.status == "received") next.status = "in_progress";
  next.updated_at = now;
  if (!store::Update(tx.sql(), next)) return Status::Conflict("@consult.error.stale");
  store::AddUnit(tx.sql(), id, to_unit);
  store::InsertAction(tx.sql(), {security::NewId(), id, now, p.user.login, "handover", "", "", c->assigned_unit, to_unit, reason});
  Audit(tx.sql(), db_.engine(), p, addr, "consultation.handed_over", id, c->assigned_unit + " -> " + to_unit);
  tx.commit();
  return Status::Ok();
}

Status ConsultationService::SetStatus(const Principal& p, const std::string& addr, const std::string& id, const std::string& status,
                                      const std::string& note) {
  if (!Statuses().contains(status)) return Status::InvalidArgument("@consult.error.unknown_code");
  if (note.size() > kNoteLimit) return Status::InvalidArgument("@consult.error.too_long");
  Viewer v = ViewerOf(p);
  storage::Transaction tx(db_);
  auto c = Visible(tx, p, v, addr, id, true);
  if (!c.ok()) return c.status();
  if (c->status == status) return Status::Ok();
  std::string now = clock::NowIso();
  Case next = *c;
  next.status = status;
  next.closed_at = status == "closed" ? now : "";
  next.updated_at = now;
  if (!store::Update(tx.sql(), next)) return Status::Conflict("@consult.error.stale");
  store::InsertAction(tx.sql(), {security::NewId(), id, now, p.user.login, "status", "", "", c->status, status, note});
  Audit(tx.sql(), db_.engine(), p, addr, "consultation.status_changed", id, c->status + " -> " + status);
  tx.commit();
  return Status::Ok();
}

Status ConsultationService::AddFollowup(const Principal& p, const std::string& addr, const std::string& id, const std::string& due_date,
                                        const std::string& owner_login, const std::string& note) {
  auto due = core::ParseJapaneseDate(due_date);
  if (!due) return Status::InvalidArgument("@consult.error.bad_date");
  if (note.size() > kNoteLimit) return Status::InvalidArgument("@consult.error.too_long");
  Viewer v = ViewerOf(p);
  storage::Transaction tx(db_);
  auto c = Visible(tx, p, v, addr, id, true);
  if (!c.ok()) return c.status();
  std::string owner = owner_login.empty() ? p.user.login : owner_login;
  auto u = security::account_store::FindUserByLogin(tx.sql(), owner);
  if (!u || u->disabled || !security::AnyRoleAllows(u->roles, Permission::kHandleConsultations))
    return Status::InvalidArgument("@consult.error.bad_owner");
  store::InsertFollowup(tx.sql(), {security::NewId(), id, due->iso(), owner, note, p.user.login, clock::NowIso(), "", ""});
  Audit(tx.sql(), db_.engine(), p, addr, "consultation.followup_added", id, owner + " " + due->iso());
  tx.commit();
  return Status::Ok();
}

Status ConsultationService::CompleteFollowup(const Principal& p, const std::string& addr, const std::string& id,
                                             const std::string& followup_id) {
  Viewer v = ViewerOf(p);
  storage::Transaction tx(db_);
  auto c = Visible(tx, p, v, addr, id, true);
  if (!c.ok()) return c.status();
  if (!store::CompleteFollowup(tx.sql(), id, followup_id, clock::NowIso(), p.user.login)) return Status::NotFound("@error.not_found");
  Audit(tx.sql(), db_.engine(), p, addr, "consultation.followup_done", id, followup_id);
  tx.commit();
  return Status::Ok();
}

Result<Stats> ConsultationService::Statistics(const Principal& p, const std::string& addr, const Period& period, PercentFormat format,
                                              const std::string& lang, const std::string& use) {
  const Viewer viewer = ViewerOf(p);
  if (!viewer.can_stats) return Status::PermissionDenied("@error.forbidden");
  auto from = core::ParseIsoDate(period.from), to = core::ParseIsoDate(period.to);
  if (!from || !to || *to < *from) return Status::InvalidArgument("@consult.error.bad_period");
  if (to->year - from->year > 10) return Status::InvalidArgument("@consult.error.long_period");
  // Only the hub opens every case; anyone else gets tables that cannot single a person out.
  const bool exact = viewer.all || WholeFiscalYears(period);
  if (!exact && !WholeMonths(period)) return Status::InvalidArgument("@consult.error.whole_months");
  Period before = YearBefore(period);
  Stats stats;
  {
    storage::Lease l(db_);
    auto now = store::InPeriod(l.sql(), period.from, period.to);
    auto prev = store::InPeriod(l.sql(), before.from, before.to);
    stats = ComputeStats(now, prev, period, before, format, lang);
  }
  if (!exact) HideSmallCells(stats);
  if (use != "figures")
    security::AppendAudit(db_, {.actor = p.user.login,
                                .action = use == "page" || use == "json" ? "consultation.stats_viewed" : "consultation.stats_downloaded",
                                .subject = "consultations:stats",
                                .remote_addr = addr,
                                .detail = use + " " + period.from + ".." + period.to + (exact ? " exact" : " small cells hidden")});
  return stats;
}

bool ConsultationService::HasTownGrant(const std::string& user_id, const std::string& municipality) {
  storage::Lease l(db_);
  return store::HasTownGrant(l.sql(), user_id, municipality);
}

Status ConsultationService::SetTownGrant(const Principal& admin, const std::string& addr, const std::string& user_id, bool granted) {
  if (!admin.can(Permission::kManageUsers)) return Status::PermissionDenied("@error.forbidden");
  storage::Transaction tx(db_);
  auto u = security::account_store::FindUserById(tx.sql(), user_id);
  if (!u) return Status::NotFound("@error.not_found");
  if (granted && u->id == admin.user.id) return Status::PermissionDenied("@user.cannot_open_own_case_access");
  bool municipal = std::find(u->roles.begin(), u->roles.end(), "municipal_staff") != u->roles.end();
  if (granted && (!municipal || u->municipality_code.empty())) return Status::InvalidArgument("@consult.error.grant_municipal_only");
  store::SetTownGrant(tx.sql(), user_id, u->municipality_code, granted, admin.user.login, clock::NowIso());
  security::AppendAudit(tx.sql(), db_.engine(),
                        {.actor = admin.user.login,
                         .action = granted ? "consultation.town_granted" : "consultation.town_revoked",
                         .subject = "user:" + u->login,
                         .remote_addr = addr,
                         .detail = u->municipality_code});
  // Opening case data is traced apart, and listed on the administrators' home page.
  if (granted)
    security::AppendAudit(tx.sql(), db_.engine(),
                          {.actor = admin.user.login,
                           .action = "access.case_opened",
                           .subject = "user:" + u->login,
                           .remote_addr = addr,
                           .detail = "town grant " + u->municipality_code});
  tx.commit();
  return Status::Ok();
}

Result<int> ConsultationService::ImportCases(const Principal& p, const std::string& addr, const std::vector<CaseInput>& rows,
                                             const std::string& file_name) {
  Viewer v = ViewerOf(p);
  if (!v.all) return Status::PermissionDenied("@consult.error.import_hub_only");
  std::vector<Case> cases;
  for (size_t i = 0; i < rows.size(); ++i) {
    auto errors = Check(p, rows[i]);
    if (!errors.ok()) return errors.status();
    if (!errors->empty())
      return Status::InvalidArgument("@consult.error.invalid", "row " + std::to_string(i + 1) + " " + errors->front().field);
    Case c;
    Validate(rows[i], c);
    c.id = security::NewId();
    c.assigned_unit = c.received_unit;
    c.staff_login = rows[i].staff_login;
    c.created_by = p.user.login;
    c.created_at = c.updated_at = clock::NowIso();
    if (c.status == "closed") c.closed_at = c.received_at;
    c.imported_from = text::Utf8Prefix(file_name, 200);
    cases.push_back(std::move(c));
  }
  storage::Transaction tx(db_);
  for (const auto& c : cases) {
    store::Insert(tx.sql(), c);
    store::AddUnit(tx.sql(), c.id, c.received_unit);
    Audit(tx.sql(), db_.engine(), p, addr, "consultation.imported", c.id, c.imported_from);
  }
  tx.commit();
  return static_cast<int>(cases.size());
}

}  // namespace renkei::consultations
