// Bulk import of past years' consultations (/consultations/import): upload a CSV, map its columns to
// case fields, preview every row with its problems, then import the good rows in one transaction. A
// table of short handlers: each reads the request, makes one CaseImportDesk call and one view call.
#include "app/app.hpp"
#include "modules/consultations/import_desk.hpp"
#include "modules/consultations/views.hpp"

namespace renkei::consultations {

using app::Access;
using app::App;
using app::Ctx;
using app::Reply;

namespace {

Reply FormPage(App& app, Ctx& ctx, const std::string& error, int status) {
  return app.Page(ctx, "consultations/import", views::ImportFormData(error, ctx.lang), ctx.t("consult.import_title"), status);
}

Reply ImportForm(App& app, CaseImportDesk& desk, Ctx& ctx) {
  if (auto s = desk.CanImport(*ctx.principal); !s.ok()) return s;
  return FormPage(app, ctx, "", 200);
}

// A header row to start a spreadsheet from.
Reply TemplateCsv(App&, CaseImportDesk& desk, Ctx& ctx) {
  auto csv = desk.TemplateCsv(*ctx.principal);
  if (!csv.ok()) return csv.status();
  return app::Download(std::move(csv.value()), "text/csv; charset=utf-8", "consultations-template.csv");
}

// Step 1: keep the file, then the mapping.
Reply UploadForm(App& app, CaseImportDesk& desk, Ctx& ctx) {
  const http::UploadedFile* file = nullptr;
  for (const auto& u : ctx.req.files())
    if (u.field == "file") file = &u;
  std::string_view bytes = file ? std::string_view(file->data) : std::string_view();
  auto token = desk.Upload(*ctx.principal, file ? file->filename : "", bytes);
  if (!token.ok() && token.status().code() == Code::kInvalidArgument) return FormPage(app, ctx, ctx.message(token.status()), 400);
  if (!token.ok()) return token.status();
  return http::Response::Redirect("/consultations/import/" + *token);
}

// Step 2: the mapping and the preview (nothing is written). Changing a column reloads this page.
Reply PreviewPage(App& app, CaseImportDesk& desk, Ctx& ctx) {
  auto p = desk.Preview(*ctx.principal, ctx.req.param("token"), ctx.req.query());
  if (!p.ok()) return p.status();
  return app.Page(ctx, "consultations/import_preview", views::ImportPreviewData(*p, ctx.lang), ctx.t("consult.import_preview_title"));
}

// Step 3: import the rows that passed, all in one transaction.
Reply ImportRows(App& app, CaseImportDesk& desk, Ctx& ctx) {
  auto done = desk.Import(*ctx.principal, ctx.addr(), ctx.req.param("token"), ctx.req.form());
  if (!done.ok()) return done.status();
  return app.Page(ctx, "consultations/import_done", views::ImportDoneData(*done), ctx.t("consult.import_title"));
}

constexpr app::ServiceRoute<CaseImportDesk> kRoutes[] = {
    {"GET", "/consultations/import", Access::kFull, ImportForm},
    {"GET", "/consultations/import/template.csv", Access::kFull, TemplateCsv},
    {"GET", "/consultations/import/{token}", Access::kFull, PreviewPage},
    {"POST", "/consultations/import/{token}", Access::kFull, ImportRows},
};

}  // namespace

void RegisterImportRoutes(App& app) {
  auto desk = std::make_shared<CaseImportDesk>(app.db(), app.config().import_dir);
  app::AddRoutes(app, desk, kRoutes);
  app.AddUpload("/consultations/import", security::Permission::kHandleConsultations, kMaxImportUpload, app::Bind(app, desk, UploadForm));
}

}  // namespace renkei::consultations
