// Staff pages of the directory: upload a national open-data file, see what it would change, import it
// in the background and watch the progress (SSE, with a plain refresh when JavaScript is off).
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "app/app.hpp"
#include "modules/directory/jobs.hpp"
#include "modules/directory/service.hpp"
#include "platform/security/crypto.hpp"

namespace renkei::app {
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

std::string ImportDir(const App& app) {
  std::string d = app.config().import_dir.empty() ? (fs::temp_directory_path() / "renkei-imports").string() : app.config().import_dir;
  std::error_code ec;
  fs::create_directories(d, ec);
  return d;
}

// Upload tokens name files in the import directory: 64 hex characters, nothing else.
bool ValidToken(const std::string& t) { return t.size() == 64 && t.find_first_not_of("0123456789abcdef") == std::string::npos; }

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
  Data list = web::List();
  for (const auto& f : kFormats) {
    Data o = web::Object();
    o.set("code", f.code);
    o.set("label", f.label);
    o.set("selected", selected == f.code);
    list.push_back(o);
  }
  return list;
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

void RegisterDirectoryAdminRoutes(App& app) {
  auto service = std::make_shared<directory::DirectoryService>(app.db());
  auto jobs = std::make_shared<directory::ImportJobs>();
  auto allowed = [](Ctx& ctx) { return ctx.principal->can(security::Permission::kManageDirectory); };

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
  app.AddUpload("/admin/directory/import", Access::kFull, kMaxUpload, [&app, service, allowed, form_page](Ctx& ctx) -> Result<http::Response> {
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
    auto preview = service->Import(file->data, name, *format, keep_outside, ctx.actor(), /*dry_run=*/true);
    if (!preview.ok()) return form_page(ctx, ctx.message(preview.status()), 400);
    // Keep the file for step 2 under a random token.
    std::string token = security::RandomHex(32);
    {
      std::ofstream out(fs::path(ImportDir(app)) / (token + ".csv"), std::ios::binary);
      out.write(file->data.data(), static_cast<std::streamsize>(file->data.size()));
      std::ofstream meta(fs::path(ImportDir(app)) / (token + ".meta"));
      meta << f.value("format") << "\n" << (keep_outside ? 1 : 0) << "\n" << ctx.user().login << "\n" << name << "\n";
    }
    Data d = SummaryData(*preview);
    d.set("token", token);
    d.set("format", f.value("format"));
    return app.Page(ctx, "directory/import_preview", d, ctx.t("directory_admin.preview_title"));
  });

  // Step 2: import for real, in the background.
  app.Post("/admin/directory/import/{token}/run", Access::kFull, [&app, service, jobs, allowed](Ctx& ctx) -> Result<http::Response> {
    if (!allowed(ctx)) return Status::PermissionDenied("@error.forbidden");
    std::string token = ctx.req.param("token");
    if (!ValidToken(token)) return Status::NotFound("@error.not_found");
    fs::path dir = ImportDir(app);
    std::ifstream meta(dir / (token + ".meta"));
    std::string format_name, keep, owner, name;
    if (!std::getline(meta, format_name) || !std::getline(meta, keep) || !std::getline(meta, owner) || !std::getline(meta, name))
      return Status::NotFound("@directory_admin.expired");
    // Only the person who uploaded the file imports it.
    if (owner != ctx.user().login) return Status::NotFound("@directory_admin.expired");
    auto format = directory::ParseImportFormat(format_name);
    if (!format.ok()) return format.status();
    security::Actor by = ctx.actor();
    fs::path file = dir / (token + ".csv");
    bool keep_outside = keep == "1";
    jobs->Start(token, by.login, [service, file, name, f = *format, keep_outside, by, dir, token](std::function<void(size_t, size_t)> progress) {
      std::ifstream in(file, std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      auto r = service->Import(bytes, name, f, keep_outside, by, false, progress);
      std::error_code ec;
      fs::remove(file, ec);
      fs::remove(dir / (token + ".meta"), ec);
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

}  // namespace renkei::app
