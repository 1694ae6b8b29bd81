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
  // A new event's form as it starts (today, 14:00–16:00); PermissionDenied for anyone but staff.
  Result<EventInput> NewEventInput(const security::Principal& p);
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
