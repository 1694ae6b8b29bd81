#include "core/domain.hpp"

#include <array>

namespace renkei::core {
namespace {

constexpr std::array<Municipality, 4> kHonjoKodama = {{
    {"112119", "本庄市", "ほんじょうし"},
    {"113816", "美里町", "みさとまち"},
    {"113832", "神川町", "かみかわまち"},
    {"113859", "上里町", "かみさとまち"},
}};

constexpr std::array<SceneInfo, 4> kScenes = {{
    {Scene::kDaily, "daily", "日常の療養支援"},
    {Scene::kAdmissionDischarge, "admission_discharge", "入退院支援"},
    {Scene::kEmergency, "emergency", "急変時の対応"},
    {Scene::kEndOfLife, "end_of_life", "看取り"},
}};

constexpr std::array<ProgramItemInfo, 8> kItems = {{
    {ProgramItem::kA, "a", "ア", "地域の医療・介護の資源の把握"},
    {ProgramItem::kB, "b", "イ", "在宅医療・介護連携の課題の抽出と対応策の検討"},
    {ProgramItem::kC, "c", "ウ", "切れ目のない在宅医療と介護の提供体制の構築推進"},
    {ProgramItem::kD, "d", "エ", "医療・介護関係者の情報共有の支援"},
    {ProgramItem::kE, "e", "オ", "在宅医療・介護連携に関する相談支援"},
    {ProgramItem::kF, "f", "カ", "医療・介護関係者の研修"},
    {ProgramItem::kG, "g", "キ", "地域住民への普及啓発"},
    {ProgramItem::kH, "h", "ク", "在宅医療・介護連携に関する関係市区町村の連携"},
}};

constexpr std::array<ProfessionInfo, 16> kProfessions = {{
    {"doctor", "医師"},
    {"dentist", "歯科医師"},
    {"pharmacist", "薬剤師"},
    {"nurse", "看護師"},
    {"visiting_nurse", "訪問看護師"},
    {"public_health_nurse", "保健師"},
    {"care_manager", "介護支援専門員（ケアマネジャー）"},
    {"msw", "医療ソーシャルワーカー"},
    {"discharge_nurse", "退院調整看護師"},
    {"therapist", "リハビリ職（PT・OT・ST）"},
    {"dental_hygienist", "歯科衛生士"},
    {"dietitian", "管理栄養士"},
    {"care_worker", "介護職員"},
    {"social_worker", "社会福祉士"},
    {"administrative", "行政職員"},
    {"other", "その他"},
}};

}  // namespace

std::span<const Municipality> DefaultMunicipalities() { return kHonjoKodama; }

std::string MunicipalityName(std::string_view code) {
  for (const auto& m : kHonjoKodama)
    if (code == m.code) return m.name;
  return {};
}

bool IsValidLocalGovernmentCode(std::string_view code) {
  if (code.size() != 6) return false;
  int sum = 0;
  for (size_t i = 0; i < 6; ++i)
    if (code[i] < '0' || code[i] > '9') return false;
  for (size_t i = 0; i < 5; ++i) sum += (code[i] - '0') * static_cast<int>(6 - i);
  return (11 - sum % 11) % 10 == code[5] - '0';
}

std::span<const SceneInfo> AllScenes() { return kScenes; }
std::optional<Scene> SceneFromCode(std::string_view code) {
  for (const auto& s : kScenes)
    if (code == s.code) return s.scene;
  return std::nullopt;
}

std::span<const ProgramItemInfo> AllProgramItems() { return kItems; }
std::optional<ProgramItem> ProgramItemFromCode(std::string_view code) {
  for (const auto& i : kItems)
    if (code == i.code) return i.item;
  return std::nullopt;
}

std::span<const ProfessionInfo> AllProfessions() { return kProfessions; }

std::string ProfessionLabel(std::string_view code) {
  for (const auto& p : kProfessions)
    if (code == p.code) return p.label;
  return std::string(code);
}
bool IsProfession(std::string_view code) {
  for (const auto& p : kProfessions)
    if (code == p.code) return true;
  return false;
}

}  // namespace renkei::core
