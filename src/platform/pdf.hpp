#pragma once
// Tables as PDF for the council's papers (資料1, 資料2): Pango lays out Japanese text (line breaking,
// fonts from fontconfig, embedded as subsets by Cairo), Cairo writes A4 pages in memory. A row taller
// than what is left of a page continues on the next one, split between lines of text, never through a
// line; the header row repeats on every page; pages are numbered "n / N".
#include <string>
#include <vector>

#include "platform/status.hpp"

namespace renkei::pdf {

struct Column {
  std::string header;
  double width_mm = 30;
};

struct Table {
  std::string heading;  // above the table (a section title); may be empty
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> rows;  // plain text; '\n' breaks lines
};

struct Document {
  std::string title;   // at the top of the first page
  std::string mark;    // at the top right of every page, e.g. 資料1 or （案）
  std::string footer;  // left of the page number
  bool landscape = true;
  double font_size = 8.5;  // points
  std::vector<Table> tables;
};

// Thread-safe: documents are rendered one at a time in the process (see pdf.cpp).
Result<std::string> Render(const Document& doc);

}  // namespace renkei::pdf
