#include "modules/careteams/model.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/wareki.hpp"
#include "platform/text/japanese.hpp"
#include "platform/text/utf8.hpp"

namespace renkei::careteams {
namespace {

constexpr std::array<CodeInfo, 10> kDevices = {{
    {"oxygen", "在宅酸素", "Home oxygen"},
    {"gastrostomy", "胃ろう", "Gastrostomy"},
    {"urinary_catheter", "尿道カテーテル", "Urinary catheter"},
    {"tracheostomy", "気管切開", "Tracheostomy"},
    {"ventilator", "人工呼吸器", "Ventilator"},
    {"central_venous", "中心静脈栄養", "Central venous nutrition"},
    {"ostomy", "ストーマ", "Ostomy"},
    {"suction", "たん吸引", "Suction"},
    {"insulin", "インスリン注射", "Insulin"},
    {"pain_pump", "持続皮下注射（疼痛）", "Pain pump"},
}};
constexpr std::array<CodeInfo, 8> kKinds = {{
    {"note", "連絡", "Note"},
    {"vitals", "バイタル", "Vital signs"},
    {"medication", "薬の変更", "Medication change"},
    {"visit", "訪問記録", "Visit"},
    {"incident", "転倒・事故", "Fall or incident"},
    {"acp", "ACP（人生会議）", "ACP conversation"},
    {"admission", "入院", "Admission"},
    {"discharge", "退院", "Discharge"},
}};
constexpr std::array<CodeInfo, 4> kDestinations = {{
    {"home", "自宅", "Home"},
    {"facility", "施設", "Care facility"},
    {"hospital", "他の病院", "Another hospital"},
    {"death", "死亡", "Death"},
}};
constexpr std::array<CodeInfo, 3> kConsent = {{
    {"written", "書面で同意", "In writing"},
    {"oral", "口頭で同意", "Orally"},
    {"proxy", "代諾（家族等）", "By a proxy"},
}};
constexpr std::array<CodeInfo, 4> kPlaces = {{
    {"home", "自宅", "Home"},
    {"facility", "施設", "Care facility"},
    {"hospital", "病院", "Hospital"},
    {"undecided", "未定・迷っている", "Undecided"},
}};
constexpr std::array<CodeInfo, 4> kChanges = {{
    {"start", "開始", "Started"},
    {"stop", "中止", "Stopped"},
    {"dose", "用量の変更", "Dose changed"},
    {"other", "その他", "Other"},
}};
constexpr std::array<CodeInfo, 6> kVisits = {{
    {"doctor", "訪問診療", "Doctor's visit"},
    {"nurse", "訪問看護", "Nursing visit"},
    {"care", "訪問介護", "Home help"},
    {"rehab", "訪問リハビリ", "Rehabilitation"},
    {"pharmacist", "訪問薬剤指導", "Pharmacist's visit"},
    {"care_manager", "ケアマネジャーの訪問", "Care manager's visit"},
}};
constexpr std::array<CodeInfo, 5> kIncidents = {{
    {"fall", "転倒", "Fall"},
    {"aspiration", "誤嚥・むせ", "Aspiration"},
    {"wound", "皮膚トラブル・褥瘡", "Skin or pressure sore"},
    {"medication_error", "服薬の誤り", "Medication error"},
    {"other", "その他", "Other"},
}};
constexpr std::array<CodeInfo, 3> kInjuries = {{
    {"none", "けがなし", "No injury"},
    {"minor", "軽いけが", "Minor injury"},
    {"serious", "受診・搬送が必要", "Needed a doctor or hospital"},
}};

const CodeList kDeviceList{"device", kDevices};
const CodeList kKindList{"kind", kKinds};
const CodeList kConsentList{"consent_method", kConsent};
const CodeList kPlaceList{"place", kPlaces};
const CodeList kChangeList{"change", kChanges};
const CodeList kVisitList{"visit_kind", kVisits};
const CodeList kIncidentList{"incident_kind", kIncidents};
const CodeList kInjuryList{"injury", kInjuries};
const CodeList kDestinationList{"destination", kDestinations};

constexpr std::array<VitalSign, 6> kVitals = {{
    {"systolic", "mmHg", 50, 260, false},
    {"diastolic", "mmHg", 20, 160, false},
    {"pulse", "/分", 20, 250, false},
    {"spo2", "%", 50, 100, false},
    {"temperature", "℃", 33.0, 43.0, true},
    {"weight", "kg", 10, 250, true},
}};

const EntryField kVitalFields[] = {{"systolic", nullptr, 8, false}, {"diastolic", nullptr, 8, false},   {"pulse", nullptr, 8, false},
                                   {"spo2", nullptr, 8, false},     {"temperature", nullptr, 8, false}, {"weight", nullptr, 8, false}};
const EntryField kMedicationFields[] = {{"drug", nullptr, 200, true}, {"change", &kChangeList, 0, true}, {"dose", nullptr, 200, false}};
const EntryField kVisitFields[] = {{"visit_kind", &kVisitList, 0, true}};
const EntryField kIncidentFields[] = {{"incident_kind", &kIncidentList, 0, true}, {"injury", &kInjuryList, 0, false}};
const EntryField kAdmissionFields[] = {
    {"admitted_on", nullptr, 10, true}, {"hospital", nullptr, 200, true}, {"ward", nullptr, 100, false}, {"reason", nullptr, 300, false}};
const EntryField kDischargeFields[] = {{"discharged_on", nullptr, 10, true},
                                       {"hospital", nullptr, 200, false},
                                       {"destination", &kDestinationList, 0, true},
                                       {"follow_up", nullptr, 300, false}};
const EntryField kAcpFields[] = {
    {"talked_on", nullptr, 10, true}, {"place", &kPlaceList, 0, false}, {"decider", nullptr, 200, false}, {"present", nullptr, 300, false}};

std::string Limited(const std::string& v, size_t max, const char* field, std::vector<FieldError>& errors) {
  std::string clean = text::Clean(text::ValidUtf8(v));
  if (clean.size() > max) errors.push_back({field, "@careteams.error.too_long"});
  return clean;
}

// Free text of several lines: each line cleaned, blank lines at the ends dropped.
std::string Lines(const std::string& v, size_t max, const char* field, std::vector<FieldError>& errors) {
  std::string out, line;
  std::string s = text::ValidUtf8(v);
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '\n') {
      std::string c = text::Clean(line);
      if (!c.empty() || !out.empty()) out += c + "\n";
      line.clear();
    } else if (s[i] != '\r') {
      line += s[i];
    }
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  if (out.size() > max) errors.push_back({field, "@careteams.error.too_long"});
  return out;
}

// A date as written (ISO or 和暦) as ISO; "" stays "".
std::string DateField(const std::string& v, const char* field, std::vector<FieldError>& errors) {
  if (v.empty()) return "";
  auto d = core::ParseJapaneseDate(text::Nfkc(v));
  if (!d) {
    errors.push_back({field, "@careteams.error.bad_date"});
    return v;
  }
  return d->iso();
}

std::optional<double> Number(const std::string& typed) {
  std::string s = text::Nfkc(typed);
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string FormatVital(const VitalSign& v, double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, v.decimal ? "%.1f" : "%.0f", x);
  return buf;
}

void CheckVitals(Entry& out, std::vector<FieldError>& errors) {
  for (auto& field : out.fields) {
    const std::string& name = field.first;
    std::string& value = field.second;
    const auto* v = std::find_if(kVitals.begin(), kVitals.end(), [&name](const VitalSign& s) { return name == s.name; });
    if (v == kVitals.end()) continue;
    auto x = Number(value);
    if (!x || *x < v->min || *x > v->max) {
      errors.push_back({name, "@careteams.error.implausible"});
      continue;
    }
    value = FormatVital(*v, *x);
  }
  bool sys = !FieldValue(out.fields, "systolic").empty(), dia = !FieldValue(out.fields, "diastolic").empty();
  if (sys != dia) errors.push_back({sys ? "diastolic" : "systolic", "@careteams.error.pressure_pair"});
  if (sys && dia && Number(FieldValue(out.fields, "diastolic")) >= Number(FieldValue(out.fields, "systolic")))
    errors.push_back({"diastolic", "@careteams.error.pressure_order"});
  if (out.fields.empty()) errors.push_back({"vitals", "@careteams.error.no_vitals"});
}

}  // namespace

