#include "modules/consultations/demo.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <vector>

#include "core/wareki.hpp"
#include "modules/consultations/model.hpp"
#include "modules/consultations/store.hpp"
#include "platform/clock.hpp"
#include "platform/security/audit.hpp"
#include "platform/security/crypto.hpp"

namespace renkei::consultations {
namespace {

struct Weighted {
  const char* code;
  int n;
};
// n copies of each code, in order: the FY2023 columns of 資料2.
std::vector<std::string> Expand(std::initializer_list<Weighted> items) {
  std::vector<std::string> out;
  for (const auto& w : items)
    for (int i = 0; i < w.n; ++i) out.emplace_back(w.code);
  return out;
}

// A small deterministic generator, so that every demo database is the same.
struct Lcg {
  uint32_t s;
  uint32_t next() { return s = s * 1664525u + 1013904223u; }
  size_t pick(size_t n) { return (next() >> 8) % n; }
};

const char* kCenterOfTown[][2] = {{"112119", "demo-center-honjo"},
                                  {"113816", "demo-center-misato"},
                                  {"113832", "demo-center-kamikawa"},
                                  {"113859", "demo-center-kamisato"}};

std::string CenterOf(const std::string& town) {
  for (const auto& c : kCenterOfTown)
    if (town == c[0]) return CenterUnit(c[1]);
  return {};
}

// What people asked, by content: realistic but invented (no real person).
std::string SummaryFor(const std::string& content, const std::string& requester, size_t i) {
  static const std::vector<std::pair<const char*, std::vector<const char*>>> kTexts = {
      {"home_medical_nursing",
       {"退院後に自宅で訪問診療を受けられる医療機関を知りたい。通院が難しくなってきた。",
        "訪問看護の導入について相談。医療保険と介護保険のどちらで利用するか確認したい。",
        "かかりつけ医が往診に対応していないため、往診可能な診療所を探している。",
        "在宅酸素を使用中の方の訪問診療先について。夜間の連絡体制も知りたい。"}},
      {"home_care_end_of_life",
       {"自宅での看取りを希望する家族から、対応できる医師と訪問看護の体制について相談。",
        "がん末期で退院予定。自宅で最期まで過ごすために必要な準備を知りたい。",
        "人生会議（ACP）の進め方について、家族で話し合うための資料がほしい。"}},
      {"admission_discharge",
       {"入院中の方の退院調整。退院前カンファレンスの日程と参加者について相談。",
        "急な退院連絡があり、ケアプランの準備が間に合わない。調整の手順を確認したい。"}},
      {"facility_referral", {"医療的ケア（胃ろう）に対応できる施設を探している。", "ショートステイ先で吸引に対応できるところを知りたい。"}},
      {"care_services", {"介護サービスの利用を始めたい。申請の流れと相談先を知りたい。"}},
      {"system", {"医療費と介護費の負担を軽くする制度について知りたい。"}},
      {"dementia", {"物忘れが進み、服薬管理ができていない。受診先と支援の方法を相談したい。"}},
  };
  for (const auto& [c, texts] : kTexts)
    if (content == c) {
      std::string who = requester == "care_manager"          ? "（担当ケアマネジャーより）"
                        : requester == "family"              ? "（家族より）"
                        : requester == "support_center"      ? "（地域包括支援センターより）"
                        : requester.rfind("medical", 0) == 0 ? "（医療機関の地域連携室より）"
                                                             : "";
      return texts[i % texts.size()] + who;
    }
  return "その他の相談。";
}

std::vector<std::string> ScenesFor(const std::vector<std::string>& contents, size_t i) {
  std::vector<std::string> s;
  for (const auto& c : contents) {
    const char* scene = c == "home_care_end_of_life" ? "end_of_life" : c == "admission_discharge" ? "admission_discharge" : "daily";
    if (std::find(s.begin(), s.end(), scene) == s.end()) s.emplace_back(scene);
  }
  if (i % 9 == 4) s.emplace_back("emergency");
  return s;
}

using Days = std::chrono::sys_days;
Days ToDays(const core::Date& d) {
  return std::chrono::year_month_day{std::chrono::year{d.year}, std::chrono::month{static_cast<unsigned>(d.month)},
                                     std::chrono::day{static_cast<unsigned>(d.day)}};
}
core::Date FromDays(Days d) {
  std::chrono::year_month_day ymd{d};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

struct Builder {
  soci::session& sql;
  storage::Engine engine;
  std::string hub, center;
  std::string now = clock::NowIso();

  std::string Insert(Case c, const std::string& staff) {
    c.id = security::NewId();
    c.assigned_unit = c.received_unit;
    c.staff_login = staff;
    c.created_by = staff;
    c.created_at = c.updated_at = c.received_at;
    store::Insert(sql, c);
    store::AddUnit(sql, c.id, c.received_unit);
    security::AppendAudit(
        sql, engine,
        {.actor = "system", .action = "consultation.created", .subject = "consultation:" + c.id, .remote_addr = "", .detail = "demo"});
    return c.id;
  }
  void Action(const std::string& id, const std::string& at, const std::string& by, const char* kind, const std::string& facility,
              const std::string& from, const std::string& to, const std::string& note) {
    store::InsertAction(sql, {security::NewId(), id, at, by, kind, facility, "", from, to, note});
  }
};

std::string At(const core::Date& d, int hour, int minute) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:00+09:00", d.iso().c_str(), hour, minute);
  return *ParseReceivedAt(buf);
}

// One case on day d; its facts from the arrays at index i.
Case Make(const core::Date& d, size_t i, const std::string& town, const std::string& requester, const std::vector<std::string>& contents,
          const std::string& channel, const std::vector<std::string>& flags) {
  Case c;
  c.received_at = At(d, 9 + static_cast<int>(i % 8), static_cast<int>((i * 17) % 60));
  c.received_date = d.iso();
  c.fiscal_year = core::FiscalYearOf(d);
  c.channel = channel;
  c.received_unit = kHubUnit;
  c.requester_category = requester;
  c.resident_municipality = town;
  static const char* kAges[] = {"75_84", "85_94", "65_74", "85_94", "75_84", "95_plus", "under_65"};
  static const char* kSexes[] = {"female", "male", "female", "female", "male"};
  static const char* kLevels[] = {"care_2", "care_1", "support_2", "care_3", "not_applied", "care_4", "applying", "care_5", "support_1"};
  static const char* kHouse[] = {"alone", "elderly_only", "with_family", "alone", "with_family"};
  c.age_band = kAges[i % 7];
  c.sex = kSexes[i % 5];
  c.care_level = kLevels[i % 9];
  c.household = kHouse[i % 5];
  c.flags = flags;
  c.content_categories = contents;
  c.scenes = ScenesFor(contents, i);
  c.summary = SummaryFor(contents.front(), requester, i);
  c.status = "closed";
  c.minutes_spent = 15 + static_cast<int>((i * 7) % 50);
  return c;
}

// FY2023: the columns of 資料2, spread over the year by coprime strides so that they mix.
void ReportedYear(Builder& b) {
  auto towns = Expand({{"112119", 20}, {"113859", 5}, {"113816", 1}, {"113832", 1}, {"outside", 4}});
  auto requesters = Expand({{"care_manager", 11},
                            {"support_center", 5},
                            {"medical_in_pref", 6},
                            {"medical_out_pref", 1},
                            {"family", 5},
                            {"person", 2},
                            {"care_provider", 1}});
  auto contents = Expand({{"home_medical_nursing", 14},
                          {"home_care_end_of_life", 6},
                          {"admission_discharge", 4},
                          {"facility_referral", 3},
                          {"care_services", 2},
                          {"system", 1},
                          {"dementia", 1}});
  auto channels = Expand({{"phone", 22}, {"walk_in", 3}, {"fax", 2}, {"email", 1}, {"mcs", 2}, {"home_visit", 1}});
  const int per_month[12] = {2, 3, 2, 3, 3, 2, 3, 2, 3, 2, 3, 3};
  std::vector<core::Date> days;
  for (int m = 0; m < 12; ++m)
    for (int k = 0; k < per_month[m]; ++k) {
      int month = (m + 3) % 12 + 1, year = month >= 4 ? 2023 : 2024;
      days.push_back({year, month, 3 + k * 9 + m % 3});
    }
  for (size_t i = 0; i < 31; ++i) {
    std::vector<std::string> content{contents[(i * 13) % 31]};
    // Second topics that leave the two reported rows as they are.
    if (content[0] == "home_medical_nursing" && i % 5 == 0) content.emplace_back("dementia");
    if (content[0] == "home_care_end_of_life" && i % 3 == 0) content.emplace_back("care_services");
    std::vector<std::string> flags;
    if (i % 7 == 1) flags.emplace_back("no_relatives");
    if (i % 9 == 2) flags.emplace_back("no_insight");
    if (i % 6 == 3) flags.emplace_back("dementia");
    if (i % 15 == 7) flags.emplace_back("poverty");
    Case c = Make(days[i], i, towns[(i * 7) % 31], requesters[(i * 11) % 31], content, channels[(i * 5) % 31], flags);
    std::string id = b.Insert(c, b.hub);
    std::string later = At(days[i], 17, 0);
    if (content[0] == "home_medical_nursing" || content[0] == "facility_referral")
      b.Action(id, later, b.hub, "facility_introduced", i % 2 ? "demo-clinic" : "demo-nursing", "", "",
               "候補を2か所紹介し、連絡先を伝えた。");
    else
      b.Action(id, later, b.hub, "info_given", "", "", "", "制度と相談先を説明した。");
    // Cases of residents in a town with family or the person asking go to the town's centre.
    std::string center = CenterOf(c.resident_municipality);
    if (!center.empty() && (c.requester_category == "family" || c.requester_category == "person" || !flags.empty())) {
      store::SetAssigned(b.sql, id, center);
      store::AddUnit(b.sql, id, center);
      b.Action(id, later, b.hub, "handover", "", kHubUnit, center, "生活面の支援が中心になるため、地域包括支援センターへ引き継ぐ。");
    }
    b.Action(id, At(days[i], 17, 30), b.hub, "status", "", "in_progress", "closed", "");
  }
}

// What the years around FY2023 are drawn from.
struct Pools {
  std::vector<std::string> towns, requesters, contents, channels;
};

// One year's cases, weighted at random (deterministically); this year's up to yesterday, the newest open.
void DrawnYear(Builder& b, const Pools& pools, Lcg& rng, int fy, int cases, const core::Date& today) {
  int this_fy = core::FiscalYearOf(today);
  const auto& town_pool = pools.towns;
  const auto& req_pool = pools.requesters;
  const auto& content_pool = pools.contents;
  const auto& channel_pool = pools.channels;
  core::Date start = core::FiscalYearStart(fy), end = core::FiscalYearEnd(fy);
  Days last = ToDays(end);
  if (fy == this_fy) last = ToDays(today) - std::chrono::days(1);
  int span = static_cast<int>((last - ToDays(start)).count());
  if (span <= 0) return;
  int count = cases ? cases : std::max(3, span * 38 / 365);
  std::vector<int> offsets;
  offsets.reserve(count);
  for (int k = 0; k < count; ++k) offsets.push_back(static_cast<int>(rng.pick(static_cast<size_t>(span) + 1)));
  std::sort(offsets.begin(), offsets.end());
  for (int k = 0; k < count; ++k) {
    core::Date d = FromDays(ToDays(start) + std::chrono::days(offsets[static_cast<size_t>(k)]));
    size_t i = static_cast<size_t>(k) + static_cast<size_t>(fy) * 3;
    std::vector<std::string> content{content_pool[rng.pick(content_pool.size())]};
    if (rng.pick(5) == 0) {
      std::string extra = content_pool[rng.pick(content_pool.size())];
      if (extra != content[0]) content.push_back(extra);
    }
    std::vector<std::string> flags;
    // Hard cases grow year by year, as the council expects.
    int hard = 10 + (fy - 2022) * 4;
    if (static_cast<int>(rng.pick(100)) < hard) flags.emplace_back("no_relatives");
    if (static_cast<int>(rng.pick(100)) < hard) flags.emplace_back("dementia");
    if (rng.pick(12) == 0) flags.emplace_back("no_insight");
    Case c = Make(d, i, town_pool[rng.pick(town_pool.size())], req_pool[rng.pick(req_pool.size())], content,
                  channel_pool[rng.pick(channel_pool.size())], flags);
    bool recent = fy == this_fy && k >= count - 6;
    bool at_center = fy == this_fy && k % 5 == 2 && c.resident_municipality == "112119";
    if (at_center) {
      c.received_unit = CenterUnit("demo-center-honjo");
      c.summary = SummaryFor(content.front(), c.requester_category, i) + "（センター窓口で受付）";
    }
    if (recent) c.status = k % 2 ? "in_progress" : "received";
    std::string staff = at_center ? b.center : b.hub;
    std::string id = b.Insert(c, staff);
    std::string later = At(d, 17, 0);
    if (!recent || k % 2) b.Action(id, later, staff, "info_given", "", "", "", "相談先と利用できる制度を説明した。");
    std::string center = CenterOf(c.resident_municipality);
    if (!at_center && !center.empty() && (c.requester_category == "family" || !flags.empty()) && (!recent || k % 3 == 0)) {
      store::SetAssigned(b.sql, id, center);
      store::AddUnit(b.sql, id, center);
      b.Action(id, later, staff, "handover", "", kHubUnit, center, "独居で見守りが必要なため、地域包括支援センターへ引き継ぐ。");
    }
    if (!recent) {
      b.Action(id, At(d, 17, 30), staff, "status", "", "in_progress", "closed", "");
      continue;
    }
    // This year's open cases: follow-ups, one of them overdue.
    core::Date due = FromDays(ToDays(today) + std::chrono::days(k % 3 == 0 ? -3 : 2 + k % 5));
    std::string owner = c.received_unit == kHubUnit ? b.hub : b.center;
    store::InsertFollowup(b.sql,
                          {security::NewId(), id, due.iso(), owner,
                           k % 3 == 0 ? "訪問看護ステーションからの返事を確認する" : "家族へ電話で状況を確認する", staff, later, "", ""});
  }
}

}  // namespace

Status LoadDemoCases(storage::Database& db, const std::string& hub_login, const std::string& center_login) {
  try {
    storage::Transaction tx(db);
    if (store::Count(tx.sql()) > 0) return Status::Ok();
    Builder b{tx.sql(), db.engine(), hub_login, center_login};
    ReportedYear(b);
    // The years around it, and this year up to yesterday.
    auto today = *core::ParseIsoDate(clock::IsoToTokyoMinute(b.now).substr(0, 10));
    int this_fy = core::FiscalYearOf(today);
    std::vector<std::pair<int, int>> years = {{2022, 27}, {2024, 34}, {2025, 36}};  // fiscal year, cases (0: by the days)
    if (this_fy > 2025) years.emplace_back(this_fy, 0);
    Lcg rng{20231};
    Pools pools{Expand({{"112119", 13}, {"113859", 3}, {"113816", 2}, {"113832", 2}, {"outside", 2}}),
                Expand({{"care_manager", 7},
                        {"support_center", 3},
                        {"medical_in_pref", 4},
                        {"medical_out_pref", 1},
                        {"family", 4},
                        {"person", 1},
                        {"care_provider", 1},
                        {"government", 1}}),
                Expand({{"home_medical_nursing", 8},
                        {"home_care_end_of_life", 4},
                        {"admission_discharge", 4},
                        {"facility_referral", 2},
                        {"care_services", 2},
                        {"dementia", 2},
                        {"system", 1},
                        {"other", 1}}),
                Expand({{"phone", 12}, {"walk_in", 2}, {"fax", 1}, {"email", 1}, {"mcs", 3}, {"home_visit", 1}})};
    for (const auto& [fy, cases] : years) DrawnYear(b, pools, rng, fy, cases, today);
    tx.commit();
    return Status::Ok();
  } catch (const std::exception& e) {
    return Status::Internal("デモの相談記録を作成できませんでした。", e.what());
  }
}

}  // namespace renkei::consultations
