#pragma once
// RFC 4180 CSV as Japanese public bodies publish it: any of the encodings text::DecodeToUtf8 knows,
// CRLF or LF, quoted fields with commas, doubled quotes and line breaks inside.
#include <string>
#include <string_view>
#include <vector>

#include "platform/status.hpp"
#include "platform/text/japanese.hpp"

namespace renkei::text {

struct CsvRow {
  size_t line = 0;  // the line the row starts on, 1-based, as an editor shows it
  std::vector<std::string> fields;
};

struct CsvTable {
  Encoding encoding = Encoding::kUtf8;
  std::vector<std::string> header;
  std::vector<CsvRow> rows;
  // Index of a header name, or -1.
  int column(std::string_view name) const;
};

inline constexpr size_t kMaxCsvFields = 500;
inline constexpr size_t kMaxCsvFieldBytes = 64 * 1024;

// Parses already-decoded UTF-8 text. An unterminated quote or an over-long field is an error naming the line.
Result<CsvTable> ParseCsv(std::string_view utf8);
// Detects the encoding, decodes, parses.
Result<CsvTable> ReadCsv(std::string_view bytes);

}  // namespace renkei::text

namespace renkei::text {
// One CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
std::string CsvField(std::string_view v);
// A CSV line of fields, ending in CRLF.
std::string CsvLine(const std::vector<std::string>& fields);
}  // namespace renkei::text
