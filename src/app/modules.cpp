#include "app/modules.hpp"

namespace renkei::app {

std::unique_ptr<App> BuildApp(const std::shared_ptr<storage::Database>& db, AppConfig config) {
  auto app = std::make_unique<App>(db, std::move(config));
  RegisterSystemRoutes(*app);
  accounts::RegisterRoutes(*app);
  admin::RegisterRoutes(*app);
  home::RegisterRoutes(*app);
  directory::RegisterRoutes(*app);
  directory::RegisterAdminRoutes(*app);
  directory::RegisterFacilityEditRoutes(*app);
  directory::RegisterFhirRoutes(*app);
  consultations::RegisterImportRoutes(*app);
  consultations::RegisterRoutes(*app);
  events::RegisterAdminRoutes(*app);
  events::RegisterRoutes(*app);
  outreach::RegisterRoutes(*app);
  liaison::RegisterRoutes(*app);
  planning::RegisterRoutes(*app);
  surveys::RegisterRoutes(*app);
  sharing::RegisterRoutes(*app);
  careteams::RegisterRoutes(*app);
  return app;
}

void WarmUp(storage::Database& db) { directory::WarmSearch(db); }

}  // namespace renkei::app
