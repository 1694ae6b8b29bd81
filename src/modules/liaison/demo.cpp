#include "modules/liaison/demo.hpp"

#include <chrono>

#include "core/wareki.hpp"
#include "modules/liaison/store.hpp"
#include "platform/clock.hpp"
#include "platform/security/audit.hpp"
#include "platform/security/crypto.hpp"

namespace renkei::liaison {
namespace {}  // namespace

Status LoadDemo(storage::Database& db) {
  try {
    storage::Transaction tx(db);
    if (!store::OfYear(tx.sql(), 2023, "").empty()) return Status::Ok();
    std::string now = clock::NowIso();
    const std::vector<Attendee> towns = {
        {"", "本庄市 担当者", "本庄市"}, {"", "美里町 担当者", "美里町"}, {"", "神川町 担当者", "神川町"}, {"", "上里町 担当者", "上里町"}};
    auto add = [&](const char* kind, const std::string& title, const std::string& local, const std::string& place,
                   std::vector<Attendee> who, const std::string& agenda, const std::string& minutes, const std::string& decisions) {
      Meeting m;
      m.id = security::NewId();
      m.kind = kind;
      m.title = title;
      m.held_at = *core::ParseJapanTime(local);
      m.fiscal_year = core::FiscalYearOf(*core::ParseIsoDate(local.substr(0, 10)));
      m.place = place;
      m.agenda = agenda;
      m.minutes = minutes;
      m.decisions = decisions;
      m.attendees = std::move(who);
      m.created_by = "system";
      m.created_at = m.updated_at = now;
      store::Insert(tx.sql(), m);
      security::AppendAudit(
          tx.sql(), db.engine(),
          {.actor = "system", .action = "meeting.created", .subject = "meeting:" + m.id, .remote_addr = "", .detail = "demo"});
      return m.id;
    };
    // FY2023: 16 municipal staff meetings (monthly, and four extra before the council and the report).
    const char* staff_days[] = {"2023-04-13", "2023-05-11", "2023-06-08", "2023-06-20", "2023-07-13", "2023-08-10",
                                "2023-09-14", "2023-10-12", "2023-11-09", "2023-12-14", "2024-01-11", "2024-01-25",
                                "2024-02-01", "2024-02-15", "2024-03-07", "2024-03-21"};
    int n = 1;
    for (const char* d : staff_days)
      add("municipal_staff", "第" + std::to_string(n++) + "回 市町担当者会議", std::string(d) + " 10:00", "本庄市役所", towns,
          "事業の進捗確認、協議会資料の準備", "", "");
    auto hub_attendees = towns;
    hub_attendees.push_back({"", "在宅医療連携拠点 コーディネーター", "本庄市児玉郡医師会"});
    add("hub_staff", "在宅医療連携拠点・市町担当者会議", "2023-08-24 14:00", "本庄市児玉郡医師会館", hub_attendees,
        "相談支援の状況と役割分担", "", "");
    add("section_chiefs", "在宅医療担当課長会議（第1回）", "2023-05-30 15:00", "本庄市役所", towns, "今年度の事業計画", "", "");
    add("section_chiefs", "在宅医療担当課長会議（第2回）", "2024-01-30 15:00", "本庄市役所", towns, "次年度の計画案", "", "");
    std::vector<Attendee> council = {{"", "会長", "本庄市児玉郡医師会"},   {"", "委員", "本庄市児玉郡歯科医師会"},
                                     {"", "委員", "本庄市児玉郡薬剤師会"}, {"", "委員", "訪問看護ステーション"},
                                     {"", "委員", "介護支援専門員協会"},   {"", "委員", "本庄保健所"}};
    for (const auto& t : towns) council.push_back(t);
    add("council", "令和5年度 第1回 在宅医療・介護連携推進協議会", "2023-06-23 14:00", "本庄市役所", council,
        "1. 令和4年度の事業報告\n2. 令和5年度の事業計画",
        "## 議事\n\n1. **令和4年度の事業報告**：事務局から報告し、了承された。\n2. **令和5年度の事業計画**：原案のとおり承認。\n\n"
        "## 意見\n\n- 入退院支援のルールの周知を続けてほしい。\n- 人生会議の普及は住民に身近な場で。",
        "令和5年度の事業計画を承認");
    add("council", "令和5年度 第2回 在宅医療・介護連携推進協議会", "2024-02-09 14:00", "本庄市役所", council,
        "1. 令和5年度の取組状況\n2. 令和6年度の計画（案）",
        "## 議事\n\n1. **取組状況**：相談件数31件（資料2）ほかを報告。\n2. "
        "**令和6年度計画（案）**：意思決定支援に関する講演会を計画に加え、承認。",
        "令和6年度の計画（案）を承認");

    // This year: a recent staff meeting whose action items wait on 本庄市's home page.
    auto today = *core::ParseIsoDate(clock::IsoToTokyoMinute(now).substr(0, 10));
    std::string recent = add(
        "municipal_staff", "市町担当者会議（今月）", core::AddDays(today, -7).iso() + " 10:00", "本庄市役所", towns,
        "研修会の準備、出前講座の依頼への対応",
        "## 報告\n\n- 多職種連携を考える会の申込状況を確認した。\n- 出前講座の依頼が1件あった。\n\n## 次回まで\n\n- 会場の備品を確認する。",
        "出前講座は講師人材バンクから講師を割り当てる");
    store::InsertAction(tx.sql(), {security::NewId(), recent, "研修会の会場備品（マイク・プロジェクター）を確認する", "honjo",
                                   core::AddDays(today, 5).iso(), "open", "", now, ""});
    store::InsertAction(tx.sql(), {security::NewId(), recent, "出前講座の依頼者へ日程の候補を連絡する", "honjo",
                                   core::AddDays(today, -2).iso(), "open", "", now, ""});
    store::InsertAction(tx.sql(), {security::NewId(), recent, "相談件数の上半期集計を共有する", "hub", core::AddDays(today, 10).iso(),
                                   "open", "", now, ""});
    tx.commit();
    return Status::Ok();
  } catch (const std::exception& e) {
    return Status::Internal("デモの会議データを作成できませんでした。", e.what());
  }
}

}  // namespace renkei::liaison
