#pragma once
// SQL for events: venues, events and their lecturers, registrations, evaluations. No rules here: see
// service.hpp.
#include <optional>
#include <string>
#include <vector>

#include "modules/events/model.hpp"
#include "platform/storage/database.hpp"

namespace renkei::events::store {

struct Venue {
  std::string id, name, address;
  std::optional<int> capacity;
};
void InsertVenue(soci::session& sql, const Venue& v, const std::string& at);
std::vector<Venue> ListVenues(soci::session& sql);
std::optional<Venue> FindVenue(soci::session& sql, const std::string& id);

void Insert(soci::session& sql, const Event& e);
void Update(soci::session& sql, const Event& e);
std::optional<Event> Load(soci::session& sql, const std::string& id);
// Serialises registrations of one event on PostgreSQL (SELECT … FOR UPDATE); SQLite's BEGIN IMMEDIATE
// already holds the only write lock.
void Lock(soci::session& sql, storage::Engine engine, const std::string& id);
// Events of a fiscal year (0 = every year), by start; only public ones when asked; from (ISO UTC)
// limits to those ending after it.
std::vector<Event> List(soci::session& sql, int fiscal_year, bool public_only, const std::string& ending_after = {});

void InsertRegistration(soci::session& sql, const Registration& r, const std::string& cancel_hash);
std::vector<Registration> Registrations(soci::session& sql, const std::string& event_id);
std::optional<Registration> FindRegistration(soci::session& sql, const std::string& event_id, const std::string& id);
std::optional<Registration> FindByCancelHash(soci::session& sql, const std::string& hash);
void SetRegistrationStatus(soci::session& sql, const std::string& id, const std::string& status, const std::string& at);
void SetAttended(soci::session& sql, const std::string& id, bool attended, const std::string& at);
long long CountWithStatus(soci::session& sql, const std::string& event_id, const std::string& status);
// The waiting list's first, in order of registration.
std::optional<Registration> FirstWaitlisted(soci::session& sql, const std::string& event_id);
// Every registration of the events of a fiscal year (for the figures by profession, kind and town).
std::vector<Registration> RegistrationsOfYear(soci::session& sql, int fiscal_year);

struct Evaluation {
  int satisfaction = 0;
  std::string useful, comment, created_at;
};
void InsertEvaluation(soci::session& sql, const std::string& id, const std::string& event_id, const Evaluation& e);
std::vector<Evaluation> Evaluations(soci::session& sql, const std::string& event_id);

// The directory kind of a facility ("" when unknown), for a registrant's organisation.
std::string FacilityKind(soci::session& sql, const std::string& id);

}  // namespace renkei::events::store
