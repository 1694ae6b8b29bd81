#pragma once
// The staff's import of a national open-data file, in two steps: upload and preview (a dry run that
// writes nothing; the file is kept under a random token for its uploader), then the import for real in
// the background with its progress (a page, and Server-Sent Events). Also the directory's export.
// Every step needs kManageDirectory, and only the uploader reaches a token's file and job.
#include <memory>
#include <string>
#include <string_view>

#include "modules/directory/export.hpp"
#include "modules/directory/jobs.hpp"
#include "modules/directory/service.hpp"
#include "platform/http/request.hpp"
#include "platform/uploads.hpp"

namespace renkei::directory {

// The largest national service file is about 30 MB.
constexpr size_t kMaxImportUpload = 64 * 1024 * 1024;

struct PreviewScreen {
  ImportSummary summary;
  std::string token;   // names the kept file for step 2
  std::string format;  // mhlw-kaigo, mhlw-iryo, digital-std
};

class ImportDesk {
 public:
  ImportDesk(storage::Database& db, std::string import_dir);

  // May this person import (the upload form)?
  Status CanImport(const security::Principal& p) const;
  // Step 1. InvalidArgument (with a message for the form) for an unknown format, no file or a file that
  // cannot be read; nothing is written.
  Result<PreviewScreen> Preview(const security::Principal& p, const std::string& addr, const std::string& format,
                                const std::string& file_name, std::string_view bytes, bool keep_outside);
  // Step 2: queues the import of the kept file; NotFound when the token is not the person's (or expired).
  Status Run(const security::Principal& p, const std::string& addr, const std::string& token);
  Result<JobState> Job(const security::Principal& p, const std::string& token) const;
  // The job's progress as Server-Sent Events: "progress" {status,done,total} and, at the end, "finished".
  Result<std::shared_ptr<http::EventSource>> Progress(const security::Principal& p, const std::string& token) const;
  // The directory as a file (digital-std-medical, digital-std-care, xlsx), UTF-8 or cp932.
  Result<ExportResult> Export(const security::Principal& p, const std::string& format, bool cp932, const std::string& region_name);

 private:
  storage::Database& db_;
  std::shared_ptr<DirectoryService> service_;
  std::shared_ptr<ImportJobs> jobs_;
  uploads::UploadStore store_;
};

}  // namespace renkei::directory
