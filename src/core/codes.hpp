#pragma once
// Code lists: the small closed vocabularies that records store as codes and pages show as labels
// (channels, kinds, statuses, the region's towns). Shared by every module; no I/O.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace renkei::core {

struct CodeInfo {
  const char* code;
  const char* ja;
  const char* en;
};

// One list of codes, named as the field that holds them ("channel", "municipality").
struct CodeList {
  const char* name;
  std::span<const CodeInfo> codes;
  bool contains(std::string_view code) const;
  // The label in a language ("ja" or "en"); the code itself when unknown.
  std::string label(std::string_view code, std::string_view lang = "ja") const;
};

// The region's four towns and 'outside' (郡市外): where a resident lives.
const CodeList& ResidentTowns();
// A person's sex as records note it (female, male, other, unknown).
const CodeList& Sexes();
// 要介護度: 要支援1–2, 要介護1–5, not applied, applying, unknown.
const CodeList& CareLevels();

}  // namespace renkei::core
