// Bulk import of past years' consultations (/consultations/import): upload a CSV, map its columns to
// case fields, preview every row with its problems, then import the good rows in one transaction.
#include <filesystem>

#include "app/app.hpp"
#include "modules/consultations/import.hpp"
#include "modules/consultations/service.hpp"
#include "platform/text/csv.hpp"
#include "platform/uploads.hpp"
#include "platform/web/i18n.hpp"

namespace renkei::consultations {

using app::Access;
using app::App;
using app::Ctx;
namespace {

namespace cs = consultations;
using web::Data;

constexpr size_t kMaxUpload = 10 * 1024 * 1024;  // ten years of a region's cases are well under 1 MB
constexpr size_t kPreviewRows = 20;
constexpr size_t kMaxRows = 20000;

// The mapping from the query or form (map_<field>=column), or guessed from the header.
cs::ColumnMapping MappingOf(const http::Params& p, const std::vector<std::string>& header) {
  if (!p.has("mapped")) return cs::GuessMapping(header);
  cs::ColumnMapping m;
  for (const auto& f : cs::ImportFields()) {
    std::string v = p.value(std::string("map_") + f.field);
    if (v.empty()) continue;
    try {
      int col = std::stoi(v);
      if (col >= 0 && static_cast<size_t>(col) < header.size()) m[f.field] = col;
    } catch (...) {
    }
  }
  return m;
}

std::vector<cs::Receiver> ReceiversOf(cs::ConsultationService& service) {
  std::vector<cs::Receiver> out;
  for (const auto& u : service.Units()) out.push_back({u.code, u.label});
  return out;
}

}  // namespace

void RegisterImportRoutes(App& app) {
  auto service = std::make_shared<cs::ConsultationService>(app.db());
  auto allowed = [service](Ctx& ctx) {
    return service->ViewerOf(*ctx.principal).all;
  };
  auto form_page = [&app](Ctx& ctx, const std::string& error, int status) {
    Data d = web::Object();
    d.set("csrf", ctx.csrf_token());
    if (!error.empty()) d.set("error", error);
    d.set("max_mb", std::to_string(kMaxUpload / 1024 / 1024));
    Data fields = web::List();
    for (const auto& f : cs::ImportFields()) {
      Data x = web::Object();
      x.set("label", ctx.lang == "en" ? f.en : f.ja);
      x.set("required", f.required);
      fields.push_back(x);
    }
    d.set("fields", fields);
    return app.Page(ctx, "consultations/import", d, ctx.t("consult.import_title"), status);
  };

  app.Get("/consultations/import", Access::kFull, [allowed, form_page](Ctx& ctx) -> Result<http::Response> {
    if (!allowed(ctx)) return Status::PermissionDenied("@consult.error.import_hub_only");
    return form_page(ctx, "", 200);
  });

  // A header row to start a spreadsheet from (UTF-8 with BOM).
  app.Get("/consultations/import/template.csv", Access::kFull, [allowed](Ctx& ctx) -> Result<http::Response> {
    if (!allowed(ctx)) return Status::PermissionDenied("@consult.error.import_hub_only");
    std::vector<std::string> header;
    for (const auto& f : cs::ImportFields()) header.emplace_back(f.ja);
    http::Response res;
    res.body = "\xEF\xBB\xBF" + text::CsvLine(header) +
               text::CsvLine({"R5/4/12", "10:30", "電話", "在宅医療連携拠点", "", "ケアマネジャー", "", "本庄市", "85〜94歳", "女性",
                              "要介護2", "独居", "身寄りなし", "訪問診療・訪問看護等", "日常の療養支援", "（記入例）", "終結", "30"});
    res.set_header("Content-Type", "text/csv; charset=utf-8");
    res.set_header("Content-Disposition", "attachment; filename=\"consultations-template.csv\"");
    return res;
  });

  app.AddUpload(
      "/consultations/import", security::Permission::kHandleConsultations, kMaxUpload,
      [&app, allowed, form_page](Ctx& ctx) -> Result<http::Response> {
        if (!allowed(ctx)) return Status::PermissionDenied("@consult.error.import_hub_only");
        const http::UploadedFile* file = nullptr;
        for (const auto& u : ctx.req.files())
          if (u.field == "file") file = &u;
        if (!file || file->data.empty()) return form_page(ctx, ctx.t("consult.import_no_file"), 400);
        auto table = text::ReadCsv(file->data);
        if (!table.ok()) return form_page(ctx, ctx.message(table.status()), 400);
        if (table->header.empty() || table->rows.empty()) return form_page(ctx, ctx.t("consult.import_empty"), 400);
        if (table->rows.size() > kMaxRows) return form_page(ctx, ctx.t("consult.import_too_many"), 400);
        std::string name = std::filesystem::path(file->filename).filename().string();
        auto token = uploads::UploadStore(app.config().import_dir).Keep(file->data, ctx.user().login, {name.empty() ? "upload.csv" : name});
        if (!token.ok()) return token.status();
        return http::Response::Redirect("/consultations/import/" + *token);
      });

  // Step 2: the mapping and the preview (nothing is written). Changing a column reloads this page.
  app.Get("/consultations/import/{token}", Access::kFull, [&app, service, allowed](Ctx& ctx) -> Result<http::Response> {
    if (!allowed(ctx)) return Status::PermissionDenied("@consult.error.import_hub_only");
    auto kept = uploads::UploadStore(app.config().import_dir).Find(ctx.req.param("token"), ctx.user().login);
    if (!kept) return Status::NotFound("@consult.import_expired");
    auto table = text::ReadCsv(uploads::UploadStore::Read(*kept));
    if (!table.ok()) return table.status();
    auto mapping = MappingOf(ctx.req.query(), table->header);
    auto rows = cs::ConvertRows(*table, mapping, ReceiversOf(*service));
    Data d = web::Object();
    d.set("csrf", ctx.csrf_token());
    d.set("token", kept->token);
    d.set("file", kept->meta.empty() ? "" : kept->meta[0]);
    d.set("encoding", text::EncodingName(table->encoding));
    Data fields = web::List();
    for (const auto& f : cs::ImportFields()) {
      Data x = web::Object();
      x.set("field", f.field);
      x.set("label", ctx.lang == "en" ? f.en : f.ja);
      x.set("required", f.required);
      auto it = mapping.find(f.field);
      Data columns = web::List();
      for (size_t i = 0; i < table->header.size(); ++i) {
        Data c = web::Object();
        c.set("index", std::to_string(i));
        c.set("name", table->header[i]);
        c.set("selected", it != mapping.end() && it->second == static_cast<int>(i));
        columns.push_back(c);
      }
      x.set("columns", columns);
      x.set("unmapped", it == mapping.end());
      fields.push_back(x);
    }
    d.set("fields", fields);
    size_t good = 0;
    Data problems = web::List();
    Data preview = web::List();
    size_t shown = 0;
    for (const auto& r : rows) {
      if (r.errors.empty()) {
        good++;
      } else {
        std::string what;
        for (const auto& e : r.errors)
          what += (what.empty() ? "" : "、") + ctx.t("consult.field." + e.field) + "（" +
                  web::Catalogue::Get().message(ctx.lang, e.message) + "）";
        Data p = web::Object();
        p.set("line", std::to_string(r.line));
        p.set("what", what);
        problems.push_back(p);
      }
      if (shown++ < kPreviewRows) {
        Data p = web::Object();
        p.set("line", std::to_string(r.line));
        p.set("ok", r.errors.empty());
        p.set("received", r.input.received_at);
        p.set("channel", cs::Channels().label(r.input.channel, ctx.lang));
        p.set("requester", cs::Requesters().label(r.input.requester_category, ctx.lang));
        p.set("town", cs::ResidentTowns().label(r.input.resident_municipality, ctx.lang));
        std::string contents;
        for (const auto& c : r.input.content_categories) contents += (contents.empty() ? "" : "、") + cs::Contents().label(c, ctx.lang);
        p.set("contents", contents);
        preview.push_back(p);
      }
    }
    d.set("rows", std::to_string(rows.size()));
    d.set("good", std::to_string(good));
    d.set("bad", std::to_string(rows.size() - good));
    d.set("has_problems", rows.size() != good);
    d.set("problems", problems);
    d.set("preview", preview);
    d.set("can_import", good > 0);
    // The mapping travels to the import step as hidden fields.
    Data mapped = web::List();
    for (const auto& [field, col] : mapping) {
      Data m = web::Object();
      m.set("field", field);
      m.set("column", std::to_string(col));
      mapped.push_back(m);
    }
    d.set("mapped", mapped);
    return app.Page(ctx, "consultations/import_preview", d, ctx.t("consult.import_preview_title"));
  });

  // Step 3: import the rows that passed, all in one transaction.
  app.Post("/consultations/import/{token}", Access::kFull, [&app, service, allowed](Ctx& ctx) -> Result<http::Response> {
    if (!allowed(ctx)) return Status::PermissionDenied("@consult.error.import_hub_only");
    uploads::UploadStore store(app.config().import_dir);
    auto kept = store.Find(ctx.req.param("token"), ctx.user().login);
    if (!kept) return Status::NotFound("@consult.import_expired");
    auto table = text::ReadCsv(uploads::UploadStore::Read(*kept));
    if (!table.ok()) return table.status();
    auto rows = cs::ConvertRows(*table, MappingOf(ctx.req.form(), table->header), ReceiversOf(*service));
    std::vector<cs::CaseInput> good;
    std::string skipped;
    for (const auto& r : rows) {
      if (r.errors.empty())
        good.push_back(r.input);
      else
        skipped += (skipped.empty() ? "" : ", ") + std::to_string(r.line);
    }
    if (good.empty()) return Status::InvalidArgument("@consult.import_nothing");
    auto n = service->ImportCases(*ctx.principal, ctx.addr(), good, kept->meta.empty() ? "upload.csv" : kept->meta[0]);
    if (!n.ok()) return n.status();
    store.Remove(kept->token);
    Data d = web::Object();
    d.set("imported", std::to_string(*n));
    if (!skipped.empty()) d.set("skipped", skipped);
    return app.Page(ctx, "consultations/import_done", d, ctx.t("consult.import_title"));
  });
}

}  // namespace renkei::consultations
