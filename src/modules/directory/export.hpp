#pragma once
// Exports of the region's directory: the デジタル庁 standard CSVs (医療機関一覧 正式版, 42 columns as
// municipalities publish them; 介護サービス事業所一覧 in the 推奨 layout, 22 columns), and an XLSX list for
// council handouts. Ids are written so that importing an export finds the same facilities again: the
// 医療情報ネット ID, the 介護保険事業所番号, or Renkei's own id.
#include <string>

#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::directory {

enum class ExportFormat { kDigitalStdMedical, kDigitalStdCare, kXlsx };
Result<ExportFormat> ParseExportFormat(const std::string& name);  // digital-std-medical | digital-std-care | xlsx

struct ExportResult {
  std::string bytes;
  size_t rows = 0;
};

// CSVs are UTF-8 with BOM, or CP932 when asked (what Excel on Windows opens without questions).
Result<ExportResult> ExportFacilities(storage::Database& db, ExportFormat format, bool cp932, const std::string& region_name);

}  // namespace renkei::directory
