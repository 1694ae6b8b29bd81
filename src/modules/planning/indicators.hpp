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
#include "platform/text/csv.hpp"

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

// The rows of a sheet as the CSV's long table (指標ID, 指標名, 単位, 地域, 年度, 値), for the import; the
// status says why a sheet is not a table of indicator values. Pure, for tests.
Result<std::vector<std::vector<std::string>>> LongRowsOfSheet(const std::vector<std::vector<std::string>>& rows,
                                                              const std::string& file_name);

class IndicatorService {
 public:
  explicit IndicatorService(storage::Database& db) : db_(db) {}
  // One transaction: a file that cannot be read changes nothing; bad rows are reported by line.
  Result<IndicatorImport> ImportCsv(const security::Principal& p, const std::string& addr, std::string_view bytes,
                                    const std::string& source);
  // A workbook as 地域包括ケア「見える化」システム and spreadsheets give them: the sheet 表形式 (else the
  // first), its header row found by an area column (地域, 市町村, 保険者 …); either the CSV's columns
  // (long), or one row per area with a column per year (wide), the indicator's id taken from an 指標ID
  // cell or the file name (L16_….xlsx), its name and unit from the cells above the table.
  Result<IndicatorImport> ImportXlsx(const security::Principal& p, const std::string& addr, std::string_view bytes,
                                     const std::string& file_name);
  Status SetItems(const security::Principal& p, const std::string& addr, const std::string& id, const std::vector<std::string>& items);
  Result<std::vector<Indicator>> List(const security::Principal& p);

 private:
  Result<IndicatorImport> ImportTable(const security::Principal& p, const std::string& addr, const text::CsvTable& table,
                                      const std::string& source);
  storage::Database& db_;
};

}  // namespace renkei::planning
