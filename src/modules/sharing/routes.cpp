// わたしの連絡先カード (item エ): the public card maker (/card: fill in, print; nothing stored) and the
// staff records of cards handed out (/cards, /api/v1/cards/distributions), as a table of short
// handlers: each reads the request, makes one CardService call (screens.cpp) and one view call
// (views.hpp).
#include "app/app.hpp"
#include "core/wareki.hpp"
#include "modules/sharing/service.hpp"
#include "modules/sharing/views.hpp"
#include "platform/clock.hpp"
#include "platform/web/forms.hpp"

namespace renkei::sharing {

using app::Access;
using app::App;
using app::Ctx;
using app::FiscalYearChoices;
using app::FiscalYearParam;
using app::Json;
using app::Reply;

namespace {

ContactCard CardFromForm(const http::Params& f) {
  ContactCard c;
  c.name = f.value("name");
  c.kana = f.value("kana");
  c.birth_date = f.value("birth_date");
  c.address = f.value("address");
  c.phone = f.value("phone");
  for (int i = 0; i < 2; ++i) {
    std::string k = "contact" + std::to_string(i + 1);
    c.contacts[i] = {f.value(k + "_name"), f.value(k + "_relation"), f.value(k + "_phone")};
  }
  for (const auto& slot : ProviderSlots()) {
    std::string k = slot.field;
    SlotOf(c, k) = {f.value(k + "_facility"), f.value(k + "_name"), f.value(k + "_phone"), f.value(k + "_person")};
  }
  c.care_level = f.value("care_level");
  c.illnesses = f.value("illnesses");
  c.medicines = f.value("medicines");
  c.allergies = f.value("allergies");
  c.notes = f.value("notes");
  c.written_on = f.value("written_on");
  return c;
}

// The card's pages are not cached: what a resident wrote stays in their browser only.
Reply CardPage(App& app, Ctx& ctx, const std::string& view, const web::Data& d, int status) {
  auto res = app.Page(ctx, view, d, ctx.t("sharing.title"), status);
  res.set_header("Cache-Control", "no-store");
  return res;
}

Reply CardForm(App& app, CardService& service, Ctx& ctx) {
  http::Params values;
  values.add("written_on", core::DateLabel(clock::TodayInTokyo(), false));
  return CardPage(app, ctx, "sharing/card_form", views::CardFormData(service.CardForm(), values, ctx.lang), 200);
}

// The card, ready to print. Nothing of it is stored or logged.
Reply CardPrint(App& app, CardService& service, Ctx& ctx) {
  const auto& f = ctx.req.form();
  auto s = service.Card(CardFromForm(f), f.value("edit") == "1");
  if (!s.print) return CardPage(app, ctx, "sharing/card_form", views::CardFormData(s.form, f, ctx.lang), s.form.errors.empty() ? 200 : 400);
  return CardPage(app, ctx, "sharing/card_print", views::CardPrintData(s.card, f, app.config().region_name, ctx.lang), 200);
}

Reply DistributionsPage(App& app, Ctx& ctx, const DistributionsScreen& s, int status) {
  return app.Page(ctx, "sharing/distributions", views::DistributionsData(s, FiscalYearChoices(s.fiscal_year), ctx.lang),
                  ctx.t("sharing.distributions_title"), status);
}

Reply ListPage(App& app, CardService& service, Ctx& ctx) {
  auto fy = FiscalYearParam(ctx.req);
  if (!fy.ok()) return fy.status();
  auto s = service.Distributions(*ctx.principal, *fy);
  if (!s.ok()) return s.status();
  return DistributionsPage(app, ctx, *s, 200);
}

Reply AddForm(App& app, CardService& service, Ctx& ctx) {
  const auto& f = ctx.req.form();
  auto s = service.AddFromForm(*ctx.principal, ctx.addr(),
                               {f.value("date"), f.value("municipality"), f.value("channel"), f.value("count"), f.value("notes")});
  if (!s.ok()) return s.status();
  if (!s->saved) return DistributionsPage(app, ctx, *s, 400);
  return http::Response::Redirect("/cards?fy=" + std::to_string(s->fiscal_year));
}

Reply DeleteForm(App&, CardService& service, Ctx& ctx) {
  if (auto s = service.DeleteDistribution(*ctx.principal, ctx.addr(), ctx.req.param("id")); !s.ok()) return s;
  return http::Response::Redirect("/cards");
}

Reply ApiList(App&, CardService& service, Ctx& ctx) {
  auto fy = FiscalYearParam(ctx.req);
  if (!fy.ok()) return fy.status();
  auto s = service.Summary(*ctx.principal, *fy);
  if (!s.ok()) return s.status();
  return Json(views::DistributionsJson(*s, *fy));
}

Reply ApiAdd(App&, CardService& service, Ctx& ctx) {
  auto body = web::JsonBody(ctx.req.body, "@sharing.error.json");
  if (!body.ok()) return body.status();
  const auto& o = *body;
  auto id = service.AddDistribution(*ctx.principal, ctx.addr(),
                                    {web::JsonText(o, "date"), web::JsonText(o, "municipality"), web::JsonText(o, "channel"),
                                     web::JsonText(o, "count"), web::JsonText(o, "notes")});
  if (!id.ok()) return id.status();
  return Json({{"id", *id}}, 201);
}

// The card maker is public; the records of cards handed out need a full login (the service decides).
constexpr app::ServiceRoute<CardService> kRoutes[] = {
    {"GET", "/card", Access::kPublic, CardForm},
    {"POST", "/card", Access::kPublic, CardPrint},
    {"GET", "/cards", Access::kFull, ListPage},
    {"POST", "/cards", Access::kFull, AddForm},
    {"POST", "/cards/{id}/delete", Access::kFull, DeleteForm},
    {"GET", "/api/v1/cards/distributions", Access::kFull, ApiList},
    {"POST", "/api/v1/cards/distributions", Access::kFull, ApiAdd},
};

}  // namespace

void RegisterRoutes(App& app) { app::AddRoutes(app, std::make_shared<CardService>(app.db()), kRoutes); }

}  // namespace renkei::sharing
