// The pages' screens: a meeting and what its page shows beside it, in one service call, so that the
// routes make one call and the views are pure functions of the result.
#include "modules/liaison/service.hpp"
#include "platform/clock.hpp"
#include "platform/security/roles.hpp"

namespace renkei::liaison {
namespace {

// The form's input from a stored meeting: Japan time, one attendee a line.
MeetingInput InputOf(const Meeting& m) {
  MeetingInput in;
  in.kind = m.kind;
  in.title = m.title;
  in.held_at = clock::IsoToTokyoMinute(m.held_at);
  in.place = m.place;
  in.online = m.online;
  in.agenda = m.agenda;
  in.minutes = m.minutes;
  in.decisions = m.decisions;
  for (const auto& a : m.attendees)
    in.attendees += (a.login.empty() ? a.name : a.login) + (a.organization.empty() ? "" : ", " + a.organization) + "\n";
  return in;
}

}  // namespace

Result<MeetingScreen> LiaisonService::PageOf(const security::Principal& p, const std::string& id) {
  auto m = Get(p, id);
  if (!m.ok()) return m.status();
  MeetingScreen s;
  s.meeting = std::move(*m);
  s.kinds = Kinds();
  if (auto acts = ActionsOf(p, s.meeting.id); acts.ok()) s.actions = std::move(*acts);
  auto papers = Papers(p, s.meeting.id);
  if (!papers.ok()) return papers.status();
  s.papers = std::move(*papers);
  return s;
}

Result<MeetingListScreen> LiaisonService::ListOf(const security::Principal& p, int fiscal_year, const std::string& kind) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  auto summary = SummaryOf(p, fiscal_year);
  if (!summary.ok()) return summary.status();
  auto list = Year(p, fiscal_year, kind);
  if (!list.ok()) return list.status();
  MeetingListScreen s;
  s.summary = std::move(*summary);
  s.meetings = std::move(*list);
  s.kinds = Kinds();
  s.kind = kind;
  s.can_kinds = p.can(security::Permission::kManageUsers);
  return s;
}

Result<MeetingFormScreen> LiaisonService::NewForm(const security::Principal& p, const std::string& kind) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  MeetingFormScreen f;
  f.input.kind = kind.empty() ? "municipal_staff" : kind;
  f.input.held_at = clock::TodayInTokyo() + " 14:00";
  f.kinds = Kinds();
  return f;
}

Result<MeetingFormScreen> LiaisonService::EditForm(const security::Principal& p, const std::string& id) {
  auto m = Get(p, id);
  if (!m.ok()) return m.status();
  MeetingFormScreen f;
  f.input = InputOf(*m);
  f.kinds = Kinds();
  f.id = m->id;
  return f;
}

Result<MeetingFormScreen> LiaisonService::Submitted(const security::Principal& p, const std::string& id, MeetingInput in) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  MeetingFormScreen f;
  f.kinds = Kinds();
  Meeting scratch;
  f.errors = Validate(in, f.kinds, scratch);
  f.input = std::move(in);
  f.id = id;
  return f;
}

Result<std::vector<Kind>> LiaisonService::KindsForAdmin(const security::Principal& p) {
  if (!p.can(security::Permission::kManageUsers)) return Status::PermissionDenied("@error.forbidden");
  return Kinds();
}

}  // namespace renkei::liaison
