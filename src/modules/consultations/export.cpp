#include "modules/consultations/export.hpp"

#include <algorithm>

#include "platform/pdf.hpp"
#include "platform/text/csv.hpp"
#include "platform/xlsx.hpp"

namespace renkei::consultations {
namespace {

bool En(const std::string& lang) { return lang == "en"; }

std::string Title(const Stats& s, const std::string& region_name, const std::string& lang) {
  return En(lang) ? region_name + " consultations " + PeriodLabel(s.period, lang)
                  : region_name + "在宅医療・介護連携 相談支援の状況（" + PeriodLabel(s.period, lang) + "）";
}

std::string PercentNote(const Stats& s, const std::string& lang) {
  std::string how = s.format.round ? (En(lang) ? "rounded half up" : "四捨五入") : (En(lang) ? "truncated" : "切り捨て");
  std::string digits = s.format.decimals > 0 ? (En(lang) ? ", one decimal" : "・小数第1位まで") : "";
  const std::string total = CountText(s.total, s.total_hidden, lang);
  std::string note = En(lang) ? "Percentages of " + total + " cases, " + how + digits + "."
                              : "割合（％）は相談件数 " + total + " 件に対する値（" + how + digits + "）。";
  if (s.small_cells_hidden) note += En(lang) ? " Counts of 1 and 2 are shown as <3." : "1件・2件の欄は「3未満」と表示しています。";
  return note;
}

}  // namespace

std::string StatsCsv(const Stats& s, const std::string& lang) {
  std::string out = "\xEF\xBB\xBF";
  bool en = En(lang);
  out += text::CsvLine({en ? "Period" : "期間", PeriodLabel(s.period, lang), s.period.from, s.period.to});
  out += text::CsvLine({en ? "Total" : "相談件数", CountText(s.total, s.total_hidden, lang), en ? "Previous period" : "前年同期",
                        CountText(s.previous_total, s.previous_total_hidden, lang)});
  out += text::CsvLine({en ? "Group" : "区分", en ? "Code" : "コード", en ? "Item" : "項目", en ? "Count" : "件数",
                        en ? "Percent" : "割合（％）", en ? "Previous" : "前年同期件数"});
  for (const auto& g : s.groups)
    for (const auto& r : g.rows)
      out += text::CsvLine({GroupTitle(g.key, lang), r.code, r.label, CountText(r.count, r.hidden, lang), r.percent,
                            CountText(r.previous, r.previous_hidden, lang)});
  return out;
}

Result<std::string> StatsXlsx(const Stats& s, const std::string& region_name, const std::string& lang) {
  bool en = En(lang);
  xlsx::Workbook book;
  if (!book.ok()) return Status::Internal("XLSX を作れません。");
  lxw_workbook* wb = book.get();
  lxw_worksheet* ws = workbook_add_worksheet(wb, en ? "Consultations" : "資料2");
  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 14);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* number = workbook_add_format(wb);
  format_set_border(number, LXW_BORDER_THIN);
  format_set_num_format(number, "0");
  lxw_format* percent = workbook_add_format(wb);
  format_set_border(percent, LXW_BORDER_THIN);
  format_set_num_format(percent, s.format.decimals > 0 ? "0.0" : "0");
  worksheet_set_column(ws, 0, 0, 30, nullptr);
  worksheet_set_column(ws, 1, 4, 12, nullptr);
  xlsx::Workbook::PrintSetup(ws, Title(s, region_name, lang));
  worksheet_write_string(ws, 0, 0, Title(s, region_name, lang).c_str(), title);
  std::string total = (en ? "Total: " : "相談件数：") + CountText(s.total, s.total_hidden, lang) +
                      (en ? " (previous period " : " 件（前年同期 ") + CountText(s.previous_total, s.previous_total_hidden, lang) +
                      (en ? ")" : " 件）");
  worksheet_write_string(ws, 1, 0, total.c_str(), bold);
  worksheet_write_string(ws, 2, 0, PercentNote(s, lang).c_str(), nullptr);
  lxw_row_t row = 4;
  const char* heads[] = {en ? "Item" : "項目", en ? "Count" : "件数", en ? "Percent" : "割合（％）", en ? "Previous" : "前年同期",
                         en ? "Change" : "増減"};
  std::string sheet = en ? "Consultations" : "資料2";
  for (const auto& g : s.groups) {
    std::string heading =
        GroupTitle(g.key, lang) + (g.multi ? (en ? " (several per case; % of cases)" : "（複数該当あり。割合は相談件数に対する値）") : "");
    worksheet_write_string(ws, row++, 0, heading.c_str(), bold);
    for (lxw_col_t c = 0; c < 5; ++c) worksheet_write_string(ws, row, c, heads[c], book.header());
    lxw_row_t first = ++row;
    for (const auto& r : g.rows) {
      worksheet_write_string(ws, row, 0, r.label.c_str(), book.cell());
      // A hidden count is text (「3未満」), so that neither the cell nor the chart beside it tells 1 from 2.
      auto count = [&](lxw_col_t col, long long n, bool hidden) {
        if (hidden)
          worksheet_write_string(ws, row, col, CountText(n, true, lang).c_str(), book.cell());
        else
          worksheet_write_number(ws, row, col, static_cast<double>(n), number);
      };
      count(1, r.count, r.hidden);
      if (r.hidden)
        worksheet_write_string(ws, row, 2, "—", book.cell());
      else
        worksheet_write_number(ws, row, 2, r.percent_value, percent);
      count(3, r.previous, r.previous_hidden);
      if (r.hidden || r.previous_hidden)
        worksheet_write_string(ws, row, 4, "—", book.cell());
      else
        worksheet_write_number(ws, row, 4, static_cast<double>(r.count - r.previous), number);
      row++;
    }
    // A bar chart beside the table, from the counts.
    if (!g.rows.empty()) {
      lxw_chart* chart = workbook_add_chart(wb, g.key == "by_month" ? LXW_CHART_COLUMN : LXW_CHART_BAR);
      lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
      chart_series_set_categories(series, sheet.c_str(), first, 0, row - 1, 0);
      chart_series_set_values(series, sheet.c_str(), first, 1, row - 1, 1);
      chart_title_set_name(chart, GroupTitle(g.key, lang).c_str());
      chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
      if (g.key != "by_month") chart_axis_set_reverse(chart->y_axis);
      lxw_chart_options opt = {};
      opt.x_scale = 0.9;
      opt.y_scale = std::max(0.55, 0.12 * static_cast<double>(g.rows.size()) + 0.25);
      worksheet_insert_chart_opt(ws, first - 2, 6, chart, &opt);
      lxw_row_t chart_rows = static_cast<lxw_row_t>(opt.y_scale * 15);
      if (row < first - 2 + chart_rows) row = first - 2 + chart_rows;
    }
    row++;
  }
  return book.Finish();
}

