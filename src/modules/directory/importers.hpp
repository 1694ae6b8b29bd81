#pragma once
// Readers for the national open data: each reads a CSV row by row into cleaned FacilityRecords, and rows it
// cannot use into rejects with their line and reason. A file of the wrong kind is refused whole.
#include <string>
#include <vector>

#include "modules/directory/model.hpp"
#include "platform/status.hpp"
#include "platform/text/csv.hpp"

namespace renkei::directory {

enum class ImportFormat { kMhlwKaigo, kMhlwIryo, kDigitalStd };
Result<ImportFormat> ParseImportFormat(const std::string& name);  // mhlw-kaigo | mhlw-iryo | digital-std

struct RejectedRow {
  size_t line;
  std::string reason;  // Japanese, for the person fixing the file
};

struct ParsedFile {
  std::vector<FacilityRecord> records;  // one per official id: rows of the same office are merged
  std::vector<RejectedRow> rejected;
  std::string layout;  // e.g. "医療機関一覧（正式版）"
};

// Reads every row of `table`; a file the reader stops on (an unterminated quote…) is an error as a whole.
Result<ParsedFile> ParseFacilities(ImportFormat format, text::CsvReader& table);

// Helpers, exposed for tests.
// A 6-digit 全国地方公共団体コード from a prefecture (1–2 digits) and a city (1–3 digits) code.
std::string LocalGovernmentCode(const std::string& pref, const std::string& city);
std::string PrefectureName(const std::string& municipality_code);
std::string CleanUrl(const std::string& raw);

}  // namespace renkei::directory
