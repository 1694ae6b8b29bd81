#pragma once
// The directory's words: facility kinds, the attributes the region cares about, and a facility as the
// importers and pages see it.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/facility_kinds.hpp"

namespace renkei::directory {

// The facility kinds are the region's words (core/facility_kinds.hpp).
using core::AllKinds;
using core::FindKind;
using core::KindInfo;
// The kind of a 介護サービス情報公表 service name (サービスの種類).
const char* KindOfCareService(std::string_view service);

// The fields of a facility that staff edit by hand and facilities propose changes to, in the form's order.
std::span<const char* const> FormFields();

struct AttributeInfo {
  const char* code;
  const char* label;
};
// 訪問診療, 往診, 24時間対応, 看取り対応, 医療用麻薬, 認知症対応, 在宅酸素, 胃ろう, 吸引, 新規受入可
std::span<const AttributeInfo> AllAttributes();
const AttributeInfo* FindAttribute(std::string_view code);

// Per-service facts of a care office (介護サービス情報公表 publishes them per service file).
struct ServiceDetail {
  std::string name;
  std::optional<int> capacity;
  std::string open_days;
  std::string note;
};

// The more primary of two kinds (a nursing home that also offers home rehabilitation is a nursing home).
std::string PrimaryKind(const std::string& a, const std::string& b);
// Whether two values of a field say the same thing: text compared folded (spaces, width, kana),
// coordinates within about 20 m, URLs without a trailing slash. National files disagree in such details.
bool SameValue(std::string_view field, const std::string& a, const std::string& b);

// One opening interval of a department (診療科目) in one time band.
struct OpeningHours {
  std::string department;
  std::string band;
  int weekday = 0;                                // 0 = Monday … 6 = Sunday, 7 = public holidays
  std::string opens, closes;                      // "HH:MM"
  std::string reception_opens, reception_closes;  // 外来受付, may be empty
  auto operator<=>(const OpeningHours&) const = default;
};
// "月" … "日", "祝" for weekday 0 … 7.
const char* WeekdayLabel(int weekday);
// mon … sun, hol → 0 … 7; nothing for anything else.
std::optional<int> WeekdayFromCode(std::string_view code);

// One facility as read from a file, already cleaned (NFKC, phones, URLs, coordinates).
struct FacilityRecord {
  std::string source;       // mhlw-kaigo, mhlw-iryo, digital-std
  std::string official_id;  // as in the file
  std::string kind;
  std::string name;
  std::string kana;
  std::string municipality_code;
  std::string address;
  std::string address_extra;
  std::string postal_code;
  std::optional<double> latitude;
  std::optional<double> longitude;
  std::string phone;
  std::string fax;
  std::string url;
  std::string corporate_number;
  std::string corporate_name;
  std::string open_days;
  std::string hours_note;
  std::optional<int> capacity;
  std::optional<int> beds;
  std::vector<std::string> services;
  std::vector<ServiceDetail> service_details;  // where the file gives per-service facts
  std::vector<OpeningHours> hours;             // from a 診療時間票; replaces the facility's hours
  bool hours_only = false;                     // a 診療時間票 row set: updates hours and departments only
  size_t line = 0;                             // the file's line (of the first row, when rows merge)
};

// Fields an import may change and local staff may override, by name.
inline constexpr const char* kTrackedFields[] = {
    "name",  "kana", "kind", "municipality_code", "address",        "address_extra", "postal_code", "latitude", "longitude",
    "phone", "fax",  "url",  "corporate_number",  "corporate_name", "open_days",     "hours_note",  "capacity", "beds"};
std::string FieldValue(const FacilityRecord& r, std::string_view field);
void SetFieldValue(FacilityRecord& r, std::string_view field, const std::string& value);

}  // namespace renkei::directory
