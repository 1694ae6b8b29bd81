// The pages' screens: what each page shows, in one service call, so that the routes make one call and
// the views are pure functions of the result.
#include "core/wareki.hpp"
#include "modules/sharing/service.hpp"
#include "platform/clock.hpp"

namespace renkei::sharing {

CardFormScreen CardService::CardForm(std::vector<FieldError> errors) {
  CardFormScreen s;
  for (const auto& slot : ProviderSlots()) s.choices.push_back(ChoicesFor(slot));
  s.errors = std::move(errors);
  return s;
}

CardScreen CardService::Card(const ContactCard& in, bool edit) {
  if (edit) return {false, in, CardForm()};
  auto errors = Validate(in);
  if (errors.empty() && IsEmpty(in)) errors.push_back({"name", "@sharing.error.empty"});
  if (!errors.empty()) return {false, in, CardForm(std::move(errors))};
  return {true, Resolve(in), {}};
}

Result<DistributionsScreen> CardService::Distributions(const security::Principal& p, int fiscal_year) {
  auto s = Summary(p, fiscal_year);
  if (!s.ok()) return s.status();
  DistributionsScreen out;
  out.fiscal_year = fiscal_year;
  out.summary = std::move(s.value());
  return out;
}

Result<DistributionsScreen> CardService::AddFromForm(const security::Principal& p, const std::string& addr, const DistributionInput& in) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  Distribution check;
  if (auto errors = Validate(in, check); !errors.empty()) {
    auto page = Distributions(p, core::FiscalYearOf(*core::ParseIsoDate(clock::TodayInTokyo())));
    if (!page.ok()) return page.status();
    page->input = in;
    page->errors = std::move(errors);
    return page;
  }
  auto id = AddDistribution(p, addr, in);
  if (!id.ok()) return id.status();
  DistributionsScreen out;
  out.fiscal_year = check.fiscal_year;
  out.saved = true;
  return out;
}

}  // namespace renkei::sharing
