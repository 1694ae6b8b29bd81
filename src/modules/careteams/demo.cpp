#include "modules/careteams/demo.hpp"

#include <cstdio>
#include <map>

#include <boost/json/serialize.hpp>

#include "core/wareki.hpp"
#include "modules/careteams/store.hpp"
#include "platform/security/account_store.hpp"
#include "platform/security/audit.hpp"
#include "platform/security/crypto.hpp"

namespace renkei::careteams {
namespace {

struct DemoPerson {
  PatientInput in;
  std::vector<const char*> team;  // logins, the first made the record
  // Day offsets (0 = a month ago) of readings: systolic, diastolic, pulse, spo2, temperature.
  double base[5];
};

struct DemoPost {
  int day;
  const char* at;  // HH:MM in Japan
  const char* author;
  const char* kind;
  const char* body;
  std::vector<std::pair<std::string, std::string>> fields;
};

PatientInput Person(const char* name, const char* kana, const char* birth, const char* sex, const char* town, const char* address,
                    const char* care_level, const char* diseases, const char* medicines, const char* allergies,
                    std::vector<std::string> devices, const char* plan, const char* clinic, const char* nursing, const char* pharmacy) {
  PatientInput in;
  in.name = name;
  in.kana = kana;
  in.birth_date = birth;
  in.sex = sex;
  in.municipality = town;
  in.address = address;
  in.phone = "0495-00-9999";
  in.insured_number = "0000000000";
  in.care_level = care_level;
  in.care_level_from = "2026-04-01";
  in.care_level_to = "2027-03-31";
  in.key_person = "長女（デモ） 090-0000-0000";
  in.emergency_contacts = "長女（デモ） 090-0000-0000\n長男（デモ） 080-0000-0000";
  in.places = {{"clinic_id", clinic}, {"nursing_id", nursing}, {"care_office_id", "demo-kyotaku"}, {"pharmacy_id", pharmacy}};
  in.diseases = diseases;
  in.medicines = medicines;
  in.allergies = allergies;
  in.devices = std::move(devices);
  in.end_of_life_plan = plan;
  return in;
}

std::vector<DemoPerson> People() {
  return {
      {Person("本庄 ハル（デモ）", "ほんじょう はる", "S13/5/12", "female", "112119", "埼玉県本庄市（デモ）", "care_3",
              "慢性閉塞性肺疾患（COPD）\n高血圧症", "アムロジピン 5mg 1日1回 朝\nチオトロピウム吸入 1日1回", "ペニシリン系（発疹）",
              {"oxygen"}, "", "demo-clinic", "demo-nursing", "demo-pharmacy"),
       {"doctor", "nurse", "caremanager", "pharmacist"},
       {132, 78, 84, 93, 36.6}},
      {Person("上里 タロウ（デモ）", "かみさと たろう", "S17/11/3", "male", "113859", "埼玉県児玉郡上里町（デモ）", "care_2",
              "脳梗塞後遺症（左片麻痺）\n高血圧症\n2型糖尿病", "クロピドグレル 75mg 1日1回\nメトホルミン 500mg 1日2回", "", {}, "",
              "demo-clinic", "demo-nursing", "demo-pharmacy-2"),
       {"caremanager", "doctor", "nurse", "pharmacist"},
       {148, 88, 76, 97, 36.4}},
      {Person("神川 フミ（デモ）", "かみかわ ふみ", "S10/2/20", "female", "113832", "埼玉県児玉郡神川町（デモ）", "care_4",
              "膵がん（終末期）", "オキシコドン持続皮下注\n制吐剤（頓用）", "", {"pain_pump", "urinary_catheter"},
              "本人・家族とも自宅での看取りを希望。急変時は救急要請せず、訪問看護へ連絡（24時間）。", "demo-clinic", "demo-nursing-2",
              "demo-pharmacy"),
       {"doctor", "nurse", "caremanager", "pharmacist"},
       {112, 66, 92, 95, 36.9}},
  };
}

// The month of one person, beside the readings every third day.
std::vector<DemoPost> Story(int person) {
  if (person == 0)
    return {
        {2, "10:30", "nurse", "visit", "呼吸状態は安定。労作時の息切れあり。酸素 2L/分 継続。", {{"visit_kind", "nurse"}}},
        {9,
         "14:00",
         "doctor",
         "medication",
         "血圧が高めのため増量します。",
         {{"drug", "アムロジピン"}, {"change", "dose"}, {"dose", "5mg → 7.5mg 1日1回 朝"}}},
        {10, "16:20", "pharmacist", "note", "増量分を一包化して本日お届けしました。残薬なし。", {}},
        {17, "11:00", "caremanager", "note", "来月からデイサービスを週2回に増やす方向で本人・長女と相談中です。", {}},
        {19,
         "21:40",
         "caremanager",
         "admission",
         "長女より連絡。発熱と SpO2 低下で救急受診し、一晩入院になりました。入院時情報提供書は明朝、病棟へ届けます。",
         {{"admitted_on", ""}, {"hospital", "児玉中央病院（デモ）"}, {"ward", "3階西病棟"}, {"reason", "発熱・SpO2 低下（肺炎の疑い）"}}},
        {20,
         "15:10",
         "nurse",
         "discharge",
         "病棟より退院の連絡。酸素は 2L/分 のまま。明日の訪問で呼吸状態を確認します。",
         {{"discharged_on", ""},
          {"hospital", "児玉中央病院（デモ）"},
          {"destination", "home"},
          {"follow_up", "抗菌薬の内服を7日間。次回の往診で評価。"}}},
        {24, "09:40", "nurse", "note", "夜間の咳が増えたとのこと。発熱なし。様子を見て次回報告します。", {}}};
  if (person == 1)
    return {{3,
             "13:30",
             "caremanager",
             "visit",
             "モニタリング訪問。自宅内は杖で移動。浴室の手すり設置を検討。",
             {{"visit_kind", "care_manager"}}},
            {8,
             "07:50",
             "nurse",
             "incident",
             "朝、トイレに向かう途中で転倒（本人より電話）。訪問時、右肘に擦り傷のみ。",
             {{"incident_kind", "fall"}, {"injury", "minor"}}},
            {8, "12:10", "doctor", "note", "報告ありがとうございます。頭部打撲はなし、経過観察で。次回往診で確認します。", {}},
            {15, "10:00", "doctor", "visit", "往診。血圧 150 台が続くため、降圧薬を追加します。", {{"visit_kind", "doctor"}}},
            {15, "10:20", "doctor", "medication", "", {{"drug", "アムロジピン"}, {"change", "start"}, {"dose", "2.5mg 1日1回 朝"}}},
            {22, "15:00", "caremanager", "note", "手すりの設置日が決まりました（来週火曜）。住宅改修の申請済み。", {}}};
  return {{1, "11:00", "doctor", "visit", "訪問診療。疼痛コントロール良好。食事量は半分程度。", {{"visit_kind", "doctor"}}},
          {6,
           "15:30",
           "doctor",
           "acp",
           "本人・長女・訪問看護師と今後の過ごし方を話し合いました。本人は「最期まで家にいたい」。",
           {{"talked_on", ""}, {"place", "home"}, {"decider", "長女（デモ）"}, {"present", "本人、長女、訪問看護師、主治医"}}},
          {12, "20:10", "nurse", "note", "夜間に痛みの訴えあり、レスキュー使用で軽快。主治医に報告済み。", {}},
          {13,
           "09:00",
           "pharmacist",
           "medication",
           "主治医指示によりベース量を調整。",
           {{"drug", "オキシコドン持続皮下注"}, {"change", "dose"}}},
          {20, "14:00", "caremanager", "note", "介護ベッドとエアマットを導入しました。長女の介護負担について包括とも共有します。", {}},
          {27, "10:30", "nurse", "visit", "傾眠傾向が強くなっています。家族に看取りのパンフレットを説明。", {{"visit_kind", "nurse"}}}};
}

std::string At(const core::Date& day, const char* hhmm) {
  auto t = core::ParseJapanTime(day.iso() + " " + hhmm);
  return t ? *t : day.iso() + "T00:00:00.000Z";
}

void AddPost(soci::session& sql, const Patient& p, const std::string& author_id, const std::string& at, const char* kind, const char* body,
             const std::vector<std::pair<std::string, std::string>>& fields) {
  PostInput in{kind, body, "", fields};
  Entry e;
  Validate(in, e);
  boost::json::object data;
  for (const auto& [k, v] : e.fields) data[k] = v;
  store::InsertPost(sql, {.id = security::NewId(),
                          .patient_id = p.id,
                          .author_id = author_id,
                          .author_name = "",
                          .author_profession = "",
                          .kind = e.kind,
                          .body = e.body,
                          .data = boost::json::serialize(data),
                          .reply_to = "",
                          .created_at = at,
                          .search_key = SearchKeyOf(e)});
}

// A reading every third day, drifting a little, measured by the visiting nurse.
void AddReadings(soci::session& sql, const Patient& p, const DemoPerson& d, const core::Date& start, const std::string& nurse_id) {
  for (int day = 0; day < 30; day += 3) {
    int wobble = (day * 7) % 5 - 2;
    auto f = [](double v, bool decimal) {
      char buf[16];
      std::snprintf(buf, sizeof buf, decimal ? "%.1f" : "%.0f", v);
      return std::string(buf);
    };
    std::vector<std::pair<std::string, std::string>> fields = {{"systolic", f(d.base[0] + wobble * 3, false)},
                                                               {"diastolic", f(d.base[1] + wobble, false)},
                                                               {"pulse", f(d.base[2] - wobble, false)},
                                                               {"spo2", f(d.base[3] + (wobble > 0    ? 1
                                                                                       : wobble < -1 ? -1
                                                                                                     : 0),
                                                                          false)},
                                                               {"temperature", f(d.base[4] + wobble * 0.1, true)}};
    AddPost(sql, p, nurse_id, At(core::AddDays(start, day), "10:00"), "vitals", "", fields);
  }
}

// Two open tasks each: the care manager's due soon, the doctor's late (their home pages show it red).
void AddTasks(soci::session& sql, const Patient& p, std::map<std::string, std::string>& ids, const std::string& by, const core::Date& start,
              const core::Date& end) {
  const std::pair<const char*, const char*> tasks[] = {{"caremanager", "サービス担当者会議の日程を調整する"},
                                                       {"doctor", "次回往診で採血（腎機能）"}};
  for (size_t k = 0; k < 2; ++k)
    store::InsertTask(sql, {.id = security::NewId(),
                            .patient_id = p.id,
                            .patient_name = "",
                            .title = tasks[k].second,
                            .owner_id = ids[tasks[k].first],
                            .owner_name = "",
                            .due_date = core::AddDays(end, k == 0 ? 5 : -2).iso(),
                            .created_by = by,
                            .created_at = At(core::AddDays(start, 20), "12:00"),
                            .done_at = "",
                            .done_by = ""});
}

}  // namespace

Status LoadDemo(storage::Database& db, const std::string& today) {
  auto end = core::ParseIsoDate(today);
  if (!end) return Status::InvalidArgument("日付が読めません。", today);
  const core::Date start = core::AddDays(*end, -29);
  storage::Transaction tx(db);
  std::map<std::string, std::string> ids;
  for (const char* login : {"doctor", "nurse", "caremanager", "pharmacist"}) {
    auto u = security::account_store::FindUserByLogin(tx.sql(), login);
    if (!u) return Status::Internal("デモのアカウントがありません。", login);
    ids[login] = u->id;
  }
  auto people = People();
  for (size_t i = 0; i < people.size(); ++i) {
    const auto& d = people[i];
    Patient p;
    if (auto errors = Validate(d.in, p); !errors.empty()) return Status::Internal("デモの記録が不正です。", errors.front().field);
    p.id = security::NewId();
    p.consent_date = start.iso();
    p.consent_method = "written";
    p.consent_by = "本人";
    p.consent_recorded_by = d.team.front();
    p.created_by = d.team.front();
    p.created_at = p.updated_at = At(start, "09:00");
    p.last_activity_at = At(*end, "10:00");
    store::InsertPatient(tx.sql(), p);
    for (const char* login : d.team) {
      store::Invite(tx.sql(), p.id, ids[login], d.team.front(), p.created_at);
      store::Join(tx.sql(), p.id, ids[login], p.created_at);
    }
    AddReadings(tx.sql(), p, d, start, ids["nurse"]);
    for (auto& s : Story(static_cast<int>(i))) {
      const core::Date day = core::AddDays(start, s.day);
      for (auto& [k, v] : s.fields)
        if (IsDateField(k)) v = day.iso();
      AddPost(tx.sql(), p, ids[s.author], At(day, s.at), s.kind, s.body, s.fields);
    }
    for (const auto& post : store::Posts(tx.sql(), p.id, "", 200))
      for (const char* login : d.team)
        if (ids[login] != post.author_id && post.created_at < At(*end, "00:00"))
          store::Confirm(tx.sql(), post.id, ids[login], post.created_at);
    AddTasks(tx.sql(), p, ids, d.team.front(), start, *end);
    security::AppendAudit(
        tx.sql(), db.engine(),
        {.actor = "system", .action = "patient.created", .subject = "patient:" + p.id, .remote_addr = "", .detail = "demo"});
  }
  tx.commit();
  return Status::Ok();
}

}  // namespace renkei::careteams
