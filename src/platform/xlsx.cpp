#include "platform/xlsx.hpp"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace renkei::xlsx {

Workbook::Workbook() {
  static std::atomic<unsigned long> counter{0};
  path_ = (std::filesystem::temp_directory_path() /
           ("renkei-" + std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1)) + ".xlsx"))
              .string();
  wb_ = workbook_new(path_.c_str());
}

Workbook::~Workbook() {
  if (wb_) workbook_close(wb_);
  std::error_code ec;
  std::filesystem::remove(path_, ec);
}

Result<std::string> Workbook::Finish() {
  if (!wb_) return Status::Internal("XLSX を作れません。", path_);
  lxw_error err = workbook_close(wb_);
  wb_ = nullptr;
  std::string bytes;
  if (err == LXW_NO_ERROR) {
    std::ifstream in(path_, std::ios::binary);
    bytes.assign((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  std::error_code ec;
  std::filesystem::remove(path_, ec);
  if (err != LXW_NO_ERROR || bytes.empty()) return Status::Internal("XLSX の書き込みに失敗しました。", lxw_strerror(err));
  return bytes;
}

lxw_format* Workbook::header() {
  if (!header_) {
    header_ = workbook_add_format(wb_);
    format_set_bold(header_);
    format_set_bg_color(header_, 0xDDE7EE);
    format_set_border(header_, LXW_BORDER_THIN);
    format_set_text_wrap(header_);
  }
  return header_;
}

lxw_format* Workbook::cell() {
  if (!cell_) {
    cell_ = workbook_add_format(wb_);
    format_set_text_wrap(cell_);
    format_set_border(cell_, LXW_BORDER_THIN);
    format_set_align(cell_, LXW_ALIGN_VERTICAL_TOP);
  }
  return cell_;
}

void Workbook::PrintSetup(lxw_worksheet* ws, const std::string& footer_left, lxw_row_t header_row) {
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_repeat_rows(ws, header_row, header_row);
  worksheet_fit_to_pages(ws, 1, 0);
  std::string footer = "&L" + footer_left + "&R&P / &N";
  worksheet_set_footer(ws, footer.c_str());
}

lxw_row_t Workbook::Table(lxw_worksheet* ws, lxw_row_t row, const std::string& title, const std::vector<std::string>& headers,
                          const std::vector<std::vector<std::string>>& rows) {
  if (!bold_) {
    bold_ = workbook_add_format(wb_);
    format_set_bold(bold_);
    number_ = workbook_add_format(wb_);
    format_set_border(number_, LXW_BORDER_THIN);
  }
  if (!title.empty()) worksheet_write_string(ws, row++, 0, title.c_str(), bold_);
  for (size_t c = 0; c < headers.size(); ++c) worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), headers[c].c_str(), header());
  row++;
  for (const auto& r : rows) {
    for (size_t c = 0; c < r.size(); ++c) {
      const std::string& v = r[c];
      bool number = !v.empty() && v.size() < 16 && v.find_first_not_of("0123456789") == std::string::npos;
      if (number)
        worksheet_write_number(ws, row, static_cast<lxw_col_t>(c), std::stod(v), number_);
      else
        worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), v.c_str(), cell());
    }
    row++;
  }
  return row + 1;
}

}  // namespace renkei::xlsx
