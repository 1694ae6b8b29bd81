#pragma once
// Reading the cells of an XLSX workbook (libzip + libxml2): the sheets' names and one sheet as a grid of
// text, shared strings resolved, numbers as written in the file. Enough for tables people download
// (indicator workbooks); formulas are read as their cached values. Bounded: 50 MB uncompressed per part,
// 100,000 rows, 500 columns.
#include <string>
#include <string_view>
#include <vector>

#include "platform/status.hpp"

namespace renkei::text {

struct Sheet {
  std::string name;
  std::vector<std::vector<std::string>> rows;  // row 0 = the sheet's row 1; cells by column, "" when empty
};

// The sheet called `name` (or the first sheet when it is empty or absent).
Result<Sheet> ReadXlsxSheet(std::string_view bytes, const std::string& name = {});

}  // namespace renkei::text
