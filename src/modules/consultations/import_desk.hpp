#pragma once
// Bulk import of past years' consultations, in three steps: upload a CSV (kept under a random token for
// its uploader), map its columns to case fields and preview every row with its problems (nothing is
// written), then import the good rows in one transaction. Only those who see every case (the hub and
// the support centres' leads: ViewerOf(p).all) import; only the uploader reaches a token's file.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "modules/consultations/import.hpp"
#include "modules/consultations/service.hpp"
#include "platform/http/parse.hpp"
#include "platform/uploads.hpp"

namespace renkei::consultations {

constexpr size_t kMaxImportUpload = 10 * 1024 * 1024;  // ten years of a region's cases are well under 1 MB

struct ImportPreview {
  std::string token, file;
  text::Encoding encoding = text::Encoding::kUtf8;
  std::vector<std::string> header;
  ColumnMapping mapping;
  std::vector<ImportRow> rows;
};

struct ImportDone {
  int imported = 0;
  std::vector<size_t> skipped;  // lines with problems, left out
};

class CaseImportDesk {
 public:
  CaseImportDesk(storage::Database& db, std::string import_dir);

  Status CanImport(const security::Principal& p);
  // The header row to start a spreadsheet from (UTF-8 with BOM), with an example row.
  Result<std::string> TemplateCsv(const security::Principal& p);
  // Step 1: keeps a readable CSV and answers its token; InvalidArgument (a message key) for no file, a
  // file that is not CSV, an empty one or one with too many rows.
  Result<std::string> Upload(const security::Principal& p, const std::string& file_name, std::string_view bytes);
  // Step 2: the rows as `params` (map_<field>=column, with "mapped") map them, or as guessed from the header.
  Result<ImportPreview> Preview(const security::Principal& p, const std::string& token, const http::Params& params);
  // Step 3: imports the rows that pass; InvalidArgument when none does.
  Result<ImportDone> Import(const security::Principal& p, const std::string& addr, const std::string& token, const http::Params& params);

 private:
  std::shared_ptr<ConsultationService> service_;
  uploads::UploadStore store_;
};

}  // namespace renkei::consultations
