// Staff pages of the directory: upload a national open-data file, see what it would change, import it
// in the background and watch the progress (SSE, with a plain refresh when JavaScript is off).
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "app/app.hpp"
#include "modules/directory/export.hpp"
#include "modules/directory/jobs.hpp"
#include "modules/directory/service.hpp"
#include "platform/clock.hpp"
#include "platform/security/crypto.hpp"
#include "platform/uploads.hpp"

namespace renkei::directory {

using app::Access;
using app::App;
using app::Ctx;
namespace {

using web::Data;
namespace fs = std::filesystem;

constexpr size_t kMaxUpload = 64 * 1024 * 1024;  // the largest national service file is about 30 MB

struct FormatOption {
  const char* code;
  const char* label;
};
constexpr FormatOption kFormats[] = {
    {"mhlw-kaigo", "介護サービス情報公表システム（jigyosho_〇〇〇.csv）"},
    {"mhlw-iryo", "医療情報ネット 施設票（〇〇_facility_info.csv）"},
    {"digital-std", "自治体標準オープンデータセット 医療機関一覧・介護サービス事業所一覧"},
};

Data SummaryData(const directory::ImportSummary& s) {
  Data d = web::Object();
  d.set("file", s.file);
  d.set("layout", s.layout);
  d.set("encoding", s.encoding);
  d.set("added", std::to_string(s.added));
  d.set("updated", std::to_string(s.updated));
  d.set("unchanged", std::to_string(s.unchanged));
  d.set("skipped", std::to_string(s.skipped_outside));
  d.set("kept_outside", std::to_string(s.kept_outside));
  if (s.skipped_other_town > 0) d.set("other_town", std::to_string(s.skipped_other_town));
  d.set("rejected_count", std::to_string(s.rejected.size()));
  Data rows = web::List();
  for (size_t i = 0; i < s.rejected.size() && i < 200; ++i) {
    Data r = web::Object();
    r.set("line", std::to_string(s.rejected[i].line));
    r.set("reason", s.rejected[i].reason);
    rows.push_back(r);
  }
  d.set("rejected", rows);
  d.set("has_rejected", !s.rejected.empty());
  d.set("more_rejected", s.rejected.size() > 200);
  return d;
}

Data FormatOptions(const std::string& selected) {
  std::vector<web::Choice> items;
  for (const auto& f : kFormats) items.push_back({f.code, f.label});
  return web::Choices(items, selected);
}

// Progress of one job as Server-Sent Events: "progress" {done,total} and, at the end, "finished".
class JobEvents : public http::EventSource {
 public:
  JobEvents(std::shared_ptr<directory::ImportJobs> jobs, std::string id) : jobs_(std::move(jobs)), id_(std::move(id)) {}
  bool Poll(std::string& out) override {
    auto j = jobs_->Get(id_);
    if (!j) {
      out += http::SseEvent("finished", "{\"status\":\"unknown\"}");
      return false;
    }
    boost::json::object o{{"status", j->status}, {"done", j->done}, {"total", j->total}};
    std::string body = boost::json::serialize(o);
    if (body != last_) out += http::SseEvent("progress", body);
    last_ = body;
    if (j->status == "done" || j->status == "failed") {
      out += http::SseEvent("finished", body);
      return false;
    }
    return true;
  }
  std::chrono::milliseconds interval() const override { return std::chrono::milliseconds(300); }

