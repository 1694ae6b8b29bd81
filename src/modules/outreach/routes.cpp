// Outreach (item キ): the public 人生会議 page and request form, the staff pages (activities, lecturer
// bank, requests, the year's figures) and /api/v1/outreach, as a table of short handlers: each reads
// the request, makes one service call (screens.cpp for the pages) and one view call (views.hpp).
// Every rule lives in OutreachService.

#include "app/app.hpp"
#include "modules/outreach/service.hpp"
#include "modules/outreach/views.hpp"
#include "platform/clock.hpp"
#include "platform/web/forms.hpp"

namespace renkei::outreach {

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

ActivityInput ActivityFromForm(const http::Params& f) {
  ActivityInput in;
  in.kind = f.value("kind");
  in.municipality = f.value("municipality");
  in.date = f.value("date");
  in.place = f.value("place");
  in.audience = f.value("audience");
  in.topic = f.value("topic");
  in.notes = f.value("notes");
  in.lecturer_id = f.value("lecturer_id");
  in.reach = web::FormNumber(f.value("reach"));
  in.acp = f.value("acp") == "1";
  in.is_public = f.value("public") == "1";
  in.scenes = f.all("scenes");
  return in;
}

ActivityInput ActivityFromJson(const boost::json::object& o) {
  ActivityInput in;
  in.kind = web::JsonText(o, "kind");
  in.municipality = web::JsonText(o, "municipality");
  in.date = web::JsonText(o, "date");
  in.place = web::JsonText(o, "place");
  in.audience = web::JsonText(o, "audience");
  in.topic = web::JsonText(o, "topic");
  in.notes = web::JsonText(o, "notes");
  if (auto it = o.find("reach"); it != o.end()) in.reach = it->value().is_int64() ? it->value().as_int64() : -1;
  in.acp = web::JsonBool(o, "acp").value_or(false);
  in.is_public = web::JsonBool(o, "public").value_or(false);
  in.scenes = web::JsonTexts(o, "scenes");
  return in;
}

RequestInput RequestFromForm(const http::Params& f) {
  RequestInput in{f.value("group_name"),   f.value("contact_name"), f.value("phone"), f.value("email"),
                  f.value("municipality"), f.value("preferred"),    f.value("topic"), std::nullopt};
  if (auto n = web::FormNumber(f.value("audience_size"))) in.audience_size = static_cast<int>(std::clamp<long long>(*n, -1, 1000000));
  return in;
}

// ---- public -------------------------------------------------------------------------------------

Reply AcpPage(App& app, OutreachService& service, Ctx& ctx) {
  return app.Page(ctx, "outreach/acp", views::AcpPageData(service.Upcoming(), ctx.lang), ctx.t("outreach.acp_title"));
}

Reply RequestPage(App& app, Ctx& ctx, const RequestInput& in, const std::vector<FieldError>& errors, int status) {
  return app.Page(ctx, "outreach/acp_request", views::RequestFormData(in, errors, ctx.lang), ctx.t("outreach.request_title"), status);
}

Reply RequestForm(App& app, OutreachService&, Ctx& ctx) { return RequestPage(app, ctx, {}, {}, 200); }

Reply SubmitRequest(App& app, OutreachService& service, Ctx& ctx) {
  if (auto s = app.PublicFormAllowed(ctx); !s.ok()) return s;
  auto in = RequestFromForm(ctx.req.form());
  if (auto errors = Validate(in); !errors.empty()) return RequestPage(app, ctx, in, errors, 400);
  auto ref = service.SubmitRequest(in, ctx.addr());
  if (!ref.ok()) return ref.status();
  web::Data d = web::Object();
  d.set("reference", *ref);
  return app.Page(ctx, "outreach/acp_thanks", d, ctx.t("outreach.request_title"));
}

// ---- API ----------------------------------------------------------------------------------------

Reply ApiYear(App&, OutreachService& service, Ctx& ctx) {
  auto fy = FiscalYearParam(ctx.req);
  if (!fy.ok()) return fy.status();
  auto list = service.Year(*ctx.principal, *fy);
  if (!list.ok()) return list.status();
  return Json(views::YearJson(*list, *fy));
}

Reply ApiCreate(App&, OutreachService& service, Ctx& ctx) {
  auto body = web::JsonBody(ctx.req.body, "@outreach.error.json");
  if (!body.ok()) return body.status();
  auto id = service.Create(*ctx.principal, ctx.addr(), ActivityFromJson(*body));
  if (!id.ok()) return id.status();
  return Json({{"id", *id}}, 201);
}

Reply ApiSummary(App&, OutreachService& service, Ctx& ctx) {
  auto fy = FiscalYearParam(ctx.req);
  if (!fy.ok()) return fy.status();
  auto s = service.SummaryOf(*ctx.principal, *fy);
  if (!s.ok()) return s.status();
  return Json(views::SummaryJson(*s));
}

Reply SummaryXlsx(App& app, OutreachService& service, Ctx& ctx) {
  auto fy = FiscalYearParam(ctx.req);
  if (!fy.ok()) return fy.status();
  auto bytes = service.SummaryXlsx(*ctx.principal, *fy, app.config().region_name);
  if (!bytes.ok()) return bytes.status();
  return Download(std::move(bytes.value()), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  "outreach-fy" + std::to_string(*fy) + ".xlsx");
}

// ---- staff pages --------------------------------------------------------------------------------

Reply ListPage(App& app, OutreachService& service, Ctx& ctx) {
  auto fy = FiscalYearParam(ctx.req);
  if (!fy.ok()) return fy.status();
  auto s = service.StaffSummary(*ctx.principal, *fy);
  if (!s.ok()) return s.status();
  return app.Page(ctx, "outreach/admin_list", views::ListPageData(*s, FiscalYearChoices(s->fiscal_year), ctx.req.query(), ctx.lang),
                  ctx.t("outreach.admin_title"));
}

Reply FormPage(App& app, Ctx& ctx, const ActivityFormScreen& f, int status) {
  auto d = views::FormPageData(f, ctx.req.query(), ctx.lang);
  return app.Page(ctx, "outreach/admin_form", d, ctx.t(f.id.empty() ? "outreach.new_title" : "outreach.edit_title"), status);
}

Reply NewPage(App& app, OutreachService& service, Ctx& ctx) {
  auto f = service.NewForm(*ctx.principal);
  if (!f.ok()) return f.status();
  return FormPage(app, ctx, *f, 200);
}

Reply CreateFromForm(App& app, OutreachService& service, Ctx& ctx) {
  auto f = service.Submitted(*ctx.principal, "", ActivityFromForm(ctx.req.form()));
  if (!f.ok()) return f.status();
  if (!f->errors.empty()) return FormPage(app, ctx, *f, 400);
  auto id = service.Create(*ctx.principal, ctx.addr(), f->input);
  if (!id.ok()) return id.status();
  return http::Response::Redirect("/admin/outreach?fy=" + std::to_string(f->fiscal_year) + "&notice=created");
}

Reply EditPage(App& app, OutreachService& service, Ctx& ctx) {
  auto f = service.EditForm(*ctx.principal, ctx.req.param("id"));
  if (!f.ok()) return f.status();
  return FormPage(app, ctx, *f, 200);
}

Reply EditFromForm(App& app, OutreachService& service, Ctx& ctx) {
  auto f = service.Submitted(*ctx.principal, ctx.req.param("id"), ActivityFromForm(ctx.req.form()));
  if (!f.ok()) return f.status();
  if (!f->errors.empty()) return FormPage(app, ctx, *f, 400);
  if (auto s = service.Update(*ctx.principal, ctx.addr(), f->id, f->input); !s.ok()) return s;
  return http::Response::Redirect("/admin/outreach?fy=" + std::to_string(f->fiscal_year) + "&notice=updated");
}

Reply LecturersPage(App& app, OutreachService& service, Ctx& ctx) {
  auto list = service.StaffLecturers(*ctx.principal);
  if (!list.ok()) return list.status();
  return app.Page(ctx, "outreach/lecturers", views::LecturersPageData(*list, ctx.req.query(), ctx.lang), ctx.t("outreach.lecturers_title"));
}

Reply AddLecturerForm(App&, OutreachService& service, Ctx& ctx) {
  const auto& f = ctx.req.form();
  Lecturer l{"", f.value("name"), f.value("profession"), f.value("affiliation"), f.value("topics"), f.value("availability"), true};
  auto id = service.AddLecturer(*ctx.principal, ctx.addr(), l);
  if (!id.ok() && id.status().code() == Code::kInvalidArgument) return http::Response::Redirect("/admin/outreach/lecturers?error=name");
  if (!id.ok()) return id.status();
  return http::Response::Redirect("/admin/outreach/lecturers");
}

Reply LecturerActiveForm(App&, OutreachService& service, Ctx& ctx) {
  auto s = service.SetLecturerActive(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.form().value("active") == "1");
  if (!s.ok()) return s;
  return http::Response::Redirect("/admin/outreach/lecturers");
}

Reply RequestsPage(App& app, OutreachService& service, Ctx& ctx) {
  auto s = service.RequestsOf(*ctx.principal, ctx.addr());
  if (!s.ok()) return s.status();
  return app.Page(ctx, "outreach/requests", views::RequestsPageData(*s, ctx.req.query(), ctx.lang, clock::TodayInTokyo()),
                  ctx.t("outreach.requests_title"));
}

// Form posts on a request go back to the list, or with the refusal's key for the page to explain.
Reply BackToRequests(const Status& s) {
  if (s.ok()) return http::Response::Redirect("/admin/outreach/requests");
  return BackWithError(s, "/admin/outreach/requests", "@outreach.error.");
}

Reply AssignForm(App&, OutreachService& service, Ctx& ctx) {
  const auto& f = ctx.req.form();
  return BackToRequests(service.Assign(*ctx.principal, ctx.addr(), ctx.req.param("id"), f.value("lecturer_id"), f.value("note")));
}

Reply DeclineForm(App&, OutreachService& service, Ctx& ctx) {
  return BackToRequests(service.Decline(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.form().value("note")));
}

Reply HeldForm(App&, OutreachService& service, Ctx& ctx) {
  const auto& f = ctx.req.form();
  auto n = web::FormNumber(f.value("attendance"));
  if (!n || *n < 0) return BackToRequests(Status::InvalidArgument("@outreach.error.bad_number"));
  auto id = service.MarkHeld(*ctx.principal, ctx.addr(), ctx.req.param("id"), f.value("date"), *n);
  return BackToRequests(id.ok() ? Status::Ok() : id.status());
}

Reply AddFileUpload(App&, OutreachService& service, Ctx& ctx) {
  std::string base = "/admin/outreach/" + ctx.req.param("id");
  for (const auto& f : ctx.req.files()) {
    if (f.field != "file") continue;
    auto id = service.AddFile(*ctx.principal, ctx.addr(), ctx.req.param("id"), f.filename, f.content_type, f.data);
    if (!id.ok() && id.status().code() == Code::kInvalidArgument) return http::Response::Redirect(base + "?error=file");
    if (!id.ok()) return id.status();
    return http::Response::Redirect(base + "?notice=file");
  }
  return http::Response::Redirect(base + "?error=file");
}

Reply FileDownloadPage(App&, OutreachService& service, Ctx& ctx) {
  auto f = service.File(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.param("fid"));
  if (!f.ok()) return f.status();
  return FileDownload(std::move(f.value()));
}

// Every route of the module but the upload: the 人生会議 page and its request form are public; the rest
// needs a full login, and the service decides who may.
constexpr app::ServiceRoute<OutreachService> kRoutes[] = {
    {"GET", "/acp", Access::kPublic, AcpPage},
    {"GET", "/acp/request", Access::kPublic, RequestForm},
    {"POST", "/acp/request", Access::kPublic, SubmitRequest},
    {"GET", "/api/v1/outreach", Access::kFull, ApiYear},
    {"POST", "/api/v1/outreach", Access::kFull, ApiCreate},
    {"GET", "/api/v1/outreach/summary", Access::kFull, ApiSummary},
    {"GET", "/api/v1/outreach/summary.xlsx", Access::kFull, SummaryXlsx},
    {"GET", "/admin/outreach/summary.xlsx", Access::kFull, SummaryXlsx},
    {"GET", "/admin/outreach", Access::kFull, ListPage},
    {"GET", "/admin/outreach/new", Access::kFull, NewPage},
    {"POST", "/admin/outreach", Access::kFull, CreateFromForm},
    {"GET", "/admin/outreach/lecturers", Access::kFull, LecturersPage},
    {"POST", "/admin/outreach/lecturers", Access::kFull, AddLecturerForm},
    {"POST", "/admin/outreach/lecturers/{id}/active", Access::kFull, LecturerActiveForm},
    {"GET", "/admin/outreach/requests", Access::kFull, RequestsPage},
    {"POST", "/admin/outreach/requests/{id}/assign", Access::kFull, AssignForm},
    {"POST", "/admin/outreach/requests/{id}/decline", Access::kFull, DeclineForm},
    {"POST", "/admin/outreach/requests/{id}/held", Access::kFull, HeldForm},
    {"GET", "/admin/outreach/{id}", Access::kFull, EditPage},
    {"POST", "/admin/outreach/{id}", Access::kFull, EditFromForm},
    {"GET", "/admin/outreach/{id}/files/{fid}", Access::kFull, FileDownloadPage},
};

}  // namespace

void RegisterRoutes(App& app) {
  auto service = std::make_shared<OutreachService>(app.db());
  app::AddRoutes(app, service, kRoutes);
  app.AddUpload("/admin/outreach/{id}/files", security::Permission::kManageEvents, attachments::kMaxFileBytes + 64 * 1024,
                app::Bind(app, service, AddFileUpload));
}

}  // namespace renkei::outreach
