// Staff pages of the directory, as tables of short handlers: the import of a national open-data file
// (upload and preview, the import in the background with its progress as SSE, a plain refresh when
// JavaScript is off) and the export, through ImportDesk; editing by hand, history, and the update
// requests of facilities' own editors, through DirectoryService. Each handler reads the request, makes
// one service call and one view call (views.hpp); the services decide who may.
#include "app/app.hpp"
#include "modules/directory/imports.hpp"
#include "modules/directory/service.hpp"
#include "modules/directory/views.hpp"

namespace renkei::directory {

using app::Access;
using app::App;
using app::Ctx;
using app::Reply;

namespace {

// The form's fields, as (field, value) pairs. Attributes come as checkboxes; "attributes_present" says
// the form had them, so that clearing every box clears the attributes.
std::vector<std::pair<std::string, std::string>> FieldsFromForm(const http::Params& f) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* k : FormFields())
    if (f.has(k)) out.emplace_back(k, f.value(k));
  if (f.has("attributes_present")) {
    std::string joined;
    for (const auto& a : f.all("attribute")) joined += (joined.empty() ? "" : ",") + a;
    out.emplace_back("attributes", joined);
  }
  return out;
}

// ---- import and export ----

Reply ImportPage(App& app, Ctx& ctx, const std::string& error, int status) {
  return app.Page(ctx, "directory/import", views::ImportFormData(ctx.req.form().value("format"), error), ctx.t("directory_admin.title"),
                  status);
}

Reply ImportForm(App& app, ImportDesk& desk, Ctx& ctx) {
  if (auto s = desk.CanImport(*ctx.principal); !s.ok()) return s;
  return ImportPage(app, ctx, "", 200);
}

// Step 1: upload and preview (a dry run: nothing is written).
Reply PreviewUpload(App& app, ImportDesk& desk, Ctx& ctx) {
  const auto& f = ctx.req.form();
  const http::UploadedFile* file = nullptr;
  for (const auto& u : ctx.req.files())
    if (u.field == "file") file = &u;
  std::string_view bytes = file ? std::string_view(file->data) : std::string_view();
  auto p = desk.Preview(*ctx.principal, ctx.addr(), f.value("format"), file ? file->filename : "", bytes, f.value("keep_outside") == "1");
  if (!p.ok() && p.status().code() == Code::kInvalidArgument) return ImportPage(app, ctx, ctx.message(p.status()), 400);
  if (!p.ok()) return p.status();
  return app.Page(ctx, "directory/import_preview", views::PreviewData(*p), ctx.t("directory_admin.preview_title"));
}

// Step 2: import for real, in the background.
Reply RunForm(App&, ImportDesk& desk, Ctx& ctx) {
  if (auto s = desk.Run(*ctx.principal, ctx.addr(), ctx.req.param("token")); !s.ok()) return s;
  return http::Response::Redirect("/admin/directory/import/" + ctx.req.param("token"));
}

Reply JobPage(App& app, ImportDesk& desk, Ctx& ctx) {
  auto j = desk.Job(*ctx.principal, ctx.req.param("token"));
  if (!j.ok()) return j.status();
  return app.Page(ctx, "directory/import_job", views::JobPageData(*j, ctx.req.param("token")), ctx.t("directory_admin.job_title"));
}

Reply JobEvents(App&, ImportDesk& desk, Ctx& ctx) {
  auto events = desk.Progress(*ctx.principal, ctx.req.param("token"));
  if (!events.ok()) return events.status();
  return http::Response::Events(std::move(events.value()));
}

Reply Export(App& app, ImportDesk& desk, Ctx& ctx) {
  const auto& format = ctx.req.query().value("format");
  bool cp932 = ctx.req.query().value("encoding") == "cp932";
  auto r = desk.Export(*ctx.principal, format, cp932, app.config().region_name);
  if (!r.ok()) return r.status();
  bool xlsx = format == "xlsx";
  return app::Download(std::move(r->bytes),
                       xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                            : (cp932 ? "text/csv; charset=Shift_JIS" : "text/csv; charset=utf-8"),
                       "facilities-" + format + (xlsx ? ".xlsx" : ".csv"));
}

// ---- editing, history, requests ----

Reply AdminHome(App& app, DirectoryService& service, Ctx& ctx) {
  auto requests = service.PendingRequests(*ctx.principal);
  if (!requests.ok()) return requests.status();
  return app.Page(ctx, "directory/admin", views::AdminHomeData(*requests, ctx.req.query(), ctx.lang), ctx.t("directory_admin.home_title"));
}

