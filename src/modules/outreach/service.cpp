#include "modules/outreach/service.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "modules/outreach/store.hpp"
#include "platform/attachments.hpp"
#include "platform/clock.hpp"
#include "platform/security/audit.hpp"
#include "platform/security/crypto.hpp"
#include "platform/security/scope.hpp"
#include "platform/text/utf8.hpp"

namespace renkei::outreach {
namespace {

using core::CodeInfo;
using security::Principal;

constexpr std::array<CodeInfo, 7> kKinds = {{
    {"newsletter", "広報紙掲載", "Newsletter article"},
    {"dvd_screening", "DVD上映", "DVD screening"},
    {"lecture", "講演会", "Lecture"},
    {"outreach_talk", "出前講座", "Outreach talk"},
    {"leaflet", "リーフレット配布", "Leaflets"},
    {"web", "Web掲載", "Web page"},
    {"other", "その他", "Other"},
}};
constexpr std::array<CodeInfo, 3> kStatuses = {
    {{"new", "受付", "New"}, {"assigned", "講師決定", "Lecturer assigned"}, {"held", "実施済み", "Held"}}};

const std::vector<CodeInfo>& AreaCodes() {
  static const std::vector<CodeInfo> v = [] {
    std::vector<CodeInfo> out;
    static const char* kEn[] = {"Honjo", "Misato", "Kamikawa", "Kamisato"};
    size_t i = 0;
    for (const auto& m : core::DefaultMunicipalities()) out.push_back({m.code, m.name, i < 4 ? kEn[i++] : m.code});
    out.push_back({"region", "4市町共通", "All four towns"});
    return out;
  }();
  return v;
}

void Audit(soci::session& sql, storage::Engine engine, const std::string& actor, const std::string& addr, const char* action,
           const std::string& subject, std::string detail = {}) {
  security::AppendAudit(sql, engine,
                        {.actor = actor, .action = action, .subject = subject, .remote_addr = addr, .detail = std::move(detail)});
}

}  // namespace

const CodeList& Kinds() {
  static const CodeList l{"kind", kKinds};
  return l;
}
const CodeList& Areas() {
  static const CodeList l{"municipality", AreaCodes()};
  return l;
}
const CodeList& RequestStatuses() {
  static const std::array<CodeInfo, 4> all = {{kStatuses[0], kStatuses[1], kStatuses[2], {"declined", "お断り", "Declined"}}};
  static const CodeList l{"status", all};
  return l;
}

std::vector<FieldError> Validate(const ActivityInput& in, Activity& out) {
  std::vector<FieldError> e;
  if (!Kinds().contains(in.kind))
    e.push_back({"kind", "@outreach.error.unknown_code"});
  else
    out.kind = in.kind;
  std::string area = in.municipality.empty() ? "region" : in.municipality;
  if (!Areas().contains(area))
    e.push_back({"municipality", "@outreach.error.unknown_code"});
  else
    out.municipality = area;
  auto d = core::ParseJapaneseDate(in.date);
  if (!d)
    e.push_back({"date", in.date.empty() ? "@outreach.error.required" : "@outreach.error.bad_date"});
  else
    out.date = d->iso(), out.fiscal_year = core::FiscalYearOf(*d);
  if (in.reach && (*in.reach < 0 || *in.reach > 10000000))
    e.push_back({"reach", "@outreach.error.bad_number"});
  else
    out.reach = in.reach.value_or(0);
  auto text = [&](const std::string& v, size_t max, const char* field, std::string& dst) {
    if (v.size() > max)
      e.push_back({field, "@outreach.error.too_long"});
    else
      dst = v;
  };
  text(in.place, 300, "place", out.place);
  text(in.audience, 300, "audience", out.audience);
  text(in.topic, 300, "topic", out.topic);
  text(in.notes, 10000, "notes", out.notes);
  out.scenes.clear();
  for (const auto& s : in.scenes) {
    if (!core::SceneFromCode(s))
      e.push_back({"scenes", "@outreach.error.unknown_code"});
    else if (std::find(out.scenes.begin(), out.scenes.end(), s) == out.scenes.end())
      out.scenes.push_back(s);
  }
  out.acp = in.acp;
  out.is_public = in.is_public;
  out.lecturer_id = in.lecturer_id;
  return e;
}

std::vector<FieldError> Validate(const RequestInput& in) {
  std::vector<FieldError> e;
  if (in.group_name.empty()) e.push_back({"group_name", "@outreach.error.required"});
  if (in.contact_name.empty()) e.push_back({"contact_name", "@outreach.error.required"});
  if (in.phone.empty() && in.email.empty()) e.push_back({"phone", "@outreach.error.need_contact"});
  if (!in.email.empty() && (in.email.find('@') == std::string::npos || in.email.find_first_of(" \r\n<>,;\"") != std::string::npos))
    e.push_back({"email", "@outreach.error.bad_email"});
  if (!core::ResidentTowns().contains(in.municipality))
    e.push_back({"municipality", in.municipality.empty() ? "@outreach.error.required" : "@outreach.error.unknown_code"});
  for (auto [v, max, f] : {std::tuple{&in.group_name, 200, "group_name"},
                           {&in.contact_name, 100, "contact_name"},
                           {&in.phone, 30, "phone"},
                           {&in.email, 200, "email"},
                           {&in.preferred, 1000, "preferred"},
                           {&in.topic, 1000, "topic"}})
    if (v->size() > static_cast<size_t>(max)) e.push_back({f, "@outreach.error.too_long"});
  if (in.audience_size && (*in.audience_size < 0 || *in.audience_size > 100000))
    e.push_back({"audience_size", "@outreach.error.bad_number"});
  return e;
}

bool OutreachService::Staff(const Principal& p) { return p.can(security::Permission::kManageEvents); }

Result<std::string> OutreachService::Create(const Principal& p, const std::string& addr, const ActivityInput& in) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  Activity a;
  if (auto e = Validate(in, a); !e.empty())
    return Status::InvalidArgument("@outreach.error.invalid", e.front().field + ": " + e.front().message);
  if (!security::MayMakeTownRecord(p, a.municipality)) return Status::PermissionDenied("@error.other_town");
  a.id = security::NewId();
  a.created_by = p.user.login;
  a.created_at = a.updated_at = clock::NowIso();
  storage::Transaction tx(db_);
  store::InsertActivity(tx.sql(), a);
  Audit(tx.sql(), db_.engine(), p.user.login, addr, "outreach.created", "outreach:" + a.id, a.kind);
  tx.commit();
  return a.id;
}

