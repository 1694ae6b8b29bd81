#include "modules/consultations/model.hpp"

#include <algorithm>
#include <array>

#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "platform/clock.hpp"

namespace renkei::consultations {
namespace {

constexpr std::array<CodeInfo, 7> kChannels = {{
    {"phone", "電話", "Phone"},
    {"walk_in", "来所", "Walk-in"},
    {"home_visit", "訪問", "Home visit"},
    {"email", "メール", "E-mail"},
    {"fax", "FAX", "Fax"},
    {"mcs", "MCS", "MCS"},
    {"other", "その他", "Other"},
}};
constexpr std::array<CodeInfo, 9> kRequesters = {{
    {"person", "本人", "The person"},
    {"family", "家族", "Family"},
    {"care_manager", "ケアマネジャー", "Care manager"},
    {"support_center", "地域包括支援センター", "Support centre"},
    {"medical_in_pref", "医療機関（県内）", "Medical institution (in prefecture)"},
    {"medical_out_pref", "医療機関（県外）", "Medical institution (outside prefecture)"},
    {"care_provider", "介護サービス事業所", "Care provider"},
    {"government", "行政", "Government"},
    {"other", "その他", "Other"},
}};
constexpr std::array<CodeInfo, 8> kContents = {{
    {"home_medical_nursing", "訪問診療・訪問看護等", "Home visits by doctors or nurses"},
    {"home_care_end_of_life", "在宅・看取り", "Care at home and end of life"},
    {"admission_discharge", "入退院", "Admission and discharge"},
    {"facility_referral", "施設・医療機関の紹介", "Referral to a facility"},
    {"care_services", "介護サービス", "Care services"},
    {"dementia", "認知症", "Dementia"},
    {"system", "制度", "Systems and benefits"},
    {"other", "その他", "Other"},
}};
constexpr std::array<CodeInfo, 4> kScenes = {{
    {"daily", "日常の療養支援", "Daily care"},
    {"admission_discharge", "入退院支援", "Admission and discharge"},
    {"emergency", "急変時の対応", "Emergencies"},
    {"end_of_life", "看取り", "End of life"},
}};
constexpr std::array<CodeInfo, 6> kAgeBands = {{
    {"under_65", "65歳未満", "Under 65"},
    {"65_74", "65〜74歳", "65–74"},
    {"75_84", "75〜84歳", "75–84"},
    {"85_94", "85〜94歳", "85–94"},
    {"95_plus", "95歳以上", "95 and over"},
    {"unknown", "不明", "Unknown"},
}};
constexpr std::array<CodeInfo, 4> kHouseholds = {{
    {"alone", "独居", "Lives alone"},
    {"elderly_only", "高齢者世帯", "Elderly household"},
    {"with_family", "同居", "Lives with family"},
    {"unknown", "不明", "Unknown"},
}};
constexpr std::array<CodeInfo, 5> kFlags = {{
    {"no_relatives", "身寄りなし", "No relatives"},
    {"no_insight", "病識なし", "No insight into illness"},
    {"dementia", "認知症", "Dementia"},
    {"poverty", "経済的困窮", "Financial hardship"},
    {"abuse_suspected", "虐待の疑い", "Suspected abuse"},
}};
constexpr std::array<CodeInfo, 3> kStatuses = {{
    {"received", "受付", "Received"},
    {"in_progress", "対応中", "In progress"},
    {"closed", "終結", "Closed"},
}};
constexpr std::array<CodeInfo, 7> kActions = {{
    {"info_given", "情報提供", "Information given"},
    {"facility_introduced", "施設・医療機関の紹介", "Facility introduced"},
    {"handover", "引き継ぎ", "Handed over"},
    {"visit", "訪問", "Visit"},
    {"conference", "担当者会議・カンファレンス", "Case conference"},
    {"note", "経過記録", "Note"},
    {"status", "状態の変更", "Status changed"},
}};
}  // namespace

#define RENKEI_CODE_LIST(fn, name, arr) \
  const CodeList& fn() {                \
    static const CodeList l{name, arr}; \
    return l;                           \
  }
RENKEI_CODE_LIST(Channels, "channel", kChannels)
RENKEI_CODE_LIST(Requesters, "requester", kRequesters)
RENKEI_CODE_LIST(Contents, "content", kContents)
RENKEI_CODE_LIST(Scenes, "scene", kScenes)
RENKEI_CODE_LIST(AgeBands, "age_band", kAgeBands)
RENKEI_CODE_LIST(Households, "household", kHouseholds)
RENKEI_CODE_LIST(Flags, "flag", kFlags)
RENKEI_CODE_LIST(Statuses, "status", kStatuses)
RENKEI_CODE_LIST(ActionKinds, "action", kActions)
#undef RENKEI_CODE_LIST

bool IsUnit(std::string_view unit) {
  if (unit == kHubUnit) return true;
  return unit.rfind("center:", 0) == 0 && unit.size() > 7 && unit.size() <= 100;
}

std::optional<std::string> ParseReceivedAt(std::string_view text) { return core::ParseJapanTime(text); }

std::vector<FieldError> Validate(const CaseInput& in, Case& out) {
  std::vector<FieldError> errors;
  auto code = [&](const std::string& value, const CodeList& list, const char* field, std::string& dst, const char* fallback) {
    if (value.empty() && fallback) {
      dst = fallback;
    } else if (!list.contains(value)) {
      errors.push_back({field, value.empty() ? "@consult.error.required" : "@consult.error.unknown_code"});
    } else {
      dst = value;
    }
  };
  auto codes = [&](const std::vector<std::string>& values, const CodeList& list, const char* field, std::vector<std::string>& dst) {
    dst.clear();
    for (const auto& v : values) {
      if (!list.contains(v)) {
        errors.push_back({field, "@consult.error.unknown_code"});
        return;
      }
      if (std::find(dst.begin(), dst.end(), v) == dst.end()) dst.push_back(v);
    }
  };
  if (auto at = ParseReceivedAt(in.received_at)) {
    out.received_at = *at;
    std::string local = clock::IsoToTokyoMinute(*at);
    out.received_date = local.substr(0, 10);
    out.fiscal_year = core::FiscalYearOf(*core::ParseIsoDate(out.received_date));
  } else {
    errors.push_back({"received_at", in.received_at.empty() ? "@consult.error.required" : "@consult.error.bad_time"});
  }
  code(in.channel, Channels(), "channel", out.channel, nullptr);
  if (!IsUnit(in.receiver))
    errors.push_back({"receiver", "@consult.error.bad_receiver"});
  else
    out.received_unit = in.receiver;
  code(in.requester_category, Requesters(), "requester_category", out.requester_category, nullptr);
  code(in.resident_municipality, ResidentTowns(), "resident_municipality", out.resident_municipality, nullptr);
  code(in.age_band, AgeBands(), "age_band", out.age_band, "unknown");
  code(in.sex, Sexes(), "sex", out.sex, "unknown");
  code(in.care_level, CareLevels(), "care_level", out.care_level, "unknown");
  code(in.household, Households(), "household", out.household, "unknown");
  code(in.status, Statuses(), "status", out.status, "received");
  codes(in.flags, Flags(), "flags", out.flags);
  codes(in.content_categories, Contents(), "content_categories", out.content_categories);
  codes(in.scenes, Scenes(), "scenes", out.scenes);
  if (out.content_categories.empty() &&
      errors.end() == std::find_if(errors.begin(), errors.end(), [](const FieldError& e) { return e.field == "content_categories"; }))
    errors.push_back({"content_categories", "@consult.error.need_content"});
  auto limited = [&](const std::string& v, size_t max, const char* field, std::string& dst) {
    if (v.size() > max)
      errors.push_back({field, "@consult.error.too_long"});
    else
      dst = v;
  };
  limited(in.requester_name, 200, "requester_name", out.requester_name);
  limited(in.client_name, 200, "client_name", out.client_name);
  limited(in.summary, 20000, "summary", out.summary);
  limited(in.staff_login, 100, "staff_login", out.staff_login);
  out.requester_facility_id = in.requester_facility_id;
  if (in.minutes_spent) {
    if (*in.minutes_spent < 0 || *in.minutes_spent > 100000)
      errors.push_back({"minutes_spent", "@consult.error.bad_minutes"});
    else
      out.minutes_spent = *in.minutes_spent;
  }
  return errors;
}

}  // namespace renkei::consultations
