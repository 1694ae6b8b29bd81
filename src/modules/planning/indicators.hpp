#pragma once
// Indicators beside the plan: values per town and year imported from CSV (指標ID, 指標名, 単位, 地域, 年度,
// 値 — the columns of a 地域包括ケア「見える化」システム table written out as CSV, or a town's own figures),
// linked to the program items they back, shown as trends. Municipal staff and admins import and link;
// whoever reads the plan sees them.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "platform/security/accounts.hpp"
#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::planning {

struct Indicator {
  std::string id, name, unit, source;
  std::vector<std::string> items;
  // municipality ('region' or a code) → year → value
  std::map<std::string, std::map<int, double>> values;
};

struct IndicatorImport {
  int indicators = 0, values = 0;
  std::vector<std::pair<size_t, std::string>> rejected;  // line, reason
};

class IndicatorService {
 public:
  explicit IndicatorService(storage::Database& db) : db_(db) {}
  // One transaction: a file that cannot be read changes nothing; bad rows are reported by line.
  Result<IndicatorImport> ImportCsv(const security::Principal& p, const std::string& addr, std::string_view bytes, const std::string& source);
  Status SetItems(const security::Principal& p, const std::string& addr, const std::string& id, const std::vector<std::string>& items);
  Result<std::vector<Indicator>> List(const security::Principal& p);

 private:
  storage::Database& db_;
};

}  // namespace renkei::planning