Result<std::string> StatsPdf(const Stats& s, const std::string& region_name) {
  pdf::Document doc;
  doc.title = Title(s, region_name, "ja");
  doc.mark = "資料2";
  doc.footer = doc.title;
  doc.landscape = false;
  doc.font_size = 9;
  pdf::Table summary;
  summary.heading = PercentNote(s, "ja");
  summary.columns = {{"相談件数", 60}, {"前年同期", 60}};
  summary.rows.push_back(
      {CountText(s.total, s.total_hidden, "ja") + " 件", CountText(s.previous_total, s.previous_total_hidden, "ja") + " 件"});
  doc.tables.push_back(std::move(summary));
  for (const auto& g : s.groups) {
    pdf::Table t;
    t.heading = GroupTitle(g.key, "ja") + (g.multi ? "（複数該当あり。割合は相談件数に対する値）" : "");
    t.columns = {{"項目", 80}, {"件数", 25}, {"割合（％）", 25}, {"前年同期", 25}, {"増減", 25}};
    for (const auto& r : g.rows)
      t.rows.push_back({r.label, CountText(r.count, r.hidden, "ja"), r.hidden ? "—" : r.percent,
                        CountText(r.previous, r.previous_hidden, "ja"), ChangeText(r)});
    doc.tables.push_back(std::move(t));
  }
  return pdf::Render(doc);
}

}  // namespace renkei::consultations
