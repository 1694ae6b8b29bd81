#include "modules/planning/demo.hpp"

#include "modules/liaison/service.hpp"
#include "modules/planning/indicators.hpp"
#include "modules/planning/service.hpp"
#include "platform/clock.hpp"

namespace renkei::planning {
namespace {

struct Seed {
  const char* item;
  std::vector<std::string> scenes;
  bool priority;
  const char* results;
  const char* evaluation;
  const char* next_goal;
  const char* next_plan;
};

const std::vector<Seed>& Fy2023() {
  static const std::vector<Seed> seed = {
      {"a",
       {"daily", "admission_discharge", "emergency", "end_of_life"},
       false,
       "○郡市内の在宅医療・介護資源の調査や情報を整理し、適正な情報提供のため、市町ホームページの情報更新を行った。",
       "○郡市内の在宅医療・介護関係機関等の情報を住民に周知することができた。",
       "〇郡市内の在宅医療・介護資源について適切な情報提供ができて、関係者間の連携に活用される。",
       "○在宅医療・介護資源の調査や情報の整理を継続する。\n〇医療機関・高齢者施設等へ「看取り」に関するアンケート調査を行い、現状を把握する"
       "。\n"
       "〇地域包括ケア「見える化」システム等を活用して、利用可能データ等から把握。\n○適正な情報提供のため、継続的に情報更新を行う。"},
      {"b",
       {"daily", "admission_discharge", "emergency", "end_of_life"},
       false,
       "○郡市内の在宅医療・介護連携を推進するため協議会を開催した。\n　＊年{{meetings.council}}回開催\n　　第1回協議会　R5/6/"
       "23\n　　第2回協議会　R6/2/9\n"
       "○重点取組内容に選定した「入退院支援」について、対応策を検討した。",
       "○「脳梗塞再発予防のためのチェックシート」を作成・周知し、退院時等において活用できるようにした。",
       "〇郡市内の在宅医療・介護連携を更に推進する。",
       "○郡市内の在宅医療・介護連携を推進するため協議会を継続する。\n○現状分析や課題を把握し、課題を解決するための対応策としての事業を整理"
       "し、PDCAサイクルに沿った取組みを進める。\n"
       "〇郡市内の医療機関・施設等へ「看取り」に関するアンケート調査を実施し、地域課題を抽出する。"},
      {"c",
       {"admission_discharge"},
       true,
       "○重点取組内容「入退院支援」の課題解決に向けた対応策を実施した。\n"
       "　＊令和3年度に開催した「在宅を支える医療・介護者研修会」後に作成着手した「脳梗塞再発予防チェックシート」について、多職種連携を考え"
       "る会において、お知らせをしてケアマネへ送付した。（R5/11）。\n"
       "　＊令和4年度に開催した「入退院調整ルールの活用における現状と意見交換会」において事業所調査及び利用状況調査を実施し、入退院調整ルー"
       "ルの改訂を行った。（R5/7公表）。\n"
       "　＊令和５年度多職種連携を考える会を開催した。\n　　内容については（カ）参照。",
       "〇入退院調整ルールの活用推進のため、医療・介護関係職対象に実施した調査結果より、円滑な連携がとれていることが分かった。\n"
       "○ルールの活用状況については必要時に見直しをしていく必要がある。",
       "〇入退院調整ルールを活用し、適切な支援ができる。\n〇切れ目のない支援ができるよう、関係機関の連携体制の強化を図る。\n"
       "〇地域住民が、在宅での看取りについて認識・理解し、医療と介護の両方を必要とする高齢者が、望む場所での看取りが行えるよう支援できる。",
       "〇入退院調整ルールにおいては、今後も4つの場面を意識した取り組みの中で、必要に応じ改訂を検討する。\n"
       "○入退院時の情報提供等が円滑にできるよう「入退院調整ルール」の周知を継続する。\n○連携体制を構築するために、意見交換会や研修会等を実"
       "施する。"},
      {"d",
       {"daily", "admission_discharge", "emergency"},
       false,
       "○関係者の情報共有にＭＣＳを活用できるよう、周知の支援を継続した。\n○緊急時の備えに向け「わたしの連絡先カード」の郡市内一体的な活用"
       "を図った。\n"
       "　＊対象者：75歳に年度内に達する人（4市町）\n　　　　　　新規介護認定者（上里町）\n　＊介護支援専門員へカードの説明・配布\n　　（事"
       "業所数）\n"
       "　　本庄（15）　美里（５）　神川（6）\n　　上里（11）\n　＊項目の追加等は適宜検討。\n○「脳梗塞再発予防のためのチェックシート」の周"
       "知\n"
       "　＊入退院支援時において、介護関係者が必要な医療情報収集するための参考となるよう作成したもの\n○多職種連携を考える会の開催\n　＊グル"
       "ープワークの実施\n　＊他詳細は事業項目（カ）を参照",
       "○日常業務におけるＭＣＳ活用の有用性がますます高まる。\n○住民の活用を広めるため「わたしの連絡先カード」の継続及び配布機会の拡大の検"
       "討が必要である。\n"
       "○入退院支援に関わる関係者での意見交換により、顔の見える関係づくりの重要性・医療と介護のそれぞれの立場や視点を認識できた。",
       "〇関係者が対面、MCSを活用し必要な情報を速やかに共有できるツールや体制の構築を図る。",
       "○医療・介護関係者等が積極的にＭＣＳを活用し、情報を共有できるように、周知を行う。\n○住民の活用を広めるため「わたしの連絡先カード」"
       "の継続及び配布機会の拡大を図る。"},
      {"e",
       {"daily", "admission_discharge", "emergency", "end_of_life"},
       false,
       "○在宅医療連携拠点（本庄市児玉郡共同委託）における相談支援を継続した。\n○協議会へ相談支援の状況報告を行った。\n"
       "　＊相談件数：{{consultations.total}}件（資料２ 参照）\n　【内訳】(％)\n"
       "　・居住者別状況：本庄市({{consultations.by_municipality.112119.percent}})、上里町({{consultations.by_municipality.113859.percent}}"
       ")\n"
       "　　　　　　　　　美里町({{consultations.by_municipality.113816.percent}})、神川町 "
       "({{consultations.by_municipality.113832.percent}})\n"
       "　・相談者の区分：医療機関(県内外を併せて{{consultations.by_requester.medical.percent}})\n"
       "　　　　　　　　　本人・家族({{consultations.by_requester.person_family.percent}})\n"
       "　　　　　　　　　ケアマネジャー({{consultations.by_requester.care_manager.percent}})\n"
       "　　　　　　　　　地域包括支援センター({{consultations.by_requester.support_center.percent}})\n"
       "　・相談内容：訪問診療・訪問看護等に関するもの({{consultations.by_content.home_medical_nursing.percent}})\n"
       "　　　　　　　在宅・看取りに関するもの({{consultations.by_content.home_care_end_of_life.percent}})\n"
       "○在宅医療連携拠点と郡市内の地域包括支援センターで役割分担を行い、連携を図りながら相談支援を継続した。",
       "○在宅医療連携拠点と地域包括支援センターで役割分担を行いながら、きめ細やかな相談や連携調整ができた。\n"
       "○今後、困難事例（単身身寄りなし・病識なし・認知症等）の増加が予想されることから、在宅医療連携拠点と地域包括支援センターの連携強化が"
       "求められる。",
       "○在宅医療連携拠点における在宅医療・介護連携に関する相談支援を通して、医療と介護の連携を推進する。\n○困りごとや要望等の解決ができる"
       "よう、相談体制の充実を図る。\n"
       "○地域包括支援センターとの連携により相談支援を行うことができる。",
       "○在宅医療連携拠点における相談支援を継続。（本庄市児玉郡共同委託）\n"
       "○在宅医療連携拠点と郡市内の地域包括支援センターで役割分担を行い、一層の連携を図りながら相談支援を継続する。"},
      {"f",
       {"admission_discharge", "end_of_life"},
       false,
       "○（ SDM "
       "）意思決定支援セミナーの開催\n　＊R5/５/23(火)　本庄市役所　６階大会議室\n　＊参加者：{{events.by_kind.seminar.attended}}人\n"
       "○緩和ケアにおける地域連携構築会議の開催\n　＊R5/10/"
       "19(木)　本庄市児玉郡医師会館\n　＊参加者：{{events.by_kind.meeting.attended}}人\n　＊医療用麻薬ネットワークについて\n"
       "○多職種連携を考える会の開催\n　＊R5/11/"
       "17(金)　神川町役場　３階大会議室\n　＊参加者：{{events.by_kind.interprofessional.attended}}人\n"
       "　＊「入退院時におけるケアマネジャーと病院等職員との円滑かつ効果的な連携のために～退院時カンファレンス、サービス担当者会議のポイン"
       "ト～」\n"
       "　＊講師：うちだ福祉相談事務所　内田英一氏\n　＊講義、グループワーク",
       "○意思決定支援セミナーにおいて、障害や認知症があっても意思決定ができる支援方法を学ぶことができた。\n"
       "○緩和ケアにおける医療用麻薬について、ネットワーク、使用機器等在宅療養を支える手段として理解を深めた。\n"
       "○多職種連携を考える会にて、入退院支援に関わる関係者の意見交換により、顔の見える関係づくりの重要性・医療と介護のそれぞれの立場や視点"
       "を認識できた。",
       "○多職種の資質向上及び顔の見える関係づくりと連携体制の強化を図る。\n"
       "〇「意思決定支援」「看取り」に関連した研修会を開催し、人生の最終段階における本人の意思に対し、必要な連携を図ることができる。",
       "○意思決定支援に関する講演会の開催。\n○多職種連携を考える会や意見交換会等、研修会の開催。"},
      {"g",
       {"end_of_life"},
       false,
       "○「人生会議（ACP）」について{{outreach.by_kind.newsletter.count}}市町の広報紙に記事を掲載。\n"
       "○ACPの普及啓発を図るため住民により身近な場を活用するとともに、民生委員や住民に対するDVD上映機会を設定した。\n"
       "　＊本庄市（本庄市保健センターにおける特定健診等）で {{outreach.by_kind.dvd_screening.reach}} 人視聴",
       "○広報等に掲載し広く周知することができた。",
       "○住民がＡＣＰについて考える機会の提供を行う。",
       "〇住民向けにACP普及啓発講師人材バンク登録医師による講演会を開催する。\n○ACPの普及啓発を図るため、身近な場を活用しながら周知の機会を"
       "増やす。\n○広報紙へのACP記事掲載の継続。"},
      {"h",
       {"daily", "admission_discharge", "emergency", "end_of_life"},
       false,
       "○市町担当者と保健所・拠点の連携体制を推進。\n○本事業の円滑実施に向けて、市町担当者会議、在宅医療連携拠点と市町担当者会議・在宅医療"
       "担当課長会議等を継続して開催。\n"
       "　＊市町担当者会議：{{meetings.municipal_staff}} "
       "回\n　＊拠点・市町担当者会議：{{meetings.hub_staff}}回\n　＊担当課長会議：{{meetings.section_chiefs}}回",
       "○本庄保健所職員の協議会参加や在宅医療連携拠点・市町担当者会議の参加のほか、多職種連携を考える会にも参加・協力を得て、連携を図った。"
       "\n"
       "○市町及び在宅医療連携拠点や地域包括支援センター、保健所等のメンバーが必要に応じて集まり、連携しながら本事業の推進に取り組んだ。",
       "○関係者が一同に会することで顔の見える関係を構築し、連携体制を整える。\n〇保健所と在宅医療拠点・市町担当者が連携しながら、地域の現状"
       "・課題等を共有し、本事業を推進する。",
       "〇顔の見える関係を構築し、連携体制整備のための研修会を企画し開催する。\n○事業の円滑実施のために、市町担当者会議を継続し、定期的に保"
       "健所と在宅医療拠点と連携を図っていく。"},
  };
  return seed;
}

}  // namespace

Status LoadDemo(storage::Database& db) {
  PlanService plans(db);
  if (!plans.Years().empty()) return Status::Ok();
  // The demo loader acts as the system with an administrator's permissions.
  const security::Principal system = security::SystemPrincipal();
  // The records each item reports on: the year's events for (カ), outreach for (キ), meetings for (イ)(ク).
  auto choices = plans.LinkChoices(system, 2023);
  if (!choices.ok()) return choices.status();
  auto linked = [&](const std::string& item) {
    std::vector<std::string> refs;
    std::string prefix = item == "f" ? "event:" : item == "g" ? "outreach:" : (item == "b" || item == "h") ? "meeting:" : "";
    if (prefix.empty()) return refs;
    for (const auto& c : *choices)
      if (c.ref.rfind(prefix, 0) == 0 && (item != "b" || c.label.find("協議会") != std::string::npos)) refs.push_back(c.ref);
    return refs;
  };
  for (const auto& s : Fy2023()) {
    Entry e{2023, s.item, s.scenes, s.results, s.evaluation, s.next_goal, s.next_plan, s.priority, "", "", linked(s.item)};
    if (auto st = plans.Put(system, "", e); !st.ok())
      return Status::Internal("デモの事業計画を作成できませんでした。", st.message() + " " + st.detail());
  }
  liaison::LiaisonService meetings(db);
  auto councils = meetings.Year(system, 2023, "council");
  if (!councils.ok()) return councils.status();
  for (const auto& m : *councils)
    if (clock::IsoToTokyoMinute(m.held_at).substr(0, 10) == "2024-02-09") {
      if (auto st = plans.Approve(system, "", 2023, m.id); !st.ok()) return st;
    }
  if (auto st = plans.StartNext(system, "", 2023); !st.ok()) return st;
  // FY2024's (ア) rests on the 看取り survey of that year (surveys' demo ran before this).
  auto next = plans.Get(system, 2024);
  auto next_links = plans.LinkChoices(system, 2024);
  if (!next.ok() || !next_links.ok()) return Status::Internal("デモの事業計画を作成できませんでした。");
  for (auto e : next->entries) {
    if (e.item != "a") continue;
    for (const auto& c : *next_links)
      if (c.ref.rfind("survey:", 0) == 0) e.links.push_back(c.ref);
    if (!e.links.empty())
      if (auto st = plans.Put(system, "", e); !st.ok()) return st;
  }
  // Two indicators with sample values (not real statistics: the source says so), beside (オ) and (キ).
  IndicatorService indicators(db);
  const char* csv =
      "指標ID,指標名,単位,地域,年度,値\n"
      "B5,要介護（要支援）認定率（サンプル）,%,本庄市,2021,17.1\nB5,要介護（要支援）認定率（サンプル）,%,本庄市,2022,17.4\n"
      "B5,要介護（要支援）認定率（サンプル）,%,本庄市,2023,17.8\nB5,要介護（要支援）認定率（サンプル）,%,美里町,2021,15.9\n"
      "B5,要介護（要支援）認定率（サンプル）,%,美里町,2022,16.2\nB5,要介護（要支援）認定率（サンプル）,%,美里町,2023,16.4\n"
      "B5,要介護（要支援）認定率（サンプル）,%,神川町,2021,16.8\nB5,要介護（要支援）認定率（サンプル）,%,神川町,2022,17.0\n"
      "B5,要介護（要支援）認定率（サンプル）,%,神川町,2023,17.3\nB5,要介護（要支援）認定率（サンプル）,%,上里町,2021,15.2\n"
      "B5,要介護（要支援）認定率（サンプル）,%,上里町,2022,15.5\nB5,要介護（要支援）認定率（サンプル）,%,上里町,2023,15.9\n"
      "L16,在宅（自宅）での死亡の割合（サンプル）,%,合計,2021,12.3\nL16,在宅（自宅）での死亡の割合（サンプル）,%,合計,2022,13.1\n"
      "L16,在宅（自宅）での死亡の割合（サンプル）,%,合計,2023,14.0\n";
  if (auto r = indicators.ImportCsv(system, "", csv, "サンプル（デモ用の架空の値）"); !r.ok()) return r.status();
  if (auto st = indicators.SetItems(system, "", "B5", {"e"}); !st.ok()) return st;
  return indicators.SetItems(system, "", "L16", {"c", "g"});
}

}  // namespace renkei::planning