Status OutreachService::Update(const Principal& p, const std::string& addr, const std::string& id, const ActivityInput& in) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  Activity a;
  if (auto e = Validate(in, a); !e.empty())
    return Status::InvalidArgument("@outreach.error.invalid", e.front().field + ": " + e.front().message);
  storage::Transaction tx(db_);
  auto cur = store::LoadActivity(tx.sql(), id);
  if (!cur) return Status::NotFound("@error.not_found");
  // Another town's activity stays theirs, and none is moved to a town this person does not work for.
  if (!security::MayChangeTownRecord(p, cur->municipality, cur->created_by) || !security::MayMakeTownRecord(p, a.municipality))
    return Status::PermissionDenied("@error.other_town");
  a.id = id;
  a.created_by = cur->created_by;
  a.created_at = cur->created_at;
  a.updated_at = clock::NowIso();
  store::UpdateActivity(tx.sql(), a);
  Audit(tx.sql(), db_.engine(), p.user.login, addr, "outreach.updated", "outreach:" + id);
  tx.commit();
  return Status::Ok();
}

Result<Activity> OutreachService::Get(const Principal& p, const std::string& id) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Lease l(db_);
  auto a = store::LoadActivity(l.sql(), id);
  if (!a) return Status::NotFound("@error.not_found");
  return *a;
}

Result<std::string> OutreachService::AddFile(const Principal& p, const std::string& addr, const std::string& id, const std::string& name,
                                             const std::string& type, std::string_view bytes) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Transaction tx(db_);
  auto cur = store::LoadActivity(tx.sql(), id);
  if (!cur) return Status::NotFound("@error.not_found");
  if (!security::MayChangeTownRecord(p, cur->municipality, cur->created_by)) return Status::PermissionDenied("@error.other_town");
  auto fid = attachments::Add(tx.sql(), "outreach:" + id, name, type, bytes, p.user.login);
  if (!fid.ok()) return fid.status();
  Audit(tx.sql(), db_.engine(), p.user.login, addr, "outreach.file_added", "outreach:" + id, name);
  tx.commit();
  return fid;
}

