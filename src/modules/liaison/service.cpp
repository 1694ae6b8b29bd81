#include "modules/liaison/service.hpp"

#include <algorithm>
#include <map>

#include "core/wareki.hpp"
#include "modules/liaison/store.hpp"
#include "platform/attachments.hpp"
#include "platform/clock.hpp"
#include "platform/security/account_store.hpp"
#include "platform/security/audit.hpp"
#include "platform/security/crypto.hpp"
#include "platform/text/japanese.hpp"

namespace renkei::liaison {
namespace {

using security::Principal;

void Audit(soci::session& sql, storage::Engine engine, const Principal& p, const std::string& addr, const char* action,
           const std::string& subject, std::string detail = {}) {
  security::AppendAudit(sql, engine,
                        {.actor = p.user.login, .action = action, .subject = subject, .remote_addr = addr, .detail = std::move(detail)});
}

// "name, organization" or "name　organization" per line; a line that is a login stays a login (filled
// from the account in the service).
std::vector<Attendee> ParseAttendees(const std::string& text) {
  std::vector<Attendee> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text::Clean(text.substr(start, end - start));
    start = end + 1;
    if (line.empty()) continue;
    Attendee a;
    size_t comma = line.find_first_of(",，、");
    if (comma != std::string::npos) {
      size_t width = static_cast<unsigned char>(line[comma]) < 0x80 ? 1 : 3;
      a.name = text::Clean(line.substr(0, comma));
      a.organization = text::Clean(line.substr(comma + width));
    } else {
      a.name = line;
    }
    out.push_back(a);
  }
  return out;
}

}  // namespace

std::vector<FieldError> Validate(const MeetingInput& in, const std::vector<Kind>& kinds, Meeting& out) {
  std::vector<FieldError> e;
  if (std::none_of(kinds.begin(), kinds.end(), [&](const Kind& k) { return k.code == in.kind; }))
    e.push_back({"kind", "@liaison.error.unknown_code"});
  else
    out.kind = in.kind;
  if (in.title.empty())
    e.push_back({"title", "@liaison.error.required"});
  else if (in.title.size() > 300)
    e.push_back({"title", "@liaison.error.too_long"});
  else
    out.title = in.title;
  auto at = core::ParseJapanTime(in.held_at);
  if (!at)
    e.push_back({"held_at", in.held_at.empty() ? "@liaison.error.required" : "@liaison.error.bad_time"});
  else
    out.held_at = *at, out.fiscal_year = core::FiscalYearOf(*core::ParseIsoDate(clock::IsoToTokyoMinute(*at).substr(0, 10)));
  auto text = [&](const std::string& v, size_t max, const char* field, std::string& dst) {
    if (v.size() > max)
      e.push_back({field, "@liaison.error.too_long"});
    else
      dst = v;
  };
  text(in.place, 300, "place", out.place);
  text(in.agenda, 20000, "agenda", out.agenda);
  text(in.minutes, 200000, "minutes", out.minutes);
  text(in.decisions, 20000, "decisions", out.decisions);
  out.online = in.online;
  out.attendees = ParseAttendees(in.attendees);
  if (out.attendees.size() > 200) e.push_back({"attendees", "@liaison.error.too_long"});
  return e;
}

bool LiaisonService::Staff(const Principal& p) { return p.can(security::Permission::kManageEvents); }

std::vector<Kind> LiaisonService::Kinds() {
  storage::Lease l(db_);
  return store::Kinds(l.sql());
}

Status LiaisonService::AddKind(const Principal& p, const std::string& addr, const std::string& code, const std::string& label) {
  if (!p.can(security::Permission::kManageUsers)) return Status::PermissionDenied("@error.forbidden");
  if (code.empty() || code.size() > 40 || code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
    return Status::InvalidArgument("@liaison.error.bad_code");
  if (label.empty() || label.size() > 100) return Status::InvalidArgument("@liaison.error.bad_label");
  storage::Transaction tx(db_);
  auto kinds = store::Kinds(tx.sql());
  if (std::any_of(kinds.begin(), kinds.end(), [&](const Kind& k) { return k.code == code; }))
    return Status::Conflict("@liaison.error.kind_exists");
  int ord = 10;
  for (const auto& k : kinds)
    if (k.ord < 99) ord = std::max(ord, k.ord + 1);
  store::InsertKind(tx.sql(), {code, label, ord, false});
  Audit(tx.sql(), db_.engine(), p, addr, "meeting.kind_added", "meeting_kind:" + code, label);
  tx.commit();
  return Status::Ok();
}

Result<std::string> LiaisonService::Create(const Principal& p, const std::string& addr, const MeetingInput& in) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Transaction tx(db_);
  Meeting m;
  if (auto e = Validate(in, store::Kinds(tx.sql()), m); !e.empty())
    return Status::InvalidArgument("@liaison.error.invalid", e.front().field + ": " + e.front().message);
  for (auto& a : m.attendees)
    if (auto u = security::account_store::FindUserByLogin(tx.sql(), a.name); u && a.organization.empty())
      a.login = u->login, a.name = u->display_name;
  m.id = security::NewId();
  m.created_by = p.user.login;
  m.created_at = m.updated_at = clock::NowIso();
  store::Insert(tx.sql(), m);
  Audit(tx.sql(), db_.engine(), p, addr, "meeting.created", "meeting:" + m.id, m.kind);
  tx.commit();
  return m.id;
}