Reply ReviewForm(App&, DirectoryService& service, Ctx& ctx) {
  const auto& f = ctx.req.form();
  bool approve = f.value("decision") == "approve";
  if (auto s = service.Review(*ctx.principal, ctx.addr(), ctx.req.param("id"), approve, f.value("comment")); !s.ok()) return s;
  return http::Response::Redirect(std::string("/admin/directory?notice=") + (approve ? "approved" : "rejected"));
}

Reply EditPage(App& app, DirectoryService& service, Ctx& ctx, const std::string& error, int status) {
  auto d = service.EditForm(*ctx.principal, ctx.req.param("id"));
  if (!d.ok()) return d.status();
  return app.Page(ctx, "directory/edit", views::EditFormData(*d, error, ctx.lang), d->record.name, status);
}

Reply EditForm(App& app, DirectoryService& service, Ctx& ctx) { return EditPage(app, service, ctx, "", 200); }

Reply SaveForm(App& app, DirectoryService& service, Ctx& ctx) {
  auto s = service.Edit(*ctx.principal, ctx.addr(), ctx.req.param("id"), FieldsFromForm(ctx.req.form()));
  if (!s.ok() && s.code() == Code::kInvalidArgument) return EditPage(app, service, ctx, ctx.message(s), 400);
  if (!s.ok()) return s;
  return http::Response::Redirect("/facilities/" + ctx.req.param("id") + "?notice=saved");
}

Reply HistoryPage(App& app, DirectoryService& service, Ctx& ctx) {
  auto h = service.HistoryOf(*ctx.principal, ctx.req.param("id"));
  if (!h.ok()) return h.status();
  return app.Page(ctx, "directory/history", views::HistoryData(*h, ctx.lang), h->detail.record.name);
}

// A facility's own editor: see the entry, propose changes, follow the requests.
Reply MyFacilityPage(App& app, DirectoryService& service, Ctx& ctx) {
  auto s = service.MyFacilities(*ctx.principal);
  if (!s.ok()) return s.status();
  return app.Page(ctx, "directory/my_facility", views::MyFacilityData(*s, ctx.req.query(), ctx.lang), ctx.t("my_facility.title"));
}

Reply RequestForm(App& app, DirectoryService& service, Ctx& ctx) {
  auto r =
      service.RequestUpdate(*ctx.principal, ctx.addr(), ctx.req.param("id"), FieldsFromForm(ctx.req.form()), ctx.req.form().value("note"));
  if (!r.ok() && r.status().code() == Code::kInvalidArgument) {
    web::Data d = web::Object();
    d.set("message", ctx.message(r.status()));
    d.set("status", "400");
    return app.Page(ctx, "error", d, ctx.t("error.title"), 400);
  }
  if (!r.ok()) return r.status();
  return http::Response::Redirect("/my-facility?notice=requested");
}

constexpr app::ServiceRoute<ImportDesk> kImportRoutes[] = {
    {"GET", "/admin/directory/import", Access::kFull, ImportForm},
    {"POST", "/admin/directory/import/{token}/run", Access::kFull, RunForm},
    {"GET", "/admin/directory/import/{token}", Access::kFull, JobPage},
    {"GET", "/admin/directory/import/{token}/events", Access::kFull, JobEvents},
    {"GET", "/admin/directory/export", Access::kFull, Export},
};

constexpr app::ServiceRoute<DirectoryService> kEditRoutes[] = {
    {"GET", "/admin/directory", Access::kFull, AdminHome},
    {"POST", "/admin/directory/requests/{id}", Access::kFull, ReviewForm},
    {"GET", "/admin/facilities/{id}/edit", Access::kFull, EditForm},
    {"POST", "/admin/facilities/{id}/edit", Access::kFull, SaveForm},
    {"GET", "/admin/facilities/{id}/history", Access::kFull, HistoryPage},
    {"GET", "/my-facility", Access::kFull, MyFacilityPage},
    {"POST", "/my-facility/{id}/request", Access::kFull, RequestForm},
};

}  // namespace

void RegisterAdminRoutes(App& app) {
  auto desk = std::make_shared<ImportDesk>(app.db(), app.config().import_dir);
  app::AddRoutes(app, desk, kImportRoutes);
  app.AddUpload("/admin/directory/import", security::Permission::kManageDirectory, kMaxImportUpload, app::Bind(app, desk, PreviewUpload));
}

void RegisterFacilityEditRoutes(App& app) { app::AddRoutes(app, std::make_shared<DirectoryService>(app.db()), kEditRoutes); }

}  // namespace renkei::directory
