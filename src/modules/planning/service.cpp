#include "modules/planning/service.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "modules/events/service.hpp"
#include "modules/liaison/service.hpp"
#include "modules/outreach/service.hpp"
#include "modules/planning/store.hpp"
#include "modules/surveys/service.hpp"
#include "platform/clock.hpp"
#include "platform/security/audit.hpp"
#include "platform/security/crypto.hpp"

namespace renkei::planning {
namespace {

using security::Permission;
using security::Principal;

constexpr size_t kTextLimit = 20000;

std::string Snapshot(const Entry& e) {
  boost::json::array scenes;
  for (const auto& s : e.scenes) scenes.emplace_back(s);
  return boost::json::serialize(boost::json::object{{"scenes", scenes},
                                                    {"results", e.results},
                                                    {"evaluation", e.evaluation},
                                                    {"next_goal", e.next_goal},
                                                    {"next_plan", e.next_plan},
                                                    {"priority", e.priority}});
}

// One entry per program item, empty where nothing was written.
std::vector<Entry> AllItems(int fiscal_year, std::vector<Entry> have) {
  std::vector<Entry> out;
  for (const auto& info : core::AllProgramItems()) {
    auto it = std::find_if(have.begin(), have.end(), [&](const Entry& e) { return e.item == info.code; });
    if (it != have.end()) {
      out.push_back(*it);
    } else {
      Entry e;
      e.fiscal_year = fiscal_year;
      e.item = info.code;
      out.push_back(e);
    }
  }
  return out;
}

Entry ResolveEntry(const Entry& e, const Figures& f, std::vector<std::string>& unknown) {
  Entry r = e;
  for (auto* field : {&r.results, &r.evaluation, &r.next_goal, &r.next_plan}) {
    auto res = Resolve(*field, f);
    *field = res.text;
    for (auto& u : res.unknown)
      if (std::find(unknown.begin(), unknown.end(), u) == unknown.end()) unknown.push_back(u);
  }
  return r;
}

void Audit(soci::session& sql, storage::Engine engine, const Principal& p, const std::string& addr, const char* action, int fy,
           std::string detail = {}) {
  security::AppendAudit(
      sql, engine,
      {.actor = p.user.login, .action = action, .subject = "plan:" + std::to_string(fy), .remote_addr = addr, .detail = std::move(detail)});
}

}  // namespace

bool PlanService::CanEdit(const Principal& p) { return p.can(Permission::kManagePlans); }
bool PlanService::CanRead(const Principal& p) { return CanEdit(p) || p.can(Permission::kViewRegionStatistics); }

Result<Plan> PlanService::Get(const Principal& p, int fiscal_year) {
  if (!CanRead(p)) return Status::PermissionDenied("@error.forbidden");
  auto figures = CountFigures(db_, p, fiscal_year);
  if (!figures.ok()) return figures.status();
  storage::Lease l(db_);
  Plan plan;
  plan.state = store::Year(l.sql(), fiscal_year).value_or(YearState{fiscal_year, "draft", "", "", "", false});
  plan.entries = AllItems(fiscal_year, store::Entries(l.sql(), fiscal_year));
  for (const auto& [item, ref] : store::Links(l.sql(), fiscal_year))
    for (auto& e : plan.entries)
      if (e.item == item) e.links.push_back(ref);
  for (const auto& e : plan.entries) plan.resolved.push_back(ResolveEntry(e, *figures, plan.unknown));
  auto frozen = store::Frozen(l.sql(), fiscal_year);
  if (!frozen.empty()) plan.approved = AllItems(fiscal_year, std::move(frozen));
  return plan;
}

Status PlanService::Put(const Principal& p, const std::string& addr, const Entry& in, std::vector<std::string>* unknown_out) {
  if (!CanEdit(p)) return Status::PermissionDenied("@error.forbidden");
  if (!core::ProgramItemFromCode(in.item)) return Status::NotFound("@error.not_found");
  if (in.fiscal_year < 1990 || in.fiscal_year > 2100) return Status::InvalidArgument("@error.bad_fy");
  for (const auto* t : {&in.results, &in.evaluation, &in.next_goal, &in.next_plan})
    if (t->size() > kTextLimit) return Status::InvalidArgument("@planning.error.too_long");
  for (const auto& s : in.scenes)
    if (!core::SceneFromCode(s)) return Status::InvalidArgument("@planning.error.bad_scene");
  // Only documented figures: a misspelt name is refused rather than printed as braces in the council's paper.
  auto figures = CountFigures(db_, p, in.fiscal_year);
  if (!figures.ok()) return figures.status();
  std::vector<std::string> unknown;
  ResolveEntry(in, *figures, unknown);
  if (!unknown.empty()) {
    if (unknown_out) *unknown_out = unknown;
    std::string names;
    for (const auto& u : unknown) names += (names.empty() ? "" : ", ") + u;
    return Status::InvalidArgument("@planning.error.unknown_figures", names);
  }
  // Links name records of the year that exist (and that this person may see).
  std::vector<std::string> links;
  if (!in.links.empty()) {
    auto choices = LinkChoices(p, in.fiscal_year);
    if (!choices.ok()) return choices.status();
    for (const auto& ref : in.links) {
      if (std::none_of(choices->begin(), choices->end(), [&](const LinkChoice& c) { return c.ref == ref; }))
        return Status::InvalidArgument("@planning.error.bad_link", ref);
      if (std::find(links.begin(), links.end(), ref) == links.end()) links.push_back(ref);
    }
  }
  Entry e = in;
  std::vector<std::string> scenes;
  for (const auto& s : in.scenes)
    if (std::find(scenes.begin(), scenes.end(), s) == scenes.end()) scenes.push_back(s);
  e.scenes = scenes;
  e.updated_by = p.user.login;
  e.updated_at = clock::NowIso();
  storage::Transaction tx(db_);
  auto year = store::Year(tx.sql(), e.fiscal_year).value_or(YearState{e.fiscal_year, "draft", "", "", "", false});
  // An approved year stays approved as it was; editing starts a revised draft beside it.
  if (year.status == "approved")
    year.revised = true;
  else
    year.status = year.status.empty() ? "draft" : year.status;
  store::PutYear(tx.sql(), year);
  store::PutEntry(tx.sql(), e);
  store::ReplaceLinks(tx.sql(), e.fiscal_year, e.item, links);
  store::AddHistory(tx.sql(), e.fiscal_year, e.item, e.updated_at, p.user.login, "saved", Snapshot(e));
  Audit(tx.sql(), db_.engine(), p, addr, "plan.saved", e.fiscal_year, e.item);
  tx.commit();
  return Status::Ok();
}

Status PlanService::Circulate(const Principal& p, const std::string& addr, int fiscal_year) {
  if (!CanEdit(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Transaction tx(db_);
  auto year = store::Year(tx.sql(), fiscal_year).value_or(YearState{fiscal_year, "draft", "", "", "", false});
  if (store::Entries(tx.sql(), fiscal_year).empty()) return Status::FailedPrecondition("@planning.error.empty");
  if (year.status == "approved" && !year.revised) return Status::FailedPrecondition("@planning.error.approved");
  year.status = year.status == "approved" ? "approved" : "circulated";
  store::PutYear(tx.sql(), year);
  std::string now = clock::NowIso();
  store::AddHistory(tx.sql(), fiscal_year, "", now, p.user.login, "circulated", "");
  Audit(tx.sql(), db_.engine(), p, addr, "plan.circulated", fiscal_year);
  tx.commit();
  return Status::Ok();
}

Status PlanService::Approve(const Principal& p, const std::string& addr, int fiscal_year, const std::string& meeting_id) {
  if (!CanEdit(p)) return Status::PermissionDenied("@error.forbidden");
  auto plan = Get(p, fiscal_year);
  if (!plan.ok()) return plan.status();
  if (!plan->unknown.empty()) return Status::FailedPrecondition("@planning.error.unknown_figures");
  storage::Transaction tx(db_);
  auto meeting = store::MeetingKindAndTime(tx.sql(), meeting_id);
  if (!meeting) return Status::InvalidArgument("@planning.error.no_meeting");
  if (meeting->first != "council") return Status::InvalidArgument("@planning.error.not_council");
  if (store::Entries(tx.sql(), fiscal_year).empty()) return Status::FailedPrecondition("@planning.error.empty");
  // What the council approved stands: a year is approved again only as a revision, which becomes a new
  // version beside the old one (plan_versions refuses changes to rows it holds).
  auto year = store::Year(tx.sql(), fiscal_year);
  if (year && year->status == "approved" && !year->revised) return Status::FailedPrecondition("@planning.error.already_approved");
  // The text as approved, figures resolved now, kept from here on whatever changes in the records.
  const std::string now = clock::NowIso();
  int version = store::AddApprovedVersion(tx.sql(), fiscal_year, plan->resolved, meeting_id, now, p.user.login);
  store::ReplaceFrozen(tx.sql(), fiscal_year, plan->resolved);
  YearState y{fiscal_year, "approved", meeting_id, meeting->second, p.user.login, false};
  store::PutYear(tx.sql(), y);
  store::AddHistory(tx.sql(), fiscal_year, "", now, p.user.login, "approved", meeting_id);
  Audit(tx.sql(), db_.engine(), p, addr, "plan.approved", fiscal_year, "meeting:" + meeting_id + " version " + std::to_string(version));
  tx.commit();
  return Status::Ok();
}

Status PlanService::StartNext(const Principal& p, const std::string& addr, int fiscal_year) {
  if (!CanEdit(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Transaction tx(db_);
  if (!store::Entries(tx.sql(), fiscal_year + 1).empty()) return Status::Conflict("@planning.error.next_exists");
  auto entries = store::Entries(tx.sql(), fiscal_year);
  if (entries.empty()) return Status::FailedPrecondition("@planning.error.empty");
  std::string now = clock::NowIso();
  for (const auto& e : entries) {
    // This year's plan for next year is what next year reports on; the goal carries over to be revised.
    Entry n;
    n.fiscal_year = fiscal_year + 1;
    n.item = e.item;
    n.scenes = e.scenes;
    n.priority = e.priority;
    n.results = e.next_plan;
    n.next_goal = e.next_goal;
    n.next_plan = e.next_plan;
    n.updated_by = p.user.login;
    n.updated_at = now;
    store::PutEntry(tx.sql(), n);
    store::AddHistory(tx.sql(), n.fiscal_year, n.item, now, p.user.login, "started", Snapshot(n));
  }
  store::PutYear(tx.sql(), {fiscal_year + 1, "draft", "", "", "", false});
  Audit(tx.sql(), db_.engine(), p, addr, "plan.started", fiscal_year + 1, "from " + std::to_string(fiscal_year));
  tx.commit();
  return Status::Ok();
}

Status PlanService::AddComment(const Principal& p, const std::string& addr, int fiscal_year, const std::string& item,
                               const std::string& body) {
  if (!CanRead(p)) return Status::PermissionDenied("@error.forbidden");
  if (!core::ProgramItemFromCode(item)) return Status::NotFound("@error.not_found");
  if (body.empty() || body.size() > 5000) return Status::InvalidArgument("@planning.error.comment");
  storage::Transaction tx(db_);
  store::AddComment(tx.sql(), {security::NewId(), item, p.user.login, clock::NowIso(), body}, fiscal_year);
  Audit(tx.sql(), db_.engine(), p, addr, "plan.commented", fiscal_year, item);
  tx.commit();
  return Status::Ok();
}

Result<std::vector<Comment>> PlanService::Comments(const Principal& p, int fiscal_year) {
  if (!CanRead(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Lease l(db_);
  return store::Comments(l.sql(), fiscal_year);
}

Result<std::vector<HistoryRow>> PlanService::History(const Principal& p, int fiscal_year) {
  if (!CanRead(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Lease l(db_);
  return store::History(l.sql(), fiscal_year);
}

Result<std::vector<PlanService::LinkChoice>> PlanService::LinkChoices(const Principal& p, int fiscal_year) {
  if (!CanRead(p)) return Status::PermissionDenied("@error.forbidden");
  std::vector<LinkChoice> out;
  auto day = [](const std::string& iso) {
    auto d = core::ParseIsoDate(clock::IsoToTokyoMinute(iso).substr(0, 10));
    return d ? core::FormatShort(*d) : iso.substr(0, 10);
  };
  events::EventService ev(db_);
  for (const auto& e : ev.PublicYear(fiscal_year)) out.push_back({"event:" + e.id, day(e.starts_at) + " " + e.title});
  liaison::LiaisonService li(db_);
  if (auto meetings = li.Year(p, fiscal_year); meetings.ok())
    for (const auto& m : *meetings) out.push_back({"meeting:" + m.id, day(m.held_at) + " " + m.title});
  outreach::OutreachService ou(db_);
  if (auto acts = ou.Year(p, fiscal_year); acts.ok())
    for (const auto& a : *acts) {
      auto d = core::ParseIsoDate(a.date);
      out.push_back({"outreach:" + a.id, (d ? core::FormatShort(*d) : a.date) + " " + outreach::Kinds().label(a.kind) +
                                             (a.topic.empty() ? "" : " " + a.topic)});
    }
  // Surveys of the year (a plan's 現状把握 often rests on one); planning staff may read them.
  surveys::SurveyService sv(db_);
  if (auto list = sv.Year(p, fiscal_year); list.ok())
    for (const auto& s : *list) out.push_back({"survey:" + s.survey.id, "調査 " + s.survey.title});
  return out;
}

std::vector<int> PlanService::Years() {
  storage::Lease l(db_);
  return store::Years(l.sql());
}

}  // namespace renkei::planning
