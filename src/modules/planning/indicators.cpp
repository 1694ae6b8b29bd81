#include "modules/planning/indicators.hpp"

#include <algorithm>
#include <cstdlib>

#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "modules/consultations/model.hpp"  // JoinCodes
#include "modules/planning/store.hpp"
#include "platform/security/audit.hpp"
#include "platform/text/csv.hpp"
#include "platform/text/japanese.hpp"

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
  int c_id = Column(*table, {"指標ID", "指標番号", "indicator_id", "id"}), c_name = Column(*table, {"指標名", "name"}),
      c_unit = Column(*table, {"単位", "unit"}), c_area = Column(*table, {"地域", "市町", "保険者", "municipality", "area"}),
      c_year = Column(*table, {"年度", "年", "year"}), c_value = Column(*table, {"値", "value"});
  if (c_id < 0 || c_area < 0 || c_year < 0 || c_value < 0) return Status::InvalidArgument("@planning.error.indicator_columns");
  IndicatorImport out;
  std::vector<std::string> seen;
  storage::Transaction tx(db_);
  for (const auto& row : table->rows) {
    auto cell = [&](int c) { return c >= 0 && static_cast<size_t>(c) < row.fields.size() ? text::Clean(row.fields[static_cast<size_t>(c)]) : std::string(); };
    std::string id = cell(c_id);
    if (id.empty() && cell(c_value).empty()) continue;
    if (id.empty() || id.size() > 40) { out.rejected.push_back({row.line, "指標IDがありません"}); continue; }
    auto area = AreaOf(cell(c_area));
    if (!area) { out.rejected.push_back({row.line, "地域が読めません: " + cell(c_area)}); continue; }
    std::string y = cell(c_year);
    std::optional<int> year = core::ParseFiscalYear(y);
    if (!year) { out.rejected.push_back({row.line, "年度が読めません: " + y}); continue; }
    std::string v = text::SearchKey(cell(c_value));
    v.erase(std::remove(v.begin(), v.end(), ','), v.end());
    char* end = nullptr;
    double value = std::strtod(v.c_str(), &end);
    if (v.empty() || !end || *end) { out.rejected.push_back({row.line, "値が数ではありません: " + cell(c_value)}); continue; }
    if (std::find(seen.begin(), seen.end(), id) == seen.end()) {
      store::UpsertIndicator(tx.sql(), id, cell(c_name).empty() ? id : cell(c_name), cell(c_unit), source);
      seen.push_back(id);
    }
    store::PutIndicatorValue(tx.sql(), id, *area, *year, value);
    out.values++;
  }
  out.indicators = static_cast<int>(seen.size());
  security::AppendAudit(tx.sql(), db_.engine(), {.actor = p.user.login, .action = "indicator.imported", .subject = "indicators", .remote_addr = addr,
                                                 .detail = source + ": " + std::to_string(out.values) + " values"});
  tx.commit();
  return out;
}

Status IndicatorService::SetItems(const security::Principal& p, const std::string& addr, const std::string& id, const std::vector<std::string>& items) {
  if (!CanWrite(p)) return Status::PermissionDenied("@error.forbidden");
  std::vector<std::string> clean;
  for (const auto& i : items) {
    if (!core::ProgramItemFromCode(i)) return Status::InvalidArgument("@planning.error.bad_item");
    if (std::find(clean.begin(), clean.end(), i) == clean.end()) clean.push_back(i);
  }
  storage::Transaction tx(db_);
  if (!store::SetIndicatorItems(tx.sql(), id, consultations::JoinCodes(clean))) return Status::NotFound("@error.not_found");
  security::AppendAudit(tx.sql(), db_.engine(), {.actor = p.user.login, .action = "indicator.linked", .subject = "indicator:" + id, .remote_addr = addr,
                                                 .detail = consultations::JoinCodes(clean)});
  tx.commit();
  return Status::Ok();
}

Result<std::vector<Indicator>> IndicatorService::List(const security::Principal& p) {
  if (!CanRead(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Lease l(db_);
  return store::Indicators(l.sql());
}

}  // namespace renkei::planning
