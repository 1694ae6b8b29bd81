// The year's training figures as a workbook: totals, each event, and the breakdowns by kind,
// profession, kind of organisation and town, on one A4 sheet.
#include "core/wareki.hpp"
#include "modules/events/service.hpp"
#include "platform/clock.hpp"
#include "platform/xlsx.hpp"

namespace renkei::events {

Result<std::string> EventService::SummaryXlsx(const security::Principal& p, int fiscal_year, const std::string& region_name) {
  auto s = Summary(p, fiscal_year);
  if (!s.ok()) return s.status();
  xlsx::Workbook book;
  if (!book.ok()) return Status::Internal("XLSX を作れません。");
  lxw_worksheet* ws = workbook_add_worksheet(book.get(), "研修・イベント");
  worksheet_set_column(ws, 0, 0, 36, nullptr);
  worksheet_set_column(ws, 1, 5, 12, nullptr);
  std::string title = region_name + " 医療・介護関係者の研修（" + core::FormatFiscalYear(s->fiscal_year) + "）";
  xlsx::Workbook::PrintSetup(ws, title, 3);
  lxw_row_t row = book.Table(ws, 0, title, {"開催数", "申込", "参加"},
                             {{std::to_string(s->events), std::to_string(s->registered), std::to_string(s->attended)}});
  std::vector<std::vector<std::string>> events;
  for (const auto& [e, c] : s->rows) {
    std::string day = clock::IsoToTokyoMinute(e.starts_at).substr(0, 10);
    auto d = core::ParseIsoDate(day);
    events.push_back(
        {e.title, Kinds().label(e.kind), d ? core::FormatShort(*d) : day, std::to_string(c.registered), std::to_string(c.attended)});
  }
  row = book.Table(ws, row, "開催一覧", {"名称", "種類", "開催日", "申込", "参加"}, events);
  std::vector<std::vector<std::string>> kinds;
  for (const auto& k : s->by_kind)
    kinds.push_back({k.label, std::to_string(k.count), std::to_string(k.registered), std::to_string(k.attended)});
  row = book.Table(ws, row, "種類別", {"種類", "開催数", "申込", "参加"}, kinds);
  auto breakdown = [&](const char* heading, const std::vector<Breakdown>& v) {
    std::vector<std::vector<std::string>> rows;
    rows.reserve(v.size());
    for (const auto& b : v) rows.push_back({b.label, std::to_string(b.registered), std::to_string(b.attended)});
    row = book.Table(ws, row, heading, {"区分", "申込", "参加"}, rows);
  };
  breakdown("職種別（申込のあった研修）", s->by_profession);
  breakdown("所属の種類別", s->by_organization_kind);
  breakdown("市町別", s->by_municipality);
  return book.Finish();
}

}  // namespace renkei::events
