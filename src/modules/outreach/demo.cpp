#include "modules/outreach/demo.hpp"

#include <chrono>

#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "modules/outreach/store.hpp"
#include "platform/clock.hpp"
#include "platform/security/audit.hpp"
#include "platform/security/crypto.hpp"

namespace renkei::outreach {

Status LoadDemo(storage::Database& db) {
  try {
    storage::Transaction tx(db);
    if (!store::ActivitiesOfYear(tx.sql(), 2023).empty()) return Status::Ok();
    std::string now = clock::NowIso();
    auto add = [&](const char* kind, const std::string& area, const std::string& date, const std::string& place,
                   const std::string& audience, long long reach, const std::string& topic, bool is_public, const std::string& notes) {
      Activity a;
      a.id = security::NewId();
      a.kind = kind;
      a.municipality = area;
      a.date = date;
      a.fiscal_year = core::FiscalYearOf(*core::ParseIsoDate(date));
      a.place = place;
      a.audience = audience;
      a.reach = reach;
      a.topic = topic;
      a.acp = true;
      a.is_public = is_public;
      a.scenes = {"end_of_life"};
      a.notes = notes;
      a.created_by = "system";
      a.created_at = a.updated_at = now;
      store::InsertActivity(tx.sql(), a);
      security::AppendAudit(
          tx.sql(), db.engine(),
          {.actor = "system", .action = "outreach.created", .subject = "outreach:" + a.id, .remote_addr = "", .detail = "demo"});
    };
    // 人生会議 articles in the four towns' newsletters (copies were not recorded: reach 0).
    const char* dates[] = {"2023-11-01", "2023-11-10", "2023-11-15", "2023-12-01"};
    int i = 0;
    for (const auto& m : core::DefaultMunicipalities())
      add("newsletter", m.code, dates[i++], std::string("広報") + m.name, "住民", 0, "人生会議（ACP）について", false,
          "発行部数は記録していない");
    // DVD screenings at 本庄市保健センター during health checks: 2,342 viewers in all.
    const std::pair<const char*, long long> screenings[] = {{"2023-06-14", 412}, {"2023-07-12", 398}, {"2023-08-09", 405},
                                                            {"2023-09-13", 377}, {"2023-10-11", 381}, {"2023-11-08", 369}};
    for (const auto& [date, n] : screenings)
      add("dvd_screening", "112119", date, "本庄市保健センター（特定健診等）", "健診の受診者・民生委員", n, "人生会議（ACP）DVD上映", false,
          "");
    // This year: an announced screening for the public page.
    auto today = *core::ParseIsoDate(clock::IsoToTokyoMinute(now).substr(0, 10));
    core::Date d = core::AddDays(today, 14);
    add("dvd_screening", "113859", d.iso(), "上里町保健センター", "住民どなたでも", 0, "人生会議（ACP）DVD上映と説明", true, "");

    // The lecturer bank (invented people, marked as samples).
    const Lecturer lecturers[] = {
        {security::NewId(), "講師 一郎（サンプル）", "医師", "みどり在宅クリニック（サンプル）", "人生会議、在宅での看取り", "平日の午後",
         true},
        {security::NewId(), "講師 花子（サンプル）", "訪問看護師", "あおぞら訪問看護ステーション（サンプル）",
         "人生会議、家族の話し合いの進め方", "土曜日", true},
        {security::NewId(), "講師 次郎（サンプル）", "ケアマネジャー", "かみさと居宅介護支援事業所（サンプル）", "介護保険と人生会議",
         "平日の夜", true},
    };
    for (const auto& l : lecturers) store::InsertLecturer(tx.sql(), l, now);
    Request r;
    r.id = security::NewId();
    r.reference = "K-DEMO01";
    r.group_name = "本庄第三自治会 ふれあいサロン（サンプル）";
    r.contact_name = "申込 太郎（サンプル）";
    r.phone = "0495-00-9901";
    r.municipality = "112119";
    r.preferred = "来月の第2水曜日 午後、または第4水曜日 午後";
    r.topic = "人生会議について、家族と話し始めるきっかけを知りたい";
    r.audience_size = 25;
    r.created_at = r.updated_at = now;
    store::InsertRequest(tx.sql(), r);
    tx.commit();
    return Status::Ok();
  } catch (const std::exception& e) {
    return Status::Internal("デモの普及啓発データを作成できませんでした。", e.what());
  }
}

}  // namespace renkei::outreach
