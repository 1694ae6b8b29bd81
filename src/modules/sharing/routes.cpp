// わたしの連絡先カード (item エ): the public card maker (/card: fill in, print; nothing stored) and the
// staff records of cards handed out (/cards, /api/v1/cards/distributions). Thin: parse, call
// CardService, render.
#include <boost/json.hpp>

#include "app/app.hpp"
#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "modules/sharing/service.hpp"
#include "platform/clock.hpp"
#include "platform/web/charts.hpp"
#include "platform/web/forms.hpp"
#include "platform/web/i18n.hpp"

namespace renkei::sharing {

using app::Access;
using app::App;
using app::Ctx;
using app::CurrentFiscalYear;
using app::FiscalYearChoices;
using app::FiscalYearParam;
namespace {

namespace sh = sharing;
using web::Data;

// The fields of the card form, in the order the print page sends them back for editing.
const std::vector<std::string>& CardFields() {
  static const std::vector<std::string> fields = [] {
    std::vector<std::string> f = {"name", "kana", "birth_date", "address", "phone"};
    for (const char* c : {"contact1", "contact2"})
      for (const char* part : {"_name", "_relation", "_phone"}) f.push_back(std::string(c) + part);
    for (const auto& slot : sh::ProviderSlots())
      for (const char* part : {"_facility", "_name", "_phone", "_person"}) f.push_back(std::string(slot.field) + part);
    for (const char* x : {"care_level", "illnesses", "medicines", "allergies", "notes", "written_on"}) f.emplace_back(x);
    return f;
  }();
  return fields;
}

sh::ContactCard CardFromForm(const http::Params& f) {
  sh::ContactCard c;
  c.name = f.value("name");
  c.kana = f.value("kana");
  c.birth_date = f.value("birth_date");
  c.address = f.value("address");
  c.phone = f.value("phone");
  for (int i = 0; i < 2; ++i) {
    std::string k = "contact" + std::to_string(i + 1);
    c.contacts[i] = {f.value(k + "_name"), f.value(k + "_relation"), f.value(k + "_phone")};
  }
  for (const auto& slot : sh::ProviderSlots()) {
    std::string k = slot.field;
    sh::SlotOf(c, k) = {f.value(k + "_facility"), f.value(k + "_name"), f.value(k + "_phone"), f.value(k + "_person")};
  }
  c.care_level = f.value("care_level");
  c.illnesses = f.value("illnesses");
  c.medicines = f.value("medicines");
  c.allergies = f.value("allergies");
  c.notes = f.value("notes");
  c.written_on = f.value("written_on");
  return c;
}

}  // namespace

void RegisterRoutes(App& app) {
  auto service = std::make_shared<sh::CardService>(app.db());

  auto card_form = [&app, service](Ctx& ctx, const http::Params& values, const std::vector<FieldError>& errors, int status) {
    Data d = web::Object();
    d.set("csrf", ctx.csrf_token());
    for (const auto& f : CardFields())
      if (f.find("_facility") == std::string::npos) d.set("v_" + f, values.value(f));
    Data slots = web::List();
    for (const auto& slot : sh::ProviderSlots()) {
      Data s = web::Object();
      std::string k = slot.field;
      s.set("field", k);
      s.set("legend", ctx.t("sharing.slot." + k));
      s.set("person_label", ctx.t("sharing.person." + k));
      std::vector<web::Choice> choices = {{"", ctx.t("sharing.not_in_list")}};
      for (const auto& c : service->ChoicesFor(slot)) choices.push_back({c.id, c.label});
      s.set("choices", web::Choices(choices, values.value(k + "_facility")));
      s.set("slot_name", values.value(k + "_name"));
      s.set("slot_phone", values.value(k + "_phone"));
      s.set("slot_person", values.value(k + "_person"));
      slots.push_back(s);
    }
    d.set("slots", slots);
    d.set("errors", web::FieldErrorList(ctx.lang, "sharing", errors));
    d.set("has_errors", !errors.empty());
    auto res = app.Page(ctx, "sharing/card_form", d, ctx.t("sharing.title"), status);
    res.set_header("Cache-Control", "no-store");
    return res;
  };

  app.Get("/card", Access::kPublic, [card_form](Ctx& ctx) -> Result<http::Response> {
    http::Params values;
    values.add("written_on", core::DateLabel(clock::TodayInTokyo(), false));
    return card_form(ctx, values, {}, 200);
  });
  // The card, ready to print. Nothing of it is stored or logged; the page is not cached.
  app.Post("/card", Access::kPublic, [&app, service, card_form](Ctx& ctx) -> Result<http::Response> {
    const auto& f = ctx.req.form();
    if (f.value("edit") == "1") return card_form(ctx, f, {}, 200);
    auto card = CardFromForm(f);
    auto errors = sh::Validate(card);
    if (!errors.empty()) return card_form(ctx, f, errors, 400);
    if (sh::IsEmpty(card)) return card_form(ctx, f, {{"name", "@sharing.error.empty"}}, 400);
    card = service->Resolve(card);
    Data d = web::Object();
    d.set("csrf", ctx.csrf_token());
    d.set("region", app.config().region_name);
    d.set("name", card.name);
    if (!card.kana.empty()) d.set("kana", card.kana);  // (empty strings are truthy in sections)
    if (!card.birth_date.empty()) d.set("birth_date", core::DateLabel(card.birth_date, false));
    d.set("address", card.address);
    d.set("phone", card.phone);
    // Two lines always: blank ones are written in by hand on the printed card.
    Data contacts = web::List();
    for (const auto& c : card.contacts) {
      Data x = web::Object();
      x.set("contact_name", c.name);
      if (!c.relation.empty()) x.set("relation", c.relation);
      x.set("contact_phone", c.phone);
      contacts.push_back(x);
    }
    d.set("contacts", contacts);
    for (const auto& slot : sh::ProviderSlots()) {
      const auto& p = sh::SlotOf(card, slot.field);
      Data x = web::Object();
      x.set("label", ctx.t(std::string("sharing.slot.") + slot.field));
      x.set("provider", p.name);
      x.set("provider_phone", p.phone);
      if (!p.person.empty()) x.set("person", p.person);
      x.set("from_directory", !p.facility_id.empty());
      d.set(slot.field, x);
    }
    d.set("care_level", card.care_level);
    d.set("illnesses", card.illnesses);
    d.set("medicines", card.medicines);
    d.set("allergies", card.allergies);
    if (!card.notes.empty()) d.set("notes", card.notes);
    if (!card.written_on.empty()) d.set("written_on", core::DateLabel(card.written_on, false));
    // The values go back with "直す" so nothing needs to be kept here.
    Data hidden = web::List();
    for (const auto& name : CardFields()) {
      Data x = web::Object();
      x.set("field", name);
      x.set("value", f.value(name));
      hidden.push_back(x);
    }
    d.set("hidden", hidden);
    auto res = app.Page(ctx, "sharing/card_print", d, ctx.t("sharing.title"));
    res.set_header("Cache-Control", "no-store");
    return res;
  });

  // ---- staff: cards handed out ----
  auto summary_page = [&app, service](Ctx& ctx, int fy, const sh::DistributionInput& in, const std::vector<FieldError>& errors,
                                      int status) -> Result<http::Response> {
    auto s = service->Summary(*ctx.principal, fy);
    if (!s.ok()) return s.status();
    Data d = web::Object();
    d.set("csrf", ctx.csrf_token());
    d.set("years", FiscalYearChoices(fy));
    d.set("fiscal_year", core::FormatFiscalYear(fy));
    d.set("total", std::to_string(s->total));
    Data towns = web::List();
    std::vector<web::Bar> bars;
    for (const auto& [code, n] : s->by_municipality) {
      Data x = web::Object();
      x.set("label", core::MunicipalityName(code));
      x.set("count", std::to_string(n));
      towns.push_back(x);
      bars.push_back({core::MunicipalityName(code), n, std::nullopt});
    }
    d.set("towns", towns);
    d.set("chart", web::BarChart(bars, ctx.t("sharing.by_town")));
    Data channels = web::List();
    for (const auto& [code, n] : s->by_channel) {
      Data x = web::Object();
      x.set("label", sh::Channels().label(code, ctx.lang));
      x.set("count", std::to_string(n));
      channels.push_back(x);
    }
    d.set("channels", channels);
    Data rows = web::List();
    for (const auto& r : s->rows) {
      Data x = web::Object();
      x.set("did", r.id);
      x.set("date", core::DateLabel(r.date, false));
      x.set("town", core::MunicipalityName(r.municipality));
      x.set("channel", sh::Channels().label(r.channel, ctx.lang));
      x.set("count", std::to_string(r.count));
      if (!r.notes.empty()) x.set("row_notes", r.notes);
      rows.push_back(x);
    }
    d.set("rows", rows);
    d.set("none", s->rows.empty());
    std::vector<web::Choice> town_choices, channel_choices;
    for (const auto& m : core::DefaultMunicipalities()) town_choices.push_back({m.code, m.name});
    for (const auto& c : sh::Channels().codes) channel_choices.push_back({c.code, ctx.lang == "en" ? c.en : c.ja});
    d.set("town_choices", web::Choices(town_choices, in.municipality));
    d.set("channel_choices", web::Choices(channel_choices, in.channel));
    d.set("in_date", in.date);
    d.set("in_count", in.count);
    d.set("in_notes", in.notes);
    d.set("errors", web::FieldErrorList(ctx.lang, "sharing", errors));
    d.set("has_errors", !errors.empty());
    return app.Page(ctx, "sharing/distributions", d, ctx.t("sharing.distributions_title"), status);
  };
  app.Get("/cards", Access::kFull, [summary_page](Ctx& ctx) -> Result<http::Response> {
    auto fy = FiscalYearParam(ctx.req);
    if (!fy.ok()) return fy.status();
    return summary_page(ctx, *fy, {}, {}, 200);
  });
  app.Post("/cards", Access::kFull, [service, summary_page](Ctx& ctx) -> Result<http::Response> {
    if (!sh::CardService::Staff(*ctx.principal)) return Status::PermissionDenied("@error.forbidden");
    const auto& f = ctx.req.form();
    sh::DistributionInput in{f.value("date"), f.value("municipality"), f.value("channel"), f.value("count"), f.value("notes")};
    sh::Distribution check;
    if (auto errors = sh::Validate(in, check); !errors.empty()) return summary_page(ctx, CurrentFiscalYear(), in, errors, 400);
    auto id = service->AddDistribution(*ctx.principal, ctx.addr(), in);
    if (!id.ok()) return id.status();
    return http::Response::Redirect("/cards?fy=" + std::to_string(check.fiscal_year));
  });
  app.Post("/cards/{id}/delete", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    if (auto s = service->DeleteDistribution(*ctx.principal, ctx.addr(), ctx.req.param("id")); !s.ok()) return s;
    return http::Response::Redirect("/cards");
  });