const CodeList& Devices() { return kDeviceList; }
const CodeList& PostKinds() { return kKindList; }
const CodeList& ConsentMethods() { return kConsentList; }
const CodeList& Places() { return kPlaceList; }
const CodeList& MedicationChanges() { return kChangeList; }
const CodeList& VisitKinds() { return kVisitList; }
const CodeList& IncidentKinds() { return kIncidentList; }
const CodeList& Injuries() { return kInjuryList; }
std::span<const VitalSign> VitalSigns() { return kVitals; }

const std::vector<Place>& TeamPlaces() {
  static const std::vector<Place> places = {
      {"clinic_id", "careteams.place.clinic", {"clinic", "hospital"}},
      {"nursing_id", "careteams.place.nursing", {"home_nursing"}},
      {"care_office_id", "careteams.place.care_office", {"care_management"}},
      {"pharmacy_id", "careteams.place.pharmacy", {"pharmacy"}},
      {"hospital_id", "careteams.place.hospital", {"hospital"}},
  };
  return places;
}

std::span<const TextField> PatientTextFields() {
  using P = PatientInput;
  static const TextField fields[] = {
      {"name", &P::name},
      {"kana", &P::kana},
      {"birth_date", &P::birth_date},
      {"sex", &P::sex},
      {"municipality", &P::municipality},
      {"address", &P::address},
      {"phone", &P::phone},
      {"insured_number", &P::insured_number},
      {"care_level", &P::care_level},
      {"care_level_from", &P::care_level_from},
      {"care_level_to", &P::care_level_to},
      {"key_person", &P::key_person},
      {"emergency_contacts", &P::emergency_contacts},
      {"diseases", &P::diseases},
      {"medicines", &P::medicines},
      {"allergies", &P::allergies},
      {"end_of_life_plan", &P::end_of_life_plan},
  };
  return fields;
}

