// What the care-team pages show, gathered in one service call each; the membership rule of service.hpp
// holds for every one of them.
#include <algorithm>
#include <optional>

#include <boost/json/parse.hpp>

#include "modules/careteams/service.hpp"
#include "modules/directory/service.hpp"
#include "platform/clock.hpp"
#include "platform/ids.hpp"
#include "platform/text/japanese.hpp"
#include "platform/text/utf8.hpp"

namespace renkei::careteams {
namespace {

using security::Principal;

constexpr int kTimelinePosts = 50;
constexpr int kChartedVitals = 60;
constexpr int kAccessRows = 20;
constexpr int kTasks = 30;

// A post's structured entry, in its kind's field order.
PostView ViewOf(store::Post post, const std::string& me) {
  PostView v;
  boost::system::error_code ec;
  auto parsed = boost::json::parse(post.data, ec);
  if (!ec && parsed.is_object())
    for (const auto& f : FieldsOf(post.kind))
      if (const auto* x = parsed.as_object().if_contains(f.name); x && x->is_string())
        v.fields.emplace_back(f.name, std::string(x->as_string()));
  v.mine = post.author_id == me;
  v.post = std::move(post);
  return v;
}

PatientInput InputOf(const Patient& p) {
  PatientInput in{.name = p.name,
                  .kana = p.kana,
                  .birth_date = p.birth_date,
                  .sex = p.sex,
                  .municipality = p.municipality,
                  .address = p.address,
                  .phone = p.phone,
                  .insured_number = p.insured_number,
                  .care_level = p.care_level,
                  .care_level_from = p.care_level_from,
                  .care_level_to = p.care_level_to,
                  .key_person = p.key_person,
                  .emergency_contacts = p.emergency_contacts,
                  .places = {},
                  .diseases = p.diseases,
                  .medicines = p.medicines,
                  .allergies = p.allergies,
                  .end_of_life_plan = p.end_of_life_plan,
                  .devices = p.devices};
  for (const auto& place : TeamPlaces()) in.places.emplace_back(place.field, p.PlaceOf(place.field));
  return in;
}

}  // namespace

std::vector<PlaceView> CareTeamService::PlacesOf(const Patient& patient) {
  std::vector<PlaceView> out;
  directory::DirectoryService directory(db_);
  for (const auto& place : TeamPlaces()) {
    PlaceView v{.field = place.field, .label_key = place.label, .facility_id = patient.PlaceOf(place.field), .name = "", .phone = ""};
    if (!v.facility_id.empty())
      if (auto f = directory.Get(v.facility_id, true); f.ok()) {
        v.name = f->record.name;
        v.phone = f->record.phone;
      }
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<std::vector<FacilityOption>> CareTeamService::PlaceChoices() {
  std::vector<std::vector<FacilityOption>> out;
  for (const auto& place : TeamPlaces()) out.push_back(directory::FacilitiesOfKinds(db_, place.kinds));
  return out;
}

Result<TeamsScreen> CareTeamService::Teams(const Principal& p, const std::string& q, int limit) {
  if (!SharesCare(p)) return Status::PermissionDenied("@error.forbidden");
  TeamsScreen s;
  s.q = text::Utf8Prefix(q, 100);
  storage::Lease l(db_);
  s.teams = store::TeamsOf(l.sql(), p.user.id, text::SearchKey(s.q), std::clamp(limit, 1, 500));
  s.invitations = store::InvitationsOf(l.sql(), p.user.id);
  s.digest_email = store::DigestEmailOf(l.sql(), p.user.id);
  return s;
}

Result<PatientForm> CareTeamService::NewForm(const Principal& p) {
  if (!SharesCare(p)) return Status::PermissionDenied("@error.forbidden");
  PatientForm f;
  f.input.municipality = p.user.municipality_code;
  f.place_choices = PlaceChoices();
  return f;
}

Result<PatientForm> CareTeamService::EditForm(const Principal& p, const std::string& addr, const std::string& id) {
  PatientForm f;
  {
    storage::Transaction tx(db_);
    auto patient = Consented(tx, p, addr, id, "edit form");
    if (!patient.ok()) return patient.status();
    Audit(tx, p, addr, "patient.viewed", id, "edit form");
    tx.commit();
    f.id = id;
    f.version = patient->version;
    f.input = InputOf(*patient);
  }
  // The directory is read with a connection of its own: never while this one is held.
  f.place_choices = PlaceChoices();
  return f;
}

// The timeline, readings and tasks of a page, read without the write lock.
void CareTeamService::LoadTimeline(soci::session& sql, PatientScreen& s) {
  const std::string& id = s.patient.id;
  auto posts = store::Posts(sql, id, s.kind, kTimelinePosts, text::SearchKey(s.q));
  auto confirmations = store::ConfirmationsOf(sql, id, posts.empty() ? "" : posts.back().created_at);
  auto files = store::FilesOf(sql, id, posts.empty() ? "" : posts.back().created_at);
  for (auto& post : posts) {
    auto v = ViewOf(std::move(post), s.my_user_id);
    v.confirmations = confirmations[v.post.id];
    v.files = files[v.post.id];
    v.confirmed_by_me = std::any_of(v.confirmations.begin(), v.confirmations.end(),
                                    [&](const store::Confirmation& c) { return c.user_id == s.my_user_id; });
    s.posts.push_back(std::move(v));
  }
  for (auto& post : store::Posts(sql, id, "vitals", kChartedVitals)) s.vitals.push_back(ViewOf(std::move(post), s.my_user_id));
  std::reverse(s.vitals.begin(), s.vitals.end());
  s.tasks = store::TasksOf(sql, id, kTasks);
  if (auto acp = store::Posts(sql, id, "acp", 1); !acp.empty()) s.latest_acp = ViewOf(std::move(acp.front()), s.my_user_id);
}

// Reads under a plain connection (readers run side by side); only the audit entry and the read marks
// take the write transaction, so that views queue for as short a time as the commit.
Result<PatientScreen> CareTeamService::PatientOf(const Principal& p, const std::string& addr, const std::string& id,
                                                 const std::string& kind, const std::string& use, const std::string& q) {
  PatientScreen s;
  s.my_user_id = p.user.id;
  s.today = clock::TodayInTokyo();
  s.kind = PostKinds().contains(kind) ? kind : "";
  s.q = text::Utf8Prefix(q, 100);
  {
    storage::Lease l(db_);
    std::optional<Patient> patient;
    if (ActiveMember(l.sql(), p, id)) patient = store::LoadPatient(l.sql(), id);
    if (!patient) return Refuse(p, addr, id, use);
    s.patient = std::move(*patient);
    s.consented = s.patient.consented();
    s.members = store::Members(l.sql(), id);
    if (s.consented) LoadTimeline(l.sql(), s);
  }
  {
    storage::Transaction tx(db_);
    if (s.consented) {
      store::MarkRead(tx.sql(), id, p.user.id, clock::NowIso());
      store::MarkNotificationsRead(tx.sql(), p.user.id, id, clock::NowIso());
    }
    Audit(tx, p, addr, "patient.viewed", id, s.consented ? use : use + ", name only");
    tx.commit();
  }
  if (s.consented) s.places = PlacesOf(s.patient);
  storage::Lease l(db_);
  for (const auto& e : security::LatestFor(l.sql(), "patient:" + id, "patient.viewed", kAccessRows))
    s.access.push_back({e.at, e.actor, e.action, e.detail});
  return s;
}

Result<SummaryScreen> CareTeamService::Summary(const Principal& p, const std::string& addr, const std::string& id) {
  SummaryScreen s;
  s.today = clock::TodayInTokyo();
  {
    storage::Transaction tx(db_);
    auto patient = Consented(tx, p, addr, id, "summary");
    if (!patient.ok()) return patient.status();
    s.patient = std::move(*patient);
    s.members = store::Members(tx.sql(), id);
    if (auto v = store::Posts(tx.sql(), id, "vitals", 1); !v.empty()) {
      s.latest_vitals = ViewOf(v.front(), p.user.id).fields;
      s.latest_vitals_at = v.front().created_at;
    }
    if (auto a = store::Posts(tx.sql(), id, "acp", 1); !a.empty()) {
      s.latest_acp = ViewOf(a.front(), p.user.id).fields;
      s.latest_acp_body = a.front().body;
    }
    Audit(tx, p, addr, "patient.viewed", id, "summary");
    tx.commit();
  }
  s.places = PlacesOf(s.patient);
  return s;
}

Result<InviteScreen> CareTeamService::InviteOf(const Principal& p, const std::string& addr, const std::string& id,
                                               const std::string& facility_q, const std::string& facility_id) {
  InviteScreen s;
  s.patient_id = id;
  s.facility_q = text::Utf8Prefix(facility_q, 100);
  {
    storage::Transaction tx(db_);
    auto patient = Consented(tx, p, addr, id, "invite form");
    if (!patient.ok()) return patient.status();
    s.patient_name = patient->name;
    tx.commit();
  }
  if (!s.facility_q.empty())
    if (auto m = directory::FacilityMatches(db_, s.facility_q, true); m.ok()) s.facilities = std::move(m.value());
  if (!ids::Valid(facility_id)) return s;
  auto f = directory::DirectoryService(db_).Get(facility_id, true);
  if (!f.ok()) return s;
  s.facility_id = facility_id;
  s.facility_name = f->record.name;
  storage::Lease l(db_);
  for (auto& person : store::PeopleOf(l.sql(), facility_id)) {
    if (!security::AnyRoleAllows(person.roles, security::Permission::kShareCare)) continue;
    auto m = store::MemberOf(l.sql(), id, person.user_id);
    std::string status = m && (m->status == "active" || m->status == "invited") ? m->status : "";
    s.people.push_back({std::move(person), status});
  }
  return s;
}

}  // namespace renkei::careteams
