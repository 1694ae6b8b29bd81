#pragma once
// SQL for planning: entries, the year's state, the frozen approved text, history and comments.
#include <optional>
#include <string>
#include <vector>

#include "modules/planning/indicators.hpp"
#include "modules/planning/service.hpp"

namespace renkei::planning::store {

std::vector<Entry> Entries(soci::session& sql, int fiscal_year);
void PutEntry(soci::session& sql, const Entry& e);
std::optional<YearState> Year(soci::session& sql, int fiscal_year);
void PutYear(soci::session& sql, const YearState& y);
std::vector<Entry> Frozen(soci::session& sql, int fiscal_year);
void ReplaceFrozen(soci::session& sql, int fiscal_year, const std::vector<Entry>& entries);
// Approved versions of a year (plan_versions: rows are only ever added). Returns the number it added.
int AddApprovedVersion(soci::session& sql, int fiscal_year, const std::vector<Entry>& entries, const std::string& meeting_id,
                       const std::string& at, const std::string& by);
int ApprovedVersions(soci::session& sql, int fiscal_year);
void AddHistory(soci::session& sql, int fiscal_year, const std::string& item, const std::string& at, const std::string& by,
                const std::string& action, const std::string& snapshot);
std::vector<HistoryRow> History(soci::session& sql, int fiscal_year);
void AddComment(soci::session& sql, const Comment& c, int fiscal_year);
std::vector<Comment> Comments(soci::session& sql, int fiscal_year);
std::vector<int> Years(soci::session& sql);
// item → refs
std::vector<std::pair<std::string, std::string>> Links(soci::session& sql, int fiscal_year);
void ReplaceLinks(soci::session& sql, int fiscal_year, const std::string& item, const std::vector<std::string>& refs);
// The kind and the date (ISO UTC) of a meeting, for approvals; nothing when there is no such meeting.
std::optional<std::pair<std::string, std::string>> MeetingKindAndTime(soci::session& sql, const std::string& id);

// Indicators: upserted by id, values by (indicator, area, year), the items they back.
void UpsertIndicator(soci::session& sql, const std::string& id, const std::string& name, const std::string& unit,
                     const std::string& source);
void PutIndicatorValue(soci::session& sql, const std::string& id, const std::string& area, int year, double value);
bool SetIndicatorItems(soci::session& sql, const std::string& id, const std::string& items);
std::vector<Indicator> Indicators(soci::session& sql);

}  // namespace renkei::planning::store
