#include "app/setup.hpp"

#include "core/domain.hpp"
#include "modules/careteams/demo.hpp"
#include "modules/consultations/demo.hpp"
#include "modules/directory/service.hpp"
#include "modules/events/demo.hpp"
#include "modules/liaison/demo.hpp"
#include "modules/outreach/demo.hpp"
#include "modules/planning/demo.hpp"
#include "modules/sharing/demo.hpp"
#include "modules/surveys/demo.hpp"
#include "platform/clock.hpp"
#include "platform/embedded.hpp"
#include "platform/security/account_store.hpp"
#include "platform/security/audit.hpp"
#include "platform/security/crypto.hpp"
#include "platform/security/region_store.hpp"

namespace renkei::app {

namespace store = security::account_store;

namespace {

struct DemoOrg {
  const char* id;
  const char* municipality;
  const char* name;
  const char* kana;
  const char* kind;
  const char* phone;
  const char* address;
  std::initializer_list<const char*> attributes;
  std::initializer_list<const char*> services;
};

// The hub and the support centres, so that every role has somewhere to belong, and sample clinics,
// pharmacies and visiting-nurse stations with the attributes the national data lacks. All are marked as
// samples (名前に「（デモ）」「（サンプル）」): they are not real places. Phone numbers use 0495-00-xxxx,
// which no one has.
const DemoOrg kDemoOrgs[] = {
    {"demo-hub",
     "112119",
     "本庄市児玉郡在宅医療連携拠点（デモ）",
     "ホンジョウシコダマグンザイタクイリョウレンケイキョテン",
     "hub",
     "0495-00-0001",
     "埼玉県本庄市（デモ）",
     {},
     {"在宅医療・介護連携に関する相談"}},
    {"demo-center-honjo",
     "112119",
     "本庄市地域包括支援センター（デモ）",
     "ホンジョウシチイキホウカツシエンセンター",
     "support_center",
     "0495-00-0011",
     "埼玉県本庄市（デモ）",
     {"dementia"},
     {"介護予防支援", "総合相談"}},
    {"demo-center-misato",
     "113816",
     "美里町地域包括支援センター（デモ）",
     "ミサトマチチイキホウカツシエンセンター",
     "support_center",
     "0495-00-0012",
     "埼玉県児玉郡美里町（デモ）",
     {"dementia"},
     {"介護予防支援", "総合相談"}},
    {"demo-center-kamikawa",
     "113832",
     "神川町地域包括支援センター（デモ）",
     "カミカワマチチイキホウカツシエンセンター",
     "support_center",
     "0495-00-0013",
     "埼玉県児玉郡神川町（デモ）",
     {"dementia"},
     {"介護予防支援", "総合相談"}},
    {"demo-center-kamisato",
     "113859",
     "上里町地域包括支援センター（デモ）",
     "カミサトマチチイキホウカツシエンセンター",
     "support_center",
     "0495-00-0014",
     "埼玉県児玉郡上里町（デモ）",
     {"dementia"},
     {"介護予防支援", "総合相談"}},
    {"demo-clinic",
     "112119",
     "みどり在宅クリニック（サンプル）",
     "ミドリザイタククリニック",
     "clinic",
     "0495-00-0101",
     "埼玉県本庄市（サンプル）",
     {"home_visit", "house_call", "h24", "end_of_life", "narcotics", "oxygen", "gastrostomy", "suction", "accepting"},
     {"内科", "在宅医療"}},
    {"demo-clinic-2",
     "112119",
     "ほんじょう内科医院（サンプル）",
     "ホンジョウナイカイイン",
     "clinic",
     "0495-00-0102",
     "埼玉県本庄市（サンプル）",
     {"house_call", "dementia"},
     {"内科", "循環器内科"}},
    {"demo-clinic-3",
     "113859",
     "かみさと診療所（サンプル）",
     "カミサトシンリョウジョ",
     "clinic",
     "0495-00-0103",
     "埼玉県児玉郡上里町（サンプル）",
     {"home_visit", "end_of_life", "accepting"},
     {"内科", "外科"}},
    {"demo-clinic-4",
     "113816",
     "みさとファミリークリニック（サンプル）",
     "ミサトファミリークリニック",
     "clinic",
     "0495-00-0104",
     "埼玉県児玉郡美里町（サンプル）",
     {"home_visit", "h24"},
     {"内科", "小児科"}},
    {"demo-dental",
     "112119",
     "こだま歯科医院（サンプル）",
     "コダマシカイイン",
     "dental_clinic",
     "0495-00-0201",
     "埼玉県本庄市児玉町（サンプル）",
     {"home_visit"},
     {"歯科", "訪問歯科"}},
    {"demo-dental-2",
     "113832",
     "かみかわ歯科クリニック（サンプル）",
     "カミカワシカクリニック",
     "dental_clinic",
     "0495-00-0202",
     "埼玉県児玉郡神川町（サンプル）",
     {},
     {"歯科", "小児歯科"}},
    {"demo-pharmacy",
     "112119",
     "えきまえ薬局（サンプル）",
     "エキマエヤッキョク",
     "pharmacy",
     "0495-00-0301",
     "埼玉県本庄市（サンプル）",
     {"narcotics", "h24", "home_visit"},
     {"在宅患者訪問薬剤管理指導"}},
    {"demo-pharmacy-2",
     "113859",
     "かみさと中央薬局（サンプル）",
     "カミサトチュウオウヤッキョク",
     "pharmacy",
     "0495-00-0302",
     "埼玉県児玉郡上里町（サンプル）",
     {"narcotics"},
     {"在宅患者訪問薬剤管理指導"}},
    {"demo-nursing",
     "112119",
     "あおぞら訪問看護ステーション（サンプル）",
     "アオゾラホウモンカンゴステーション",
     "home_nursing",
     "0495-00-0401",
     "埼玉県本庄市（サンプル）",
     {"h24", "end_of_life", "oxygen", "gastrostomy", "suction", "accepting"},
     {"訪問看護"}},
    {"demo-nursing-2",
     "113832",
     "かみかわ訪問看護ステーション（サンプル）",
     "カミカワホウモンカンゴステーション",
     "home_nursing",
     "0495-00-0402",
     "埼玉県児玉郡神川町（サンプル）",
     {"h24", "dementia"},
     {"訪問看護"}},
    {"demo-kyotaku",
     "113859",
     "かみさと居宅介護支援事業所（サンプル）",
     "カミサトキョタクカイゴシエンジギョウショ",
     "care_management",
     "0495-00-0501",
     "埼玉県児玉郡上里町（サンプル）",
     {"accepting"},
     {"居宅介護支援"}},
};

constexpr DemoAccount kDemoAccounts[] = {
    {"admin", "管理 太郎", "admin", "", "", "administrative"},
    {"honjo", "本庄 市子", "municipal_staff", "112119", "", "administrative"},
    {"hub", "拠点 花子", "hub_coordinator", "", "demo-hub", "public_health_nurse"},
    {"center", "包括 次郎", "support_center", "", "demo-center-honjo", "social_worker"},
    {"doctor", "在宅 医師", "professional", "", "demo-clinic", "doctor"},
    {"caremanager", "介護 支援子", "professional", "", "demo-kyotaku", "care_manager"},
    {"nurse", "訪問 看子", "professional", "", "demo-nursing", "visiting_nurse"},
    {"pharmacist", "薬局 調太", "professional", "", "demo-pharmacy", "pharmacist"},
    {"editor", "掲載 担当", "facility_editor", "", "demo-kyotaku", "care_worker"},
};

}  // namespace

const DemoAccount* DemoAccounts(size_t& count) {
  count = std::size(kDemoAccounts);
  return kDemoAccounts;
}

Status EnsureRegion(storage::Database& db, const std::string& region_name) {
  try {
    storage::Transaction tx(db);
    if (!store::DefaultRegionId(tx.sql()).empty()) return Status::Ok();
    std::string id = security::NewId();
    std::string now = clock::NowIso();
    security::region_store::InsertRegion(tx.sql(), id, region_name, now);
    int order = 0;
    for (const auto& m : core::DefaultMunicipalities())
      security::region_store::InsertMunicipality(tx.sql(), m.code, id, m.name, m.kana, order++);
    security::AppendAudit(
        tx.sql(), db.engine(),
        {.actor = "system", .action = "region.created", .subject = "region:" + id, .remote_addr = "", .detail = region_name});
    tx.commit();
    return Status::Ok();
  } catch (const std::exception& e) {
    return Status::Internal("地域を作成できませんでした。", e.what());
  }
}

Status LoadDemo(storage::Database& db, const std::string& region_name) {
  if (auto s = EnsureRegion(db, region_name); !s.ok()) return s;
  directory::DirectoryService dir(db);
  const security::Actor system{"system", ""};
  // The real open data of our four towns, as the national systems publish it.
  const std::pair<const char*, directory::ImportFormat> kFiles[] = {
      {"tests/fixtures/opendata/mhlw_kaigo_honjo_kodama_multi_service.csv", directory::ImportFormat::kMhlwKaigo},
      {"tests/fixtures/opendata/mhlw_iryo_01-1_hospital_facility_info_20250601_saitama_north.csv", directory::ImportFormat::kMhlwIryo},
  };
  for (const auto& [path, format] : kFiles) {
    auto bytes = embedded::find(path);
    if (!bytes) return Status::Internal("デモ用のオープンデータが見つかりません。", path);
    auto r = dir.Import(security::SystemPrincipal(), "", *bytes, std::string(path).substr(std::string(path).rfind('/') + 1), format, false);
    if (!r.ok()) return r.status();
  }
  for (const auto& o : kDemoOrgs) {
    {
      storage::Lease l(db);
      if (store::FacilityExists(l.sql(), o.id)) continue;
    }
    directory::NewOrganization n;
    n.id = o.id;
    n.name = o.name;
    n.kana = o.kana;
    n.kind = o.kind;
    n.municipality_code = o.municipality;
    n.phone = o.phone;
    n.address = o.address;
    n.sample = true;
    for (const char* a : o.attributes) n.attributes.emplace_back(a);
    for (const char* sv : o.services) n.services.emplace_back(sv);
    auto id = dir.CreateOrganization(n, system);
    if (!id.ok()) return id.status();
  }
  try {
    storage::Transaction tx(db);
    std::string region = store::DefaultRegionId(tx.sql());
    std::string now = clock::NowIso();
    std::string hash = security::HashPassword(kDemoPassword);
    for (const auto& a : kDemoAccounts) {
      if (store::FindUserByLogin(tx.sql(), a.login)) continue;
      security::User u;
      u.id = security::NewId();
      u.region_id = region;
      u.login = a.login;
      u.display_name = a.display_name;
      u.password_hash = hash;
      u.must_change_password = false;
      u.municipality_code = a.municipality;
      u.profession = a.profession;
      u.roles = {a.role};
      if (*a.facility) u.facility_ids = {a.facility};
      // Two-factor is enrolled like a real account; the demo prompt shows the current code.
      if (std::string(a.role) != "facility_editor") {
        u.totp_secret = security::Base32Encode(security::RandomBytes(20));
        u.totp_enabled = true;
      }
      u.created_at = now;
      store::InsertUser(tx.sql(), u);
      security::AppendAudit(tx.sql(), db.engine(),
                            {.actor = "system",
                             .action = "user.created",
                             .subject = "user:" + u.login,
                             .remote_addr = "",
                             .detail = std::string("demo; roles=") + a.role});
    }
    store::PutSetting(tx.sql(), "demo", "1");
    tx.commit();
  } catch (const std::exception& e) {
    return Status::Internal("デモデータを作成できませんでした。", e.what());
  }
  // A year of consultations whose figures are the region's FY2023 report, and the years around it.
  if (auto s = consultations::LoadDemoCases(db, "hub", "center"); !s.ok()) return s;
  // The year's training, outreach and meetings as the seed reports them, and this year's.
  if (auto s = events::LoadDemo(db); !s.ok()) return s;
  if (auto s = outreach::LoadDemo(db); !s.ok()) return s;
  if (auto s = liaison::LoadDemo(db); !s.ok()) return s;
  // Surveys of facilities: they ask the directory above.
  if (auto s = surveys::LoadDemo(db); !s.ok()) return s;
  // Contact cards handed out (the cards themselves are never stored).
  if (auto s = sharing::LoadDemo(db); !s.ok()) return s;
  // Three people at home with their care teams and a month of timeline.
  if (auto s = careteams::LoadDemo(db, clock::TodayInTokyo()); !s.ok()) return s;
  // The plan last: its figures resolve from everything above.
  return planning::LoadDemo(db);
}

}  // namespace renkei::app
