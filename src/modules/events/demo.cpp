#include "modules/events/demo.hpp"

#include <chrono>

#include "core/wareki.hpp"
#include "modules/events/store.hpp"
#include "platform/clock.hpp"
#include "platform/security/audit.hpp"
#include "platform/security/crypto.hpp"

namespace renkei::events {
namespace {

std::string At(const std::string& local) { return *core::ParseJapanTime(local); }

// What the demo's events are written with: the transaction, the venues and the time of loading.
struct Seed {
  soci::session& sql;
  storage::Engine engine;
  std::string now;
  store::Venue city, medical, kamikawa;

  std::string Add(Event e) {
    e.id = security::NewId();
    e.fiscal_year = core::FiscalYearOf(*core::ParseIsoDate(clock::IsoToTokyoMinute(e.starts_at).substr(0, 10)));
    e.created_by = "system";
    e.created_at = e.updated_at = now;
    store::Insert(sql, e);
    security::AppendAudit(sql, engine,
                          {.actor = "system", .action = "event.created", .subject = "event:" + e.id, .remote_addr = "", .detail = "demo"});
    return e.id;
  }
};

// FY2023 as the plan reports it: the SDM seminar, the palliative-care network meeting, the
// interprofessional meeting on admission and discharge.
void PastYear(Seed& seed) {
  Event sdm;
  sdm.title = "（SDM）意思決定支援セミナー";
  sdm.kind = "seminar";
  sdm.starts_at = At("2023-05-23 14:00");
  sdm.ends_at = At("2023-05-23 16:00");
  sdm.venue_id = seed.city.id;
  sdm.venue_note = "6階大会議室";
  sdm.organizer = "本庄市児玉郡在宅医療・介護連携推進協議会";
  sdm.target_professions = {"doctor", "nurse", "care_manager", "social_worker"};
  sdm.scenes = {"daily", "end_of_life"};
  sdm.description = "障害や認知症があっても本人が意思決定できるよう支援する方法（共同意思決定：SDM）を学びます。";
  sdm.status = "held";
  sdm.reported_attendance = 50;
  seed.Add(sdm);
  Event palliative;
  palliative.title = "緩和ケアにおける地域連携構築会議";
  palliative.kind = "meeting";
  palliative.starts_at = At("2023-10-19 19:00");
  palliative.ends_at = At("2023-10-19 20:30");
  palliative.venue_id = seed.medical.id;
  palliative.organizer = "本庄市児玉郡医師会・在宅医療連携拠点";
  palliative.target_professions = {"doctor", "pharmacist", "visiting_nurse", "care_manager"};
  palliative.scenes = {"end_of_life"};
  palliative.description = "医療用麻薬ネットワークについて。在宅療養を支える使用機器や薬局との連携を確認します。";
  palliative.status = "held";
  palliative.reported_attendance = 30;
  seed.Add(palliative);
  Event ip;
  ip.title = "多職種連携を考える会";
  ip.kind = "interprofessional";
  ip.starts_at = At("2023-11-17 14:00");
  ip.ends_at = At("2023-11-17 16:30");
  ip.venue_id = seed.kamikawa.id;
  ip.venue_note = "3階大会議室";
  ip.organizer = "本庄市児玉郡在宅医療・介護連携推進協議会";
  ip.lecturers = {{"内田英一", "うちだ福祉相談事務所"}};
  ip.target_professions = {"care_manager", "discharge_nurse", "msw", "nurse"};
  ip.scenes = {"admission_discharge"};
  ip.description =
      "「入退院時におけるケアマネジャーと病院等職員との円滑かつ効果的な連携のために　～退院時カンファレンス、サービス担当者会議のポイント"
      "～」\n"
      "講義、グループワーク";
  ip.status = "held";
  ip.reported_attendance = 54;
  seed.Add(ip);
}

// This year: one held with its registrations and attendance, one open for registration.
std::pair<std::string, std::string> ThisYear(Seed& seed) {
  auto today = *core::ParseIsoDate(clock::IsoToTokyoMinute(seed.now).substr(0, 10));
  core::Date held_day = core::AddDays(today, -30), next_day = core::AddDays(today, 21);
  Event held;
  held.title = "意思決定支援に関する講演会";
  held.kind = "lecture";
  held.starts_at = At(held_day.iso() + " 14:00");
  held.ends_at = At(held_day.iso() + " 15:30");
  held.venue_id = seed.city.id;
  held.venue_note = "6階大会議室";
  held.organizer = "本庄市児玉郡在宅医療・介護連携推進協議会";
  held.lecturers = {{"講師 一郎（サンプル）", "みどり在宅クリニック（サンプル）"}};
  held.scenes = {"end_of_life"};
  held.capacity = 100;
  held.status = "held";
  std::string held_id = seed.Add(held);
  Event open;
  open.title = "多職種連携を考える会（入退院支援）";
  open.kind = "interprofessional";
  open.starts_at = At(next_day.iso() + " 14:00");
  open.ends_at = At(next_day.iso() + " 16:30");
  open.venue_id = seed.kamikawa.id;
  open.venue_note = "3階大会議室";
  open.organizer = "本庄市児玉郡在宅医療・介護連携推進協議会";
  open.target_professions = {"care_manager", "discharge_nurse", "msw", "visiting_nurse"};
  open.scenes = {"admission_discharge"};
  open.capacity = 60;
  open.status = "open";
  open.description = "退院前カンファレンスの進め方を、病院とケアマネジャーの立場から話し合います。グループワークがあります。";
  std::string open_id = seed.Add(open);
  return {held_id, open_id};
}

// Registrants (invented names, marked as samples): most attended the held event; five registered for the open one.
void Registrants(Seed& seed, const std::string& held_id, const std::string& open_id) {
  struct Person {
    const char* name;
    const char* org;
    const char* kind;
    const char* profession;
    const char* town;
  };
  const Person people[] = {
      {"青木 陽子（サンプル）", "あおぞら訪問看護ステーション（サンプル）", "home_nursing", "visiting_nurse", "112119"},
      {"石井 健（サンプル）", "かみさと居宅介護支援事業所（サンプル）", "care_management", "care_manager", "113859"},
      {"上田 真理（サンプル）", "本庄市地域包括支援センター（デモ）", "support_center", "social_worker", "112119"},
      {"江藤 誠（サンプル）", "えきまえ薬局（サンプル）", "pharmacy", "pharmacist", "112119"},
      {"小川 さやか（サンプル）", "みどり在宅クリニック（サンプル）", "clinic", "nurse", "112119"},
      {"加藤 直子（サンプル）", "美里町役場（サンプル）", "government", "public_health_nurse", "113816"},
      {"木村 大輔（サンプル）", "かみかわ訪問看護ステーション（サンプル）", "home_nursing", "visiting_nurse", "113832"},
      {"久保 由美（サンプル）", "", "resident", "resident", "112119"},
  };
  int i = 0;
  for (const auto& p : people) {
    for (const auto& [event_id, attended] : {std::pair<std::string, bool>{held_id, i % 4 != 3}, {open_id, false}}) {
      if (event_id == open_id && i >= 5) continue;
      Registration r;
      r.id = security::NewId();
      r.event_id = event_id;
      r.reference = "R-DEMO-" + std::to_string(100 + i) + (event_id == open_id ? "B" : "A");
      r.name = p.name;
      r.organization = p.org;
      r.organization_kind = p.kind;
      r.profession = p.profession;
      r.municipality = p.town;
      r.phone = "0495-00-" + std::to_string(9000 + i);
      r.status = "registered";
      r.attended = attended;
      r.created_at = seed.now;
      if (attended) r.attended_at = seed.now;
      store::InsertRegistration(seed.sql, r, security::Sha256Hex(security::RandomHex(24)));
    }
    ++i;
  }
}

void Evaluations(Seed& seed, const std::string& held_id) {
  const char* comments[][2] = {
      {"本人の意思を確認する手順が具体的でよかった", "事例をもっと聞きたい"}, {"多職種の考え方がわかった", ""}, {"", "次回も参加したい"}};
  int scores[] = {5, 4, 5, 3, 4};
  for (int k = 0; k < 5; ++k)
    store::InsertEvaluation(seed.sql, security::NewId(), held_id,
                            {scores[k], k < 3 ? comments[k][0] : "", k < 3 ? comments[k][1] : "", seed.now});
}

}  // namespace

Status LoadDemo(storage::Database& db) {
  try {
    storage::Transaction tx(db);
    if (!store::List(tx.sql(), 0, false).empty()) return Status::Ok();
    std::string now = clock::NowIso();
    Seed seed{tx.sql(),
              db.engine(),
              now,
              {security::NewId(), "本庄市役所", "埼玉県本庄市本庄3丁目5番3号", 120},
              {security::NewId(), "本庄市児玉郡医師会館", "埼玉県本庄市", 60},
              {security::NewId(), "神川町役場", "埼玉県児玉郡神川町大字植竹909番地", 80}};
    for (const auto* v : {&seed.city, &seed.medical, &seed.kamikawa}) store::InsertVenue(tx.sql(), *v, now);
    PastYear(seed);
    auto [held_id, open_id] = ThisYear(seed);
    Registrants(seed, held_id, open_id);
    Evaluations(seed, held_id);
    tx.commit();
    return Status::Ok();
  } catch (const std::exception& e) {
    return Status::Internal("デモの研修データを作成できませんでした。", e.what());
  }
}

}  // namespace renkei::events
