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

}  // namespace renkei::core
