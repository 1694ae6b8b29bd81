#pragma once
// Training and events (item カ): the codes of an event and of a registration, and their checks. No I/O.
#include <optional>
#include <string>
#include <vector>

#include "core/codes.hpp"
#include "platform/status.hpp"

namespace renkei::events {

using core::CodeInfo;
using core::CodeList;

const CodeList& Kinds();  // training 研修会, seminar セミナー, lecture 講演会, exchange 意見交換会, interprofessional, meeting
const CodeList& Statuses();     // draft, open, closed, held, cancelled
const CodeList& OrgKinds();     // what a registrant's organisation is, for the figures
const CodeList& Professions();  // core's professions, and "resident" for residents and families
const CodeList& Towns();        // the region's towns and 'outside'

struct Lecturer {
  std::string name;
  std::string affiliation;
};

struct Event {
  std::string id;
  std::string title;
  std::string kind = "training";
  std::string starts_at, ends_at;  // ISO-8601 UTC
  int fiscal_year = 0;
  std::string venue_id;  // "" when none
  std::string venue_note;
  std::string organizer;
  std::vector<std::string> target_professions;
  std::optional<int> capacity;
  std::string program_item = "f";
  std::vector<std::string> scenes;
  std::string description;
  std::string status = "draft";
  std::optional<int> reported_attendance;
  std::vector<Lecturer> lecturers;
  std::string created_by, created_at, updated_at;
  bool is_public() const { return status != "draft"; }
  bool accepts_registrations() const { return status == "open"; }
};

struct EventInput {
  std::string title, kind, starts_at, ends_at, venue_id, venue_note, organizer, program_item, description, status;
  std::vector<std::string> target_professions, scenes;
  std::optional<int> capacity;             // -1: not a number
  std::optional<int> reported_attendance;  // -1: not a number
  std::vector<Lecturer> lecturers;
};
// Checks the input and fills `out` (times as UTC, the fiscal year of the start in Japan).
std::vector<FieldError> Validate(const EventInput& in, Event& out);

struct Registration {
  std::string id, event_id, reference, name, organization, facility_id, organization_kind, profession, municipality, email, phone;
  std::string status = "registered";  // registered, waitlisted, cancelled
  bool attended = false;
  bool walk_in = false;
  std::string created_at, cancelled_at, attended_at;
};

struct RegistrationInput {
  std::string name, organization, facility_id, organization_kind, profession, municipality, email, phone;
};
std::vector<FieldError> Validate(const RegistrationInput& in);

}  // namespace renkei::events
