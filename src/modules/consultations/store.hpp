#pragma once
// SQL for consultations: cases, the units that held them, timelines, follow-ups and town grants.
// No rules here: see service.hpp.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "modules/consultations/model.hpp"
#include "platform/storage/database.hpp"

namespace renkei::consultations::store {

void Insert(soci::session& sql, const Case& c);
// Writes every field and bumps the version; false when the stored version is not c.version (someone
// else saved first).
bool Update(soci::session& sql, const Case& c);
std::optional<Case> Load(soci::session& sql, const std::string& id);
long long Count(soci::session& sql);
// Sets the unit that holds a case (the demo's past hand-overs; the service uses Update).
void SetAssigned(soci::session& sql, const std::string& id, const std::string& unit);

void AddUnit(soci::session& sql, const std::string& id, const std::string& unit);
std::vector<std::string> UnitsOf(soci::session& sql, const std::string& id);

struct ActionRow {
  std::string id, consultation_id, at, by_login, kind, facility_id, facility_name, from_unit, to_unit, note;
};
void InsertAction(soci::session& sql, const ActionRow& a);
std::vector<ActionRow> ActionsOf(soci::session& sql, const std::string& id);

struct FollowupRow {
  std::string id, consultation_id, due_date, owner_login, note, created_by, created_at, done_at, done_by;
};
void InsertFollowup(soci::session& sql, const FollowupRow& f);
std::vector<FollowupRow> FollowupsOf(soci::session& sql, const std::string& id);
bool CompleteFollowup(soci::session& sql, const std::string& id, const std::string& followup_id, const std::string& at,
                      const std::string& by);

// Which cases a search may return: all of them, those that any of `units` held, or those of one town's
// residents. An empty scope returns nothing.
struct Scope {
  bool all = false;
  std::vector<std::string> units;
  std::string town;
};
struct Filter {
  std::string from, to;  // YYYY-MM-DD received, inclusive
  std::string status;    // a status, or "open" (not closed)
  std::string requester, content, scene, flag, town, channel;
  std::string unit;  // the unit that holds it now
  std::string q;     // words in the summary, client or requester name
  int limit = 50;    // at most 500
  int offset = 0;
};
struct ListRow {
  Case c;
  int open_followups = 0;
  std::string next_due;  // the earliest open follow-up's due date; "" when none
};
// Cases with an overdue follow-up first (by due date), then the newest.
std::vector<ListRow> Search(soci::session& sql, const Scope& scope, const Filter& f, const std::string& today, long long& total);
// Every case received within [from, to] (dates), for the statistics.
std::vector<Case> InPeriod(soci::session& sql, const std::string& from, const std::string& to);

// A grant names the town it was made for: it opens nothing once the person belongs to another.
bool HasTownGrant(soci::session& sql, const std::string& user_id, const std::string& municipality);
void SetTownGrant(soci::session& sql, const std::string& user_id, const std::string& municipality, bool granted, const std::string& by,
                  const std::string& at);

// The support centres of the directory (id, name), and the name of any facility.
std::vector<std::pair<std::string, std::string>> SupportCenters(soci::session& sql);
std::string FacilityName(soci::session& sql, const std::string& id);

}  // namespace renkei::consultations::store
