#pragma once
// Training and events (item カ) as one service: events and venues (staff with kManageEvents), public
// registration with capacity and a waiting list, cancellation by link, attendance at the door,
// evaluations, and the figures of a fiscal year. Staff actions are audited (event:<id>); public
// forms never show anyone else's registration.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/events/model.hpp"
#include "modules/events/store.hpp"
#include "platform/attachments.hpp"
#include "platform/mail.hpp"
#include "platform/security/accounts.hpp"
#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::events {

struct RegistrationResult {
  Registration registration;
  std::string cancel_token;  // shown once, in the cancel link
};

struct Counts {
  long long registered = 0;  // registered or attended, walk-ins included (past events: the reported count)
  long long waitlisted = 0;
  long long cancelled = 0;
  long long attended = 0;
};

struct EvaluationSummary {
  long long responses = 0;
  double average = 0;
  long long by_score[6] = {0, 0, 0, 0, 0, 0};  // index 1..5
  std::vector<store::Evaluation> comments;     // those with text
};

struct Breakdown {
  std::string code, label;
  long long registered = 0, attended = 0;
};

struct KindRow {
  std::string kind, label;
  long long count = 0, registered = 0, attended = 0;
};

struct YearSummary {
  int fiscal_year = 0;
  long long events = 0, registered = 0, attended = 0;
  std::vector<KindRow> by_kind;
  std::vector<Breakdown> by_profession, by_organization_kind, by_municipality;
  std::vector<std::pair<Event, Counts>> rows;  // each event of the year
};

// What the pages show (screens.cpp), gathered in one service call each.
// An event with what its card shows beside it: its counts and its venue.
struct EventRow {
  Event event;
  Counts counts;
  std::optional<store::Venue> venue;
};
// The staff's event form: the input, the venues to choose from, and the problems of a refused save.
struct EventFormScreen {
  std::string id;  // empty for a new event
  EventInput input;
  std::vector<store::Venue> venues;
  std::vector<FieldError> errors;
  bool saved = false;  // Save stored it (id is set)
};
struct StaffEventScreen {
  EventRow row;
  EventFormScreen form;
  std::vector<Registration> registrations;
  std::optional<EvaluationSummary> evaluations;
  std::vector<attachments::File> files;
};
// The door: the registrations that match the search, and the counts of the whole list.
struct CheckinScreen {
  EventRow row;
  std::string q;
  std::vector<Registration> shown;
  long long attended = 0, expected = 0;
};
struct PublicListScreen {
  int fiscal_year = 0;
  std::vector<EventRow> upcoming, past;  // past: this fiscal year's, newest first
};
struct RegisterScreen {
  EventRow row;
  RegistrationInput input;
  std::vector<FieldError> errors;
  std::optional<RegistrationResult> done;  // registered (or waitlisted)
};
struct CancelScreen {
  Registration registration;
  EventRow row;
};

class EventService {
 public:
  // Without a mailer (other modules reading figures) nothing is ever sent.
  explicit EventService(storage::Database& db, mail::Mailer* mailer = nullptr) : db_(db), mailer_(mailer) {}

  // Staff.
  Result<std::string> Create(const security::Principal& p, const std::string& addr, const EventInput& in);
  Status Update(const security::Principal& p, const std::string& addr, const std::string& id, const EventInput& in);
  Result<std::vector<Event>> ListYear(const security::Principal& p, int fiscal_year);
  Result<std::vector<Registration>> RegistrationsOf(const security::Principal& p, const std::string& addr, const std::string& id);
  Status SetAttended(const security::Principal& p, const std::string& addr, const std::string& id, const std::string& registration_id,
                     bool attended);
  Result<Registration> AddWalkIn(const security::Principal& p, const std::string& addr, const std::string& id, const RegistrationInput& in);
  Result<std::string> AddVenue(const security::Principal& p, const std::string& addr, const std::string& name, const std::string& address,
                               std::optional<int> capacity);
  std::vector<store::Venue> Venues();
  Result<EvaluationSummary> EvaluationsOf(const security::Principal& p, const std::string& id);
  Result<YearSummary> Summary(const security::Principal& p, int fiscal_year);
  Result<std::string> AddMaterial(const security::Principal& p, const std::string& addr, const std::string& id, const std::string& name,
                                  const std::string& type, std::string_view bytes);
  // A material of an event, for staff; the download is audited.
  // The files attached to the record, for its page (staff only, as their download).
  Result<std::vector<attachments::File>> Materials(const security::Principal& p, const std::string& id);
  Result<attachments::File> Material(const security::Principal& p, const std::string& addr, const std::string& id,
                                     const std::string& file_id);