 private:
  std::shared_ptr<directory::ImportJobs> jobs_;
  std::string id_;
  std::string last_;
};

}  // namespace

void RegisterAdminRoutes(App& app) {
  auto service = std::make_shared<directory::DirectoryService>(app.db());
  auto jobs = std::make_shared<directory::ImportJobs>();
  auto allowed = [](Ctx& ctx) {
    return ctx.principal->can(security::Permission::kManageDirectory);
  };

  auto form_page = [&app](Ctx& ctx, const std::string& error, int status) {
    Data d = web::Object();
    d.set("formats", FormatOptions(ctx.req.form().value("format", "mhlw-kaigo")));
    d.set("max_mb", std::to_string(kMaxUpload / 1024 / 1024));
    if (!error.empty()) d.set("error", error);
    return app.Page(ctx, "directory/import", d, ctx.t("directory_admin.title"), status);
  };

  app.Get("/admin/directory/import", Access::kFull, [allowed, form_page](Ctx& ctx) -> Result<http::Response> {
    if (!allowed(ctx)) return Status::PermissionDenied("@error.forbidden");
    return form_page(ctx, "", 200);
  });

  // Step 1: upload and preview (a dry run: nothing is written).
  app.AddUpload("/admin/directory/import", security::Permission::kManageDirectory, kMaxUpload,
                [&app, service, allowed, form_page](Ctx& ctx) -> Result<http::Response> {
                  if (!allowed(ctx)) return Status::PermissionDenied("@error.forbidden");
                  const auto& f = ctx.req.form();
                  auto format = directory::ParseImportFormat(f.value("format"));
                  if (!format.ok()) return form_page(ctx, ctx.message(format.status()), 400);
                  const http::UploadedFile* file = nullptr;
                  for (const auto& u : ctx.req.files())
                    if (u.field == "file") file = &u;
                  if (!file || file->data.empty()) return form_page(ctx, ctx.t("directory_admin.no_file"), 400);
                  std::string name = fs::path(file->filename).filename().string();
                  if (name.empty()) name = "upload.csv";
                  bool keep_outside = f.value("keep_outside") == "1";
                  auto preview = service->Import(*ctx.principal, ctx.addr(), file->data, name, *format, keep_outside, /*dry_run=*/true);
                  if (!preview.ok()) return form_page(ctx, ctx.message(preview.status()), 400);
                  // Keep the file for step 2 under a random token.
                  auto token = uploads::UploadStore(app.config().import_dir)
                                   .Keep(file->data, ctx.user().login, {f.value("format"), keep_outside ? "1" : "0", name});
                  if (!token.ok()) return token.status();
                  Data d = SummaryData(*preview);
                  d.set("token", *token);
                  d.set("format", f.value("format"));
                  return app.Page(ctx, "directory/import_preview", d, ctx.t("directory_admin.preview_title"));
                });

  // Step 2: import for real, in the background.
  app.Post("/admin/directory/import/{token}/run", Access::kFull, [&app, service, jobs, allowed](Ctx& ctx) -> Result<http::Response> {
    if (!allowed(ctx)) return Status::PermissionDenied("@error.forbidden");
    std::string token = ctx.req.param("token");
    // Only the person who uploaded the file imports it.
    uploads::UploadStore store(app.config().import_dir);
    auto kept = store.Find(token, ctx.user().login);
    if (!kept || kept->meta.size() < 3) return Status::NotFound("@directory_admin.expired");
    auto format = directory::ParseImportFormat(kept->meta[0]);
    if (!format.ok()) return format.status();
    bool keep_outside = kept->meta[1] == "1";
    std::string name = kept->meta[2];
    jobs->Start(token, ctx.user().login,
                [service, store, k = *kept, name, f = *format, keep_outside, by = *ctx.principal,
                 addr = ctx.addr()](const std::function<void(size_t, size_t)>& progress) {
                  auto r = service->Import(by, addr, uploads::UploadStore::Read(k), name, f, keep_outside, false, progress);
                  store.Remove(k.token);
                  return r;
                });
    return http::Response::Redirect("/admin/directory/import/" + token);
  });

  app.Get("/admin/directory/import/{token}", Access::kFull, [&app, jobs, allowed](Ctx& ctx) -> Result<http::Response> {
    if (!allowed(ctx)) return Status::PermissionDenied("@error.forbidden");
    auto j = jobs->Get(ctx.req.param("token"));
    if (!j || j->started_by != ctx.user().login) return Status::NotFound("@directory_admin.expired");
    Data d = web::Object();
    d.set("token", ctx.req.param("token"));
    bool finished = j->status == "done" || j->status == "failed";
    d.set("running", !finished);
    d.set("done", std::to_string(j->done));
    d.set("total", std::to_string(j->total));
    d.set("percent", std::to_string(j->total ? j->done * 100 / j->total : 0));
    if (j->status == "failed") d.set("error", j->error);
    if (j->summary) d.set("summary", SummaryData(*j->summary));
    if (!finished) {
      d.set("head_refresh", "2");
      d.set("page_script", "progress.js");
    }
    return app.Page(ctx, "directory/import_job", d, ctx.t("directory_admin.job_title"));
  });

  app.Get("/admin/directory/import/{token}/events", Access::kFull, [jobs, allowed](Ctx& ctx) -> Result<http::Response> {
    if (!allowed(ctx)) return Status::PermissionDenied("@error.forbidden");
    auto j = jobs->Get(ctx.req.param("token"));
    if (!j || j->started_by != ctx.user().login) return Status::NotFound("@directory_admin.expired");
    return http::Response::Events(std::make_shared<JobEvents>(jobs, ctx.req.param("token")));
  });
}

}  // namespace renkei::directory

