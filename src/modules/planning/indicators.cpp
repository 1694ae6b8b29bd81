#include "modules/planning/indicators.hpp"

#include <algorithm>
#include <cstdlib>

#include <cctype>
#include "core/codes.hpp"
#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "modules/planning/store.hpp"
#include "platform/security/audit.hpp"
#include "platform/status.hpp"
#include "platform/storage/columns.hpp"
#include "platform/text/csv.hpp"
#include "platform/text/japanese.hpp"
#include "platform/text/xlsx_reader.hpp"

namespace renkei::planning {
namespace {

using security::Permission;

// The column of the first header that matches one of the names (after text::SearchKey).
int Column(const text::CsvTable& t, std::initializer_list<const char*> names) {
  for (const char* n : names)
    for (size_t i = 0; i < t.header.size(); ++i)
      if (text::SearchKey(t.header[i]) == text::SearchKey(n)) return static_cast<int>(i);
  return -1;
}

// A town by code or name ("本庄市", "112119"), the whole region by 合計/全体/region/郡市.
std::optional<std::string> AreaOf(const std::string& cell) {
  std::string c = text::Clean(cell);
  if (c == "region" || c == "合計" || c == "全体" || c == "郡市" || c == "本庄市児玉郡") return std::string("region");
  for (const auto& m : core::DefaultMunicipalities())
    if (c == m.code || c == m.name || c == std::string(m.code).substr(0, 5)) return std::string(m.code);
  return std::nullopt;
}

bool CanWrite(const security::Principal& p) { return p.can(Permission::kManagePlans); }
bool CanRead(const security::Principal& p) { return CanWrite(p) || p.can(Permission::kViewRegionStatistics); }

}  // namespace

Result<IndicatorImport> IndicatorService::ImportCsv(const security::Principal& p, const std::string& addr, std::string_view bytes,
                                                    const std::string& source) {
  if (!CanWrite(p)) return Status::PermissionDenied("@error.forbidden");
  auto table = text::ReadCsv(bytes);
  if (!table.ok()) return table.status();
  return ImportTable(p, addr, *table, source);
}

Result<std::vector<std::vector<std::string>>> LongRowsOfSheet(const std::vector<std::vector<std::string>>& rows,
                                                              const std::string& file_name) {
  auto cell = [&](size_t r, size_t c) {
    return r < rows.size() && c < rows[r].size() ? text::Clean(rows[r][c]) : std::string();
  };
  auto key = [](const std::string& s) {
    return text::SearchKey(s);
  };
  auto is_area = [&](const std::string& h) {
    for (const char* n : {"地域", "市町村", "市区町村", "保険者", "市町", "municipality", "area"})
      if (key(h).find(key(n)) != std::string::npos) return true;
    return false;
  };
  auto year_of = [](std::string h) -> std::optional<int> {
    if (h.size() > 3 && h.compare(h.size() - 3, 3, "年") == 0) h.erase(h.size() - 3);
    return core::ParseFiscalYear(h);
  };
  size_t header = rows.size();
  size_t area_col = 0;
  for (size_t r = 0; r < rows.size() && r < 30 && header == rows.size(); ++r)
    for (size_t c = 0; c < rows[r].size(); ++c)
      if (is_area(cell(r, c))) {
        header = r, area_col = c;
        break;
      }
  if (header == rows.size()) return Status::InvalidArgument("@planning.error.indicator_sheet");
  // The indicator: an 指標ID cell above the table, else the file name's leading id (L16_在宅死亡.xlsx).
  std::string id, name, unit;
  for (size_t r = 0; r < header; ++r)
    for (size_t c = 0; c < (r < rows.size() ? rows[r].size() : 0); ++c) {
      std::string v = cell(r, c);
      if (v.empty()) continue;
      std::string k = key(v);
      if ((k.rfind(key("指標ID"), 0) == 0 || k.rfind(key("指標番号"), 0) == 0) && id.empty()) {
        std::string rest = cell(r, c + 1);
        if (rest.empty()) {
          size_t colon = v.find("：") != std::string::npos  ? v.find("：") + 3
                         : v.find(':') != std::string::npos ? v.find(':') + 1
                                                            : std::string::npos;
          if (colon != std::string::npos) rest = text::Clean(v.substr(colon));
        }
        id = rest;
      } else if (k.rfind(key("単位"), 0) == 0 && unit.empty()) {
        size_t colon = v.find("：") != std::string::npos  ? v.find("：") + 3
                       : v.find(':') != std::string::npos ? v.find(':') + 1
                                                          : std::string::npos;
        unit = colon == std::string::npos ? cell(r, c + 1) : text::Clean(v.substr(colon));
      } else if (name.empty() && k.rfind(key("指標"), 0) != 0) {
        name = v;
      }
    }
  std::string stem = file_name.substr(file_name.find_last_of("/\\") == std::string::npos ? 0 : file_name.find_last_of("/\\") + 1);
  if (stem.size() > 5 && stem.compare(stem.size() - 5, 5, ".xlsx") == 0) stem.erase(stem.size() - 5);
  if (id.empty()) {
    size_t i = 0;
    while (i < stem.size() && std::isupper(static_cast<unsigned char>(stem[i]))) ++i;
    size_t j = i;
    while (j < stem.size() && std::isdigit(static_cast<unsigned char>(stem[j]))) ++j;
    if (i > 0 && j > i) id = stem.substr(0, j);
  }
  std::vector<std::vector<std::string>> out;
  const auto& head = rows[header];
  auto col_named = [&](std::initializer_list<const char*> names) -> int {
    for (const char* n : names)
      for (size_t c = 0; c < head.size(); ++c)
        if (key(cell(header, c)) == key(n)) return static_cast<int>(c);
    return -1;
  };
  int c_year = col_named({"年度", "年", "year"}), c_value = col_named({"値", "value"});
  int c_id = col_named({"指標ID", "指標番号", "indicator_id"}), c_name = col_named({"指標名", "name"}),
      c_unit = col_named({"単位", "unit"});
  if (c_year >= 0 && c_value >= 0) {
    // Long: the CSV's own columns.
    for (size_t r = header + 1; r < rows.size(); ++r) {
      std::string rid = c_id >= 0 ? cell(r, static_cast<size_t>(c_id)) : id;
      out.push_back({rid, c_name >= 0 ? cell(r, static_cast<size_t>(c_name)) : name,
                     c_unit >= 0 ? cell(r, static_cast<size_t>(c_unit)) : unit, cell(r, area_col), cell(r, static_cast<size_t>(c_year)),
                     cell(r, static_cast<size_t>(c_value))});
    }
  } else {
    // Wide: a column per year.
    std::vector<std::pair<size_t, int>> years;
    for (size_t c = 0; c < head.size(); ++c)
      if (c != area_col)
        if (auto y = year_of(cell(header, c))) years.emplace_back(c, *y);
    if (years.empty()) return Status::InvalidArgument("@planning.error.indicator_sheet");
    if (id.empty()) return Status::InvalidArgument("@planning.error.indicator_id");
    for (size_t r = header + 1; r < rows.size(); ++r) {
      std::string area = cell(r, area_col);
      if (area.empty()) continue;
      for (const auto& [c, y] : years) {
        std::string v = cell(r, c);
        if (v.empty() || v == "-" || v == "－") continue;
        out.push_back({id, name.empty() ? stem : name, unit, area, std::to_string(y), v});
      }
    }
  }
  return out;
}

Result<IndicatorImport> IndicatorService::ImportXlsx(const security::Principal& p, const std::string& addr, std::string_view bytes,
                                                     const std::string& file_name) {
  if (!CanWrite(p)) return Status::PermissionDenied("@error.forbidden");
  auto sheet = text::ReadXlsxSheet(bytes, "表形式");
  if (!sheet.ok()) return sheet.status();
  auto rows = LongRowsOfSheet(sheet->rows, file_name);
  if (!rows.ok()) return rows.status();
  text::CsvTable table;
  table.header = {"指標ID", "指標名", "単位", "地域", "年度", "値"};
  size_t line = 1;
  for (auto& r : *rows) table.rows.push_back({++line, std::move(r)});
  return ImportTable(p, addr, table, file_name);
}

Result<IndicatorImport> IndicatorService::ImportTable(const security::Principal& p, const std::string& addr,
                                                      const text::CsvTable& source_table, const std::string& source) {
  const text::CsvTable* table = &source_table;
  int c_id = Column(*table, {"指標ID", "指標番号", "indicator_id", "id"}), c_name = Column(*table, {"指標名", "name"}),
      c_unit = Column(*table, {"単位", "unit"}), c_area = Column(*table, {"地域", "市町", "保険者", "municipality", "area"}),
      c_year = Column(*table, {"年度", "年", "year"}), c_value = Column(*table, {"値", "value"});
  if (c_id < 0 || c_area < 0 || c_year < 0 || c_value < 0) return Status::InvalidArgument("@planning.error.indicator_columns");
  IndicatorImport out;
  std::vector<std::string> seen;
  storage::Transaction tx(db_);
  for (const auto& row : table->rows) {
    auto cell = [&](int c) {
      return c >= 0 && static_cast<size_t>(c) < row.fields.size() ? text::Clean(row.fields[static_cast<size_t>(c)]) : std::string();
    };
    std::string id = cell(c_id);
    if (id.empty() && cell(c_value).empty()) continue;
    if (id.empty() || id.size() > 40) {
      out.rejected.emplace_back(row.line, "指標IDがありません");
      continue;
    }
    auto area = AreaOf(cell(c_area));
    if (!area) {
      out.rejected.emplace_back(row.line, "地域が読めません: " + cell(c_area));
      continue;
    }
    std::string y = cell(c_year);
    std::optional<int> year = core::ParseFiscalYear(y);
    if (!year) {
      out.rejected.emplace_back(row.line, "年度が読めません: " + y);
      continue;
    }
    std::string v = text::SearchKey(cell(c_value));
    v.erase(std::remove(v.begin(), v.end(), ','), v.end());
    char* end = nullptr;
    double value = std::strtod(v.c_str(), &end);
    if (v.empty() || !end || *end) {
      out.rejected.emplace_back(row.line, "値が数ではありません: " + cell(c_value));
      continue;
    }
    if (std::find(seen.begin(), seen.end(), id) == seen.end()) {
      store::UpsertIndicator(tx.sql(), id, cell(c_name).empty() ? id : cell(c_name), cell(c_unit), source);
      seen.push_back(id);
    }
    store::PutIndicatorValue(tx.sql(), id, *area, *year, value);
    out.values++;
  }
  out.indicators = static_cast<int>(seen.size());
  security::AppendAudit(tx.sql(), db_.engine(),
                        {.actor = p.user.login,
                         .action = "indicator.imported",
                         .subject = "indicators",
                         .remote_addr = addr,
                         .detail = source + ": " + std::to_string(out.values) + " values"});
  tx.commit();
  return out;
}

Status IndicatorService::SetItems(const security::Principal& p, const std::string& addr, const std::string& id,
                                  const std::vector<std::string>& items) {
  if (!CanWrite(p)) return Status::PermissionDenied("@error.forbidden");
  std::vector<std::string> clean;
  for (const auto& i : items) {
    if (!core::ProgramItemFromCode(i)) return Status::InvalidArgument("@planning.error.bad_item");
    if (std::find(clean.begin(), clean.end(), i) == clean.end()) clean.push_back(i);
  }
  storage::Transaction tx(db_);
  if (!store::SetIndicatorItems(tx.sql(), id, storage::JoinCodes(clean))) return Status::NotFound("@error.not_found");
  security::AppendAudit(tx.sql(), db_.engine(),
                        {.actor = p.user.login,
                         .action = "indicator.linked",
                         .subject = "indicator:" + id,
                         .remote_addr = addr,
                         .detail = storage::JoinCodes(clean)});
  tx.commit();
  return Status::Ok();
}

Result<std::vector<Indicator>> IndicatorService::List(const security::Principal& p) {
  if (!CanRead(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Lease l(db_);
  return store::Indicators(l.sql());
}

}  // namespace renkei::planning
