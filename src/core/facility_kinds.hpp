#pragma once
// The kinds of facility the region's directory knows (病院, 診療所, 訪問看護ステーション, 居宅介護支援事業所 …):
// the directory files facilities under them, surveys target them, care teams and the contact card name
// their places by them. Pure data.
#include <span>
#include <string_view>

namespace renkei::core {

struct KindInfo {
  const char* code;
  const char* label;  // as residents read it
};
// hospital, clinic, dental_clinic, pharmacy, home_nursing, care_management, ... (see facility_kinds.cpp)
std::span<const KindInfo> AllKinds();
const KindInfo* FindKind(std::string_view code);

}  // namespace renkei::core
