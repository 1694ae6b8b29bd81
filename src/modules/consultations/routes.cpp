// Consultation pages (/consultations) and the JSON API (/api/v1/consultations), as a table of short
// handlers: each reads the request (requests.hpp), makes one service call and one view call (views.hpp).
// Every rule (who sees which case, audit) lives in the service.
#include <boost/json/serialize.hpp>

#include "app/app.hpp"
#include "core/wareki.hpp"
#include "modules/consultations/export.hpp"
#include "modules/consultations/requests.hpp"
#include "modules/consultations/service.hpp"
#include "modules/consultations/views.hpp"
#include "modules/directory/picker.hpp"
#include "platform/clock.hpp"
#include "platform/web/forms.hpp"

namespace renkei::consultations {

using app::Access;
using app::App;
using app::BackWithError;
using app::Ctx;
using app::CurrentFiscalYear;
using app::Download;
using app::Json;
using app::Reply;

namespace {

using web::Data;

Reply Done(const Status& s, int status = 200) {
  if (!s.ok()) return s;
  return http::Response::Json("{\"ok\":true}", status);
}

// ---- API ----------------------------------------------------------------------------------------

Reply ApiCreate(App&, ConsultationService& service, Ctx& ctx) {
  auto body = web::JsonBody(ctx.req.body, "@consult.error.json");
  if (!body.ok()) return body.status();
  auto in = InputFromJson(*body);
  if (!in.ok()) return in.status();
  auto errors = service.Check(*ctx.principal, *in);
  if (!errors.ok()) return errors.status();
  if (!errors->empty()) return Json(views::FieldErrorsJson(*errors, ctx.lang), 400);
  auto id = service.Create(*ctx.principal, ctx.addr(), *in);
  if (!id.ok()) return id.status();
  auto res = http::Response::Json(boost::json::serialize(boost::json::object{{"id", *id}}), 201);
  res.set_header("Location", "/api/v1/consultations/" + *id);
  return res;
}

Reply ApiList(App&, ConsultationService& service, Ctx& ctx) {
  auto page = service.List(*ctx.principal, ctx.addr(), FilterOf(ctx.req.query()));
  if (!page.ok()) return page.status();
  return Json(views::ListJson(*page));
}

Reply ApiGet(App&, ConsultationService& service, Ctx& ctx) {
  auto v = service.Get(*ctx.principal, ctx.addr(), ctx.req.param("id"));
  if (!v.ok()) return v.status();
  return Json(views::CaseDetailJson(*v));
}

Reply ApiUpdate(App&, ConsultationService& service, Ctx& ctx) {
  auto body = web::JsonBody(ctx.req.body, "@consult.error.json");
  if (!body.ok()) return body.status();
  auto in = InputFromJson(*body);
  if (!in.ok()) return in.status();
  auto it = body->find("version");
  if (it == body->end() || !it->value().is_int64()) return Status::InvalidArgument("@consult.error.need_version");
  auto s = service.Update(*ctx.principal, ctx.addr(), ctx.req.param("id"), *in, static_cast<int>(it->value().as_int64()));
  if (!s.ok()) return s;
  return Json({{"id", ctx.req.param("id")}});
}

// The case's actions through the API: the JSON body's fields, one service call each.
Reply ApiHandover(App&, ConsultationService& service, Ctx& ctx) {
  auto b = web::JsonBody(ctx.req.body, "@consult.error.json");
  if (!b.ok()) return b.status();
  return Done(service.Handover(*ctx.principal, ctx.addr(), ctx.req.param("id"), web::JsonText(*b, "to"), web::JsonText(*b, "reason")));
}

Reply ApiAction(App&, ConsultationService& service, Ctx& ctx) {
  auto b = web::JsonBody(ctx.req.body, "@consult.error.json");
  if (!b.ok()) return b.status();
  return Done(service.AddAction(*ctx.principal, ctx.addr(), ctx.req.param("id"), web::JsonText(*b, "kind"),
                                web::JsonText(*b, "facility_id"), web::JsonText(*b, "note")),
              201);
}

Reply ApiFollowup(App&, ConsultationService& service, Ctx& ctx) {
  auto b = web::JsonBody(ctx.req.body, "@consult.error.json");
  if (!b.ok()) return b.status();
  return Done(service.AddFollowup(*ctx.principal, ctx.addr(), ctx.req.param("id"), web::JsonText(*b, "due_date"),
                                  web::JsonText(*b, "owner"), web::JsonText(*b, "note")),
              201);
}

Reply ApiStatus(App&, ConsultationService& service, Ctx& ctx) {
  auto b = web::JsonBody(ctx.req.body, "@consult.error.json");
  if (!b.ok()) return b.status();
  return Done(service.SetStatus(*ctx.principal, ctx.addr(), ctx.req.param("id"), web::JsonText(*b, "status"), web::JsonText(*b, "note")));
}

// ---- statistics and their downloads -------------------------------------------------------------

Result<Stats> StatsFor(ConsultationService& service, Ctx& ctx, const char* use) {
  auto period = PeriodOf(ctx.req.query());
  if (!period.ok()) return period.status();
  return service.Statistics(*ctx.principal, ctx.addr(), *period, FormatOf(ctx.req.query()), ctx.lang, use);
}

Reply ApiStats(App&, ConsultationService& service, Ctx& ctx) {
  auto s = StatsFor(service, ctx, "json");
  if (!s.ok()) return s.status();
  return Json(views::StatsJson(*s));
}

Reply StatsXlsx(App& app, ConsultationService& service, Ctx& ctx) {
  auto s = StatsFor(service, ctx, "xlsx");
  if (!s.ok()) return s.status();
  auto bytes = consultations::StatsXlsx(*s, app.config().region_name, ctx.lang);
  if (!bytes.ok()) return bytes.status();
  return Download(std::move(bytes.value()), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  views::FileStem(s->period) + ".xlsx");
}

Reply StatsCsv(App&, ConsultationService& service, Ctx& ctx) {
  auto s = StatsFor(service, ctx, "csv");
  if (!s.ok()) return s.status();
  return Download(consultations::StatsCsv(*s, ctx.lang), "text/csv; charset=utf-8", views::FileStem(s->period) + ".csv");
}

Reply StatsPdf(App& app, ConsultationService& service, Ctx& ctx) {
  auto s = StatsFor(service, ctx, "pdf");
  if (!s.ok()) return s.status();
  auto bytes = consultations::StatsPdf(*s, app.config().region_name);
  if (!bytes.ok()) return bytes.status();
  return Download(std::move(bytes.value()), "application/pdf", views::FileStem(s->period) + ".pdf");
}

Reply StatsPage(App& app, ConsultationService& service, Ctx& ctx) {
  auto s = StatsFor(service, ctx, "page");
  if (!s.ok()) return s.status();
  return app.Page(ctx, "consultations/stats", views::StatsPageData(*s, FormatOf(ctx.req.query()), ctx.lang, CurrentFiscalYear()),
                  ctx.t("consult.stats_title"));
}

// ---- admin: municipal staff may read their own town's cases only when granted --------------------

Reply Grant(ConsultationService& service, Ctx& ctx, bool on) {
  auto s = service.SetTownGrant(*ctx.principal, ctx.addr(), ctx.req.param("id"), on);
  if (!s.ok()) return s;
  if (ctx.api()) return Json({{"granted", on}});
  return http::Response::Redirect("/admin/users/" + ctx.req.param("id") + "?notice=" + (on ? "grant_on" : "grant_off"));
}
Reply GrantOn(App&, ConsultationService& service, Ctx& ctx) { return Grant(service, ctx, true); }
Reply GrantOff(App&, ConsultationService& service, Ctx& ctx) { return Grant(service, ctx, false); }
Reply GrantForm(App&, ConsultationService& service, Ctx& ctx) { return Grant(service, ctx, ctx.req.form().value("granted") == "1"); }

// ---- pages --------------------------------------------------------------------------------------

Reply ListPage(App& app, ConsultationService& service, Ctx& ctx) {
  const auto& q = ctx.req.query();
  auto f = FilterOf(q);
  if (!q.has("status")) f.status = "open";
  auto s = service.ListScreenOf(*ctx.principal, ctx.addr(), f);
  if (!s.ok()) return s.status();
  return app.Page(ctx, "consultations/list", views::ListPageData(*s, q, ctx.lang, clock::TodayInTokyo()), ctx.t("consult.list_title"));
}

Reply FormPage(App& app, Ctx& ctx, const FormScreen& s, const std::vector<FieldError>& errors, int status) {
  Data d = views::FormPageData(s, errors, ctx.lang);
  return app.Page(ctx, "consultations/form", d, ctx.t(s.id.empty() ? "consult.new_title" : "consult.edit_title"), status);
}

Reply NewPage(App& app, ConsultationService& service, Ctx& ctx) {
  auto s = service.NewCaseScreen(*ctx.principal);
  if (!s.ok()) return s.status();
  return FormPage(app, ctx, *s, {}, 200);
}

Reply CreateFromForm(App& app, ConsultationService& service, Ctx& ctx) {
  auto in = InputFromForm(ctx.req.form());
  auto errors = service.Check(*ctx.principal, in);
  if (!errors.ok()) return errors.status();
  if (errors->empty()) {
    auto id = service.Create(*ctx.principal, ctx.addr(), in);
    if (id.ok()) return http::Response::Redirect("/consultations/" + *id + "?notice=created");
    if (id.status().code() != Code::kInvalidArgument) return id.status();
    errors->push_back({"summary", id.status().message()});
  }
  return FormPage(app, ctx, service.SubmittedScreen(*ctx.principal, in), *errors, 400);
}

Reply EditPage(App& app, ConsultationService& service, Ctx& ctx) {
  auto s = service.EditCaseScreen(*ctx.principal, ctx.addr(), ctx.req.param("id"));
  if (!s.ok()) return s.status();
  return FormPage(app, ctx, *s, {}, 200);
}

Reply EditFromForm(App& app, ConsultationService& service, Ctx& ctx) {
  auto in = InputFromForm(ctx.req.form());
  int version = web::FormInt(ctx.req.form().value("version")).value_or(0);
  Case scratch;
  auto errors = Validate(in, scratch);
  const std::string& id = ctx.req.param("id");
  if (errors.empty()) {
    auto s = service.Update(*ctx.principal, ctx.addr(), id, in, version);
    if (s.ok()) return http::Response::Redirect("/consultations/" + id + "?notice=updated");
    if (s.code() != Code::kInvalidArgument && s.code() != Code::kConflict) return s;
    errors.push_back({"summary", s.message()});
  }
  return FormPage(app, ctx, service.SubmittedScreen(*ctx.principal, in, id, version), errors, 400);
}

Reply CasePage(App& app, ConsultationService& service, Ctx& ctx) {
  const auto& q = ctx.req.query();
  auto s = service.CaseScreenOf(*ctx.principal, ctx.addr(), ctx.req.param("id"), q.value("facility_q"));
  if (!s.ok()) return s.status();
  return app.Page(ctx, "consultations/case", views::CasePageData(*s, q, ctx.lang, clock::TodayInTokyo(), ctx.user().login),
                  ctx.t("consult.case_title"));
}

// Facilities for a picker (htmx swaps the <option>s; without JS the case page reloads with them).
Reply FacilityOptions(App&, ConsultationService& service, Ctx& ctx) {
  auto matches = service.FacilityPicker(*ctx.principal, ctx.req.query().value("facility_q"));
  if (!matches.ok()) return matches.status();
  return http::Response::Html(directory::FacilityOptionsHtml(*matches, ctx.t("consult.pick_facility")));
}

// Form posts on a case go back to it with a notice, or with the refusal's key.
Reply Back(Ctx& ctx, const Status& s, const char* notice) {
  std::string base = "/consultations/" + ctx.req.param("id");
  if (s.ok()) return http::Response::Redirect(base + "?notice=" + notice);
  return BackWithError(s, base, "@consult.error.");
}

Reply ActionForm(App&, ConsultationService& service, Ctx& ctx) {
  const auto& f = ctx.req.form();
  return Back(ctx,
              service.AddAction(*ctx.principal, ctx.addr(), ctx.req.param("id"), f.value("kind"), f.value("facility_id"), f.value("note")),
              "action");
}

Reply HandoverForm(App&, ConsultationService& service, Ctx& ctx) {
  const auto& f = ctx.req.form();
  return Back(ctx, service.Handover(*ctx.principal, ctx.addr(), ctx.req.param("id"), f.value("to"), f.value("reason")), "handover");
}

Reply FollowupForm(App&, ConsultationService& service, Ctx& ctx) {
  const auto& f = ctx.req.form();
  return Back(ctx,
              service.AddFollowup(*ctx.principal, ctx.addr(), ctx.req.param("id"), f.value("due_date"), f.value("owner"), f.value("note")),
              "followup");
}

Reply FollowupDoneForm(App&, ConsultationService& service, Ctx& ctx) {
  return Back(ctx, service.CompleteFollowup(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.param("fid")), "followup_done");
}

Reply StatusForm(App&, ConsultationService& service, Ctx& ctx) {
  const auto& f = ctx.req.form();
  return Back(ctx, service.SetStatus(*ctx.principal, ctx.addr(), ctx.req.param("id"), f.value("status"), f.value("note")), "status");
}

// Every route of the module; all need a full login, and the service decides the rest.
constexpr app::ServiceRoute<ConsultationService> kRoutes[] = {
    {"POST", "/api/v1/consultations", Access::kFull, ApiCreate},
    {"GET", "/api/v1/consultations", Access::kFull, ApiList},
    {"GET", "/api/v1/consultations/stats", Access::kFull, ApiStats},
    {"GET", "/api/v1/consultations/stats.pdf", Access::kFull, StatsPdf},
    {"GET", "/api/v1/consultations/stats.xlsx", Access::kFull, StatsXlsx},
    {"GET", "/api/v1/consultations/stats.csv", Access::kFull, StatsCsv},
    {"GET", "/api/v1/reports/shiryo2.pdf", Access::kFull, StatsPdf},
    {"GET", "/api/v1/reports/shiryo2.xlsx", Access::kFull, StatsXlsx},
    {"GET", "/api/v1/consultations/{id}", Access::kFull, ApiGet},
    {"PUT", "/api/v1/consultations/{id}", Access::kFull, ApiUpdate},
    {"POST", "/api/v1/consultations/{id}/handover", Access::kFull, ApiHandover},
    {"POST", "/api/v1/consultations/{id}/actions", Access::kFull, ApiAction},
    {"POST", "/api/v1/consultations/{id}/followups", Access::kFull, ApiFollowup},
    {"POST", "/api/v1/consultations/{id}/status", Access::kFull, ApiStatus},
    {"PUT", "/api/v1/admin/users/{id}/consultation-grant", Access::kFull, GrantOn},
    {"DELETE", "/api/v1/admin/users/{id}/consultation-grant", Access::kFull, GrantOff},
    {"POST", "/admin/users/{id}/consultation-grant", Access::kFull, GrantForm},
    {"GET", "/consultations", Access::kFull, ListPage},
    {"POST", "/consultations", Access::kFull, CreateFromForm},
    {"GET", "/consultations/new", Access::kFull, NewPage},
    {"GET", "/consultations/stats", Access::kFull, StatsPage},
    {"GET", "/consultations/stats.pdf", Access::kFull, StatsPdf},
    {"GET", "/consultations/stats.xlsx", Access::kFull, StatsXlsx},
    {"GET", "/consultations/stats.csv", Access::kFull, StatsCsv},
    {"GET", "/consultations/facility-options", Access::kFull, FacilityOptions},
    {"GET", "/consultations/{id}", Access::kFull, CasePage},
    {"GET", "/consultations/{id}/edit", Access::kFull, EditPage},
    {"POST", "/consultations/{id}/edit", Access::kFull, EditFromForm},
    {"POST", "/consultations/{id}/actions", Access::kFull, ActionForm},
    {"POST", "/consultations/{id}/handover", Access::kFull, HandoverForm},
    {"POST", "/consultations/{id}/followups", Access::kFull, FollowupForm},
    {"POST", "/consultations/{id}/followups/{fid}/done", Access::kFull, FollowupDoneForm},
    {"POST", "/consultations/{id}/status", Access::kFull, StatusForm},
};

}  // namespace

void RegisterRoutes(App& app) {
  auto service = std::make_shared<ConsultationService>(app.db());
  app::AddRoutes(app, service, kRoutes);
}

}  // namespace renkei::consultations
