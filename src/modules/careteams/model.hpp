#pragma once
// Care teams (item エ): the person at home as the team records them, and the timeline's entries, each
// kind with its fields and their plausible values. Validation only; no I/O.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/codes.hpp"
#include "platform/status.hpp"

namespace renkei::careteams {

using core::CodeInfo;
using core::CodeList;

// Medical devices at home: oxygen (在宅酸素), gastrostomy (胃ろう), urinary_catheter, tracheostomy, ventilator,
// central_venous (中心静脈栄養), ostomy (ストーマ), suction (吸引), insulin, pain_pump (麻薬の持続注射).
const CodeList& Devices();
// note, vitals, medication, visit, incident, acp
const CodeList& PostKinds();
// written (書面), oral (口頭), proxy (代諾)
const CodeList& ConsentMethods();
// Where the person wishes to be cared for at the end: home, facility, hospital, undecided.
const CodeList& Places();
const CodeList& MedicationChanges();
const CodeList& VisitKinds();
const CodeList& IncidentKinds();
const CodeList& Injuries();

// The places of the team chosen from the directory: the field, the label key, the directory kinds offered.
struct Place {
  const char* field;  // clinic_id, nursing_id, care_office_id, pharmacy_id, hospital_id
  const char* label;  // catalogue key
  std::vector<std::string> kinds;
};
const std::vector<Place>& TeamPlaces();

// The record as a form or the API sends it: text as typed.
struct PatientInput {
  std::string name, kana, birth_date, sex, municipality, address, phone, insured_number;
  std::string care_level, care_level_from, care_level_to, key_person, emergency_contacts;
  std::vector<std::pair<std::string, std::string>> places;  // field -> facility id ("" = none)
  std::string diseases, medicines, allergies, end_of_life_plan;
  std::vector<std::string> devices;
};

// The input's text fields by the names forms and the API give them.
struct TextField {
  const char* name;
  std::string PatientInput::*member;
};
std::span<const TextField> PatientTextFields();

struct Patient {
  std::string id, name, kana, search_key, birth_date, sex = "unknown", municipality, address, phone, insured_number;
  std::string care_level = "unknown", care_level_from, care_level_to, key_person, emergency_contacts;
  std::string clinic_id, nursing_id, care_office_id, pharmacy_id, hospital_id;
  std::string diseases, medicines, allergies, end_of_life_plan;
  std::vector<std::string> devices;
  std::string consent_date, consent_method, consent_by, consent_recorded_by;
  std::string created_by, created_at, updated_at, last_activity_at;
  int version = 1;
  bool consented() const { return !consent_date.empty(); }
  std::string& PlaceOf(const std::string& field);
  const std::string& PlaceOf(const std::string& field) const;
};

// Problems field by field (catalogue keys); `out` holds the cleaned values (ids of places unchecked:
// the service checks them against the directory).
std::vector<FieldError> Validate(const PatientInput& in, Patient& out);

struct ConsentInput {
  std::string date, method, by;
};
std::vector<FieldError> Validate(const ConsentInput& in, Patient& out);

// A structured entry's fields: name, and either a code list or free text of at most `max` bytes.
struct EntryField {
  const char* name;
  const CodeList* choices;  // nullptr: free text (or a number or date, checked by the kind)
  size_t max;
  bool required;
};
std::span<const EntryField> FieldsOf(const std::string& kind);
// Entry fields that hold a date (typed ISO or 和暦, kept ISO, shown as 和暦).
bool IsDateField(std::string_view name);

// Vital signs with their units and the ranges a reading must fall in to be stored (a typo such as a
// blood pressure of 1200 is refused, not charted).
struct VitalSign {
  const char* name;  // systolic, diastolic, pulse, spo2, temperature, weight
  const char* unit;  // mmHg, /分, %, ℃, kg
  double min, max;
  bool decimal;  // one decimal place (temperature, weight)
};
std::span<const VitalSign> VitalSigns();

// A file sent with a post (a photo from a phone, a PDF): its bytes stay the request's.
struct FileInput {
  std::string name, content_type;
  std::string_view bytes;
};
struct PostInput {
  std::string kind, body, reply_to;
  std::vector<std::pair<std::string, std::string>> fields;  // the kind's fields as typed
  std::vector<std::string> to;                              // members it is addressed to (user ids): they are notified
  std::vector<FileInput> files;
};
// Files of a post: photos (JPEG, PNG, HEIC up to media::kMaxImageBytes each) and PDFs, this many at most,
// and the body of the whole request (the upload route's limit).
inline constexpr size_t kMaxFilesPerPost = 4;
inline constexpr size_t kMaxPdfBytes = 10 * 1024 * 1024;
inline constexpr size_t kMaxPostUploadBytes = 40 * 1024 * 1024;
struct Entry {
  std::string kind, body, reply_to;
  std::vector<std::pair<std::string, std::string>> fields;  // cleaned, in FieldsOf order; only those given
};
// Limits of a post: the text, and at least something (text, or the kind's required fields).
inline constexpr size_t kBodyLimit = 4000;
std::vector<FieldError> Validate(const PostInput& in, Entry& out);

// What a timeline search matches an entry by: its kind, its values (codes as their Japanese labels) and
// its text, as text::SearchKey folds them.
std::string SearchKeyOf(const Entry& e);

// The value of one of an entry's fields ("" when not given).
std::string FieldValue(const std::vector<std::pair<std::string, std::string>>& fields, const std::string& name);

}  // namespace renkei::careteams
