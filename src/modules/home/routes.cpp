// The home page: what this person can do here, by role, what waits for them, and the state of their
// own security. One handler: one HomeService call, one view call.
#include "app/app.hpp"
#include "modules/home/service.hpp"
#include "modules/home/views.hpp"
#include "platform/clock.hpp"

namespace renkei::home {

using app::Access;
using app::App;
using app::Ctx;
using app::Reply;

namespace {

Reply HomePage(App& app, HomeService& service, Ctx& ctx) {
  auto s = service.HomeOf(*ctx.principal);
  if (!s.ok()) return s.status();
  return app.Page(ctx, "home/home", views::HomeData(*s, clock::TodayInTokyo(), ctx.lang), ctx.t("home.title"));
}

constexpr app::ServiceRoute<HomeService> kRoutes[] = {
    {"GET", "/", Access::kFull, HomePage},
};

}  // namespace

void RegisterRoutes(App& app) { app::AddRoutes(app, std::make_shared<HomeService>(app.accounts(), app.db()), kRoutes); }

}  // namespace renkei::home
