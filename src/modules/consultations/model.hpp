#pragma once
// Consultations (item オ): the codes of a case and the case itself, as the API and the statistics use
// them. Labels are Japanese first, with English beside them for the English interface. No I/O.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/codes.hpp"
#include "platform/status.hpp"

namespace renkei::consultations {

// The code vocabulary is core's; the lists below are this module's own.
using core::CareLevels;
using core::CodeInfo;
using core::CodeList;
using core::ResidentTowns;
using core::Sexes;

const CodeList& Channels();
const CodeList& Requesters();
const CodeList& Contents();
const CodeList& Scenes();
const CodeList& AgeBands();
const CodeList& Households();
const CodeList& Flags();
const CodeList& Statuses();
const CodeList& ActionKinds();

// A receiving unit: "hub" or "center:<facility id>".
inline constexpr const char* kHubUnit = "hub";
bool IsUnit(std::string_view unit);
inline std::string CenterUnit(const std::string& facility_id) { return "center:" + facility_id; }

// A case as stored. Lists hold codes.
struct Case {
  std::string id;
  std::string received_at;    // ISO-8601 UTC
  std::string received_date;  // YYYY-MM-DD, Japan time
  int fiscal_year = 0;
  std::string channel;
  std::string received_unit;
  std::string assigned_unit;
  std::string staff_login;
  std::string requester_category;
  std::string requester_facility_id;  // "" when none
  std::string requester_name;
  std::string resident_municipality;
  std::string age_band = "unknown";
  std::string sex = "unknown";
  std::string care_level = "unknown";
  std::string household = "unknown";
  std::vector<std::string> flags;
  std::vector<std::string> content_categories;
  std::vector<std::string> scenes;
  std::string client_name;
  std::string summary;
  std::string status = "received";
  int minutes_spent = 0;
  std::string closed_at;
  std::string imported_from;
  std::string created_by;
  std::string created_at;
  std::string updated_at;
  int version = 1;
};

// What a person typed or an integration sent, before checks. Empty strings mean "not given".
struct CaseInput {
  std::string received_at;  // ISO-8601 with offset (or Z); a bare date or "YYYY-MM-DD HH:MM" is Japan time
  std::string channel;
  std::string receiver;  // unit
  std::string staff_login;
  std::string requester_category;
  std::string requester_facility_id;
  std::string requester_name;
  std::string resident_municipality;
  std::string age_band, sex, care_level, household;
  std::vector<std::string> flags, content_categories, scenes;
  std::string client_name;
  std::string summary;
  std::string status;
  std::optional<int> minutes_spent;
};

using renkei::FieldError;
// Checks every code and the time; fills `out` (received_date and fiscal_year too) from `in`.
std::vector<FieldError> Validate(const CaseInput& in, Case& out);

// "2024-03-31T10:00:00+09:00", "2024-03-31T01:00:00Z", "2024-03-31 10:00" (Japan time), "2024-03-31"
// (Japan time, midnight), and 和暦 dates (R6/3/31) → ISO-8601 UTC; nothing when it is not a time.
std::optional<std::string> ParseReceivedAt(std::string_view text);

}  // namespace renkei::consultations