std::string& Patient::PlaceOf(const std::string& field) {
  if (field == "clinic_id") return clinic_id;
  if (field == "nursing_id") return nursing_id;
  if (field == "care_office_id") return care_office_id;
  if (field == "pharmacy_id") return pharmacy_id;
  return hospital_id;
}

const std::string& Patient::PlaceOf(const std::string& field) const { return const_cast<Patient*>(this)->PlaceOf(field); }

bool IsDateField(std::string_view name) { return name == "talked_on" || name == "admitted_on" || name == "discharged_on"; }

std::span<const EntryField> FieldsOf(const std::string& kind) {
  if (kind == "vitals") return kVitalFields;
  if (kind == "medication") return kMedicationFields;
  if (kind == "visit") return kVisitFields;
  if (kind == "incident") return kIncidentFields;
  if (kind == "acp") return kAcpFields;
  if (kind == "admission") return kAdmissionFields;
  if (kind == "discharge") return kDischargeFields;
  return {};
}

std::string FieldValue(const std::vector<std::pair<std::string, std::string>>& fields, const std::string& name) {
  for (const auto& [k, v] : fields)
    if (k == name) return v;
  return "";
}

std::vector<FieldError> Validate(const PatientInput& in, Patient& out) {
  std::vector<FieldError> errors;
  out.name = Limited(in.name, 100, "name", errors);
  if (out.name.empty()) errors.push_back({"name", "@careteams.error.required"});
  out.kana = Limited(in.kana, 100, "kana", errors);
  out.search_key = text::SearchKey(out.name + out.kana);
  out.birth_date = DateField(in.birth_date, "birth_date", errors);
  out.sex = in.sex.empty() ? "unknown" : in.sex;
  if (!core::Sexes().contains(out.sex)) errors.push_back({"sex", "@careteams.error.bad_code"});
  out.municipality = in.municipality;
  if (!core::ResidentTowns().contains(out.municipality)) errors.push_back({"municipality", "@careteams.error.bad_town"});
  out.address = Limited(in.address, 200, "address", errors);
  out.phone = text::CleanPhone(Limited(in.phone, 40, "phone", errors));
  out.insured_number = Limited(in.insured_number, 20, "insured_number", errors);
  out.care_level = in.care_level.empty() ? "unknown" : in.care_level;
  if (!core::CareLevels().contains(out.care_level)) errors.push_back({"care_level", "@careteams.error.bad_code"});
  out.care_level_from = DateField(in.care_level_from, "care_level_from", errors);
  out.care_level_to = DateField(in.care_level_to, "care_level_to", errors);
  if (!out.care_level_from.empty() && !out.care_level_to.empty() && out.care_level_to < out.care_level_from)
    errors.push_back({"care_level_to", "@careteams.error.period"});
  out.key_person = Limited(in.key_person, 200, "key_person", errors);
  out.emergency_contacts = Lines(in.emergency_contacts, 1000, "emergency_contacts", errors);
  for (const auto& place : in.places) {
    const std::string& field = place.first;
    const std::string& id = place.second;
    const auto& all = TeamPlaces();
    if (std::none_of(all.begin(), all.end(), [&field](const Place& p) { return field == p.field; })) continue;
    if (id.size() > 100) errors.push_back({field, "@careteams.error.no_facility"});
    out.PlaceOf(field) = id;
  }
  out.diseases = Lines(in.diseases, 2000, "diseases", errors);
  out.medicines = Lines(in.medicines, 4000, "medicines", errors);
  out.allergies = Lines(in.allergies, 1000, "allergies", errors);
  out.end_of_life_plan = Lines(in.end_of_life_plan, 2000, "end_of_life_plan", errors);
  out.devices.clear();
  for (const auto& d : in.devices) {
    if (d.empty()) continue;
    if (!Devices().contains(d))
      errors.push_back({"devices", "@careteams.error.bad_code"});
    else if (std::find(out.devices.begin(), out.devices.end(), d) == out.devices.end())
      out.devices.push_back(d);
  }
  return errors;
}

