#pragma once
// 資料1: the year's PDCA table as the council reads it, as XLSX (merged title, wrapped text, A4
// landscape, header row repeated) and PDF (platform/pdf: Japanese line breaking, fonts embedded, page
// numbers, rows split only between lines). （案） until the year is approved.
#include <string>

#include "modules/planning/service.hpp"
#include "platform/status.hpp"

namespace renkei::planning {

struct Shiryo1 {
  std::string region_name;
  int fiscal_year = 0;
  bool draft = true;           // print （案）
  std::vector<Entry> entries;  // resolved text, one per item
};
// The version a paper shows: the approved text when the year is approved (even while a revision is
// being drafted), otherwise — or when the draft is asked for — the current text resolved now, （案）.
Shiryo1 PaperOf(const Plan& plan, const std::string& region_name, bool want_draft = false);

// The column headings with 和暦: 令和5年度取組状況及び結果 …
std::vector<std::string> Shiryo1Headers(int fiscal_year);
// The text of one row's cells, as the documents print them.
std::vector<std::string> Shiryo1Row(const Entry& e);

Result<std::string> Shiryo1Xlsx(const Shiryo1& s);
Result<std::string> Shiryo1Pdf(const Shiryo1& s);

}  // namespace renkei::planning
