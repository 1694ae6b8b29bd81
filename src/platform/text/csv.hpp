#pragma once
// RFC 4180 CSV as Japanese public bodies publish it: any of the encodings text::DecodeToUtf8 knows,
// CRLF or LF, quoted fields with commas, doubled quotes and line breaks inside.
#include <memory>
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

// Reads a CSV one row at a time from text that stays where it is, so a large national file is held once
// (as its bytes) and never again as a table of strings. The first non-blank row is the header.
class CsvReader {
 public:
  // Detects the encoding: UTF-8 is read in place (`bytes` must outlive the reader), other encodings are
  // decoded into the reader first. Fails only when the bytes cannot be decoded.
  static Result<CsvReader> Open(std::string_view bytes);
  explicit CsvReader(std::string_view utf8);
  explicit CsvReader(const char* utf8) : CsvReader(std::string_view(utf8)) {}
  explicit CsvReader(std::string&&) = delete;  // the reader keeps a view: a temporary would dangle

  Encoding encoding() const { return encoding_; }
  const std::vector<std::string>& header() const { return header_; }
  int column(std::string_view name) const;  // index of a header name, or -1
  // The next row into `row`, reusing its buffers. False at the end, or on an error (see error()).
  bool Next(CsvRow& row);
  // Ok unless reading stopped on an unterminated quote or an over-long row or field (named by line).
  const Status& error() const { return error_; }

 private:
  bool ReadRecord(std::vector<std::string>& fields, size_t& used, size_t& row_line);
  std::shared_ptr<const std::string> owned_;  // decoded text when the bytes were not UTF-8
  std::string_view s_;
  size_t pos_ = 0, line_ = 1;
  Encoding encoding_ = Encoding::kUtf8;
  std::vector<std::string> header_;
  Status error_;
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

// Parses already-decoded UTF-8 text into a table held in memory (small files: forms, fixtures). An unterminated quote or an over-long field
// is an error naming the line.
Result<CsvTable> ParseCsv(std::string_view utf8);
// Detects the encoding, decodes, parses.
Result<CsvTable> ReadCsv(std::string_view bytes);

}  // namespace renkei::text

namespace renkei::text {
// One CSV field, quoted when it holds a comma, quote or line break (RFC 4180). A field that starts with
// =, +, -, @, tab or CR and is not a plain number gets a leading apostrophe, so that no spreadsheet runs
// it as a formula.
std::string CsvField(std::string_view v);
// A CSV line of fields, ending in CRLF.
std::string CsvLine(const std::vector<std::string>& fields);
}  // namespace renkei::text
