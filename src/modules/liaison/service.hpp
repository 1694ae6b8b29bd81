#pragma once
// Meetings among the towns (items ク and イ): 協議会, 市町担当者会議, 拠点・市町担当者会議, 在宅医療担当課長会議
// and kinds the admin adds; attendees, agenda, minutes in Markdown, decisions, action items that stay on
// their owner's home page until done, papers. Staff with kManageEvents (admins, municipal staff, the
// hub) keep them; every change is audited (meeting:<id>).
#include <optional>
#include <string>
#include <vector>

#include "platform/attachments.hpp"
#include "platform/security/accounts.hpp"
#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::liaison {

struct Kind {
  std::string code, label;
  int ord = 0;
  bool builtin = false;
};

struct Attendee {
  std::string login;  // "" when not an account
  std::string name, organization;
};

struct ActionItem {
  std::string id, meeting_id, title, owner_login, due_date, status = "open", done_at, created_at;
  std::string meeting_title;  // for lists
};

struct Meeting {
  std::string id, kind, title, held_at;  // held_at: ISO UTC
  int fiscal_year = 0;
  std::string place;
  bool online = false;
  std::string agenda, minutes, decisions, created_by, created_at, updated_at;
  std::vector<Attendee> attendees;
};

struct MeetingInput {
  std::string kind, title, held_at, place, agenda, minutes, decisions;
  bool online = false;
  // One attendee a line: "name, organization" or a login.
  std::string attendees;
};
std::vector<FieldError> Validate(const MeetingInput& in, const std::vector<Kind>& kinds, Meeting& out);

struct KindCount {
  std::string kind, label;
  long long count = 0;
};
struct Summary {
  int fiscal_year = 0;
  long long meetings = 0;
  std::vector<KindCount> by_kind;
};

// What the pages show (screens.cpp), gathered in one service call each.
// A meeting's page: the meeting, the kinds' names, its action items and papers.
struct MeetingScreen {
  Meeting meeting;
  std::vector<Kind> kinds;
  std::vector<ActionItem> actions;
  std::vector<attachments::File> papers;
};
// The year's list: its figures, the meetings (of one kind when asked), the kinds, and whether this
// person may edit the kinds.
struct MeetingListScreen {
  Summary summary;
  std::vector<Meeting> meetings;
  std::vector<Kind> kinds;
  std::string kind;
  bool can_kinds = false;
};
// The meeting form, new or edited, and the problems of what was submitted.
struct MeetingFormScreen {
  MeetingInput input;
  std::vector<Kind> kinds;
  std::string id;  // "" for a new meeting
  std::vector<FieldError> errors;
};

class LiaisonService {
 public:
  explicit LiaisonService(storage::Database& db) : db_(db) {}
  static bool Staff(const security::Principal& p);

  std::vector<Kind> Kinds();
  Status AddKind(const security::Principal& p, const std::string& addr, const std::string& code, const std::string& label);

  Result<std::string> Create(const security::Principal& p, const std::string& addr, const MeetingInput& in);
  Status Update(const security::Principal& p, const std::string& addr, const std::string& id, const MeetingInput& in);
  Result<Meeting> Get(const security::Principal& p, const std::string& id);
  Result<std::vector<Meeting>> Year(const security::Principal& p, int fiscal_year, const std::string& kind = {});
  Result<Summary> SummaryOf(const security::Principal& p, int fiscal_year);

  Result<std::string> AddAction(const security::Principal& p, const std::string& addr, const std::string& meeting_id,
                                const std::string& title, const std::string& owner_login, const std::string& due_date);
  // The owner, or any staff member, marks an action done (or open again).
  Status SetActionDone(const security::Principal& p, const std::string& addr, const std::string& action_id, bool done);
  Result<std::vector<ActionItem>> ActionsOf(const security::Principal& p, const std::string& meeting_id);
  // A person's open action items, for their home page.
  std::vector<ActionItem> OpenActionsFor(const std::string& login);

  Result<std::string> AddPaper(const security::Principal& p, const std::string& addr, const std::string& id, const std::string& name,
                               const std::string& type, std::string_view bytes);
  // A paper of a meeting, for staff; the download is audited.
  // The files attached to the record, for its page (staff only, as their download).
  // The pages' screens (screens.cpp); staff only, as Get is.
  Result<MeetingScreen> PageOf(const security::Principal& p, const std::string& id);
  Result<MeetingListScreen> ListOf(const security::Principal& p, int fiscal_year, const std::string& kind);
  // A new meeting's form (today 14:00, of `kind` when given).
  Result<MeetingFormScreen> NewForm(const security::Principal& p, const std::string& kind);
  Result<MeetingFormScreen> EditForm(const security::Principal& p, const std::string& id);
  // A submitted form, checked as it would be saved (id "" for a new meeting); errors empty when it passes.
  Result<MeetingFormScreen> Submitted(const security::Principal& p, const std::string& id, MeetingInput in);
  // The kinds, for the admin's page (kManageUsers).
  Result<std::vector<Kind>> KindsForAdmin(const security::Principal& p);
  // The year's figures and meetings as XLSX (export.cpp).
  Result<std::string> SummaryXlsx(const security::Principal& p, int fiscal_year, const std::string& region_name);

  Result<std::vector<attachments::File>> Papers(const security::Principal& p, const std::string& id);
  Result<attachments::File> Paper(const security::Principal& p, const std::string& addr, const std::string& id, const std::string& file_id);

 private:
  storage::Database& db_;
};

}  // namespace renkei::liaison
