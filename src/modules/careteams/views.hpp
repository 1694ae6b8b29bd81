#pragma once
// What the care-team pages and the API show: pure functions from the service's screens to page data for
// the templates in views/ and to JSON.
#include <boost/json/object.hpp>
#include <string>

#include "modules/careteams/service.hpp"
#include "platform/web/views.hpp"

namespace renkei::careteams::views {

web::Data TeamsData(const TeamsScreen& s, const std::string& notice, const std::string& lang);
web::Data FormData(const PatientForm& f, const std::string& lang);
// `notice`/`error`: the page's ?notice= and ?error= (only known keys are shown); `post_errors` the
// problems of a post sent from this page, with `sent` what was typed.
web::Data PatientData(const PatientScreen& s, const std::string& notice, const std::string& error,
                      const std::vector<FieldError>& post_errors, const PostInput& sent, const std::string& lang);
web::Data InviteData(const InviteScreen& s, const std::string& lang);
web::Data SummaryData(const SummaryScreen& s, const std::string& region_name, const std::string& printed_at, const std::string& lang);

// A person's open tasks on their home page: the patient's name, the task, its due date (overdue marked).
web::Data HomeTaskRows(const std::vector<store::Task>& tasks, const std::string& today);

// What waits for a person on their home page: posts addressed to them and tasks given to them, unread.
web::Data HomeNotificationRows(const std::vector<store::Notification>& list, const std::string& lang);

boost::json::object TeamsJson(const TeamsScreen& s);
boost::json::object PatientJson(const PatientScreen& s);

// An age in whole years on a date, from two ISO dates; -1 when either is not a date.
int AgeOn(const std::string& birth_date, const std::string& today);

}  // namespace renkei::careteams::views