  // ---- API ----
  app.Get("/api/v1/cards/distributions", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto fy = FiscalYearParam(ctx.req);
    if (!fy.ok()) return fy.status();
    auto s = service->Summary(*ctx.principal, *fy);
    if (!s.ok()) return s.status();
    boost::json::array rows, towns, channels;
    for (const auto& r : s->rows)
      rows.push_back({{"id", r.id},
                      {"date", r.date},
                      {"municipality", r.municipality},
                      {"channel", r.channel},
                      {"count", r.count},
                      {"notes", r.notes}});
    for (const auto& [code, n] : s->by_municipality) towns.push_back({{"municipality", code}, {"count", n}});
    for (const auto& [code, n] : s->by_channel) channels.push_back({{"channel", code}, {"count", n}});
    return http::Response::Json(boost::json::serialize(boost::json::object{
        {"fiscal_year", *fy}, {"total", s->total}, {"by_municipality", towns}, {"by_channel", channels}, {"items", rows}}));
  });
  app.Post("/api/v1/cards/distributions", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto body = web::JsonBody(ctx.req.body, "@sharing.error.json");
    if (!body.ok()) return body.status();
    const auto& o = *body;
    auto id = service->AddDistribution(*ctx.principal, ctx.addr(),
                                       {web::JsonText(o, "date"), web::JsonText(o, "municipality"), web::JsonText(o, "channel"),
                                        web::JsonText(o, "count"), web::JsonText(o, "notes")});
    if (!id.ok()) return id.status();
    return http::Response::Json(boost::json::serialize(boost::json::object{{"id", *id}}), 201);
  });
}

}  // namespace renkei::sharing