Result<std::vector<Activity>> OutreachService::Year(const Principal& p, int fiscal_year) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Lease l(db_);
  return store::ActivitiesOfYear(l.sql(), fiscal_year);
}

Result<Summary> OutreachService::SummaryOf(const Principal& p, int fiscal_year) {
  if (!Staff(p) && !p.can(security::Permission::kViewRegionStatistics)) return Status::PermissionDenied("@error.forbidden");
  Summary s;
  s.fiscal_year = fiscal_year;
  storage::Lease l(db_);
  s.rows = store::ActivitiesOfYear(l.sql(), fiscal_year);
  std::map<std::string, KindRow> kinds, areas;
  for (const auto& k : Kinds().codes) kinds[k.code] = {k.code, k.ja, 0, 0};
  for (const auto& a : Areas().codes) areas[a.code] = {a.code, a.ja, 0, 0};
  for (const auto& a : s.rows) {
    s.activities++;
    s.reach += a.reach;
    if (a.acp) s.acp_reach += a.reach;
    kinds[a.kind].count++, kinds[a.kind].reach += a.reach;
    areas[a.municipality].count++, areas[a.municipality].reach += a.reach;
  }
  for (const auto& k : Kinds().codes) s.by_kind.push_back(kinds[k.code]);
  for (const auto& a : Areas().codes) s.by_municipality.push_back(areas[a.code]);
  return s;
}

std::vector<Activity> OutreachService::Upcoming() {
  storage::Lease l(db_);
  return store::PublicFrom(l.sql(), clock::TodayInTokyo());
}

Result<std::string> OutreachService::AddLecturer(const Principal& p, const std::string& addr, const Lecturer& in) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  if (in.name.empty() || in.name.size() > 100) return Status::InvalidArgument("@outreach.error.lecturer_name");
  for (const auto* f : {&in.profession, &in.affiliation, &in.topics, &in.availability})
    if (f->size() > 1000) return Status::InvalidArgument("@outreach.error.too_long");
  Lecturer l = in;
  l.id = security::NewId();
  l.active = true;
  storage::Transaction tx(db_);
  store::InsertLecturer(tx.sql(), l, clock::NowIso());
  Audit(tx.sql(), db_.engine(), p.user.login, addr, "outreach.lecturer_added", "lecturer:" + l.id, l.name);
  tx.commit();
  return l.id;
}

Status OutreachService::SetLecturerActive(const Principal& p, const std::string& addr, const std::string& id, bool active) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Transaction tx(db_);
  if (!store::SetLecturerActive(tx.sql(), id, active)) return Status::NotFound("@error.not_found");
  Audit(tx.sql(), db_.engine(), p.user.login, addr, active ? "outreach.lecturer_activated" : "outreach.lecturer_retired", "lecturer:" + id);
  tx.commit();
  return Status::Ok();
}

std::vector<Lecturer> OutreachService::Lecturers(bool active_only) {
  storage::Lease l(db_);
  return store::Lecturers(l.sql(), active_only);
}

Result<std::string> OutreachService::SubmitRequest(const RequestInput& in, const std::string& addr) {
  if (auto e = Validate(in); !e.empty())
    return Status::InvalidArgument("@outreach.error.invalid", e.front().field + ": " + e.front().message);
  Request r;
  r.id = security::NewId();
  auto bytes = security::RandomBytes(6);
  static const char* kAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  r.reference = "K-";
  for (size_t i = 0; i < 6; ++i) r.reference += kAlphabet[bytes[i] % 31];
  r.group_name = in.group_name;
  r.contact_name = in.contact_name;
  r.phone = in.phone;
  r.email = in.email;
  r.municipality = in.municipality;
  r.preferred = in.preferred;
  r.topic = in.topic;
  r.audience_size = in.audience_size;
  r.created_at = r.updated_at = clock::NowIso();
  storage::Transaction tx(db_);
  store::InsertRequest(tx.sql(), r);
  Audit(tx.sql(), db_.engine(), "public", addr, "outreach.request_received", "talk_request:" + r.id, r.reference);
  tx.commit();
  return r.reference;
}

