#include "modules/sharing/service.hpp"

#include <array>
#include <map>

#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "modules/directory/service.hpp"
#include "modules/sharing/store.hpp"
#include "platform/clock.hpp"
#include "platform/security/audit.hpp"
#include "platform/security/crypto.hpp"
#include "platform/security/scope.hpp"
#include "platform/text/japanese.hpp"

namespace renkei::sharing {
namespace {

using core::CodeInfo;
using security::Principal;

constexpr std::array<CodeInfo, 6> kChannels = {{
    {"turning_75", "年度内に75歳になる方への送付", "Sent to those turning 75"},
    {"newly_certified", "新規の要介護認定者への配布", "Newly certified for long-term care"},
    {"care_office", "居宅介護支援事業所からの配布", "Through care-management offices"},
    {"counter", "窓口での配布", "At the town office"},
    {"event", "講座・イベントでの配布", "At talks and events"},
    {"other", "その他", "Other"},
}};

}  // namespace

const CodeList& Channels() {
  static const CodeList l{"channel", kChannels};
  return l;
}

std::vector<FieldError> Validate(const DistributionInput& in, Distribution& out) {
  std::vector<FieldError> e;
  auto d = core::ParseJapaneseDate(in.date);
  if (!d)
    e.push_back({"date", in.date.empty() ? "@sharing.error.required" : "@sharing.error.bad_date"});
  else
    out.date = d->iso(), out.fiscal_year = core::FiscalYearOf(*d);
  bool town = false;
  for (const auto& m : core::DefaultMunicipalities()) town = town || m.code == in.municipality;
  if (!town)
    e.push_back({"municipality", "@sharing.error.unknown_code"});
  else
    out.municipality = in.municipality;
  if (!Channels().contains(in.channel))
    e.push_back({"channel", "@sharing.error.unknown_code"});
  else
    out.channel = in.channel;
  std::string n = text::Nfkc(in.count);
  if (n.empty() || n.size() > 7 || n.find_first_not_of("0123456789") != std::string::npos || std::stoll(n) < 1)
    e.push_back({"count", "@sharing.error.bad_count"});
  else
    out.count = std::stoll(n);
  if (in.notes.size() > 1000)
    e.push_back({"notes", "@sharing.error.too_long"});
  else
    out.notes = in.notes;
  return e;
}

std::vector<FacilityChoice> CardService::ChoicesFor(const ProviderSlot& slot) { return directory::FacilitiesOfKinds(db_, slot.kinds); }

ContactCard CardService::Resolve(ContactCard card) {
  directory::DirectoryService directory(db_);
  for (const auto& slot : ProviderSlots()) {
    Provider& p = SlotOf(card, slot.field);
    if (p.facility_id.empty()) continue;
    auto f = directory.Get(p.facility_id);
    if (!f.ok() || std::find(slot.kinds.begin(), slot.kinds.end(), f->record.kind) == slot.kinds.end()) {
      p.facility_id.clear();
      continue;
    }
    p.name = f->record.name;
    // The open data lacks some phone numbers (医療情報ネット's 施設票 for hospitals): then the one written stays.
    if (!f->record.phone.empty()) p.phone = f->record.phone;
  }
  return card;
}

bool CardService::Staff(const Principal& p) {
  return p.can(security::Permission::kManageEvents) || p.can(security::Permission::kManagePlans);
}

Result<std::string> CardService::AddDistribution(const Principal& p, const std::string& addr, const DistributionInput& in) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  Distribution d;
  if (auto e = Validate(in, d); !e.empty()) return Status::InvalidArgument("@sharing.error.invalid", e.front().field);
  if (!security::MayMakeTownRecord(p, d.municipality)) return Status::PermissionDenied("@error.other_town");
  d.id = security::NewId();
  d.created_by = p.user.login;
  d.created_at = clock::NowIso();
  storage::Transaction tx(db_);
  store::InsertDistribution(tx.sql(), d);
  security::AppendAudit(tx.sql(), db_.engine(),
                        {.actor = p.user.login,
                         .action = "card.distribution_recorded",
                         .subject = "card_distribution:" + d.id,
                         .remote_addr = addr,
                         .detail = d.municipality + " " + d.channel + " " + std::to_string(d.count)});
  tx.commit();
  return d.id;
}

Status CardService::DeleteDistribution(const Principal& p, const std::string& addr, const std::string& id) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Transaction tx(db_);
  auto d = store::LoadDistribution(tx.sql(), id);
  if (!d) return Status::NotFound("@error.not_found");
  if (!security::MayChangeTownRecord(p, d->municipality, d->created_by)) return Status::PermissionDenied("@error.other_town");
  if (!store::DeleteDistribution(tx.sql(), id)) return Status::NotFound("@error.not_found");
  security::AppendAudit(
      tx.sql(), db_.engine(),
      {.actor = p.user.login, .action = "card.distribution_deleted", .subject = "card_distribution:" + id, .remote_addr = addr});
  tx.commit();
  return Status::Ok();
}

DistributionSummary CardService::FiguresOf(int fiscal_year) {
  DistributionSummary s;
  s.fiscal_year = fiscal_year;
  storage::Lease l(db_);
  s.rows = store::DistributionsOfYear(l.sql(), fiscal_year);
  std::map<std::string, long long> towns, channels;
  for (const auto& d : s.rows) {
    s.total += d.count;
    towns[d.municipality] += d.count;
    channels[d.channel] += d.count;
  }
  for (const auto& m : core::DefaultMunicipalities()) s.by_municipality.emplace_back(m.code, towns[m.code]);
  for (const auto& c : Channels().codes)
    if (channels.count(c.code)) s.by_channel.emplace_back(c.code, channels[c.code]);
  return s;
}

Result<DistributionSummary> CardService::Summary(const Principal& p, int fiscal_year) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  return FiguresOf(fiscal_year);
}

}  // namespace renkei::sharing
