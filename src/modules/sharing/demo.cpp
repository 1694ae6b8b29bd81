#include "modules/sharing/demo.hpp"

#include "modules/sharing/service.hpp"

namespace renkei::sharing {

Status LoadDemo(storage::Database& db) {
  CardService service(db);
  const security::Principal p = security::SystemPrincipal();
  const DistributionInput rows[] = {
      {"2023-06-01", "112119", "turning_75", "842", "デモ用の件数"},
      {"2023-06-01", "113816", "turning_75", "148", "デモ用の件数"},
      {"2023-06-01", "113832", "turning_75", "173", "デモ用の件数"},
      {"2023-06-01", "113859", "turning_75", "367", "デモ用の件数"},
      {"2023-10-02", "113859", "newly_certified", "96", "デモ用の件数"},
      {"2023-11-17", "112119", "event", "40", "多職種連携を考える会（デモ用の件数）"},
  };
  for (const auto& r : rows)
    if (auto id = service.AddDistribution(p, "", r); !id.ok()) return id.status();
  return Status::Ok();
}

}  // namespace renkei::sharing
