#include "modules/consultations/import_desk.hpp"

#include <filesystem>

#include "platform/text/csv.hpp"

namespace renkei::consultations {
namespace {

constexpr size_t kMaxRows = 20000;

// The mapping from the query or form (map_<field>=column), or guessed from the header.
ColumnMapping MappingOf(const http::Params& p, const std::vector<std::string>& header) {
  if (!p.has("mapped")) return GuessMapping(header);
  ColumnMapping m;
  for (const auto& f : ImportFields()) {
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

}  // namespace

CaseImportDesk::CaseImportDesk(storage::Database& db, std::string import_dir)
    : service_(std::make_shared<ConsultationService>(db)), store_(std::move(import_dir)) {}

Status CaseImportDesk::CanImport(const security::Principal& p) {
  if (!service_->ViewerOf(p).all) return Status::PermissionDenied("@consult.error.import_hub_only");
  return Status::Ok();
}

Result<std::string> CaseImportDesk::TemplateCsv(const security::Principal& p) {
  if (auto s = CanImport(p); !s.ok()) return s;
  std::vector<std::string> header;
  for (const auto& f : ImportFields()) header.emplace_back(f.ja);
  return "\xEF\xBB\xBF" + text::CsvLine(header) +
         text::CsvLine({"R5/4/12", "10:30", "電話", "在宅医療連携拠点", "", "ケアマネジャー", "", "本庄市", "85〜94歳", "女性", "要介護2",
                        "独居", "身寄りなし", "訪問診療・訪問看護等", "日常の療養支援", "（記入例）", "終結", "30"});
}

Result<std::string> CaseImportDesk::Upload(const security::Principal& p, const std::string& file_name, std::string_view bytes) {
  if (auto s = CanImport(p); !s.ok()) return s;
  if (bytes.empty()) return Status::InvalidArgument("@consult.import_no_file");
  auto table = text::ReadCsv(bytes);
  if (!table.ok()) return Status::InvalidArgument(table.status().message());
  if (table->header.empty() || table->rows.empty()) return Status::InvalidArgument("@consult.import_empty");
  if (table->rows.size() > kMaxRows) return Status::InvalidArgument("@consult.import_too_many");
  std::string name = std::filesystem::path(file_name).filename().string();
  return store_.Keep(bytes, p.user.login, {name.empty() ? "upload.csv" : name});
}

Result<ImportPreview> CaseImportDesk::Preview(const security::Principal& p, const std::string& token, const http::Params& params) {
  if (auto s = CanImport(p); !s.ok()) return s;
  auto kept = store_.Find(token, p.user.login);
  if (!kept) return Status::NotFound("@consult.import_expired");
  auto table = text::ReadCsv(uploads::UploadStore::Read(*kept));
  if (!table.ok()) return table.status();
  ImportPreview out;
  out.token = kept->token;
  out.file = kept->meta.empty() ? "" : kept->meta[0];
  out.encoding = table->encoding;
  out.header = table->header;
  out.mapping = MappingOf(params, table->header);
  std::vector<Receiver> receivers;
  for (const auto& u : service_->Units()) receivers.push_back({u.code, u.label});
  out.rows = ConvertRows(*table, out.mapping, receivers);
  return out;
}

Result<ImportDone> CaseImportDesk::Import(const security::Principal& p, const std::string& addr, const std::string& token,
                                          const http::Params& params) {
  auto preview = Preview(p, token, params);
  if (!preview.ok()) return preview.status();
  std::vector<CaseInput> good;
  ImportDone done;
  for (const auto& r : preview->rows) {
    if (r.errors.empty())
      good.push_back(r.input);
    else
      done.skipped.push_back(r.line);
  }
  if (good.empty()) return Status::InvalidArgument("@consult.import_nothing");
  auto n = service_->ImportCases(p, addr, good, preview->file.empty() ? "upload.csv" : preview->file);
  if (!n.ok()) return n.status();
  store_.Remove(preview->token);
  done.imported = *n;
  return done;
}

}  // namespace renkei::consultations
