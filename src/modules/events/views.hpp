#pragma once
// What event pages and API answers show: pure functions from the service's results (screens.cpp) to
// page data for the templates in views/ and to JSON. Shared by the public and the staff pages.
#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "modules/events/model.hpp"
#include "modules/events/service.hpp"
#include "platform/http/parse.hpp"
#include "platform/web/views.hpp"

namespace renkei::events::views {

// Where an event is: the venue's name (with its address for the public), then the note.
std::string Place(const EventRow& r, bool with_address);
// Title, kind, date and time in 和暦, place, lecturers, seats left: what a card and a page show.
web::Data EventCard(const EventRow& r, const std::string& location, const std::string& lang);

// ---- public ----
web::Data PublicListData(const PublicListScreen& s, const std::string& lang);
// An event's page with the registration form: empty, or as sent with its problems.
web::Data PublicEventData(const RegisterScreen& s, const std::string& lang);
// A registration's confirmation page, behind its cancel link.
web::Data RegistrationData(const CancelScreen& s, const std::string& token, const std::string& cancel_url, bool just_registered, bool mail,
                           const std::string& lang);
web::Data EvaluationFormData(const Event& e);

// ---- staff ----
// `years` is the fiscal-year <select> (app::FiscalYearChoices).
web::Data StaffListData(const std::vector<EventRow>& rows, int fiscal_year, const web::Data& years, const http::Params& q,
                        const std::string& lang);
web::Data SummaryPageData(const YearSummary& s, const web::Data& years, const std::string& lang);
web::Data VenuesPageData(const std::vector<store::Venue>& venues, const http::Params& q, const std::string& lang);
// The event form: a new one, an edit, or either again with its problems.
web::Data FormPageData(const EventFormScreen& f, const std::string& lang);
// An event's staff page: the form, its card, registrations, evaluations with the QR code, materials.
web::Data StaffEventData(const StaffEventScreen& s, const std::string& evaluation_url, const http::Params& q, const std::string& lang);
web::Data CheckinPageData(const CheckinScreen& s, const http::Params& q, const std::string& lang);

// ---- JSON ----
boost::json::object EventJson(const EventRow& r);
boost::json::object YearJson(const std::vector<EventRow>& rows, int fiscal_year);
boost::json::object SummaryJson(const YearSummary& s);
boost::json::object RegistrationsJson(const std::vector<Registration>& list);
boost::json::object RegisteredJson(const RegistrationResult& r, const std::string& cancel_url);

}  // namespace renkei::events::views
