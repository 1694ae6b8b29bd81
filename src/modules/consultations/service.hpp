#pragma once
// Consultations (item オ) as one service: who may see and change which case, the case itself, its
// timeline, hand-overs between the hub and the support centres, follow-ups, the 資料2 statistics and the
// import of past years. Every view and change of a case writes an audit entry (consultation:<id>) in
// the same transaction; a refusal is audited too, and looks like "not found" to the caller.
#include <map>
#include <string>
#include <vector>

#include "modules/consultations/model.hpp"
#include "modules/consultations/stats.hpp"
#include "modules/consultations/store.hpp"
#include "modules/directory/picker.hpp"
#include "platform/security/accounts.hpp"
#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::consultations {

// What one person may do with consultations.
struct Viewer {
  bool all = false;                // the hub's coordinators: every case
  std::vector<std::string> units;  // support-centre staff: cases their centres held
  std::string town;                // municipal staff with a grant: read only, their town's residents
  bool can_write = false;          // record and work on cases
  bool can_stats = false;          // the region's figures
  bool any() const { return all || !units.empty() || !town.empty(); }
};

struct Unit {
  std::string code;  // hub, center:<id>
  std::string label;
};

struct CaseView {
  Case c;
  std::vector<std::string> units;
  std::vector<store::ActionRow> actions;
  std::vector<store::FollowupRow> followups;
  std::string requester_facility_name;
  bool can_write = false;
};

struct ListPage {
  std::vector<store::ListRow> rows;
  long long total = 0;
};

// What the pages show beside the records they are about (screens.cpp): everything a view needs, so that
// a view is a pure function of one of these.
// The case page: the case, the names of the units it names, the units it may be handed to, who may own a
// follow-up, and the directory's matches for the facility picker when one was asked for (no JS).
struct CaseScreen {
  CaseView view;
  std::map<std::string, std::string> unit_labels;
  std::vector<Unit> handover_targets;
  std::vector<std::pair<std::string, std::string>> handlers;  // login, name
  std::vector<directory::FacilityChoice> facility_matches;
};
// The list page: a page of cases, what this person may do, and the units to filter by.
struct ListScreen {
  ListPage page;
  store::Filter filter;
  Viewer viewer;
  std::vector<Unit> units;
  std::map<std::string, std::string> unit_labels;
};
// The case form, new or edited: the input to show, the units one may record for, the requester's
// facility by name; an edited case's id and the version the editor saw.
struct FormScreen {
  CaseInput input;
  std::vector<Unit> receiving_units;
  std::string requester_facility_name;
  std::string id;
  int version = 0;
};

class ConsultationService {
 public:
  explicit ConsultationService(storage::Database& db) : db_(db) {}

  Viewer ViewerOf(const security::Principal& p);
  // The hub and the region's support centres, for receivers and hand-overs.
  std::vector<Unit> Units();
  std::string UnitLabel(const std::string& unit);
  // A directory facility's name ("" when there is none), for a requester's organisation.
  std::string FacilityName(const std::string& facility_id);
  // The people who may own a follow-up (active accounts that handle consultations): login, name.
  std::vector<std::pair<std::string, std::string>> Handlers();
  // The units this person may record a case for (the hub: all; a centre: its own).
  std::vector<Unit> ReceivingUnits(const security::Principal& p);

  // Field problems of an input as this person would submit it (for forms); empty when it would pass.
  // PermissionDenied, before anything of the input is looked at, for someone who records no cases.
  Result<std::vector<FieldError>> Check(const security::Principal& p, const CaseInput& in);
  Result<std::string> Create(const security::Principal& p, const std::string& addr, const CaseInput& in);
  // `version` is the version the editor saw: a case changed meanwhile is refused (409).
  Status Update(const security::Principal& p, const std::string& addr, const std::string& id, const CaseInput& in, int version);
  Result<CaseView> Get(const security::Principal& p, const std::string& addr, const std::string& id);
  Result<ListPage> List(const security::Principal& p, const std::string& addr, const store::Filter& f);

  Status AddAction(const security::Principal& p, const std::string& addr, const std::string& id, const std::string& kind,
                   const std::string& facility_id, const std::string& note);
  Status Handover(const security::Principal& p, const std::string& addr, const std::string& id, const std::string& to_unit,
                  const std::string& reason);
  Status SetStatus(const security::Principal& p, const std::string& addr, const std::string& id, const std::string& status,
                   const std::string& note);
  Status AddFollowup(const security::Principal& p, const std::string& addr, const std::string& id, const std::string& due_date,
                     const std::string& owner_login, const std::string& note);
  Status CompleteFollowup(const security::Principal& p, const std::string& addr, const std::string& id, const std::string& followup_id);

  // The 資料2 statistics of a period. For a caller who may not open every case (anyone but the hub), a
  // period that is not whole fiscal years must be whole months, and its counts of 1 and 2 are hidden
  // (HideSmallCells). Every read is audited with its use ("page", "json", "xlsx", "csv", "pdf"), except
  // the plan's figures of whole fiscal years (use "figures"), which the region publishes anyway.
  Result<Stats> Statistics(const security::Principal& p, const std::string& addr, const Period& period, PercentFormat format,
                           const std::string& lang, const std::string& use);

  // The pages' screens (screens.cpp); each checks what the person may see, as Get and List do.
  Result<CaseScreen> CaseScreenOf(const security::Principal& p, const std::string& addr, const std::string& id,
                                  const std::string& facility_q);
  Result<ListScreen> ListScreenOf(const security::Principal& p, const std::string& addr, store::Filter f);
  // A new case's form (now, the first unit one records for); PermissionDenied for who records none.
  Result<FormScreen> NewCaseScreen(const security::Principal& p);
  // An existing case's form; PermissionDenied when the person may read but not change it.
  Result<FormScreen> EditCaseScreen(const security::Principal& p, const std::string& addr, const std::string& id);
  // A submitted form shown again with its problems.
  FormScreen SubmittedScreen(const security::Principal& p, const CaseInput& in, const std::string& id = "", int version = 0);
  // Directory facilities for the requester picker; PermissionDenied for who records no cases.
  Result<std::vector<directory::FacilityChoice>> FacilityPicker(const security::Principal& p, const std::string& q);

  // Admin: lets a municipal staff member read the cases of their own town's residents, or stops it.
  Status SetTownGrant(const security::Principal& admin, const std::string& addr, const std::string& user_id, bool granted);
  bool HasTownGrant(const std::string& user_id, const std::string& municipality);

  // Records cases that `actor` (the hub, through the import page or the command line) already checked;
  // all in one transaction, each audited.
  Result<int> ImportCases(const security::Principal& p, const std::string& addr, const std::vector<CaseInput>& rows,
                          const std::string& file_name);

 private:
  // Does this viewer hold the case now (the hub, or the centre it was last handed to)?
  static bool HoldsCase(const Viewer& v, const Case& c);
  // Loads a case the person may see (and, with write, change). A refusal is audited and the transaction
  // committed with only that entry in it.
  Result<Case> Visible(storage::Transaction& tx, const security::Principal& p, const Viewer& v, const std::string& addr,
                       const std::string& id, bool write);
  storage::Database& db_;
};

}  // namespace renkei::consultations