  // Anyone.
  // An event as the public sees it (not drafts), or as staff see it with include_drafts.
  Result<Event> Get(const std::string& id, bool include_drafts = false);
  // For the staff pages: any event, drafts too; PermissionDenied for anyone but staff.
  Result<Event> StaffGet(const security::Principal& p, const std::string& id);
  // The kept venues, for the staff's venue page.
  Result<std::vector<store::Venue>> StaffVenues(const security::Principal& p);

  // The pages' screens (screens.cpp). Staff: PermissionDenied for anyone else.
  Result<std::vector<EventRow>> StaffYear(const security::Principal& p, int fiscal_year);
  // A new event's form as it starts (today, 14:00–16:00).
  Result<EventFormScreen> NewForm(const security::Principal& p);
  // Validates and stores a new event (empty id) or an edit: saved, or the form again with its problems.
  Result<EventFormScreen> Save(const security::Principal& p, const std::string& addr, const std::string& id, const EventInput& in);
  Result<StaffEventScreen> StaffEvent(const security::Principal& p, const std::string& addr, const std::string& id);
  // `q` matches names, organisations and reference numbers, kana and width folded.
  Result<CheckinScreen> Checkin(const security::Principal& p, const std::string& addr, const std::string& id, const std::string& q);
  // Anyone; `viewer` (nullptr: nobody logged in) sees drafts when staff.
  PublicListScreen PublicList();
  Result<EventRow> RowFor(const security::Principal* viewer, const std::string& id);
  std::vector<EventRow> PublicRowsEndingAfter(const std::string& iso);  // for the calendar feed
  Result<std::vector<EventRow>> YearFor(const security::Principal* viewer, int fiscal_year);
  // A registration from the public form: registered, or the form again with its problems.
  Result<RegisterScreen> RegisterFromForm(const std::string& id, const RegistrationInput& in, const std::string& addr,
                                          const std::string& cancel_url_base);
  Result<CancelScreen> CancelPage(const std::string& token);
  // The year's figures as a workbook (export.cpp).
  Result<std::string> SummaryXlsx(const security::Principal& p, int fiscal_year, const std::string& region_name);
  std::vector<Event> Upcoming();                                 // public events not yet ended
  std::vector<Event> PublicEndingAfter(const std::string& iso);  // for the calendar feed
  std::vector<Event> PublicYear(int fiscal_year);
  Counts CountsOf(const std::string& id);
  std::optional<store::Venue> Venue(const std::string& id);
  // Registers (or waitlists when full); sends a confirmation when an e-mail was given and mail is on.
  Result<RegistrationResult> Register(const std::string& id, const RegistrationInput& in, const std::string& addr,
                                      const std::string& cancel_url_base);
  // The registration behind a cancel link (for its confirmation page), and the cancellation itself,
  // which moves the first on the waiting list up.
  Result<std::pair<Registration, Event>> FindByCancelToken(const std::string& token);
  Status Cancel(const std::string& token, const std::string& addr);
  Status Evaluate(const std::string& id, int satisfaction, const std::string& useful, const std::string& comment);

  static bool Staff(const security::Principal& p);

 private:
  storage::Database& db_;
  mail::Mailer* mailer_;
};

}  // namespace renkei::events
