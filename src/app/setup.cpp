#include "app/setup.hpp"

#include "app/region_store.hpp"
#include "core/domain.hpp"
#include "modules/directory/store.hpp"
#include "platform/clock.hpp"
#include "platform/security/account_store.hpp"
#include "platform/security/audit.hpp"
#include "platform/security/crypto.hpp"

namespace renkei::app {

namespace store = security::account_store;

namespace {

struct DemoFacility {
  const char* id;
  const char* municipality;
  const char* name;
  const char* kind;
};

// Sample organisations so that every role has somewhere to belong. Labelled (デモ): not real entries.
constexpr DemoFacility kDemoFacilities[] = {
    {"demo-hub", "112119", "本庄市児玉郡在宅医療連携拠点（デモ）", "hub"},
    {"demo-center-honjo", "112119", "本庄市地域包括支援センター（デモ）", "support_center"},
    {"demo-center-misato", "113816", "美里町地域包括支援センター（デモ）", "support_center"},
    {"demo-center-kamikawa", "113832", "神川町地域包括支援センター（デモ）", "support_center"},
    {"demo-center-kamisato", "113859", "上里町地域包括支援センター（デモ）", "support_center"},
    {"demo-clinic", "112119", "みどり在宅クリニック（デモ）", "clinic"},
    {"demo-kyotaku", "113859", "かみさと居宅介護支援事業所（デモ）", "care_management"},
};

constexpr DemoAccount kDemoAccounts[] = {
    {"admin", "管理 太郎", "admin", "", "", "administrative"},
    {"honjo", "本庄 市子", "municipal_staff", "112119", "", "administrative"},
    {"hub", "拠点 花子", "hub_coordinator", "", "demo-hub", "public_health_nurse"},
    {"center", "包括 次郎", "support_center", "", "demo-center-honjo", "social_worker"},
    {"doctor", "在宅 医師", "professional", "", "demo-clinic", "doctor"},
    {"caremanager", "介護 支援子", "professional", "", "demo-kyotaku", "care_manager"},
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
    region_store::InsertRegion(tx.sql(), id, region_name, now);
    int order = 0;
    for (const auto& m : core::DefaultMunicipalities()) region_store::InsertMunicipality(tx.sql(), m.code, id, m.name, m.kana, order++);
    security::AppendAudit(tx.sql(), db.engine(), {.actor = "system", .action = "region.created", .subject = "region:" + id,
                                                  .remote_addr = "", .detail = region_name});
    tx.commit();
    return Status::Ok();
  } catch (const std::exception& e) {
    return Status::Internal("地域を作成できませんでした。", e.what());
  }
}

Status LoadDemo(storage::Database& db, const std::string& region_name) {
  if (auto s = EnsureRegion(db, region_name); !s.ok()) return s;
  try {
    storage::Transaction tx(db);
    std::string region = store::DefaultRegionId(tx.sql());
    std::string now = clock::NowIso();
    for (const auto& f : kDemoFacilities) {
      if (store::FacilityExists(tx.sql(), f.id)) continue;
      directory::store::InsertFacility(tx.sql(), region, {f.id, f.municipality, f.name, f.kind, now});
    }
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
      security::AppendAudit(tx.sql(), db.engine(), {.actor = "system", .action = "user.created", .subject = "user:" + u.login,
                                                    .remote_addr = "", .detail = std::string("demo; roles=") + a.role});
    }
    store::PutSetting(tx.sql(), "demo", "1");
    tx.commit();
    return Status::Ok();
  } catch (const std::exception& e) {
    return Status::Internal("デモデータを作成できませんでした。", e.what());
  }
}

}  // namespace renkei::app
