// Meetings among the towns (/meetings and /api/v1/meetings): the year's list with counts per kind,
// the meeting page with minutes (Markdown, rendered safely), decisions, action items and papers. A
// table of short handlers: each reads the request, makes one service call (screens.cpp for the pages)
// and one view call (views.hpp). Every rule lives in LiaisonService.

#include "app/app.hpp"
#include "modules/liaison/service.hpp"
#include "modules/liaison/views.hpp"
#include "platform/clock.hpp"
#include "platform/web/forms.hpp"

namespace renkei::liaison {

using app::Access;
using app::App;
using app::BackWithError;
using app::Ctx;
using app::Download;
using app::FileDownload;
using app::FiscalYearChoices;
using app::FiscalYearParam;
using app::Json;
using app::Reply;

namespace {

MeetingInput InputFromForm(const http::Params& f) {
  MeetingInput in;
  in.kind = f.value("kind");
  in.title = f.value("title");
  in.held_at = f.value("date") + (f.value("time").empty() ? "" : " " + f.value("time"));
  in.place = f.value("place");
  in.online = f.value("online") == "1";
  in.agenda = f.value("agenda");
  in.minutes = f.value("minutes");
  in.decisions = f.value("decisions");
  in.attendees = f.value("attendees");
  return in;
}

// The API's meeting; attendees are objects ({login} or {name, organization}), one line each.
MeetingInput InputFromJson(const boost::json::object& o) {
  MeetingInput in;
  in.kind = web::JsonText(o, "kind");
  in.title = web::JsonText(o, "title");
  in.held_at = web::JsonText(o, "held_at");
  in.place = web::JsonText(o, "place");
  in.agenda = web::JsonText(o, "agenda");
  in.minutes = web::JsonText(o, "minutes");
  in.decisions = web::JsonText(o, "decisions");
  in.online = web::JsonBool(o, "online").value_or(false);
  if (auto it = o.find("attendees"); it != o.end() && it->value().is_array())
    for (const auto& a : it->value().as_array())
      if (a.is_object()) {
        const auto& x = a.as_object();
        std::string name = web::JsonText(x, "login").empty() ? web::JsonText(x, "name") : web::JsonText(x, "login");
        std::string org = web::JsonText(x, "organization");
        in.attendees += name + (org.empty() ? "" : ", " + org) + "\n";
      }
  return in;
}

// ---- API ----------------------------------------------------------------------------------------

Reply ApiSummary(App&, LiaisonService& service, Ctx& ctx) {
  auto fy = FiscalYearParam(ctx.req);
  if (!fy.ok()) return fy.status();
  auto s = service.SummaryOf(*ctx.principal, *fy);
  if (!s.ok()) return s.status();
  return Json(views::SummaryJson(*s));
}

Reply SummaryXlsx(App& app, LiaisonService& service, Ctx& ctx) {
  auto fy = FiscalYearParam(ctx.req);
  if (!fy.ok()) return fy.status();
  auto bytes = service.SummaryXlsx(*ctx.principal, *fy, app.config().region_name);
  if (!bytes.ok()) return bytes.status();
  return Download(std::move(bytes.value()), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  "meetings-fy" + std::to_string(*fy) + ".xlsx");
}

Reply ApiList(App&, LiaisonService& service, Ctx& ctx) {
  auto fy = FiscalYearParam(ctx.req);
  if (!fy.ok()) return fy.status();
  auto list = service.Year(*ctx.principal, *fy, ctx.req.query().value("kind"));
  if (!list.ok()) return list.status();
  return Json(views::ListJson(*list, *fy));
}

Reply ApiCreate(App&, LiaisonService& service, Ctx& ctx) {
  auto body = web::JsonBody(ctx.req.body, "@liaison.error.json");
  if (!body.ok()) return body.status();
  auto id = service.Create(*ctx.principal, ctx.addr(), InputFromJson(*body));
  if (!id.ok()) return id.status();
  return Json({{"id", *id}}, 201);
}

Reply ApiAddAction(App&, LiaisonService& service, Ctx& ctx) {
  auto body = web::JsonBody(ctx.req.body, "@liaison.error.json");
  if (!body.ok()) return body.status();
  const auto& o = *body;
  auto id = service.AddAction(*ctx.principal, ctx.addr(), ctx.req.param("id"), web::JsonText(o, "title"), web::JsonText(o, "owner"),
                              web::JsonText(o, "due_date"));
  if (!id.ok()) return id.status();
  return Json({{"id", *id}}, 201);
}

Reply ApiGet(App&, LiaisonService& service, Ctx& ctx) {
  auto s = service.PageOf(*ctx.principal, ctx.req.param("id"));
  if (!s.ok()) return s.status();
  return Json(views::MeetingJson(*s));
}

// ---- pages --------------------------------------------------------------------------------------

Reply ListPage(App& app, LiaisonService& service, Ctx& ctx) {
  auto fy = FiscalYearParam(ctx.req);
  if (!fy.ok()) return fy.status();
  auto s = service.ListOf(*ctx.principal, *fy, ctx.req.query().value("kind"));
  if (!s.ok()) return s.status();
  return app.Page(ctx, "liaison/list", views::ListPageData(*s, FiscalYearChoices(*fy), ctx.lang), ctx.t("liaison.title"));
}

Reply FormPage(App& app, Ctx& ctx, const MeetingFormScreen& f, int status) {
  auto d = views::FormPageData(f, ctx.lang);
  return app.Page(ctx, "liaison/form", d, f.id.empty() ? ctx.t("liaison.new_title") : f.input.title, status);
}

Reply NewPage(App& app, LiaisonService& service, Ctx& ctx) {
  auto f = service.NewForm(*ctx.principal, ctx.req.query().value("kind"));
  if (!f.ok()) return f.status();
  return FormPage(app, ctx, *f, 200);
}

Reply CreateFromForm(App& app, LiaisonService& service, Ctx& ctx) {
  auto f = service.Submitted(*ctx.principal, "", InputFromForm(ctx.req.form()));
  if (!f.ok()) return f.status();
  if (!f->errors.empty()) return FormPage(app, ctx, *f, 400);
  auto id = service.Create(*ctx.principal, ctx.addr(), f->input);
  if (!id.ok()) return id.status();
  return http::Response::Redirect("/meetings/" + *id + "?notice=created");
}

Reply EditPage(App& app, LiaisonService& service, Ctx& ctx) {
  auto f = service.EditForm(*ctx.principal, ctx.req.param("id"));
  if (!f.ok()) return f.status();
  return FormPage(app, ctx, *f, 200);
}

Reply EditFromForm(App& app, LiaisonService& service, Ctx& ctx) {
  auto f = service.Submitted(*ctx.principal, ctx.req.param("id"), InputFromForm(ctx.req.form()));
  if (!f.ok()) return f.status();
  if (!f->errors.empty()) return FormPage(app, ctx, *f, 400);
  if (auto s = service.Update(*ctx.principal, ctx.addr(), f->id, f->input); !s.ok()) return s;
  return http::Response::Redirect("/meetings/" + f->id + "?notice=updated");
}

Reply MeetingPage(App& app, LiaisonService& service, Ctx& ctx) {
  auto s = service.PageOf(*ctx.principal, ctx.req.param("id"));
  if (!s.ok()) return s.status();
  return app.Page(ctx, "liaison/meeting", views::MeetingPageData(*s, ctx.req.query(), ctx.lang, clock::TodayInTokyo()), s->meeting.title);
}

Reply KindsPage(App& app, LiaisonService& service, Ctx& ctx) {
  auto kinds = service.KindsForAdmin(*ctx.principal);
  if (!kinds.ok()) return kinds.status();
  return app.Page(ctx, "liaison/kinds", views::KindsPageData(*kinds, ctx.req.query(), ctx.lang), ctx.t("liaison.kinds_title"));
}

Reply AddKindForm(App&, LiaisonService& service, Ctx& ctx) {
  auto s = service.AddKind(*ctx.principal, ctx.addr(), ctx.req.form().value("code"), ctx.req.form().value("label"));
  if (!s.ok()) return BackWithError(s, "/admin/meeting-kinds", "@liaison.error.");
  return http::Response::Redirect("/admin/meeting-kinds");
}

// Action items: done from the meeting page or the owner's home page.
Reply ActionDoneForm(App&, LiaisonService& service, Ctx& ctx) {
  auto s = service.SetActionDone(*ctx.principal, ctx.addr(), ctx.req.param("aid"), ctx.req.form().value("done", "1") == "1");
  if (!s.ok()) return s;
  return http::Response::Redirect(web::SafeLocalPath(ctx.req.form().value("back"), "/"));
}

Reply AddActionForm(App&, LiaisonService& service, Ctx& ctx) {
  const auto& f = ctx.req.form();
  auto a = service.AddAction(*ctx.principal, ctx.addr(), ctx.req.param("id"), f.value("title"), f.value("owner"), f.value("due_date"));
  std::string base = "/meetings/" + ctx.req.param("id");
  if (!a.ok()) return BackWithError(a.status(), base, "@liaison.error.");
  return http::Response::Redirect(base + "?notice=action");
}

Reply AddPaperUpload(App&, LiaisonService& service, Ctx& ctx) {
  std::string base = "/meetings/" + ctx.req.param("id");
  for (const auto& f : ctx.req.files()) {
    if (f.field != "file") continue;
    auto id = service.AddPaper(*ctx.principal, ctx.addr(), ctx.req.param("id"), f.filename, f.content_type, f.data);
    if (!id.ok() && id.status().code() == Code::kInvalidArgument) return http::Response::Redirect(base + "?error=file");
    if (!id.ok()) return id.status();
    return http::Response::Redirect(base + "?notice=paper");
  }
  return http::Response::Redirect(base + "?error=file");
}

Reply PaperDownload(App&, LiaisonService& service, Ctx& ctx) {
  auto f = service.Paper(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.param("fid"));
  if (!f.ok()) return f.status();
  return FileDownload(std::move(f.value()));
}

// Every route of the module but the upload; all need a full login, and the service decides the rest.
constexpr app::ServiceRoute<LiaisonService> kRoutes[] = {
    {"GET", "/api/v1/meetings/summary", Access::kFull, ApiSummary},
    {"GET", "/api/v1/meetings/summary.xlsx", Access::kFull, SummaryXlsx},
    {"GET", "/meetings/summary.xlsx", Access::kFull, SummaryXlsx},
    {"GET", "/api/v1/meetings", Access::kFull, ApiList},
    {"POST", "/api/v1/meetings", Access::kFull, ApiCreate},
    {"POST", "/api/v1/meetings/{id}/actions", Access::kFull, ApiAddAction},
    {"GET", "/api/v1/meetings/{id}", Access::kFull, ApiGet},
    {"GET", "/meetings", Access::kFull, ListPage},
    {"GET", "/meetings/new", Access::kFull, NewPage},
    {"POST", "/meetings", Access::kFull, CreateFromForm},
    {"GET", "/admin/meeting-kinds", Access::kFull, KindsPage},
    {"POST", "/admin/meeting-kinds", Access::kFull, AddKindForm},
    {"POST", "/meetings/actions/{aid}/done", Access::kFull, ActionDoneForm},
    {"GET", "/meetings/{id}", Access::kFull, MeetingPage},
    {"GET", "/meetings/{id}/edit", Access::kFull, EditPage},
    {"POST", "/meetings/{id}/edit", Access::kFull, EditFromForm},
    {"POST", "/meetings/{id}/actions", Access::kFull, AddActionForm},
    {"GET", "/meetings/{id}/papers/{fid}", Access::kFull, PaperDownload},
};

}  // namespace

void RegisterRoutes(App& app) {
  auto service = std::make_shared<LiaisonService>(app.db());
  app::AddRoutes(app, service, kRoutes);
  app.AddUpload("/meetings/{id}/papers", security::Permission::kManageEvents, attachments::kMaxFileBytes + 64 * 1024,
                app::Bind(app, service, AddPaperUpload));
}

}  // namespace renkei::liaison
