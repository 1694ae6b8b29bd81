#pragma once
// Public awareness (item キ): activities and their reach (広報紙, DVD上映, 講演会, 出前講座 …), the ACP
// lecturer bank (講師人材バンク) and residents' requests for a talk. Staff with kManageEvents keep them;
// the public sees upcoming talks and screenings and may ask for a talk. The model is small enough to
// live here with the service; SQL is in store.cpp.
#include <optional>
#include <string>
#include <vector>

#include "core/codes.hpp"
#include "platform/attachments.hpp"
#include "platform/security/accounts.hpp"
#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::outreach {

using core::CodeList;

const CodeList& Kinds();            // newsletter, dvd_screening, lecture, outreach_talk, leaflet, web, other
const CodeList& Areas();            // the four towns and 'region' (四市町共通)
const CodeList& RequestStatuses();  // new, assigned, held, declined

struct Activity {
  std::string id, kind = "other", municipality = "region", date;  // date: YYYY-MM-DD
  int fiscal_year = 0;
  std::string place, audience;
  long long reach = 0;
  std::string topic;
  bool acp = false, is_public = false;
  std::vector<std::string> scenes;
  std::string notes, lecturer_id, created_by, created_at, updated_at;
};

struct ActivityInput {
  std::string kind, municipality, date, place, audience, topic, notes, lecturer_id;
  std::optional<long long> reach;  // -1: not a number
  bool acp = false, is_public = false;
  std::vector<std::string> scenes;
};
std::vector<FieldError> Validate(const ActivityInput& in, Activity& out);

struct Lecturer {
  std::string id, name, profession, affiliation, topics, availability;
  bool active = true;
};

struct Request {
  std::string id, reference, group_name, contact_name, phone, email, municipality, preferred, topic;
  std::optional<int> audience_size;
  std::string status = "new", lecturer_id, activity_id, staff_note, created_at, updated_at;
};
struct RequestInput {
  std::string group_name, contact_name, phone, email, municipality, preferred, topic;
  std::optional<int> audience_size;
};
std::vector<FieldError> Validate(const RequestInput& in);

struct KindRow {
  std::string kind, label;
  long long count = 0, reach = 0;
};
struct Summary {
  int fiscal_year = 0;
  long long activities = 0, reach = 0, acp_reach = 0;
  std::vector<KindRow> by_kind;
  std::vector<KindRow> by_municipality;  // kind = area code
  std::vector<Activity> rows;
};

// What the staff pages show (screens.cpp), gathered in one service call each.
// An activity's form, new or edited: the input, the lecturers to choose from, an edited activity's id
// and files, the problems of what was submitted and the fiscal year it falls in (for the list after).
struct ActivityFormScreen {
  ActivityInput input;
  std::vector<Lecturer> lecturers;
  std::string id;  // "" for a new activity
  std::vector<attachments::File> files;
  std::vector<FieldError> errors;
  int fiscal_year = 0;
};
// The requests for a talk, with the active lecturers to assign.
struct RequestsScreen {
  std::vector<Request> requests;
  std::vector<Lecturer> lecturers;
};

class OutreachService {
 public:
  explicit OutreachService(storage::Database& db) : db_(db) {}
  static bool Staff(const security::Principal& p);

  Result<std::string> Create(const security::Principal& p, const std::string& addr, const ActivityInput& in);
  Status Update(const security::Principal& p, const std::string& addr, const std::string& id, const ActivityInput& in);
  Result<Activity> Get(const security::Principal& p, const std::string& id);
  Result<std::vector<Activity>> Year(const security::Principal& p, int fiscal_year);
  // Files of an activity (the newsletter page, a leaflet, photographs of a screening).
  Result<std::string> AddFile(const security::Principal& p, const std::string& addr, const std::string& id, const std::string& name,
                              const std::string& type, std::string_view bytes);
  // A file of an activity, for staff; the download is audited.
  // The files attached to the record, for its page (staff only, as their download).
  // The pages' screens (screens.cpp): staff only.
  Result<Summary> StaffSummary(const security::Principal& p, int fiscal_year);
  Result<ActivityFormScreen> NewForm(const security::Principal& p);
  Result<ActivityFormScreen> EditForm(const security::Principal& p, const std::string& id);
  // A submitted form, checked as it would be saved (id "" for a new activity).
  Result<ActivityFormScreen> Submitted(const security::Principal& p, const std::string& id, ActivityInput in);
  Result<std::vector<Lecturer>> StaffLecturers(const security::Principal& p);
  Result<RequestsScreen> RequestsOf(const security::Principal& p, const std::string& addr);
  // The year's figures and activities as XLSX (export.cpp).
  Result<std::string> SummaryXlsx(const security::Principal& p, int fiscal_year, const std::string& region_name);

  Result<std::vector<attachments::File>> Files(const security::Principal& p, const std::string& id);
  Result<attachments::File> File(const security::Principal& p, const std::string& addr, const std::string& id, const std::string& file_id);
  Result<Summary> SummaryOf(const security::Principal& p, int fiscal_year);
  // Public: announced talks and screenings from today on.
  std::vector<Activity> Upcoming();

  Result<std::string> AddLecturer(const security::Principal& p, const std::string& addr, const Lecturer& l);
  Status SetLecturerActive(const security::Principal& p, const std::string& addr, const std::string& id, bool active);
  std::vector<Lecturer> Lecturers(bool active_only);

  // Public: a residents' group asks for a talk; returns the reference number.
  Result<std::string> SubmitRequest(const RequestInput& in, const std::string& addr);
  Result<std::vector<Request>> Requests(const security::Principal& p, const std::string& addr);
  Status Assign(const security::Principal& p, const std::string& addr, const std::string& id, const std::string& lecturer_id,
                const std::string& note);
  Status Decline(const security::Principal& p, const std::string& addr, const std::string& id, const std::string& note);
  // The talk was held: records it as an outreach talk with its attendance, linked to the request.
  Result<std::string> MarkHeld(const security::Principal& p, const std::string& addr, const std::string& id, const std::string& date,
                               long long attendance);

 private:
  storage::Database& db_;
};

}  // namespace renkei::outreach
