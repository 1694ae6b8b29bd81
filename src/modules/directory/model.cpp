#include "modules/directory/model.hpp"

#include <array>
#include <cmath>
#include <cstdio>

#include "platform/text/japanese.hpp"

namespace renkei::directory {
namespace {

struct CareServiceKind {
  const char* prefix;  // the service name starts with this
  const char* kind;
};
// Longer, more specific names first.
constexpr CareServiceKind kCareServices[] = {
    {"定期巡回・随時対応型訪問介護看護", "home_care"},
    {"夜間対応型訪問介護", "home_care"},
    {"訪問介護", "home_care"},
    {"訪問入浴介護", "home_bathing"},
    {"訪問看護", "home_nursing"},
    {"訪問リハビリテーション", "home_rehab"},
    {"居宅介護支援", "care_management"},
    {"介護予防支援", "support_center"},
    {"地域密着型通所介護", "day_service"},
    {"認知症対応型通所介護", "day_service"},
    {"通所介護", "day_service"},
    {"通所リハビリテーション", "day_rehab"},
    {"短期入所", "short_stay"},
    {"地域密着型介護老人福祉施設", "nursing_home"},
    {"介護老人福祉施設", "nursing_home"},
    {"介護老人保健施設", "health_facility"},
    {"介護医療院", "care_hospital"},
    {"認知症対応型共同生活介護", "group_home"},
    {"特定施設入居者生活介護", "residential"},
    {"地域密着型特定施設入居者生活介護", "residential"},
    {"小規模多機能型居宅介護", "multi_function"},
    {"看護小規模多機能型居宅介護", "multi_function"},
    {"複合型サービス", "multi_function"},
    {"福祉用具貸与", "welfare_equipment"},
    {"特定福祉用具販売", "welfare_equipment"},
};

constexpr std::array<AttributeInfo, 10> kAttributes = {{
    {"home_visit", "訪問診療"},
    {"house_call", "往診"},
    {"h24", "24時間対応"},
    {"end_of_life", "看取り対応"},
    {"narcotics", "医療用麻薬の取扱い"},
    {"dementia", "認知症対応"},
    {"oxygen", "在宅酸素"},
    {"gastrostomy", "胃ろう"},
    {"suction", "たんの吸引"},
    {"accepting", "新規受入可"},
}};

std::string Num(const std::optional<double>& v) {
  if (!v) return {};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", *v);
  return buf;
}

}  // namespace

const char* KindOfCareService(std::string_view service) {
  for (const auto& c : kCareServices)
    if (service.substr(0, std::string_view(c.prefix).size()) == c.prefix) return c.kind;
  // 介護予防 variants name the same kind of place.
  if (service.rfind("介護予防", 0) == 0) return KindOfCareService(service.substr(std::string_view("介護予防").size()));
  return "other_care";
}

std::string PrimaryKind(const std::string& a, const std::string& b) {
  // Places people live or stay first, then places they go, then services that come to the home.
  static const char* kOrder[] = {"hospital",       "clinic",          "dental_clinic", "pharmacy",          "midwife",    "hub",
                                 "support_center", "care_hospital",   "nursing_home",  "health_facility",   "group_home", "residential",
                                 "multi_function", "care_management", "home_nursing",  "short_stay",        "day_rehab",  "day_service",
                                 "home_care",      "home_bathing",    "home_rehab",    "welfare_equipment", "other_care"};
  auto rank = [](const std::string& k) {
    for (size_t i = 0; i < std::size(kOrder); ++i)
      if (k == kOrder[i]) return i;
    return std::size(kOrder);
  };
  if (a.empty()) return b;
  if (b.empty()) return a;
  return rank(b) < rank(a) ? b : a;
}

bool SameValue(std::string_view field, const std::string& a, const std::string& b) {
  if (a == b) return true;
  if (field == "latitude" || field == "longitude") {
    if (a.empty() || b.empty()) return false;
    try {
      return std::fabs(std::stod(a) - std::stod(b)) < 0.0002;
    } catch (...) {
      return false;
    }
  }
  if (field == "url") {
    auto trim = [](std::string s) {
      while (!s.empty() && s.back() == '/') s.pop_back();
      return s;
    };
    return trim(a) == trim(b);
  }
  if (field == "name" || field == "kana" || field == "address" || field == "address_extra" || field == "corporate_name")
    return text::SearchKey(a) == text::SearchKey(b);
  return false;
}

const char* WeekdayLabel(int weekday) {
  static const char* kLabels[] = {"月", "火", "水", "木", "金", "土", "日", "祝"};
  return weekday >= 0 && weekday < 8 ? kLabels[weekday] : "";
}

std::optional<int> WeekdayFromCode(std::string_view code) {
  static const char* kCodes[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", "hol"};
  for (int i = 0; i < 8; ++i)
    if (code == kCodes[i]) return i;
  return std::nullopt;
}

std::span<const AttributeInfo> AllAttributes() { return kAttributes; }
const AttributeInfo* FindAttribute(std::string_view code) {
  for (const auto& a : kAttributes)
    if (code == a.code) return &a;
  return nullptr;
}

std::string FieldValue(const FacilityRecord& r, std::string_view f) {
  if (f == "name") return r.name;
  if (f == "kana") return r.kana;
  if (f == "kind") return r.kind;
  if (f == "municipality_code") return r.municipality_code;
  if (f == "address") return r.address;
  if (f == "address_extra") return r.address_extra;
  if (f == "postal_code") return r.postal_code;
  if (f == "latitude") return Num(r.latitude);
  if (f == "longitude") return Num(r.longitude);
  if (f == "phone") return r.phone;
  if (f == "fax") return r.fax;
  if (f == "url") return r.url;
  if (f == "corporate_number") return r.corporate_number;
  if (f == "corporate_name") return r.corporate_name;
  if (f == "open_days") return r.open_days;
  if (f == "hours_note") return r.hours_note;
  if (f == "capacity") return r.capacity ? std::to_string(*r.capacity) : "";
  if (f == "beds") return r.beds ? std::to_string(*r.beds) : "";
  return {};
}

void SetFieldValue(FacilityRecord& r, std::string_view f, const std::string& v) {
  auto num = [&](std::optional<double>& out) {
    try {
      out = v.empty() ? std::nullopt : std::optional<double>(std::stod(v));
    } catch (...) {
      out.reset();
    }
  };
  auto integer = [&](std::optional<int>& out) {
    try {
      out = v.empty() ? std::nullopt : std::optional<int>(std::stoi(v));
    } catch (...) {
      out.reset();
    }
  };
  if (f == "name")
    r.name = v;
  else if (f == "kana")
    r.kana = v;
  else if (f == "kind")
    r.kind = v;
  else if (f == "municipality_code")
    r.municipality_code = v;
  else if (f == "address")
    r.address = v;
  else if (f == "address_extra")
    r.address_extra = v;
  else if (f == "postal_code")
    r.postal_code = v;
  else if (f == "latitude")
    num(r.latitude);
  else if (f == "longitude")
    num(r.longitude);
  else if (f == "phone")
    r.phone = v;
  else if (f == "fax")
    r.fax = v;
  else if (f == "url")
    r.url = v;
  else if (f == "corporate_number")
    r.corporate_number = v;
  else if (f == "corporate_name")
    r.corporate_name = v;
  else if (f == "open_days")
    r.open_days = v;
  else if (f == "hours_note")
    r.hours_note = v;
  else if (f == "capacity")
    integer(r.capacity);
  else if (f == "beds")
    integer(r.beds);
}

std::span<const char* const> FormFields() {
  static constexpr const char* kFields[] = {"name", "kana", "phone", "fax", "url", "address", "address_extra", "open_days", "hours_note"};
  return kFields;
}

}  // namespace renkei::directory
