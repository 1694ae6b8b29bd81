#include "core/codes.hpp"

#include <algorithm>
#include <array>

#include "core/domain.hpp"

namespace renkei::core {

bool CodeList::contains(std::string_view code) const {
  return std::any_of(codes.begin(), codes.end(), [&](const CodeInfo& c) { return code == c.code; });
}

std::string CodeList::label(std::string_view code, std::string_view lang) const {
  for (const auto& c : codes)
    if (code == c.code) return lang == "en" ? c.en : c.ja;
  return std::string(code);
}

const CodeList& ResidentTowns() {
  // The towns come from the region's list (one place); 郡市外 is added here.
  static const std::array<CodeInfo, 5> towns = [] {
    std::array<CodeInfo, 5> t{};
    size_t i = 0;
    static const char* kEn[] = {"Honjo", "Misato", "Kamikawa", "Kamisato"};
    for (const auto& m : DefaultMunicipalities())
      if (i < 4) t[i] = {m.code, m.name, kEn[i]}, ++i;
    t[4] = {"outside", "郡市外", "Outside the region"};
    return t;
  }();
  static const CodeList list{"municipality", towns};
  return list;
}

namespace {
constexpr std::array<CodeInfo, 4> kSexes = {{
    {"female", "女性", "Female"},
    {"male", "男性", "Male"},
    {"other", "その他", "Other"},
    {"unknown", "不明", "Unknown"},
}};
constexpr std::array<CodeInfo, 10> kCareLevels = {{
    {"support_1", "要支援1", "Support 1"},
    {"support_2", "要支援2", "Support 2"},
    {"care_1", "要介護1", "Care 1"},
    {"care_2", "要介護2", "Care 2"},
    {"care_3", "要介護3", "Care 3"},
    {"care_4", "要介護4", "Care 4"},
    {"care_5", "要介護5", "Care 5"},
    {"not_applied", "未申請", "Not applied"},
    {"applying", "申請中", "Applying"},
    {"unknown", "不明", "Unknown"},
}};
}  // namespace

const CodeList& Sexes() {
  static const CodeList list{"sex", kSexes};
  return list;
}

const CodeList& CareLevels() {
  static const CodeList list{"care_level", kCareLevels};
  return list;
}

}  // namespace renkei::core
