#include "modules/directory/imports.hpp"

#include <boost/json/serialize.hpp>
#include <filesystem>

namespace renkei::directory {
namespace {

Status Allowed(const security::Principal& p) {
  if (!p.can(security::Permission::kManageDirectory)) return Status::PermissionDenied("@error.forbidden");
  return Status::Ok();
}

// Progress of one job as Server-Sent Events.
class JobEvents : public http::EventSource {
 public:
  JobEvents(std::shared_ptr<ImportJobs> jobs, std::string id) : jobs_(std::move(jobs)), id_(std::move(id)) {}
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
  std::shared_ptr<ImportJobs> jobs_;
  std::string id_;
  std::string last_;
};

}  // namespace

ImportDesk::ImportDesk(storage::Database& db, std::string import_dir)
    : db_(db), service_(std::make_shared<DirectoryService>(db)), jobs_(std::make_shared<ImportJobs>()), store_(std::move(import_dir)) {}

Status ImportDesk::CanImport(const security::Principal& p) const { return Allowed(p); }

Result<PreviewScreen> ImportDesk::Preview(const security::Principal& p, const std::string& addr, const std::string& format,
                                          const std::string& file_name, std::string_view bytes, bool keep_outside) {
  if (auto s = Allowed(p); !s.ok()) return s;
  auto parsed = ParseImportFormat(format);
  if (!parsed.ok()) return Status::InvalidArgument(parsed.status().message());
  if (bytes.empty()) return Status::InvalidArgument("@directory_admin.no_file");
  std::string name = std::filesystem::path(file_name).filename().string();
  if (name.empty()) name = "upload.csv";
  auto preview = service_->Import(p, addr, bytes, name, *parsed, keep_outside, /*dry_run=*/true);
  if (!preview.ok())
    return preview.status().code() == Code::kPermissionDenied ? preview.status() : Status::InvalidArgument(preview.status().message());
  auto token = store_.Keep(bytes, p.user.login, {format, keep_outside ? "1" : "0", name});
  if (!token.ok()) return token.status();
  return PreviewScreen{std::move(preview.value()), *token, format};
}

Status ImportDesk::Run(const security::Principal& p, const std::string& addr, const std::string& token) {
  if (auto s = Allowed(p); !s.ok()) return s;
  auto kept = store_.Find(token, p.user.login);
  if (!kept || kept->meta.size() < 3) return Status::NotFound("@directory_admin.expired");
  auto format = ParseImportFormat(kept->meta[0]);
  if (!format.ok()) return format.status();
  bool keep_outside = kept->meta[1] == "1";
  jobs_->Start(token, p.user.login,
               [service = service_, store = store_, k = *kept, f = *format, keep_outside, by = p,
                addr](const std::function<void(size_t, size_t)>& progress) {
                 auto r = service->Import(by, addr, uploads::UploadStore::Read(k), k.meta[2], f, keep_outside, false, progress);
                 store.Remove(k.token);
                 return r;
               });
  return Status::Ok();
}

Result<JobState> ImportDesk::Job(const security::Principal& p, const std::string& token) const {
  if (auto s = Allowed(p); !s.ok()) return s;
  auto j = jobs_->Get(token);
  if (!j || j->started_by != p.user.login) return Status::NotFound("@directory_admin.expired");
  return *j;
}

Result<std::shared_ptr<http::EventSource>> ImportDesk::Progress(const security::Principal& p, const std::string& token) const {
  if (auto j = Job(p, token); !j.ok()) return j.status();
  return std::shared_ptr<http::EventSource>(std::make_shared<JobEvents>(jobs_, token));
}

Result<ExportResult> ImportDesk::Export(const security::Principal& p, const std::string& format, bool cp932,
                                        const std::string& region_name) {
  if (auto s = Allowed(p); !s.ok()) return s;
  auto parsed = ParseExportFormat(format);
  if (!parsed.ok()) return parsed.status();
  return ExportFacilities(db_, *parsed, cp932, region_name);
}

}  // namespace renkei::directory
