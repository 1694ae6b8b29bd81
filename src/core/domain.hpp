#pragma once
// The shared words of the program (see docs/architecture.md, glossary): the region and its towns, the
// 4 scenes (4つの場面), the program items (ア)–(ク), professions and account roles. No I/O.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace renkei::core {

struct Municipality {
  const char* code;  // 6-digit 全国地方公共団体コード, check digit included
  const char* name;
  const char* kana;
};

// The first region: 本庄市児玉郡.
inline constexpr const char* kDefaultRegionName = "本庄市児玉郡";
std::span<const Municipality> DefaultMunicipalities();
// The name of one of the region's towns by code (本庄市), or "" for a town outside the region.
std::string MunicipalityName(std::string_view code);
// True when code is 6 digits whose last is the check digit of the first five.
bool IsValidLocalGovernmentCode(std::string_view code);

enum class Scene { kDaily, kAdmissionDischarge, kEmergency, kEndOfLife };
struct SceneInfo {
  Scene scene;
  const char* code;   // API code: daily, admission_discharge, emergency, end_of_life
  const char* label;  // 日常の療養支援, 入退院支援, 急変時の対応, 看取り
};
std::span<const SceneInfo> AllScenes();
std::optional<Scene> SceneFromCode(std::string_view code);

enum class ProgramItem { kA, kB, kC, kD, kE, kF, kG, kH };
struct ProgramItemInfo {
  ProgramItem item;
  const char* code;    // a … h
  const char* letter;  // ア … ク
  const char* title;   // 地域の医療・介護の資源の把握 …
};
std::span<const ProgramItemInfo> AllProgramItems();
std::optional<ProgramItem> ProgramItemFromCode(std::string_view code);

struct ProfessionInfo {
  const char* code;
  const char* label;
};
std::span<const ProfessionInfo> AllProfessions();
bool IsProfession(std::string_view code);
// The label of a profession code (訪問看護師); the code itself when unknown, "" for "".
std::string ProfessionLabel(std::string_view code);

}  // namespace renkei::core