std::vector<FieldError> Validate(const ConsentInput& in, Patient& out) {
  std::vector<FieldError> errors;
  out.consent_date = DateField(in.date, "consent_date", errors);
  if (in.date.empty()) errors.push_back({"consent_date", "@careteams.error.required"});
  out.consent_method = in.method;
  if (!ConsentMethods().contains(in.method)) errors.push_back({"consent_method", "@careteams.error.bad_code"});
  out.consent_by = Limited(in.by, 100, "consent_by", errors);
  if (out.consent_by.empty()) errors.push_back({"consent_by", "@careteams.error.required"});
  return errors;
}

std::string SearchKeyOf(const Entry& e) {
  std::string text = PostKinds().label(e.kind, "ja");
  for (const auto& f : FieldsOf(e.kind)) {
    std::string v = FieldValue(e.fields, f.name);
    if (!v.empty()) text += " " + (f.choices ? f.choices->label(v, "ja") : v);
  }
  return text::SearchKey(text + " " + e.body);
}

std::vector<FieldError> Validate(const PostInput& in, Entry& out) {
  std::vector<FieldError> errors;
  out.kind = in.kind.empty() ? "note" : in.kind;
  if (!PostKinds().contains(out.kind)) {
    errors.push_back({"kind", "@careteams.error.bad_code"});
    return errors;
  }
  out.body = Lines(in.body, kBodyLimit, "body", errors);
  out.reply_to = in.reply_to;
  out.fields.clear();
  for (const auto& f : FieldsOf(out.kind)) {
    std::string typed = text::Clean(text::ValidUtf8(FieldValue(in.fields, f.name)));
    if (typed.empty()) {
      if (f.required) errors.push_back({f.name, "@careteams.error.required"});
      continue;
    }
    if (f.choices && !f.choices->contains(typed)) errors.push_back({f.name, "@careteams.error.bad_code"});
    if (!f.choices && typed.size() > f.max) errors.push_back({f.name, "@careteams.error.too_long"});
    if (IsDateField(f.name)) typed = DateField(typed, f.name, errors);
    out.fields.emplace_back(f.name, typed);
  }
  if (out.kind == "vitals") CheckVitals(out, errors);
  if (out.kind == "note" && out.body.empty() && in.files.empty()) errors.push_back({"body", "@careteams.error.required"});
  return errors;
}

}  // namespace renkei::careteams