Status LiaisonService::Update(const Principal& p, const std::string& addr, const std::string& id, const MeetingInput& in) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Transaction tx(db_);
  auto cur = store::Load(tx.sql(), id);
  if (!cur) return Status::NotFound("@error.not_found");
  Meeting m;
  if (auto e = Validate(in, store::Kinds(tx.sql()), m); !e.empty())
    return Status::InvalidArgument("@liaison.error.invalid", e.front().field + ": " + e.front().message);
  for (auto& a : m.attendees)
    if (auto u = security::account_store::FindUserByLogin(tx.sql(), a.name); u && a.organization.empty())
      a.login = u->login, a.name = u->display_name;
  m.id = id;
  m.created_by = cur->created_by;
  m.created_at = cur->created_at;
  m.updated_at = clock::NowIso();
  store::Update(tx.sql(), m);
  Audit(tx.sql(), db_.engine(), p, addr, "meeting.updated", "meeting:" + id);
  tx.commit();
  return Status::Ok();
}

Result<Meeting> LiaisonService::Get(const Principal& p, const std::string& id) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Lease l(db_);
  auto m = id.size() <= 64 ? store::Load(l.sql(), id) : std::nullopt;
  if (!m) return Status::NotFound("@error.not_found");
  return *m;
}

Result<std::vector<Meeting>> LiaisonService::Year(const Principal& p, int fiscal_year, const std::string& kind) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Lease l(db_);
  return store::OfYear(l.sql(), fiscal_year, kind);
}

Result<Summary> LiaisonService::SummaryOf(const Principal& p, int fiscal_year) {
  if (!Staff(p) && !p.can(security::Permission::kViewRegionStatistics)) return Status::PermissionDenied("@error.forbidden");
  storage::Lease l(db_);
  Summary s;
  s.fiscal_year = fiscal_year;
  std::map<std::string, long long> counts;
  for (const auto& m : store::OfYear(l.sql(), fiscal_year, "")) counts[m.kind]++, s.meetings++;
  for (const auto& k : store::Kinds(l.sql())) s.by_kind.push_back({k.code, k.label, counts[k.code]});
  return s;
}

Result<std::string> LiaisonService::AddAction(const Principal& p, const std::string& addr, const std::string& meeting_id,
                                              const std::string& title, const std::string& owner_login, const std::string& due_date) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  if (title.empty() || title.size() > 500) return Status::InvalidArgument("@liaison.error.action_title");
  std::string due;
  if (!due_date.empty()) {
    auto d = core::ParseJapaneseDate(due_date);
    if (!d) return Status::InvalidArgument("@liaison.error.bad_date");
    due = d->iso();
  }
  storage::Transaction tx(db_);
  if (!store::Load(tx.sql(), meeting_id)) return Status::NotFound("@error.not_found");
  std::string owner = owner_login.empty() ? p.user.login : owner_login;
  auto u = security::account_store::FindUserByLogin(tx.sql(), owner);
  if (!u || u->disabled) return Status::InvalidArgument("@liaison.error.bad_owner");
  ActionItem a{security::NewId(), meeting_id, title, owner, due, "open", "", clock::NowIso(), ""};
  store::InsertAction(tx.sql(), a);
  Audit(tx.sql(), db_.engine(), p, addr, "meeting.action_added", "meeting:" + meeting_id, owner);
  tx.commit();
  return a.id;
}

Status LiaisonService::SetActionDone(const Principal& p, const std::string& addr, const std::string& action_id, bool done) {
  storage::Transaction tx(db_);
  auto a = store::LoadAction(tx.sql(), action_id);
  if (!a) return Status::NotFound("@error.not_found");
  if (a->owner_login != p.user.login && !Staff(p)) return Status::NotFound("@error.not_found");
  store::SetActionStatus(tx.sql(), action_id, done ? "done" : "open", clock::NowIso());
  Audit(tx.sql(), db_.engine(), p, addr, done ? "meeting.action_done" : "meeting.action_reopened", "meeting:" + a->meeting_id, action_id);
  tx.commit();
  return Status::Ok();
}

Result<std::vector<ActionItem>> LiaisonService::ActionsOf(const Principal& p, const std::string& meeting_id) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Lease l(db_);
  return store::ActionsOfMeeting(l.sql(), meeting_id);
}

std::vector<ActionItem> LiaisonService::OpenActionsFor(const std::string& login) {
  storage::Lease l(db_);
  return store::OpenActionsOf(l.sql(), login);
}

Result<std::string> LiaisonService::AddPaper(const Principal& p, const std::string& addr, const std::string& id, const std::string& name,
                                             const std::string& type, std::string_view bytes) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Transaction tx(db_);
  if (!store::Load(tx.sql(), id)) return Status::NotFound("@error.not_found");
  auto fid = attachments::Add(tx.sql(), "meeting:" + id, name, type, bytes, p.user.login);
  if (!fid.ok()) return fid.status();
  Audit(tx.sql(), db_.engine(), p, addr, "meeting.paper_added", "meeting:" + id, name);
  tx.commit();
  return fid;
}

Result<std::vector<attachments::File>> LiaisonService::Papers(const security::Principal& p, const std::string& id) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Lease l(db_);
  return attachments::List(l.sql(), "meeting:" + id);
}

Result<attachments::File> LiaisonService::Paper(const security::Principal& p, const std::string& addr, const std::string& id,
                                                const std::string& file_id) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  return attachments::Download(db_, "meeting:" + id, file_id, p.user.login, addr);
}

}  // namespace renkei::liaison
