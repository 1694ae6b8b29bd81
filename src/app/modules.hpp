#pragma once
// The composition root's list of modules: each module's route registration, and the application built
// from all of them. Only src/app/ includes this; a module includes app/app.hpp (the handler framework).
#include <memory>

#include "app/app.hpp"

namespace renkei {
namespace accounts {
void RegisterRoutes(app::App& app);
}
namespace admin {
void RegisterRoutes(app::App& app);
}
namespace home {
void RegisterRoutes(app::App& app);
}
namespace directory {
void RegisterRoutes(app::App& app);
void RegisterAdminRoutes(app::App& app);
void RegisterFacilityEditRoutes(app::App& app);
void RegisterFhirRoutes(app::App& app);
// Builds the search index before the server accepts connections.
void WarmSearch(storage::Database& db);
}  // namespace directory
namespace consultations {
void RegisterRoutes(app::App& app);
void RegisterImportRoutes(app::App& app);
}  // namespace consultations
namespace events {
void RegisterRoutes(app::App& app);
void RegisterAdminRoutes(app::App& app);
}  // namespace events
namespace outreach {
void RegisterRoutes(app::App& app);
}
namespace liaison {
void RegisterRoutes(app::App& app);
}
namespace planning {
void RegisterRoutes(app::App& app);
}
namespace surveys {
void RegisterRoutes(app::App& app);
}
namespace sharing {
void RegisterRoutes(app::App& app);
}
namespace careteams {
void RegisterRoutes(app::App& app);
}

namespace app {
// Builds the application with every module's routes.
std::unique_ptr<App> BuildApp(const std::shared_ptr<storage::Database>& db, AppConfig config);
// What the modules prepare before the first request (the directory's search index), so that the
// first requests after a start do not all wait for it.
void WarmUp(storage::Database& db);
}  // namespace app
}  // namespace renkei