// Editing by hand, history, and update requests.
namespace renkei::directory {
namespace {

constexpr const char* kFormFields[] = {"name", "kana", "phone", "fax", "url", "address", "address_extra", "open_days", "hours_note"};

std::string AttributesText(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes)
    if (const auto* a = directory::FindAttribute(c)) out += (out.empty() ? "" : "、") + std::string(a->label);
  return out;
}

std::string DisplayValue(const std::string& field, const std::string& v) {
  if (field != "attributes") return v;
  std::vector<std::string> codes;
  size_t pos = 0;
  while (pos <= v.size()) {
    size_t c = v.find(',', pos);
    codes.push_back(v.substr(pos, c == std::string::npos ? std::string::npos : c - pos));
    if (c == std::string::npos) break;
    pos = c + 1;
  }
  return AttributesText(codes);
}

// The form's fields, as (field, value) pairs. Attributes come as checkboxes; "attributes_present" says
// the form had them, so that clearing every box clears the attributes.
std::vector<std::pair<std::string, std::string>> FieldsFromForm(const http::Params& f) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* k : kFormFields)
    if (f.has(k)) out.emplace_back(k, f.value(k));
  if (f.has("attributes_present")) {
    std::string joined;
    for (const auto& a : f.all("attribute")) joined += (joined.empty() ? "" : ",") + a;
    out.emplace_back("attributes", joined);
  }
  return out;
}

web::Data EditFormData(Ctx& ctx, const directory::FacilityDetail& d) {
  web::Data data = web::Object();
  data.set("id", d.id);
  data.set("facility_name", d.record.name);
  web::Data fields = web::List();
  for (const char* k : kFormFields) {
    web::Data f = web::Object();
    f.set("field", k);
    f.set("label", ctx.t(std::string("field.") + k));
    f.set("value", directory::FieldValue(d.record, k));
    f.set("multiline", std::string(k) == "hours_note");
    auto ov = d.overrides.find(k);
    if (ov != d.overrides.end()) f.set("national", ov->second.second.empty() ? ctx.t("directory_admin.none") : ov->second.second);
    fields.push_back(f);
  }
  data.set("fields", fields);
  std::vector<web::Choice> attrs;
  for (const auto& a : directory::AllAttributes()) attrs.push_back({a.code, a.label});
  data.set("attributes", web::Choices(attrs, d.attributes));
  return data;
}

web::Data RequestData(Ctx& ctx, const directory::UpdateRequest& r, const std::optional<directory::FacilityDetail>& current) {
  web::Data d = web::Object();
  d.set("id", r.id);
  d.set("facility_id", r.facility_id);
  d.set("facility_name", r.facility_name);
  d.set("requested_by", r.requested_by);
  d.set("requested_at", clock::IsoToTokyoMinute(r.requested_at));
  if (!r.note.empty()) d.set("note", r.note);
  d.set("status", ctx.t("request_status." + r.status));
  d.set("pending", r.status == "pending");
  d.set("rejected", r.status == "rejected");
  if (!r.comment.empty()) d.set("comment", r.comment);
  web::Data changes = web::List();
  boost::system::error_code ec;
  auto v = boost::json::parse(r.fields_json, ec);
  if (!ec && v.is_object()) {
    for (const auto& [k, val] : v.as_object()) {
      if (!val.is_string()) continue;
      std::string field(k);
      web::Data c = web::Object();
      c.set("label", ctx.t("field." + field));
      std::string now;
      if (current) {
        if (field == "attributes") {
          for (const auto& a : current->attributes) now += (now.empty() ? "" : ",") + a;
        } else {
          now = directory::FieldValue(current->record, field);
        }
      }
      c.set("current", DisplayValue(field, now));
      c.set("proposed", DisplayValue(field, std::string(val.as_string())));
      changes.push_back(c);
    }
  }
  d.set("changes", changes);
  return d;
}

}  // namespace

