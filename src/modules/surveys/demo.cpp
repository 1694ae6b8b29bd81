#include "modules/surveys/demo.hpp"

#include "core/wareki.hpp"
#include "modules/surveys/service.hpp"
#include "modules/surveys/store.hpp"
#include "platform/clock.hpp"

namespace renkei::surveys {
namespace {

// A small deterministic sequence, so the demo's figures are the same on every machine.
struct Sequence {
  unsigned state;
  unsigned next(unsigned n) {
    state = state * 1103515245u + 12345u;
    return (state >> 16) % n;
  }
};

Status Fill(storage::Database& db, SurveyService& service, const security::Principal& p, const std::string& id, unsigned seed,
            unsigned answer_per_mille, const std::vector<std::string>& texts) {
  auto survey = service.Get(p, id);
  if (!survey.ok()) return survey.status();
  auto targets = service.Targets(p, id);
  if (!targets.ok()) return targets.status();
  Sequence seq{seed};
  size_t t = 0;
  for (const auto& target : *targets) {
    if (seq.next(1000) >= answer_per_mille) continue;
    std::map<int, std::vector<std::string>> raw;
    for (size_t i = 0; i < survey->questions.size(); ++i) {
      const auto& q = survey->questions[i];
      int n = static_cast<int>(i + 1);
      switch (q.kind) {
        case QuestionKind::kSingle: raw[n] = {std::to_string(1 + seq.next(static_cast<unsigned>(q.options.size())))}; break;
        case QuestionKind::kMultiple:
          for (size_t k = 0; k < q.options.size(); ++k)
            if (seq.next(100) < 45) raw[n].push_back(std::to_string(k + 1));
          break;
        case QuestionKind::kNumber: raw[n] = {std::to_string(seq.next(12))}; break;
        case QuestionKind::kText:
          if (!texts.empty() && seq.next(100) < 40) raw[n] = {texts[t++ % texts.size()]};
          break;
      }
    }
    auto r = service.Answer(target.token, seq.next(2) ? "看護部 管理者" : "事務長", raw, "");
    if (!r.ok()) return r.status();
    if (!r->empty()) return Status::Internal("demo survey answer refused", r->front().field + ": " + r->front().message);
  }
  return Status::Ok();
}

// A survey as it would be run: written, sent to facilities of these kinds, answered by about
// per_mille / 1000 of them, and closed when `close`.
struct DemoSurvey {
  SurveyInput input;
  std::vector<std::string> kinds;
  unsigned seed, per_mille;
  std::vector<std::string> texts;
  bool close;
};

Status Run(storage::Database& db, SurveyService& service, const security::Principal& p, const DemoSurvey& d) {
  auto id = service.Create(p, "", d.input);
  if (!id.ok()) return id.status();
  if (auto added = service.AddTargets(p, "", *id, d.kinds, ""); !added.ok()) return added.status();
  if (auto s = service.Open(p, "", *id); !s.ok()) return s;
  if (auto s = Fill(db, service, p, *id, d.seed, d.per_mille, d.texts); !s.ok()) return s;
  return d.close ? service.Close(p, "", *id) : Status::Ok();
}

}  // namespace

Status LoadDemo(storage::Database& db) {
  SurveyService service(db);
  const security::Principal p = security::SystemPrincipal();
  const int this_year = core::FiscalYearOf(*core::ParseIsoDate(clock::TodayInTokyo()));
  const DemoSurvey surveys[] = {
      // FY2024, item ア: the plan's 「看取り」に関するアンケート調査 to medical institutions and facilities.
      {{"「看取り」に関するアンケート調査", "2024", "a",
        "郡市内の医療機関・高齢者施設等における看取りの現状を把握し、地域課題を抽出するための調査です。\n"
        "問い合わせ先：本庄市児玉郡在宅医療・介護連携推進事業 事務局",
        "2024-09-30",
        "[single*] 貴事業所では、看取りに対応していますか\n対応している\n条件により対応している\n対応していない\n\n"
        "[multiple] 看取りを行う上で困っていること（いくつでも）\n夜間・休日の対応\n医師との連携\n家族の理解・意思決定の支援\n"
        "職員の経験・研修の不足\n急変時の救急搬送の判断\n\n"
        "[number] 令和5年度に看取った方の人数（人）\n\n"
        "[single] 人生会議（ACP）について、利用者・家族と話し合う機会がありますか\nよくある\nときどきある\nほとんどない\n\n"
        "[text] 郡市で取り組むべき課題と感じていること\n"},
       {"hospital", "clinic", "home_nursing", "nursing_home", "health_facility", "group_home"},
       2024,
       700,
       {"夜間に往診できる医師が少なく、施設での看取りをためらうことがある。",
        "家族の意向が途中で変わったときの話し合いの進め方を共有したい。", "救急要請の判断基準を医療機関と施設で共通にしたい。",
        "職員向けの看取り研修を郡市で開いてほしい。"},
       true},
      // This year: how the admission/discharge rule (revised R5/7) is used, open for answers.
      {{"入退院調整ルールの活用状況調査", std::to_string(this_year), "d",
        "入退院調整ルール（令和5年7月改訂）の活用状況を伺います。回答は事業所ごとのリンクから何度でも直せます。", "",
        "[single*] 入退院調整ルールを活用していますか\nいつも活用している\nときどき活用している\n活用していない\n知らなかった\n\n"
        "[multiple] 入院時に病院へ情報提供する方法（いくつでも）\nFAX\n持参\n郵送\n電話\nMCS などのICT\n\n"
        "[number] この半年で、入院時に情報提供した件数（件）\n\n"
        "[text] ルールの改善点・ご意見\n"},
       {"care_management", "hospital"},
       7,
       350,
       {"退院の連絡が2〜3日前になることがあり、サービス調整が間に合わない。", "病棟の連絡窓口（看護師かMSWか）を一覧にしてほしい。"},
       false},
  };
  for (const auto& d : surveys)
    if (auto s = Run(db, service, p, d); !s.ok()) return s;
  return Status::Ok();
}

}  // namespace renkei::surveys
