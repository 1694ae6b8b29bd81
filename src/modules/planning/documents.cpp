#include "modules/planning/documents.hpp"

#include <algorithm>

#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "platform/pdf.hpp"
#include "platform/text/utf8.hpp"
#include "platform/xlsx.hpp"

namespace renkei::planning {
namespace {

// Display width in half-width units (Japanese characters count two), for row heights in XLSX.
size_t Width(const std::string& line) {
  size_t w = 0;
  for (size_t i = 0; i < line.size();) {
    const size_t n = text::Utf8Step(line, i);
    w += n == 1 ? 1 : 2;
    i += n;
  }
  return w;
}

size_t LinesAt(const std::string& text, double width_chars) {
  size_t lines = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    size_t w = Width(text.substr(start, end - start));
    lines += std::max<size_t>(1, static_cast<size_t>((static_cast<double>(w) + width_chars - 1) / width_chars));
    start = end + 1;
  }
  return lines;
}

}  // namespace

Shiryo1 PaperOf(const Plan& plan, const std::string& region_name, bool want_draft) {
  Shiryo1 s;
  s.region_name = region_name;
  s.fiscal_year = plan.state.fiscal_year;
  bool approved = plan.state.status == "approved" && !plan.approved.empty() && !want_draft;
  s.draft = !approved;
  s.entries = approved ? plan.approved : plan.resolved;
  return s;
}

std::vector<std::string> Shiryo1Headers(int fy) {
  std::string now = core::FormatFiscalYear(fy), next = core::FormatFiscalYear(fy + 1);
  return {"事業項目", "4つの場面", now + "取組状況及び結果", now + "評価", next + "目標", next + "の計画"};
}

std::vector<std::string> Shiryo1Row(const Entry& e) {
  std::string item;
  for (const auto& info : core::AllProgramItems())
    if (e.item == info.code) item = std::string("（") + info.letter + "）\n" + info.title;
  if (e.priority) item += "\n【重点取組】";
  std::string scenes;
  for (const auto& s : core::AllScenes()) {
    bool on = std::find(e.scenes.begin(), e.scenes.end(), s.code) != e.scenes.end();
    scenes += std::string(scenes.empty() ? "" : "\n") + (on ? "● " : "○ ") + s.label;
  }
  return {item, scenes, e.results, e.evaluation, e.next_goal, e.next_plan};
}

Result<std::string> Shiryo1Xlsx(const Shiryo1& s) {
  xlsx::Workbook book;
  if (!book.ok()) return Status::Internal("XLSX を作れません。");
  lxw_workbook* wb = book.get();
  lxw_worksheet* ws = workbook_add_worksheet(wb, "資料1");
  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 14);
  format_set_align(title, LXW_ALIGN_CENTER);
  format_set_align(title, LXW_ALIGN_VERTICAL_CENTER);
  lxw_format* mark = workbook_add_format(wb);
  format_set_bold(mark);
  format_set_align(mark, LXW_ALIGN_RIGHT);
  lxw_format* head = book.header();
  format_set_align(head, LXW_ALIGN_CENTER);
  format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
  lxw_format* cell = book.cell();
  format_set_font_size(cell, 9);
  const double widths[] = {16, 14, 40, 30, 30, 40};
  for (lxw_col_t c = 0; c < 6; ++c) worksheet_set_column(ws, c, c, widths[c], nullptr);
  std::string heading = s.region_name + "在宅医療・介護連携推進事業";
  worksheet_merge_range(ws, 0, 0, 0, 4, heading.c_str(), title);
  std::string marks = std::string("資料1") + (s.draft ? "（案）" : "");
  worksheet_write_string(ws, 0, 5, marks.c_str(), mark);
  worksheet_set_row(ws, 0, 24, nullptr);
  auto headers = Shiryo1Headers(s.fiscal_year);
  for (lxw_col_t c = 0; c < 6; ++c) worksheet_write_string(ws, 2, c, headers[c].c_str(), head);
  worksheet_set_row(ws, 2, 30, nullptr);
  lxw_row_t row = 3;
  for (const auto& e : s.entries) {
    auto cells = Shiryo1Row(e);
    size_t lines = 1;
    for (lxw_col_t c = 0; c < 6; ++c) {
      worksheet_write_string(ws, row, c, cells[c].c_str(), cell);
      lines = std::max(lines, LinesAt(cells[c], widths[c] * 1.1));
    }
    worksheet_set_row(ws, row, std::min(409.0, 12.5 * static_cast<double>(lines) + 4), nullptr);
    row++;
  }
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);
  worksheet_repeat_rows(ws, 2, 2);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
  std::string footer = "&L" + heading + " " + core::FormatFiscalYear(s.fiscal_year) + "&R&P / &N";
  worksheet_set_footer(ws, footer.c_str());
  worksheet_freeze_panes(ws, 3, 0);
  return book.Finish();
}

Result<std::string> Shiryo1Pdf(const Shiryo1& s) {
  pdf::Document doc;
  doc.title = s.region_name + "在宅医療・介護連携推進事業";
  doc.mark = std::string("資料1") + (s.draft ? "（案）" : "");
  doc.footer = doc.title + " " + core::FormatFiscalYear(s.fiscal_year);
  pdf::Table t;
  auto headers = Shiryo1Headers(s.fiscal_year);
  const double widths[] = {30, 27, 66, 47, 47, 56};  // 273 mm of A4 landscape's 297
  for (size_t i = 0; i < 6; ++i) t.columns.push_back({headers[i], widths[i]});
  for (const auto& e : s.entries) t.rows.push_back(Shiryo1Row(e));
  doc.tables.push_back(std::move(t));
  return pdf::Render(doc);
}

}  // namespace renkei::planning