void RegisterFacilityEditRoutes(App& app) {
  auto service = std::make_shared<directory::DirectoryService>(app.db());

  app.Get("/admin/directory/export", Access::kFull, [&app](Ctx& ctx) -> Result<http::Response> {
    if (!ctx.principal->can(security::Permission::kManageDirectory)) return Status::PermissionDenied("@error.forbidden");
    auto format = directory::ParseExportFormat(ctx.req.query().value("format"));
    if (!format.ok()) return format.status();
    bool cp932 = ctx.req.query().value("encoding") == "cp932";
    auto r = directory::ExportFacilities(app.db(), *format, cp932, app.config().region_name);
    if (!r.ok()) return r.status();
    http::Response res;
    res.body = std::move(r->bytes);
    bool xlsx = *format == directory::ExportFormat::kXlsx;
    res.set_header("Content-Type", xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                                        : (cp932 ? "text/csv; charset=Shift_JIS" : "text/csv; charset=utf-8"));
    std::string name = ctx.req.query().value("format") + (xlsx ? ".xlsx" : ".csv");
    res.set_header("Content-Disposition", "attachment; filename=\"facilities-" + name + "\"");
    return res;
  });

  app.Get("/admin/directory", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto requests = service->PendingRequests(*ctx.principal);
    if (!requests.ok()) return requests.status();
    web::Data d = web::Object();
    web::Data list = web::List();
    for (const auto& r : *requests) list.push_back(RequestData(ctx, r.request, r.current));
    d.set("requests", list);
    d.set("pending_count", std::to_string(requests->size()));
    d.set("none", requests->empty());
    std::string notice = ctx.req.query().value("notice");
    if (notice == "approved" || notice == "rejected") d.set("notice", ctx.t("notice.request_" + notice));
    return app.Page(ctx, "directory/admin", d, ctx.t("directory_admin.home_title"));
  });

  app.Post("/admin/directory/requests/{id}", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    const auto& f = ctx.req.form();
    bool approve = f.value("decision") == "approve";
    auto s = service->Review(*ctx.principal, ctx.addr(), ctx.req.param("id"), approve, f.value("comment"));
    if (!s.ok()) return s;
    return http::Response::Redirect(std::string("/admin/directory?notice=") + (approve ? "approved" : "rejected"));
  });

  auto edit_page = [&app, service](Ctx& ctx, const std::string& error, int status) -> Result<http::Response> {
    auto d = service->Get(ctx.req.param("id"), true);
    if (!d.ok()) return d.status();
    if (!directory::DirectoryService::CanEdit(*ctx.principal, *d)) return Status::PermissionDenied("@error.forbidden");
    web::Data data = EditFormData(ctx, *d);
    if (!error.empty()) data.set("error", error);
    return app.Page(ctx, "directory/edit", data, d->record.name, status);
  };
  app.Get("/admin/facilities/{id}/edit", Access::kFull, [edit_page](Ctx& ctx) { return edit_page(ctx, "", 200); });
  app.Post("/admin/facilities/{id}/edit", Access::kFull, [service, edit_page](Ctx& ctx) -> Result<http::Response> {
    auto s = service->Edit(*ctx.principal, ctx.addr(), ctx.req.param("id"), FieldsFromForm(ctx.req.form()));
    if (!s.ok()) {
      if (s.code() == Code::kInvalidArgument) return edit_page(ctx, ctx.message(s), 400);
      return s;
    }
    return http::Response::Redirect("/facilities/" + ctx.req.param("id") + "?notice=saved");
  });

  app.Get("/admin/facilities/{id}/history", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto d = service->Get(ctx.req.param("id"), true);
    if (!d.ok()) return d.status();
    if (!directory::DirectoryService::CanEdit(*ctx.principal, *d)) return Status::PermissionDenied("@error.forbidden");
    web::Data data = web::Object();
    data.set("id", d->id);
    data.set("facility_name", d->record.name);
    web::Data rows = web::List();
    for (const auto& c : service->History(d->id)) {
      web::Data r = web::Object();
      r.set("at", clock::IsoToTokyoMinute(c.at));
      r.set("actor", c.actor);
      r.set("source", c.source == "edit" ? ctx.t("directory_admin.by_hand") : c.source);
      r.set("field", c.field == "created" ? ctx.t("directory_admin.created") : ctx.t("field." + c.field));
      r.set("old", DisplayValue(c.field, c.old_value));
      r.set("new", DisplayValue(c.field, c.new_value));
      rows.push_back(r);
    }
    data.set("changes", rows);
    return app.Page(ctx, "directory/history", data, d->record.name);
  });

  // A facility's own editor: see the entry, propose changes, follow the requests.
  app.Get("/my-facility", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    if (!ctx.principal->can(security::Permission::kEditOwnFacility)) return Status::PermissionDenied("@error.forbidden");
    web::Data d = web::Object();
    web::Data facilities = web::List();
    for (const auto& f : service->OwnFacilities(*ctx.principal)) facilities.push_back(EditFormData(ctx, f));
    d.set("facilities", facilities);
    auto requests = service->Requests(*ctx.principal, "");
    web::Data list = web::List();
    if (requests.ok())
      for (const auto& r : *requests) list.push_back(RequestData(ctx, r, std::nullopt));
    d.set("requests", list);
    d.set("has_requests", requests.ok() && !requests->empty());
    if (ctx.req.query().value("notice") == "requested") d.set("notice", ctx.t("notice.request_sent"));
    return app.Page(ctx, "directory/my_facility", d, ctx.t("my_facility.title"));
  });

  app.Post("/my-facility/{id}/request", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto r = service->RequestUpdate(*ctx.principal, ctx.addr(), ctx.req.param("id"), FieldsFromForm(ctx.req.form()),
                                    ctx.req.form().value("note"));
    if (!r.ok()) {
      if (r.status().code() != Code::kInvalidArgument) return r.status();
      web::Data d = web::Object();
      d.set("message", ctx.message(r.status()));
      d.set("status", "400");
      return app.Page(ctx, "error", d, ctx.t("error.title"), 400);
    }
    return http::Response::Redirect("/my-facility?notice=requested");
  });
}

}  // namespace renkei::directory
