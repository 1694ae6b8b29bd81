#include "modules/sharing/store.hpp"

namespace renkei::sharing::store {

void InsertDistribution(soci::session& sql, const Distribution& d) {
  sql << "INSERT INTO card_distributions (id, date, fiscal_year, municipality, channel, count, notes, created_by, created_at) "
         "VALUES (:id, :date, :fy, :m, :ch, :n, :notes, :by, :at)",
      soci::use(d.id), soci::use(d.date), soci::use(d.fiscal_year), soci::use(d.municipality), soci::use(d.channel), soci::use(d.count),
      soci::use(d.notes), soci::use(d.created_by), soci::use(d.created_at);
}

bool DeleteDistribution(soci::session& sql, const std::string& id) {
  soci::statement st = (sql.prepare << "DELETE FROM card_distributions WHERE id = :id", soci::use(id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

namespace {
constexpr const char* kDistributionColumns =
    "SELECT id, date, fiscal_year, municipality, channel, count, notes, created_by, created_at "
    "FROM card_distributions ";

template <typename Key>
std::vector<Distribution> QueryDistributions(soci::session& sql, const std::string& where, const Key& key) {
  Distribution d;
  soci::statement st = (sql.prepare << kDistributionColumns + where, soci::use(key), soci::into(d.id), soci::into(d.date),
                        soci::into(d.fiscal_year), soci::into(d.municipality), soci::into(d.channel), soci::into(d.count),
                        soci::into(d.notes), soci::into(d.created_by), soci::into(d.created_at));
  st.execute();
  std::vector<Distribution> out;
  while (st.fetch()) out.push_back(d);
  return out;
}
}  // namespace

std::vector<Distribution> DistributionsOfYear(soci::session& sql, int fiscal_year) {
  return QueryDistributions(sql, "WHERE fiscal_year = :fy ORDER BY date, created_at", fiscal_year);
}

std::optional<Distribution> LoadDistribution(soci::session& sql, const std::string& id) {
  auto v = QueryDistributions(sql, "WHERE id = :id", id);
  if (v.empty()) return std::nullopt;
  return v.front();
}

}  // namespace renkei::sharing::store
