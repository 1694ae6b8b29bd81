// The pages' screens: what each page shows, in one service call, so that the routes make one call and
// the views are pure functions of the result.
#include <algorithm>

#include "core/domain.hpp"
#include "modules/liaison/service.hpp"
#include "modules/planning/documents.hpp"
#include "modules/planning/service.hpp"
#include "platform/clock.hpp"

namespace renkei::planning {

namespace {

constexpr size_t kHistoryShown = 20;

}  // namespace

Result<std::vector<int>> PlanService::YearList(const security::Principal& p) {
  if (!CanRead(p)) return Status::PermissionDenied("@error.forbidden");
  return Years();
}

Result<YearScreen> PlanService::YearPage(const security::Principal& p, int fiscal_year, bool want_draft, const std::string& region_name) {
  auto plan = Get(p, fiscal_year);
  if (!plan.ok()) return plan.status();
  YearScreen s;
  s.fiscal_year = fiscal_year;
  s.show_draft = want_draft;
  s.can_edit = CanEdit(p);
  auto paper = PaperOf(*plan, region_name, want_draft);
  s.draft = paper.draft;
  s.shown = std::move(paper.entries);
  s.plan = std::move(plan.value());
  if (auto comments = Comments(p, fiscal_year); comments.ok()) s.comments = std::move(comments.value());
  IndicatorService indicators(db_);
  if (auto list = indicators.List(p); list.ok())
    for (const auto& ind : *list)
      for (const auto& it : ind.items) s.indicators[it].push_back(ind);
  if (auto choices = LinkChoices(p, fiscal_year); choices.ok())
    for (const auto& c : *choices) s.link_labels[c.ref] = c.label;
  liaison::LiaisonService meetings(db_);
  for (int y : {fiscal_year, fiscal_year + 1})
    if (auto list = meetings.Year(p, y, "council"); list.ok())
      for (const auto& m : *list) s.councils.push_back({m.id, clock::IsoToTokyoMinute(m.held_at).substr(0, 10) + " " + m.title});
  if (auto h = History(p, fiscal_year); h.ok()) {
    s.history = std::move(h.value());
    if (s.history.size() > kHistoryShown) s.history.resize(kHistoryShown);
  }
  return s;
}

Result<std::vector<ItemYear>> PlanService::ItemYears(const security::Principal& p, const std::string& item,
                                                     const std::string& region_name) {
  if (!core::ProgramItemFromCode(item)) return Status::NotFound("@error.not_found");
  if (!CanRead(p)) return Status::PermissionDenied("@error.forbidden");
  auto years = Years();
  std::sort(years.begin(), years.end());  // oldest first, as one reads a history
  std::vector<ItemYear> out;
  for (int fy : years) {
    auto plan = Get(p, fy);
    if (!plan.ok()) return plan.status();
    auto paper = PaperOf(*plan, region_name);
    for (const auto& e : paper.entries)
      if (e.item == item) out.push_back({fy, paper.draft, e});
  }
  return out;
}

Result<EditScreen> PlanService::EditForm(const security::Principal& p, int fiscal_year, const std::string& item) {
  if (!CanEdit(p)) return Status::PermissionDenied("@error.forbidden");
  if (!core::ProgramItemFromCode(item)) return Status::NotFound("@error.not_found");
  auto plan = Get(p, fiscal_year);
  if (!plan.ok()) return plan.status();
  for (const auto& e : plan->entries)
    if (e.item == item) return Refused(p, e, {});
  return Status::NotFound("@error.not_found");
}

Result<EditScreen> PlanService::Refused(const security::Principal& p, const Entry& in, std::vector<std::string> unknown) {
  if (!CanEdit(p)) return Status::PermissionDenied("@error.forbidden");
  EditScreen s{in.fiscal_year, in, {}, std::move(unknown)};
  if (auto choices = LinkChoices(p, in.fiscal_year); choices.ok())
    for (const auto& c : *choices) s.link_choices.emplace_back(c.ref, c.label);
  return s;
}

}  // namespace renkei::planning
