// The year's meetings as XLSX: counts per kind, then every meeting.
#include "core/wareki.hpp"
#include "modules/liaison/service.hpp"
#include "modules/liaison/views.hpp"
#include "platform/xlsx.hpp"

namespace renkei::liaison {

Result<std::string> LiaisonService::SummaryXlsx(const security::Principal& p, int fiscal_year, const std::string& region_name) {
  auto s = SummaryOf(p, fiscal_year);
  if (!s.ok()) return s.status();
  auto list = Year(p, s->fiscal_year);
  xlsx::Workbook book;
  if (!book.ok()) return Status::Internal("XLSX を作れません。");
  lxw_worksheet* ws = workbook_add_worksheet(book.get(), "会議");
  worksheet_set_column(ws, 0, 0, 28, nullptr);
  worksheet_set_column(ws, 1, 3, 22, nullptr);
  std::string title = region_name + " 関係市町の連携・会議（" + core::FormatFiscalYear(s->fiscal_year) + "）";
  xlsx::Workbook::PrintSetup(ws, title, 2);
  std::vector<std::vector<std::string>> kinds, rows;
  kinds.reserve(s->by_kind.size());
  for (const auto& k : s->by_kind) kinds.push_back({k.label, std::to_string(k.count)});
  lxw_row_t row = book.Table(ws, 0, title, {"会議の種類", "開催回数"}, kinds);
  auto all_kinds = Kinds();
  if (list.ok())
    for (const auto& m : *list)
      rows.push_back({views::When(m.held_at), views::KindLabel(all_kinds, m.kind), m.title, m.online ? "オンライン" : m.place});
  book.Table(ws, row, "開催一覧", {"日時", "種類", "名称", "場所"}, rows);
  return book.Finish();
}

}  // namespace renkei::liaison
