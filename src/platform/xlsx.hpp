#pragma once
// A workbook written by libxlsxwriter into memory. libxlsxwriter writes only to files (bookworm's 1.1.5
// has no output buffer), so this owns a private temporary file and returns its bytes.
#include <xlsxwriter.h>

#include <string>
#include <vector>

#include "platform/status.hpp"

namespace renkei::xlsx {

class Workbook {
 public:
  Workbook();
  ~Workbook();
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;
  lxw_workbook* get() { return wb_; }
  bool ok() const { return wb_ != nullptr; }
  // Closes the workbook and returns the file's bytes; the temporary file is gone either way.
  Result<std::string> Finish();

  // Formats most sheets use: a bold shaded bordered header, a wrapped bordered cell, a number cell.
  lxw_format* header();
  lxw_format* cell();
  // A4 landscape, fitted to the page width, header row repeated, footer with page numbers.
  static void PrintSetup(lxw_worksheet* ws, const std::string& footer_left, lxw_row_t header_row = 0);

  // A titled table from `row`: a bold title, a header row, the rows (cells that are whole numbers are
  // written as numbers). Returns the next free row, leaving one empty.
  lxw_row_t Table(lxw_worksheet* ws, lxw_row_t row, const std::string& title, const std::vector<std::string>& headers,
                  const std::vector<std::vector<std::string>>& rows);

 private:
  std::string path_;
  lxw_workbook* wb_ = nullptr;
  lxw_format* header_ = nullptr;
  lxw_format* cell_ = nullptr;
  lxw_format* bold_ = nullptr;
  lxw_format* number_ = nullptr;
};

}  // namespace renkei::xlsx
