#pragma once
// SQL for the directory: facilities and their official ids, services, attributes, local overrides and
// change history; search. No rules here: see service.hpp.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "modules/directory/model.hpp"
#include "platform/memo.hpp"
#include "platform/storage/database.hpp"

namespace renkei::directory {

// The short form, for accounts and the command line.
struct Facility {
  std::string id;
  std::string municipality_code;
  std::string name;
  std::string kind;
  std::string created_at;
};

// A facility with everything the pages show.
struct FacilityDetail {
  std::string id;
  std::string search_text;  // text::SearchKey of everything searchable, as stored
  FacilityRecord record;    // source/official_id empty; see official_ids
  bool outside_region = false;
  bool sample = false;
  std::string created_at;
  std::string updated_at;
  std::string last_confirmed_at;
  std::vector<std::pair<std::string, std::string>> official_ids;  // (source, id)
  std::vector<std::string> attributes;
  std::map<std::string, std::pair<std::string, std::string>> overrides;  // field -> (value, national value)
};

struct Keys {  // derived text kept beside a facility for search and order
  std::string name_key, search_text, kana_sort;
};

struct SearchQuery {
  std::vector<std::string> terms;  // already text::SearchKey'd, each must occur
  std::string municipality;
  std::string kind;
  std::string service;
  std::string attribute;
  bool include_outside = false;
  int open_day = -1;     // 0 = Monday … 7 = holidays; -1 = any
  int open_minute = -1;  // minutes after midnight
  enum class Sort { kRelevance, kKana, kDistance } sort = Sort::kKana;
  double lat = 0, lon = 0;
  int limit = 20;
  int offset = 0;
};

struct SearchResult {
  long long total = 0;
  std::vector<FacilityDetail> items;
  RenderMemo memo;  // the page's JSON and HTML list, made once (views.cpp)
};
// A page of results is shared, never copied: the search cache and every request reading it hold the same.
using SearchPage = std::shared_ptr<const SearchResult>;

struct ChangeRow {
  std::string at, actor, source, field, old_value, new_value;
};

struct UpdateRequest {
  std::string id, facility_id, facility_name, municipality_code, requested_by, requested_at, fields_json, note, status, reviewed_by,
      reviewed_at, comment;
};

namespace store {
void InsertRequest(soci::session& sql, const UpdateRequest& r);
std::optional<UpdateRequest> FindRequest(soci::session& sql, const std::string& id);
// status "" = all; facility_ids empty = every facility.
std::vector<UpdateRequest> ListRequests(soci::session& sql, const std::string& status, const std::string& municipality,
                                        const std::vector<std::string>& facility_ids, int limit);
void ReviewRequest(soci::session& sql, const std::string& id, const std::string& status, const std::string& by, const std::string& at,
                   const std::string& comment);
void InsertFacility(soci::session& sql, const std::string& region_id, const Facility& f);
std::vector<Facility> ListFacilities(soci::session& sql);

std::optional<std::string> FindByOfficialId(soci::session& sql, const std::string& source, const std::string& official_id);
std::optional<FacilityDetail> Load(soci::session& sql, const std::string& id);
void InsertDetail(soci::session& sql, const std::string& region_id, const std::string& id, const FacilityRecord& r, bool outside,
                  bool sample, const Keys& keys, const std::string& now);
void UpdateDetail(soci::session& sql, const std::string& id, const FacilityRecord& r, bool outside, const Keys& keys,
                  const std::string& now);
void TouchConfirmed(soci::session& sql, const std::string& id, const std::string& now);
void AddOfficialId(soci::session& sql, const std::string& id, const std::string& source, const std::string& official_id);
// Adds the services the facility does not have yet; returns how many were added.
int AddServices(soci::session& sql, const std::string& id, const std::vector<std::string>& names, const std::string& source);
// Sets the per-service facts (定員, 曜日) of services the facility has; returns how many changed.
int UpdateServiceDetails(soci::session& sql, const std::string& id, const std::vector<ServiceDetail>& details);
std::vector<ServiceDetail> ServiceDetailsOf(soci::session& sql, const std::string& id);
std::vector<OpeningHours> HoursOf(soci::session& sql, const std::string& id);
// Replaces the facility's hours; returns whether they changed.
bool ReplaceHours(soci::session& sql, const std::string& id, std::vector<OpeningHours> hours);
void SetAttributes(soci::session& sql, const std::string& id, const std::vector<std::string>& attributes);
void PutOverride(soci::session& sql, const std::string& id, const std::string& field, const std::string& value,
                 const std::string& national_value, const std::string& by, const std::string& at);
void UpdateOverrideNational(soci::session& sql, const std::string& id, const std::string& field, const std::string& national_value);
void InsertChange(soci::session& sql, const std::string& change_id, const std::string& facility_id, const std::string& at,
                  const std::string& actor, const std::string& source, const std::string& field, const std::string& old_value,
                  const std::string& new_value);
std::vector<ChangeRow> ListChanges(soci::session& sql, const std::string& facility_id, int limit);
// Services of many facilities at once: id -> names.
std::map<std::string, std::vector<std::string>> ServicesOf(soci::session& sql, const std::vector<std::string>& ids);
// Facilities by id, in the order given (unknown ids are left out), with their lists.
std::vector<FacilityDetail> LoadMany(soci::session& sql, const std::vector<std::string>& ids);
// The stored search key of a loaded facility.
std::string SearchTextOf(const FacilityDetail& d);
// Every facility of the region (not those outside it), with services, attributes and official ids.
std::vector<FacilityDetail> AllInRegion(soci::session& sql);
// Service names in use, with counts (for the search filter).
std::vector<std::pair<std::string, long long>> ServiceNames(soci::session& sql);
bool MunicipalityInRegion(soci::session& sql, const std::string& code);
}  // namespace store

}  // namespace renkei::directory