Result<std::vector<Request>> OutreachService::Requests(const Principal& p, const std::string& addr) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Lease l(db_);
  return store::Requests(l.sql());
}

Status OutreachService::Assign(const Principal& p, const std::string& addr, const std::string& id, const std::string& lecturer_id,
                               const std::string& note) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  if (note.size() > 2000) return Status::InvalidArgument("@outreach.error.too_long");
  storage::Transaction tx(db_);
  auto r = store::LoadRequest(tx.sql(), id);
  if (!r) return Status::NotFound("@error.not_found");
  auto lecturers = store::Lecturers(tx.sql(), true);
  if (std::none_of(lecturers.begin(), lecturers.end(), [&](const Lecturer& l) { return l.id == lecturer_id; }))
    return Status::InvalidArgument("@outreach.error.no_lecturer");
  if (r->status == "held") return Status::FailedPrecondition("@outreach.error.already_held");
  r->lecturer_id = lecturer_id;
  r->status = "assigned";
  if (!note.empty()) r->staff_note = note;
  r->updated_at = clock::NowIso();
  store::UpdateRequest(tx.sql(), *r);
  Audit(tx.sql(), db_.engine(), p.user.login, addr, "outreach.request_assigned", "talk_request:" + id, lecturer_id);
  tx.commit();
  return Status::Ok();
}

Status OutreachService::Decline(const Principal& p, const std::string& addr, const std::string& id, const std::string& note) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Transaction tx(db_);
  auto r = store::LoadRequest(tx.sql(), id);
  if (!r) return Status::NotFound("@error.not_found");
  if (r->status == "held") return Status::FailedPrecondition("@outreach.error.already_held");
  r->status = "declined";
  r->staff_note = text::Utf8Prefix(note, 2000);
  r->updated_at = clock::NowIso();
  store::UpdateRequest(tx.sql(), *r);
  Audit(tx.sql(), db_.engine(), p.user.login, addr, "outreach.request_declined", "talk_request:" + id);
  tx.commit();
  return Status::Ok();
}

Result<std::string> OutreachService::MarkHeld(const Principal& p, const std::string& addr, const std::string& id, const std::string& date,
                                              long long attendance) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Transaction tx(db_);
  auto r = store::LoadRequest(tx.sql(), id);
  if (!r) return Status::NotFound("@error.not_found");
  if (r->status != "assigned") return Status::FailedPrecondition("@outreach.error.not_assigned");
  ActivityInput in;
  in.kind = "outreach_talk";
  in.municipality = r->municipality == "outside" ? "region" : r->municipality;
  in.date = date;
  in.place = r->group_name;
  in.audience = r->group_name;
  in.topic = r->topic.empty() ? "人生会議（ACP）" : text::Utf8Prefix(r->topic, 300);
  in.reach = attendance;
  in.acp = true;
  in.lecturer_id = r->lecturer_id;
  Activity a;
  if (auto e = Validate(in, a); !e.empty())
    return Status::InvalidArgument("@outreach.error.invalid", e.front().field + ": " + e.front().message);
  a.id = security::NewId();
  a.created_by = p.user.login;
  a.created_at = a.updated_at = clock::NowIso();
  store::InsertActivity(tx.sql(), a);
  r->status = "held";
  r->activity_id = a.id;
  r->updated_at = a.updated_at;
  store::UpdateRequest(tx.sql(), *r);
  Audit(tx.sql(), db_.engine(), p.user.login, addr, "outreach.request_held", "talk_request:" + id, "outreach:" + a.id);
  tx.commit();
  return a.id;
}

Result<std::vector<attachments::File>> OutreachService::Files(const security::Principal& p, const std::string& id) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Lease l(db_);
  return attachments::List(l.sql(), "outreach:" + id);
}

Result<attachments::File> OutreachService::File(const security::Principal& p, const std::string& addr, const std::string& id,
                                                const std::string& file_id) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  return attachments::Download(db_, "outreach:" + id, file_id, p.user.login, addr);
}

}  // namespace renkei::outreach
