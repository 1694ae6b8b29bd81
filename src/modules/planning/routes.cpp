// Planning (item イ): /plans pages (the year's table as 資料1 prints it, an entry's editor with the
// figure names, comments, circulation and approval, history) and /api/v1/plans, /api/v1/reports.
#include <boost/json.hpp>

#include <algorithm>
#include <map>

#include "app/app.hpp"
#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "modules/liaison/service.hpp"
#include "modules/planning/documents.hpp"
#include "modules/planning/indicators.hpp"
#include "modules/planning/service.hpp"
#include "platform/clock.hpp"
#include "platform/web/charts.hpp"
#include "platform/web/forms.hpp"
#include "platform/web/i18n.hpp"

namespace renkei::planning {

using app::Access;
using app::App;
using app::BackWithError;
using app::Ctx;
using app::CurrentFiscalYear;
using app::Download;
namespace {

namespace pl = planning;
using web::Data;

Result<int> YearOf(const std::string& v) {
  auto fy = core::ParseFiscalYear(v);
  if (!fy || *fy < 1990 || *fy > 2100) return Status::NotFound("@error.not_found");
  return *fy;
}

boost::json::object EntryJson(const pl::Entry& e) {
  boost::json::array scenes;
  for (const auto& s : e.scenes) scenes.emplace_back(s);
  return {{"item", e.item},           {"scenes", scenes},         {"results", e.results},  {"evaluation", e.evaluation},
          {"next_goal", e.next_goal}, {"next_plan", e.next_plan}, {"priority", e.priority}};
}

std::string ItemTitle(const std::string& code) {
  for (const auto& i : core::AllProgramItems())
    if (code == i.code) return std::string("（") + i.letter + "）" + i.title;
  return code;
}

}  // namespace

namespace {

// One indicator's trend: a line per town (and the region) over the years.
std::string TrendChart(const pl::Indicator& ind) {
  std::vector<web::Series> series;
  for (const auto& [area, by_year] : ind.values) {
    web::Series s{area == "region" ? "郡市全体" : core::MunicipalityName(area), {}};
    for (const auto& [year, value] : by_year) s.points.emplace_back(year, value);
    series.push_back(std::move(s));
  }
  return web::LineChart(series, ind.name);
}

}  // namespace

void RegisterRoutes(App& app) {
  auto service = std::make_shared<pl::PlanService>(app.db());
  auto indicators = std::make_shared<pl::IndicatorService>(app.db());

  // ---- indicators ----
  app.Get("/api/v1/indicators", Access::kFull, [indicators](Ctx& ctx) -> Result<http::Response> {
    auto list = indicators->List(*ctx.principal);
    if (!list.ok()) return list.status();
    boost::json::array items;
    for (const auto& ind : *list) {
      boost::json::array values, linked;
      for (const auto& [area, by_year] : ind.values)
        for (const auto& [year, value] : by_year) values.push_back({{"municipality", area}, {"year", year}, {"value", value}});
      for (const auto& i : ind.items) linked.emplace_back(i);
      items.push_back(
          {{"id", ind.id}, {"name", ind.name}, {"unit", ind.unit}, {"source", ind.source}, {"items", linked}, {"values", values}});
    }
    return http::Response::Json(boost::json::serialize(boost::json::object{{"items", items}}));
  });
  // CSV as the body (API) or as an upload (page).
  auto import_response = [](Ctx& ctx, const Result<pl::IndicatorImport>& r) -> Result<http::Response> {
    if (!r.ok()) return r.status();
    boost::json::array rejected;
    for (const auto& [line, why] : r->rejected) rejected.push_back({{"line", line}, {"reason", why}});
    return http::Response::Json(
        boost::json::serialize(boost::json::object{{"indicators", r->indicators}, {"values", r->values}, {"rejected", rejected}}));
  };
  // XLSX (a zip: "PK") or CSV, told apart by the bytes.
  auto import_any = [indicators](Ctx& ctx, std::string_view bytes, const std::string& name) {
    return bytes.substr(0, 2) == "PK" ? indicators->ImportXlsx(*ctx.principal, ctx.addr(), bytes, name)
                                      : indicators->ImportCsv(*ctx.principal, ctx.addr(), bytes, name);
  };
  app.Post("/api/v1/indicators", Access::kFull, [import_any, import_response](Ctx& ctx) -> Result<http::Response> {
    return import_response(ctx, import_any(ctx, ctx.req.body, ctx.req.query().value("source", "api")));
  });
  app.AddUpload("/plans/indicators", security::Permission::kManagePlans, 10 * 1024 * 1024,
                [import_any](Ctx& ctx) -> Result<http::Response> {
                  for (const auto& f : ctx.req.files()) {
                    if (f.field != "file") continue;
                    auto r = import_any(ctx, f.data, f.filename);
                    if (!r.ok() && r.status().code() == Code::kInvalidArgument)
                      return http::Response::Redirect("/plans/indicators?error=1");
                    if (!r.ok()) return r.status();
                    return http::Response::Redirect("/plans/indicators?imported=" + std::to_string(r->values) +
                                                    "&rejected=" + std::to_string(r->rejected.size()));
                  }
                  return http::Response::Redirect("/plans/indicators?error=1");
                });
  app.Post("/plans/indicators/{id}/items", Access::kFull, [indicators](Ctx& ctx) -> Result<http::Response> {
    auto s = indicators->SetItems(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.form().all("items"));
    if (!s.ok()) return s;
    return http::Response::Redirect("/plans/indicators#ind-" + ctx.req.param("id"));
  });
  app.Get("/plans/indicators", Access::kFull, [&app, indicators](Ctx& ctx) -> Result<http::Response> {
    auto list = indicators->List(*ctx.principal);
    if (!list.ok()) return list.status();
    Data d = web::Object();
    d.set("csrf", ctx.csrf_token());
    d.set("can_edit", pl::PlanService::CanEdit(*ctx.principal));
    Data rows = web::List();
    for (const auto& ind : *list) {
      Data x = web::Object();
      x.set("id", ind.id);
      x.set("name", ind.name);
      if (!ind.unit.empty()) x.set("unit", ind.unit);
      if (!ind.source.empty()) x.set("source", ind.source);
      x.set("chart", TrendChart(ind));
      std::vector<web::Choice> items;
      for (const auto& i : core::AllProgramItems()) items.push_back({i.code, std::string("（") + i.letter + "）"});
      x.set("item_choices", web::Choices(items, ind.items));
      rows.push_back(x);
    }
    d.set("rows", rows);
    d.set("none", list->empty());
    if (auto n = ctx.req.query().value("imported"); !n.empty() && n.find_first_not_of("0123456789") == std::string::npos)
      d.set("notice", n + ctx.t("planning.indicator_imported") +
                          (ctx.req.query().value("rejected", "0") == "0"
                               ? ""
                               : "（" + ctx.t("planning.indicator_rejected") + ctx.req.query().value("rejected").substr(0, 6) + "）"));
    if (ctx.req.query().has("error")) d.set("error", ctx.t("planning.error.indicator_columns"));
    return app.Page(ctx, "planning/indicators", d, ctx.t("planning.indicators"));
  });
  auto meetings = std::make_shared<liaison::LiaisonService>(app.db());

  // ---- documents ----
  auto shiryo1 = [&app, service](Ctx& ctx, bool pdf) -> Result<http::Response> {
    std::string fyv = ctx.req.param("fy").empty() ? ctx.req.query().value("fy") : ctx.req.param("fy");
    auto fy = YearOf(fyv.empty() ? std::to_string(CurrentFiscalYear()) : fyv);
    if (!fy.ok()) return fy.status();
    auto plan = service->Get(*ctx.principal, *fy);
    if (!plan.ok()) return plan.status();
    auto paper = pl::PaperOf(*plan, app.config().region_name, ctx.req.query().value("version") == "draft");
    auto bytes = pdf ? pl::Shiryo1Pdf(paper) : pl::Shiryo1Xlsx(paper);
    if (!bytes.ok()) return bytes.status();
    std::string name = "shiryo1-fy" + std::to_string(*fy) + (pdf ? ".pdf" : ".xlsx");
    return Download(std::move(bytes.value()), pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    name);
  };
  app.Get("/api/v1/reports/shiryo1.xlsx", Access::kFull, [shiryo1](Ctx& ctx) { return shiryo1(ctx, false); });
  app.Get("/api/v1/reports/shiryo1.pdf", Access::kFull, [shiryo1](Ctx& ctx) { return shiryo1(ctx, true); });
  app.Get("/plans/{fy}/shiryo1.xlsx", Access::kFull, [shiryo1](Ctx& ctx) { return shiryo1(ctx, false); });
  app.Get("/plans/{fy}/shiryo1.pdf", Access::kFull, [shiryo1](Ctx& ctx) { return shiryo1(ctx, true); });

  // ---- API ----
  app.Get("/api/v1/plans/{fy}", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto fy = YearOf(ctx.req.param("fy"));
    if (!fy.ok()) return fy.status();
    auto plan = service->Get(*ctx.principal, *fy);
    if (!plan.ok()) return plan.status();
    boost::json::array entries;
    for (size_t i = 0; i < plan->entries.size(); ++i) {
      auto o = EntryJson(plan->entries[i]);
      boost::json::array links;
      for (const auto& l : plan->entries[i].links) links.emplace_back(l);
      o["links"] = links;
      o["resolved"] = EntryJson(plan->resolved[i]);
      if (!plan->approved.empty()) o["approved"] = EntryJson(plan->approved[i]);
      entries.push_back(o);
    }
    boost::json::array unknown;
    for (const auto& u : plan->unknown) unknown.emplace_back(u);
    boost::json::object o{
        {"fiscal_year", *fy},
        {"status", plan->state.status},
        {"revised", plan->state.revised},
        {"approved_at", plan->state.approved_at.empty() ? boost::json::value(nullptr)
                                                        : boost::json::value(clock::IsoToTokyoOffset(plan->state.approved_at))},
        {"meeting_id", plan->state.meeting_id.empty() ? boost::json::value(nullptr) : boost::json::value(plan->state.meeting_id)},
        {"entries", entries},
        {"unknown_figures", unknown}};
    return http::Response::Json(boost::json::serialize(o));
  });
  app.Add("PUT", "/api/v1/plans/{fy}/items/{item}", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto fy = YearOf(ctx.req.param("fy"));
    if (!fy.ok()) return fy.status();
    auto body = web::JsonBody(ctx.req.body, "@planning.error.json");
    if (!body.ok()) return body.status();
    const auto& o = *body;
    pl::Entry e;
    e.fiscal_year = *fy;
    e.item = ctx.req.param("item");
    auto str = [&](const char* k) {
      auto it = o.find(k);
      return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : std::string();
    };
    e.results = str("results");
    e.evaluation = str("evaluation");
    e.next_goal = str("next_goal");
    e.next_plan = str("next_plan");
    if (auto it = o.find("priority"); it != o.end() && it->value().is_bool()) e.priority = it->value().as_bool();
    if (auto it = o.find("scenes"); it != o.end() && it->value().is_array())
      for (const auto& s : it->value().as_array())
        if (s.is_string()) e.scenes.emplace_back(s.as_string());
    if (auto it = o.find("links"); it != o.end() && it->value().is_array())
      for (const auto& s : it->value().as_array())
        if (s.is_string()) e.links.emplace_back(s.as_string());
    std::vector<std::string> unknown;
    auto s = service->Put(*ctx.principal, ctx.addr(), e, &unknown);
    if (!s.ok() && !unknown.empty()) {
      boost::json::array names;
      for (const auto& u : unknown) names.emplace_back(u);
      return http::Response::Json(boost::json::serialize(boost::json::object{
                                      {"error", "invalid_argument"}, {"message", ctx.message(s)}, {"unknown_figures", names}}),
                                  400);
    }
    if (!s.ok()) return s;
    return http::Response::Json(boost::json::serialize(boost::json::object{{"fiscal_year", *fy}, {"item", e.item}}));
  });
  app.Post("/api/v1/plans/{fy}/approve", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto fy = YearOf(ctx.req.param("fy"));
    if (!fy.ok()) return fy.status();
    // The body is optional: a meeting to name, or nothing.
    auto body = web::JsonBody(ctx.req.body, "@planning.error.json");
    std::string meeting = body.ok() ? web::JsonText(*body, "meeting_id") : "";
    auto s = service->Approve(*ctx.principal, ctx.addr(), *fy, meeting);
    if (!s.ok()) return s;
    return http::Response::Json(boost::json::serialize(boost::json::object{{"fiscal_year", *fy}, {"status", "approved"}}));
  });
  app.Post("/api/v1/plans/{fy}/circulate", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto fy = YearOf(ctx.req.param("fy"));
    if (!fy.ok()) return fy.status();
    auto s = service->Circulate(*ctx.principal, ctx.addr(), *fy);
    if (!s.ok()) return s;
    return http::Response::Json("{\"status\":\"circulated\"}");
  });
  app.Post("/api/v1/plans/{fy}/next", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto fy = YearOf(ctx.req.param("fy"));
    if (!fy.ok()) return fy.status();
    auto s = service->StartNext(*ctx.principal, ctx.addr(), *fy);
    if (!s.ok()) return s;
    return http::Response::Json(boost::json::serialize(boost::json::object{{"fiscal_year", *fy + 1}}), 201);
  });

  // ---- pages ----
  app.Get("/plans", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    if (!pl::PlanService::CanRead(*ctx.principal)) return Status::PermissionDenied("@error.forbidden");
    Data d = web::Object();
    Data years = web::List();
    for (int fy : service->Years()) {
      Data x = web::Object();
      x.set("fy", std::to_string(fy));
      x.set("label", core::FormatFiscalYear(fy));
      years.push_back(x);
    }
    d.set("years", years);
    d.set("this_fy", std::to_string(CurrentFiscalYear()));
    d.set("this_label", core::FormatFiscalYear(CurrentFiscalYear()));
    return app.Page(ctx, "planning/years", d, ctx.t("planning.title"));
  });

  app.Get("/plans/{fy}", Access::kFull, [&app, service, meetings, indicators](Ctx& ctx) -> Result<http::Response> {
    auto fy = YearOf(ctx.req.param("fy"));
    if (!fy.ok()) return fy.status();
    auto plan = service->Get(*ctx.principal, *fy);
    if (!plan.ok()) return plan.status();
    bool want_draft = ctx.req.query().value("version") == "draft";
    auto paper = pl::PaperOf(*plan, app.config().region_name, want_draft);
    auto comments = service->Comments(*ctx.principal, *fy);
    Data d = web::Object();
    d.set("csrf", ctx.csrf_token());
    d.set("fy", std::to_string(*fy));
    d.set("region", app.config().region_name);
    d.set("fiscal_year", core::FormatFiscalYear(*fy));
    d.set("draft", paper.draft);
    d.set("status", ctx.t("planning.status_" + plan->state.status));
    d.set("revised", plan->state.revised);
    if (!plan->state.approved_at.empty()) d.set("approved_at", clock::IsoToTokyoMinute(plan->state.approved_at).substr(0, 10));
    d.set("can_edit", pl::PlanService::CanEdit(*ctx.principal));
    d.set("show_draft", want_draft);
    d.set("version_query", want_draft ? "?version=draft" : "");
    Data headers = web::List();
    for (const auto& h : pl::Shiryo1Headers(*fy)) headers.push_back(Data(h));
    d.set("headers", headers);
    // The table as printed (approved text when approved), or the current draft when asked.
    const auto& shown = paper.entries;
    // Indicators beside the items they back.
    std::map<std::string, std::vector<pl::Indicator>> item_indicators;
    if (auto list = indicators->List(*ctx.principal); list.ok())
      for (const auto& ind : *list)
        for (const auto& it : ind.items) item_indicators[it].push_back(ind);
    std::map<std::string, std::string> link_labels;
    if (auto choices = service->LinkChoices(*ctx.principal, *fy); choices.ok())
      for (const auto& c : *choices) link_labels[c.ref] = c.label;
    Data rows = web::List();
    for (size_t i = 0; i < shown.size(); ++i) {
      auto cells = pl::Shiryo1Row(shown[i]);
      Data r = web::Object();
      r.set("item", shown[i].item);
      Data links = web::List();
      for (const auto& ref : plan->entries[i].links) {
        Data x = web::Object();
        x.set("label", link_labels.count(ref) ? link_labels[ref] : ref);
        std::string kind = ref.substr(0, ref.find(':')), id = ref.substr(ref.find(':') + 1);
        x.set("href", kind == "event"     ? "/admin/events/" + id
                      : kind == "meeting" ? "/meetings/" + id
                      : kind == "survey"  ? "/surveys/" + id
                                          : "/admin/outreach/" + id);
        links.push_back(x);
      }
      r.set("links", links);
      Data charts = web::List();
      for (const auto& ind : item_indicators[shown[i].item]) {
        Data x = web::Object();
        x.set("name", ind.name + (ind.unit.empty() ? "" : "（" + ind.unit + "）"));
        x.set("chart", TrendChart(ind));
        charts.push_back(x);
      }
      r.set("indicators", charts);
      Data cs = web::List();
      for (const auto& c : cells) cs.push_back(Data(c));
      r.set("cells", cs);
      Data notes = web::List();
      if (comments.ok())
        for (const auto& c : *comments)
          if (c.item == shown[i].item) {
            Data x = web::Object();
            x.set("by", c.by_login);
            x.set("at", clock::IsoToTokyoMinute(c.at));
            x.set("body", c.body);
            notes.push_back(x);
          }
      r.set("comments", notes);
      rows.push_back(r);
    }
    d.set("rows", rows);
    Data unknown = web::List();
    for (const auto& u : plan->unknown) unknown.push_back(Data(u));
    d.set("unknown", unknown);
    d.set("has_unknown", !plan->unknown.empty());
    // Councils of the year (and the next spring) to approve at.
    std::vector<web::Choice> councils;
    for (int y : {*fy, *fy + 1})
      if (auto list = meetings->Year(*ctx.principal, y, "council"); list.ok())
        for (const auto& m : *list) councils.push_back({m.id, clock::IsoToTokyoMinute(m.held_at).substr(0, 10) + " " + m.title});
    d.set("councils", web::Choices(councils, plan->state.meeting_id));
    d.set("has_councils", !councils.empty());
    if (auto h = service->History(*ctx.principal, *fy); h.ok()) {
      Data hist = web::List();
      for (size_t i = 0; i < h->size() && i < 20; ++i) {
        const auto& row = (*h)[i];
        Data x = web::Object();
        x.set("at", clock::IsoToTokyoMinute(row.at));
        x.set("by", row.by_login);
        x.set("what", (row.item.empty() ? std::string() : ItemTitle(row.item) + " ") + ctx.t("planning.action_" + row.action));
        hist.push_back(x);
      }
      d.set("history", hist);
    }
    if (auto n = ctx.req.query().value("notice");
        n == "saved" || n == "circulated" || n == "approved" || n == "started" || n == "commented")
      d.set("notice", ctx.t("planning.notice_" + n));
    if (auto e = ctx.req.query().value("error"); !e.empty() && e.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string::npos)
      d.set("error", ctx.t("planning.error." + e));
    return app.Page(ctx, "planning/year", d, ctx.t("planning.title") + " " + core::FormatFiscalYear(*fy));
  });

  // One item over the years, side by side: what was planned, done and evaluated each year.
  app.Get("/plans/items/{item}", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    std::string item = ctx.req.param("item");
    if (!core::ProgramItemFromCode(item)) return Status::NotFound("@error.not_found");
    if (!pl::PlanService::CanRead(*ctx.principal)) return Status::PermissionDenied("@error.forbidden");
    Data d = web::Object();
    d.set("item_title", ItemTitle(item));
    Data rows = web::List();
    auto years = service->Years();
    std::sort(years.begin(), years.end());  // oldest first, as one reads a history
    for (int fy : years) {
      auto plan = service->Get(*ctx.principal, fy);
      if (!plan.ok()) return plan.status();
      auto paper = pl::PaperOf(*plan, app.config().region_name);
      for (const auto& e : paper.entries) {
        if (e.item != item) continue;
        Data r = web::Object();
        r.set("fy", std::to_string(fy));
        r.set("year", core::FormatFiscalYear(fy));
        r.set("draft", paper.draft);
        r.set("results", e.results);
        r.set("evaluation", e.evaluation);
        r.set("next_goal", e.next_goal);
        r.set("next_plan", e.next_plan);
        rows.push_back(r);
      }
    }
    d.set("rows", rows);
    return app.Page(ctx, "planning/item_years", d, ItemTitle(item));
  });

  auto edit_page = [&app, service](Ctx& ctx, int fy, const pl::Entry& e, const std::vector<std::string>& unknown, int status) {
    Data d = web::Object();
    d.set("csrf", ctx.csrf_token());
    d.set("fy", std::to_string(fy));
    d.set("fiscal_year", core::FormatFiscalYear(fy));
    d.set("item", e.item);
    d.set("item_title", ItemTitle(e.item));
    auto headers = pl::Shiryo1Headers(fy);
    d.set("h_results", headers[2]);
    d.set("h_evaluation", headers[3]);
    d.set("h_goal", headers[4]);
    d.set("h_plan", headers[5]);
    d.set("results", e.results);
    d.set("evaluation", e.evaluation);
    d.set("next_goal", e.next_goal);
    d.set("next_plan", e.next_plan);
    d.set("priority", e.priority);
    std::vector<web::Choice> scenes;
    for (const auto& s : core::AllScenes()) scenes.push_back({s.code, s.label});
    d.set("scenes", web::Choices(scenes, e.scenes));
    std::vector<web::Choice> links;
    if (auto choices = service->LinkChoices(*ctx.principal, fy); choices.ok())
      for (const auto& c : *choices) links.push_back({c.ref, c.label});
    d.set("link_choices", web::Choices(links, e.links));
    d.set("has_link_choices", !links.empty());
    Data figures = web::List();
    for (const auto& f : pl::FigureDocs()) {
      Data x = web::Object();
      x.set("pattern", "{{" + f.pattern + "}}");
      x.set("description", f.description);
      figures.push_back(x);
    }
    d.set("figures", figures);
    d.set("figures_lead", ctx.t("planning.figures_lead"));  // holds "{{": data, not template text
    Data u = web::List();
    for (const auto& n : unknown) u.push_back(Data(n));
    d.set("unknown", u);
    d.set("has_unknown", !unknown.empty());
    return app.Page(ctx, "planning/edit", d, ItemTitle(e.item), status);
  };
  app.Get("/plans/{fy}/items/{item}", Access::kFull, [service, edit_page](Ctx& ctx) -> Result<http::Response> {
    if (!pl::PlanService::CanEdit(*ctx.principal)) return Status::PermissionDenied("@error.forbidden");
    auto fy = YearOf(ctx.req.param("fy"));
    if (!fy.ok()) return fy.status();
    if (!core::ProgramItemFromCode(ctx.req.param("item"))) return Status::NotFound("@error.not_found");
    auto plan = service->Get(*ctx.principal, *fy);
    if (!plan.ok()) return plan.status();
    for (const auto& e : plan->entries)
      if (e.item == ctx.req.param("item")) return edit_page(ctx, *fy, e, {}, 200);
    return Status::NotFound("@error.not_found");
  });
  app.Post("/plans/{fy}/items/{item}", Access::kFull, [service, edit_page](Ctx& ctx) -> Result<http::Response> {
    auto fy = YearOf(ctx.req.param("fy"));
    if (!fy.ok()) return fy.status();
    const auto& f = ctx.req.form();
    pl::Entry e;
    e.fiscal_year = *fy;
    e.item = ctx.req.param("item");
    e.results = f.value("results");
    e.evaluation = f.value("evaluation");
    e.next_goal = f.value("next_goal");
    e.next_plan = f.value("next_plan");
    e.priority = f.value("priority") == "1";
    e.scenes = f.all("scenes");
    e.links = f.all("links");
    std::vector<std::string> unknown;
    auto s = service->Put(*ctx.principal, ctx.addr(), e, &unknown);
    if (s.ok()) return http::Response::Redirect("/plans/" + std::to_string(*fy) + "?version=draft&notice=saved#item-" + e.item);
    if (!unknown.empty()) return edit_page(ctx, *fy, e, unknown, 400);
    return s;
  });
  auto year_action = [](const char* notice, auto fn) {
    return [notice, fn](Ctx& ctx) -> Result<http::Response> {
      auto fy = YearOf(ctx.req.param("fy"));
      if (!fy.ok()) return fy.status();
      Status s = fn(ctx, *fy);
      std::string base = "/plans/" + std::to_string(std::string(notice) == "started" ? *fy + 1 : *fy);
      if (s.ok()) return http::Response::Redirect(base + "?notice=" + notice);
      return BackWithError(s, "/plans/" + std::to_string(*fy), "@planning.error.");
    };
  };
  app.Post("/plans/{fy}/circulate", Access::kFull,
           year_action("circulated", [service](Ctx& ctx, int fy) { return service->Circulate(*ctx.principal, ctx.addr(), fy); }));
  app.Post("/plans/{fy}/approve", Access::kFull, year_action("approved", [service](Ctx& ctx, int fy) {
             return service->Approve(*ctx.principal, ctx.addr(), fy, ctx.req.form().value("meeting_id"));
           }));
  app.Post("/plans/{fy}/next", Access::kFull,
           year_action("started", [service](Ctx& ctx, int fy) { return service->StartNext(*ctx.principal, ctx.addr(), fy); }));
  app.Post("/plans/{fy}/items/{item}/comments", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto fy = YearOf(ctx.req.param("fy"));
    if (!fy.ok()) return fy.status();
    auto s = service->AddComment(*ctx.principal, ctx.addr(), *fy, ctx.req.param("item"), ctx.req.form().value("body"));
    if (!s.ok() && s.code() == Code::kInvalidArgument) return http::Response::Redirect("/plans/" + std::to_string(*fy) + "?error=comment");
    if (!s.ok()) return s;
    return http::Response::Redirect("/plans/" + std::to_string(*fy) + "?notice=commented#item-" + ctx.req.param("item"));
  });
}

}  // namespace renkei::planning
