// The year's outreach as XLSX: totals, by kind, by town, then every activity.
#include "core/wareki.hpp"
#include "modules/outreach/service.hpp"
#include "platform/xlsx.hpp"

namespace renkei::outreach {

Result<std::string> OutreachService::SummaryXlsx(const security::Principal& p, int fiscal_year, const std::string& region_name) {
  auto s = SummaryOf(p, fiscal_year);
  if (!s.ok()) return s.status();
  xlsx::Workbook book;
  if (!book.ok()) return Status::Internal("XLSX を作れません。");
  lxw_worksheet* ws = workbook_add_worksheet(book.get(), "普及啓発");
  worksheet_set_column(ws, 0, 0, 22, nullptr);
  worksheet_set_column(ws, 1, 6, 16, nullptr);
  std::string title = region_name + " 地域住民への普及啓発（" + core::FormatFiscalYear(s->fiscal_year) + "）";
  xlsx::Workbook::PrintSetup(ws, title, 3);
  lxw_row_t row = book.Table(ws, 0, title, {"活動数", "到達数（人・部）", "うち人生会議（ACP）"},
                             {{std::to_string(s->activities), std::to_string(s->reach), std::to_string(s->acp_reach)}});
  std::vector<std::vector<std::string>> kinds, areas, list;
  for (const auto& k : s->by_kind) kinds.push_back({k.label, std::to_string(k.count), std::to_string(k.reach)});
  for (const auto& k : s->by_municipality) areas.push_back({k.label, std::to_string(k.count), std::to_string(k.reach)});
  for (const auto& a : s->rows)
    list.push_back(
        {core::DateLabel(a.date), Kinds().label(a.kind), Areas().label(a.municipality), a.place, a.topic, std::to_string(a.reach)});
  row = book.Table(ws, row, "種類別", {"種類", "件数", "到達数"}, kinds);
  row = book.Table(ws, row, "市町別", {"市町", "件数", "到達数"}, areas);
  book.Table(ws, row, "活動一覧", {"日付", "種類", "市町", "場所・媒体", "テーマ", "到達数"}, list);
  return book.Finish();
}

}  // namespace renkei::outreach
