#pragma once
// 資料2 as files: the statistics of a period as XLSX (a sheet of tables with charts, A4 landscape) and
// as CSV (UTF-8 with BOM, which Excel opens as Japanese text).
#include <string>

#include "modules/consultations/stats.hpp"
#include "platform/status.hpp"

namespace renkei::consultations {

Result<std::string> StatsXlsx(const Stats& s, const std::string& region_name, const std::string& lang);
std::string StatsCsv(const Stats& s, const std::string& lang);
// 資料2 as PDF: a table per group (item, count, percent, the year before), A4 portrait.
Result<std::string> StatsPdf(const Stats& s, const std::string& region_name);

}  // namespace renkei::consultations
