// Planning (item イ): /plans pages (the year's table as 資料1 prints it, an entry's editor with the
// figure names, comments, circulation and approval, history), the indicators beside the plan, and
// /api/v1/plans, /api/v1/indicators, /api/v1/reports/shiryo1.*. Two tables of short handlers, one per
// service: each reads the request, makes one service call (screens.cpp for the pages) and one view
// call (views.hpp). Every rule lives in PlanService and IndicatorService.
#include "app/app.hpp"
#include "core/wareki.hpp"
#include "modules/planning/documents.hpp"
#include "modules/planning/indicators.hpp"
#include "modules/planning/service.hpp"
#include "modules/planning/views.hpp"
#include "platform/web/forms.hpp"

namespace renkei::planning {

using app::Access;
using app::App;
using app::BackWithError;
using app::Ctx;
using app::CurrentFiscalYear;
using app::Download;
using app::Json;
using app::Reply;

namespace {

constexpr size_t kIndicatorUploadLimit = 10 * 1024 * 1024;

// The year in the path; a year that is none is a page that does not exist.
Result<int> YearOf(const std::string& v) {
  auto fy = core::ParseFiscalYear(v);
  if (!fy || *fy < 1990 || *fy > 2100) return Status::NotFound("@error.not_found");
  return *fy;
}

Result<int> PathYear(const Ctx& ctx) { return YearOf(ctx.req.param("fy")); }

Entry EntryFromJson(int fy, const std::string& item, const boost::json::object& o) {
  Entry e;
  e.fiscal_year = fy;
  e.item = item;
  e.results = web::JsonText(o, "results");
  e.evaluation = web::JsonText(o, "evaluation");
  e.next_goal = web::JsonText(o, "next_goal");
  e.next_plan = web::JsonText(o, "next_plan");
  e.priority = web::JsonBool(o, "priority").value_or(false);
  e.scenes = web::JsonTexts(o, "scenes");
  e.links = web::JsonTexts(o, "links");
  return e;
}

Entry EntryFromForm(int fy, const std::string& item, const http::Params& f) {
  Entry e;
  e.fiscal_year = fy;
  e.item = item;
  e.results = f.value("results");
  e.evaluation = f.value("evaluation");
  e.next_goal = f.value("next_goal");
  e.next_plan = f.value("next_plan");
  e.priority = f.value("priority") == "1";
  e.scenes = f.all("scenes");
  e.links = f.all("links");
  return e;
}

// ---- 資料1 ----

Reply Paper(App& app, PlanService& service, Ctx& ctx, bool pdf) {
  std::string fyv = ctx.req.param("fy").empty() ? ctx.req.query().value("fy") : ctx.req.param("fy");
  auto fy = YearOf(fyv.empty() ? std::to_string(CurrentFiscalYear()) : fyv);
  if (!fy.ok()) return fy.status();
  auto plan = service.Get(*ctx.principal, *fy);
  if (!plan.ok()) return plan.status();
  auto paper = PaperOf(*plan, app.config().region_name, ctx.req.query().value("version") == "draft");
  auto bytes = pdf ? Shiryo1Pdf(paper) : Shiryo1Xlsx(paper);
  if (!bytes.ok()) return bytes.status();
  std::string name = "shiryo1-fy" + std::to_string(*fy) + (pdf ? ".pdf" : ".xlsx");
  return Download(std::move(bytes.value()), pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  name);
}

Reply PaperXlsx(App& app, PlanService& service, Ctx& ctx) { return Paper(app, service, ctx, false); }
Reply PaperPdf(App& app, PlanService& service, Ctx& ctx) { return Paper(app, service, ctx, true); }

// ---- API ----

Reply ApiGet(App&, PlanService& service, Ctx& ctx) {
  auto fy = PathYear(ctx);
  if (!fy.ok()) return fy.status();
  auto plan = service.Get(*ctx.principal, *fy);
  if (!plan.ok()) return plan.status();
  return Json(views::PlanJson(*plan, *fy));
}

Reply ApiPut(App&, PlanService& service, Ctx& ctx) {
  auto fy = PathYear(ctx);
  if (!fy.ok()) return fy.status();
  auto body = web::JsonBody(ctx.req.body, "@planning.error.json");
  if (!body.ok()) return body.status();
  auto e = EntryFromJson(*fy, ctx.req.param("item"), *body);
  std::vector<std::string> unknown;
  auto s = service.Put(*ctx.principal, ctx.addr(), e, &unknown);
  if (!s.ok() && !unknown.empty()) {
    boost::json::array names(unknown.begin(), unknown.end());
    return Json({{"error", "invalid_argument"}, {"message", ctx.message(s)}, {"unknown_figures", names}}, 400);
  }
  if (!s.ok()) return s;
  return Json({{"fiscal_year", *fy}, {"item", e.item}});
}

Reply ApiApprove(App&, PlanService& service, Ctx& ctx) {
  auto fy = PathYear(ctx);
  if (!fy.ok()) return fy.status();
  // The body is optional: a meeting to name, or nothing.
  auto body = web::JsonBody(ctx.req.body, "@planning.error.json");
  std::string meeting = body.ok() ? web::JsonText(*body, "meeting_id") : "";
  if (auto s = service.Approve(*ctx.principal, ctx.addr(), *fy, meeting); !s.ok()) return s;
  return Json({{"fiscal_year", *fy}, {"status", "approved"}});
}

Reply ApiCirculate(App&, PlanService& service, Ctx& ctx) {
  auto fy = PathYear(ctx);
  if (!fy.ok()) return fy.status();
  if (auto s = service.Circulate(*ctx.principal, ctx.addr(), *fy); !s.ok()) return s;
  return Json({{"status", "circulated"}});
}

Reply ApiNext(App&, PlanService& service, Ctx& ctx) {
  auto fy = PathYear(ctx);
  if (!fy.ok()) return fy.status();
  if (auto s = service.StartNext(*ctx.principal, ctx.addr(), *fy); !s.ok()) return s;
  return Json({{"fiscal_year", *fy + 1}}, 201);
}

// ---- pages ----

Reply YearsPage(App& app, PlanService& service, Ctx& ctx) {
  auto years = service.YearList(*ctx.principal);
  if (!years.ok()) return years.status();
  return app.Page(ctx, "planning/years", views::YearsPageData(*years, CurrentFiscalYear()), ctx.t("planning.title"));
}

Reply YearPage(App& app, PlanService& service, Ctx& ctx) {
  auto fy = PathYear(ctx);
  if (!fy.ok()) return fy.status();
  auto s = service.YearPage(*ctx.principal, *fy, ctx.req.query().value("version") == "draft", app.config().region_name);
  if (!s.ok()) return s.status();
  return app.Page(ctx, "planning/year", views::YearPageData(*s, app.config().region_name, ctx.req.query(), ctx.lang),
                  ctx.t("planning.title") + " " + core::FormatFiscalYear(*fy));
}

// One item over the years, side by side: what was planned, done and evaluated each year.
Reply ItemYearsPage(App& app, PlanService& service, Ctx& ctx) {
  const auto& item = ctx.req.param("item");
  auto years = service.ItemYears(*ctx.principal, item, app.config().region_name);
  if (!years.ok()) return years.status();
  return app.Page(ctx, "planning/item_years", views::ItemYearsPageData(item, *years), views::ItemTitle(item));
}

Reply EditPage(App& app, Ctx& ctx, const EditScreen& s, int status) {
  return app.Page(ctx, "planning/edit", views::EditPageData(s, ctx.lang), views::ItemTitle(s.entry.item), status);
}

Reply EditForm(App& app, PlanService& service, Ctx& ctx) {
  auto fy = PathYear(ctx);
  if (!fy.ok()) return fy.status();
  auto s = service.EditForm(*ctx.principal, *fy, ctx.req.param("item"));
  if (!s.ok()) return s.status();
  return EditPage(app, ctx, *s, 200);
}

Reply SaveForm(App& app, PlanService& service, Ctx& ctx) {
  auto fy = PathYear(ctx);
  if (!fy.ok()) return fy.status();
  auto e = EntryFromForm(*fy, ctx.req.param("item"), ctx.req.form());
  std::vector<std::string> unknown;
  auto s = service.Put(*ctx.principal, ctx.addr(), e, &unknown);
  if (s.ok()) return http::Response::Redirect("/plans/" + std::to_string(*fy) + "?version=draft&notice=saved#item-" + e.item);
  if (unknown.empty()) return s;
  auto screen = service.Refused(*ctx.principal, e, std::move(unknown));
  if (!screen.ok()) return screen.status();
  return EditPage(app, ctx, *screen, 400);
}

// A step of the year (circulate, approve, start the next): back to the year with its notice, or with
// the refusal's key for the page to explain.
Reply AfterYearStep(int fy, const Status& s, const char* notice, int shown_fy) {
  if (s.ok()) return http::Response::Redirect("/plans/" + std::to_string(shown_fy) + "?notice=" + notice);
  return BackWithError(s, "/plans/" + std::to_string(fy), "@planning.error.");
}

Reply CirculateForm(App&, PlanService& service, Ctx& ctx) {
  auto fy = PathYear(ctx);
  if (!fy.ok()) return fy.status();
  return AfterYearStep(*fy, service.Circulate(*ctx.principal, ctx.addr(), *fy), "circulated", *fy);
}

Reply ApproveForm(App&, PlanService& service, Ctx& ctx) {
  auto fy = PathYear(ctx);
  if (!fy.ok()) return fy.status();
  return AfterYearStep(*fy, service.Approve(*ctx.principal, ctx.addr(), *fy, ctx.req.form().value("meeting_id")), "approved", *fy);
}

Reply NextForm(App&, PlanService& service, Ctx& ctx) {
  auto fy = PathYear(ctx);
  if (!fy.ok()) return fy.status();
  return AfterYearStep(*fy, service.StartNext(*ctx.principal, ctx.addr(), *fy), "started", *fy + 1);
}

Reply CommentForm(App&, PlanService& service, Ctx& ctx) {
  auto fy = PathYear(ctx);
  if (!fy.ok()) return fy.status();
  std::string year = "/plans/" + std::to_string(*fy);
  auto s = service.AddComment(*ctx.principal, ctx.addr(), *fy, ctx.req.param("item"), ctx.req.form().value("body"));
  if (!s.ok() && s.code() == Code::kInvalidArgument) return http::Response::Redirect(year + "?error=comment");
  if (!s.ok()) return s;
  return http::Response::Redirect(year + "?notice=commented#item-" + ctx.req.param("item"));
}

// ---- indicators ----

// XLSX (a zip: "PK") or CSV, told apart by the bytes.
Result<IndicatorImport> ImportAny(IndicatorService& service, Ctx& ctx, std::string_view bytes, const std::string& name) {
  return bytes.substr(0, 2) == "PK" ? service.ImportXlsx(*ctx.principal, ctx.addr(), bytes, name)
                                    : service.ImportCsv(*ctx.principal, ctx.addr(), bytes, name);
}

Reply ApiIndicators(App&, IndicatorService& service, Ctx& ctx) {
  auto list = service.List(*ctx.principal);
  if (!list.ok()) return list.status();
  return Json(views::IndicatorsJson(*list));
}

// The file as the body.
Reply ApiImportIndicators(App&, IndicatorService& service, Ctx& ctx) {
  auto r = ImportAny(service, ctx, ctx.req.body, ctx.req.query().value("source", "api"));
  if (!r.ok()) return r.status();
  return Json(views::IndicatorImportJson(*r));
}

// The file as an upload from the page.
Reply ImportIndicatorsUpload(App&, IndicatorService& service, Ctx& ctx) {
  for (const auto& f : ctx.req.files()) {
    if (f.field != "file") continue;
    auto r = ImportAny(service, ctx, f.data, f.filename);
    if (!r.ok() && r.status().code() == Code::kInvalidArgument) return http::Response::Redirect("/plans/indicators?error=1");
    if (!r.ok()) return r.status();
    return http::Response::Redirect("/plans/indicators?imported=" + std::to_string(r->values) +
                                    "&rejected=" + std::to_string(r->rejected.size()));
  }
  return http::Response::Redirect("/plans/indicators?error=1");
}

Reply IndicatorItemsForm(App&, IndicatorService& service, Ctx& ctx) {
  if (auto s = service.SetItems(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.form().all("items")); !s.ok()) return s;
  return http::Response::Redirect("/plans/indicators#ind-" + ctx.req.param("id"));
}

Reply IndicatorsPage(App& app, IndicatorService& service, Ctx& ctx) {
  auto list = service.List(*ctx.principal);
  if (!list.ok()) return list.status();
  return app.Page(ctx, "planning/indicators",
                  views::IndicatorsPageData(*list, PlanService::CanEdit(*ctx.principal), ctx.req.query(), ctx.lang),
                  ctx.t("planning.indicators"));
}

// Every route of the module but the upload; all need a full login, and the services decide the rest.
constexpr app::ServiceRoute<PlanService> kPlanRoutes[] = {
    {"GET", "/api/v1/reports/shiryo1.xlsx", Access::kFull, PaperXlsx},
    {"GET", "/api/v1/reports/shiryo1.pdf", Access::kFull, PaperPdf},
    {"GET", "/plans/{fy}/shiryo1.xlsx", Access::kFull, PaperXlsx},
    {"GET", "/plans/{fy}/shiryo1.pdf", Access::kFull, PaperPdf},
    {"GET", "/api/v1/plans/{fy}", Access::kFull, ApiGet},
    {"PUT", "/api/v1/plans/{fy}/items/{item}", Access::kFull, ApiPut},
    {"POST", "/api/v1/plans/{fy}/approve", Access::kFull, ApiApprove},
    {"POST", "/api/v1/plans/{fy}/circulate", Access::kFull, ApiCirculate},
    {"POST", "/api/v1/plans/{fy}/next", Access::kFull, ApiNext},
    {"GET", "/plans", Access::kFull, YearsPage},
    {"GET", "/plans/{fy}", Access::kFull, YearPage},
    {"GET", "/plans/items/{item}", Access::kFull, ItemYearsPage},
    {"GET", "/plans/{fy}/items/{item}", Access::kFull, EditForm},
    {"POST", "/plans/{fy}/items/{item}", Access::kFull, SaveForm},
    {"POST", "/plans/{fy}/circulate", Access::kFull, CirculateForm},
    {"POST", "/plans/{fy}/approve", Access::kFull, ApproveForm},
    {"POST", "/plans/{fy}/next", Access::kFull, NextForm},
    {"POST", "/plans/{fy}/items/{item}/comments", Access::kFull, CommentForm},
};

constexpr app::ServiceRoute<IndicatorService> kIndicatorRoutes[] = {
    {"GET", "/api/v1/indicators", Access::kFull, ApiIndicators},
    {"POST", "/api/v1/indicators", Access::kFull, ApiImportIndicators},
    {"GET", "/plans/indicators", Access::kFull, IndicatorsPage},
    {"POST", "/plans/indicators/{id}/items", Access::kFull, IndicatorItemsForm},
};

}  // namespace

void RegisterRoutes(App& app) {
  auto plans = std::make_shared<PlanService>(app.db());
  auto indicators = std::make_shared<IndicatorService>(app.db());
  app::AddRoutes(app, plans, kPlanRoutes);
  app::AddRoutes(app, indicators, kIndicatorRoutes);
  app.AddUpload("/plans/indicators", security::Permission::kManagePlans, kIndicatorUploadLimit,
                app::Bind(app, indicators, ImportIndicatorsUpload));
}

}  // namespace renkei::planning
