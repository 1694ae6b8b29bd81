#include "core/facility_kinds.hpp"

#include <array>

namespace renkei::core {
namespace {

constexpr std::array<KindInfo, 23> kKinds = {{
    {"hospital", "病院"},
    {"clinic", "診療所（医院・クリニック）"},
    {"dental_clinic", "歯科診療所"},
    {"pharmacy", "薬局"},
    {"midwife", "助産所"},
    {"home_nursing", "訪問看護ステーション"},
    {"care_management", "居宅介護支援事業所（ケアマネジャー）"},
    {"support_center", "地域包括支援センター"},
    {"hub", "在宅医療連携拠点"},
    {"home_care", "訪問介護"},
    {"home_bathing", "訪問入浴介護"},
    {"home_rehab", "訪問リハビリテーション"},
    {"day_service", "通所介護（デイサービス）"},
    {"day_rehab", "通所リハビリテーション（デイケア）"},
    {"short_stay", "短期入所（ショートステイ）"},
    {"nursing_home", "特別養護老人ホーム"},
    {"health_facility", "介護老人保健施設"},
    {"care_hospital", "介護医療院"},
    {"group_home", "認知症グループホーム"},
    {"residential", "有料老人ホーム・軽費老人ホームなど"},
    {"multi_function", "小規模多機能型居宅介護・看護小規模多機能"},
    {"welfare_equipment", "福祉用具（貸与・販売）"},
    {"other_care", "その他の介護サービス"},
}};

}  // namespace

std::span<const KindInfo> AllKinds() { return kKinds; }
const KindInfo* FindKind(std::string_view code) {
  for (const auto& k : kKinds)
    if (code == k.code) return &k;
  return nullptr;
}

}  // namespace renkei::core
