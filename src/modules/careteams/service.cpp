#include "modules/careteams/service.hpp"

#include <algorithm>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/wareki.hpp"
#include "modules/directory/service.hpp"
#include "platform/clock.hpp"
#include "platform/ids.hpp"
#include "platform/security/account_store.hpp"
#include "platform/security/crypto.hpp"
#include "platform/text/japanese.hpp"
#include "platform/text/utf8.hpp"

namespace renkei::careteams {
namespace {

using security::Permission;
using security::Principal;

Status NotFound() { return Status::NotFound("@careteams.error.not_found"); }

std::string EntryJson(const Entry& e) {
  boost::json::object o;
  for (const auto& [k, v] : e.fields) o[k] = v;
  return boost::json::serialize(o);
}

}  // namespace

void CareTeamService::Audit(storage::Transaction& tx, const Principal& p, const std::string& addr, const char* action,
                            const std::string& id, std::string detail) {
  // An id from a request is written only when it could be one: a crafted path leaves no text in the log.
  security::AppendAudit(tx.sql(), tx.engine(),
                        {.actor = p.user.login,
                         .action = action,
                         .subject = "patient:" + (ids::Valid(id) ? id : std::string("?")),
                         .remote_addr = addr,
                         .detail = std::move(detail)});
}

void CareTeamService::CommitChange(storage::Transaction& tx, const std::string& id) {
  if (changes_) changes_->Announce(tx.sql(), "patient:" + id);
  tx.commit();
  if (changes_) changes_->Bump("patient:" + id);
}

Status CareTeamService::OpenLive(const Principal& p, const std::string& addr, const std::string& id) {
  storage::Transaction tx(db_);
  if (auto s = Member(tx, p, addr, id, "live"); !s.ok()) return s;
  Audit(tx, p, addr, "patient.viewed", id, "live");
  tx.commit();
  return Status::Ok();
}

long long CareTeamService::ChangeVersion(const std::string& id) { return changes_ ? changes_->Version("patient:" + id) : 0; }

bool CareTeamService::StillMember(const std::string& user_id, const std::string& id) {
  storage::Lease l(db_);
  auto m = store::MemberOf(l.sql(), id, user_id);
  if (!m || m->status != "active") return false;
  // A disabled account's page empties too, though its membership stays for when it is enabled again.
  auto u = security::account_store::FindUserById(l.sql(), user_id);
  return u && !u->disabled;
}

bool CareTeamService::SharesCare(const Principal& p) { return p.can(Permission::kShareCare); }

bool CareTeamService::ActiveMember(soci::session& sql, const Principal& p, const std::string& id) {
  if (!SharesCare(p) || !ids::Valid(id)) return false;
  auto m = store::MemberOf(sql, id, p.user.id);
  return m && m->status == "active";
}

Status CareTeamService::Refuse(const Principal& p, const std::string& addr, const std::string& id, const std::string& wanted) {
  storage::Transaction tx(db_);
  Audit(tx, p, addr, "patient.refused", id, wanted);
  tx.commit();
  return NotFound();
}

Status CareTeamService::Member(storage::Transaction& tx, const Principal& p, const std::string& addr, const std::string& id,
                               const char* wanted) {
  if (ActiveMember(tx.sql(), p, id)) return Status::Ok();
  Audit(tx, p, addr, "patient.refused", id, wanted);
  tx.commit();
  return NotFound();
}

Result<Patient> CareTeamService::Consented(storage::Transaction& tx, const Principal& p, const std::string& addr, const std::string& id,
                                           const char* wanted) {
  if (auto s = Member(tx, p, addr, id, wanted); !s.ok()) return s;
  auto patient = store::LoadPatient(tx.sql(), id);
  if (!patient) return NotFound();
  if (!patient->consented()) return Status::FailedPrecondition("@careteams.error.no_consent");
  return *patient;
}

std::vector<FieldError> CareTeamService::CheckPlaces(const Patient& patient) {
  std::vector<FieldError> errors;
  directory::DirectoryService directory(db_);
  for (const auto& place : TeamPlaces()) {
    const std::string& id = patient.PlaceOf(place.field);
    if (id.empty()) continue;
    auto f = ids::Valid(id) ? directory.Get(id, true) : Result<directory::FacilityDetail>(NotFound());
    if (!f.ok() || std::find(place.kinds.begin(), place.kinds.end(), f->record.kind) == place.kinds.end())
      errors.push_back({place.field, "@careteams.error.no_facility"});
  }
  return errors;
}

Result<PatientForm> CareTeamService::Create(const Principal& p, const std::string& addr, const PatientInput& in,
                                            const ConsentInput& consent, std::string& id) {
  if (!SharesCare(p)) return Status::PermissionDenied("@error.forbidden");
  PatientForm form{.id = "", .version = 0, .input = in, .consent = consent, .place_choices = {}, .errors = {}};
  Patient patient;
  form.errors = Validate(in, patient);
  for (auto& e : CheckPlaces(patient)) form.errors.push_back(std::move(e));
  bool with_consent = !consent.date.empty() || !consent.by.empty();
  if (with_consent)
    for (auto& e : Validate(consent, patient)) form.errors.push_back(std::move(e));
  if (!form.errors.empty()) {
    form.place_choices = PlaceChoices();
    return form;
  }
  patient.id = security::NewId();
  patient.created_by = p.user.login;
  patient.created_at = patient.updated_at = patient.last_activity_at = clock::NowIso();
  if (with_consent) patient.consent_recorded_by = p.user.login;
  storage::Transaction tx(db_);
  store::InsertPatient(tx.sql(), patient);
  store::Invite(tx.sql(), patient.id, p.user.id, p.user.login, patient.created_at);
  store::Join(tx.sql(), patient.id, p.user.id, patient.created_at);
  Audit(tx, p, addr, "patient.created", patient.id, with_consent ? "consent recorded" : "");
  tx.commit();
  id = patient.id;
  return form;
}

Result<PatientForm> CareTeamService::Update(const Principal& p, const std::string& addr, const std::string& id, const PatientInput& in,
                                            int version) {
  PatientForm form{.id = id, .version = version, .input = in, .consent = {}, .place_choices = {}, .errors = {}};
  Patient edited;
  form.errors = Validate(in, edited);
  for (auto& e : CheckPlaces(edited)) form.errors.push_back(std::move(e));  // before the transaction: its own connection
  {
    storage::Transaction tx(db_);
    auto current = Consented(tx, p, addr, id, "edit");
    if (!current.ok()) return current.status();
    if (form.errors.empty()) {
      Patient patient = *current;
      Validate(in, patient);
      patient.updated_at = clock::NowIso();
      if (!store::UpdatePatient(tx.sql(), patient, version)) return Status::Conflict("@careteams.error.stale");
      Audit(tx, p, addr, "patient.updated", id);
      CommitChange(tx, id);
    } else {
      tx.commit();
    }
  }
  if (!form.errors.empty()) form.place_choices = PlaceChoices();
  return form;
}

Status CareTeamService::RecordConsent(const Principal& p, const std::string& addr, const std::string& id, const ConsentInput& in) {
  storage::Transaction tx(db_);
  if (auto s = Member(tx, p, addr, id, "consent"); !s.ok()) return s;
  auto patient = store::LoadPatient(tx.sql(), id);
  if (!patient) return NotFound();
  auto errors = Validate(in, *patient);
  if (!errors.empty()) return Status::InvalidArgument("@careteams.error.invalid", errors.front().field + ": " + errors.front().message);
  patient->consent_recorded_by = p.user.login;
  patient->updated_at = clock::NowIso();
  store::SetConsent(tx.sql(), *patient);
  Audit(tx, p, addr, "patient.consent_recorded", id, patient->consent_method);
  CommitChange(tx, id);
  return Status::Ok();
}

Result<std::string> CareTeamService::AddPost(const Principal& p, const std::string& addr, const std::string& id, const PostInput& in,
                                             std::vector<FieldError>* errors) {
  if (!in.files.empty()) {  // Nobody but a member makes the server decode pictures (checked again below).
    bool member = false;
    {
      storage::Lease l(db_);
      member = ActiveMember(l.sql(), p, id);
    }
    if (!member) return Refuse(p, addr, id, "post");
  }
  auto files = KeepFiles(in.files);
  if (!files.ok()) {
    if (errors && files.status().code() == Code::kInvalidArgument) *errors = {{"file", files.status().message()}};
    return files.status();
  }
  // The kept files go again unless the post that names them commits.
  struct Drop {
    CareTeamService* self;
    std::vector<store::File>* files;
    ~Drop() {
      if (files) self->DropFiles(*files);
    }
  } drop{this, files->empty() ? nullptr : &*files};
  storage::Transaction tx(db_);
  auto patient = Consented(tx, p, addr, id, "post");
  if (!patient.ok()) return patient.status();
  Entry e;
  auto problems = Validate(in, e);
  if (!e.reply_to.empty()) {
    auto parent = ids::Valid(e.reply_to) ? store::LoadPost(tx.sql(), e.reply_to) : std::nullopt;
    if (!parent || parent->patient_id != id) problems.push_back({"reply_to", "@careteams.error.no_post"});
  }
  std::vector<store::Member> recipients;
  for (const auto& uid : in.to) {
    auto m = ids::Valid(uid) ? store::MemberOf(tx.sql(), id, uid) : std::nullopt;
    if (!m || m->status != "active")
      problems.push_back({"to", "@careteams.error.not_member"});
    else if (uid != p.user.id)
      recipients.push_back(*m);
  }
  if (!problems.empty()) {
    if (errors) *errors = problems;
    return Status::InvalidArgument("@careteams.error.invalid", problems.front().field + ": " + problems.front().message);
  }
  store::Post post{.id = security::NewId(),
                   .patient_id = id,
                   .author_id = p.user.id,
                   .author_name = p.user.display_name,
                   .author_profession = p.user.profession,
                   .kind = e.kind,
                   .body = e.body,
                   .data = EntryJson(e),
                   .reply_to = e.reply_to,
                   .created_at = clock::NowIso(),
                   .search_key = SearchKeyOf(e)};
  store::InsertPost(tx.sql(), post);
  for (size_t i = 0; i < files->size(); ++i) {
    auto& f = (*files)[i];
    f.patient_id = id, f.post_id = post.id, f.position = static_cast<int>(i), f.created_at = post.created_at;
    store::InsertFile(tx.sql(), f);
  }
  for (const auto& r : recipients)
    store::InsertNotification(tx.sql(), {.id = security::NewId(),
                                         .user_id = r.user_id,
                                         .patient_id = id,
                                         .patient_name = "",
                                         .post_id = post.id,
                                         .kind = "mention",
                                         .by_name = p.user.display_name,
                                         .created_at = post.created_at,
                                         .read_at = ""});
  store::TouchActivity(tx.sql(), id, post.created_at);
  store::MarkRead(tx.sql(), id, p.user.id, post.created_at);
  Audit(tx, p, addr, "patient.post_added", id,
        post.kind + " " + post.id + (files->empty() ? "" : ", " + std::to_string(files->size()) + " files"));
  CommitChange(tx, id);
  drop.files = nullptr;
  return post.id;
}

Status CareTeamService::Confirm(const Principal& p, const std::string& addr, const std::string& id, const std::string& post_id) {
  storage::Transaction tx(db_);
  auto patient = Consented(tx, p, addr, id, "confirm");
  if (!patient.ok()) return patient.status();
  auto post = ids::Valid(post_id) ? store::LoadPost(tx.sql(), post_id) : std::nullopt;
  if (!post || post->patient_id != id) return NotFound();
  if (store::Confirm(tx.sql(), post_id, p.user.id, clock::NowIso())) Audit(tx, p, addr, "patient.post_confirmed", id, post_id);
  CommitChange(tx, id);
  return Status::Ok();
}

Result<std::string> CareTeamService::AddTask(const Principal& p, const std::string& addr, const std::string& id, const TaskInput& in) {
  storage::Transaction tx(db_);
  auto patient = Consented(tx, p, addr, id, "task");
  if (!patient.ok()) return patient.status();
  store::Task t{.id = security::NewId(),
                .patient_id = id,
                .patient_name = "",
                .title = text::Clean(text::ValidUtf8(in.title)),
                .owner_id = in.owner_id,
                .owner_name = "",
                .due_date = "",
                .created_by = p.user.login,
                .created_at = clock::NowIso(),
                .done_at = "",
                .done_by = ""};
  if (t.title.empty() || t.title.size() > 300) return Status::InvalidArgument("@careteams.error.task_title");
  if (!in.due_date.empty()) {
    auto d = core::ParseJapaneseDate(text::Nfkc(in.due_date));
    if (!d) return Status::InvalidArgument("@careteams.error.bad_date");
    t.due_date = d->iso();
  }
  auto owner = ids::Valid(t.owner_id) ? store::MemberOf(tx.sql(), id, t.owner_id) : std::nullopt;
  if (!owner || owner->status != "active") return Status::InvalidArgument("@careteams.error.task_owner");
  store::InsertTask(tx.sql(), t);
  if (t.owner_id != p.user.id)
    store::InsertNotification(tx.sql(), {.id = security::NewId(),
                                         .user_id = t.owner_id,
                                         .patient_id = id,
                                         .patient_name = "",
                                         .post_id = "",
                                         .kind = "task",
                                         .by_name = p.user.display_name,
                                         .created_at = t.created_at,
                                         .read_at = ""});
  Audit(tx, p, addr, "patient.task_added", id, t.id + " for " + owner->login);
  CommitChange(tx, id);
  return t.id;
}

Status CareTeamService::CompleteTask(const Principal& p, const std::string& addr, const std::string& id, const std::string& task_id) {
  storage::Transaction tx(db_);
  auto patient = Consented(tx, p, addr, id, "task done");
  if (!patient.ok()) return patient.status();
  auto t = ids::Valid(task_id) ? store::LoadTask(tx.sql(), task_id) : std::nullopt;
  if (!t || t->patient_id != id) return NotFound();
  if (store::CompleteTask(tx.sql(), task_id, p.user.login, clock::NowIso())) Audit(tx, p, addr, "patient.task_done", id, task_id);
  CommitChange(tx, id);
  return Status::Ok();
}

std::vector<store::Notification> CareTeamService::NotificationsFor(const Principal& p) {
  if (!SharesCare(p)) return {};
  storage::Lease l(db_);
  return store::UnreadFor(l.sql(), p.user.id, 30);
}

std::vector<store::Task> CareTeamService::OpenTasksFor(const Principal& p) {
  if (!SharesCare(p)) return {};
  storage::Lease l(db_);
  return store::OpenTasksFor(l.sql(), p.user.id, 50);
}

Status CareTeamService::Invite(const Principal& p, const std::string& addr, const std::string& id, const std::string& user_id) {
  storage::Transaction tx(db_);
  auto patient = Consented(tx, p, addr, id, "invite");
  if (!patient.ok()) return patient.status();
  auto invitee = ids::Valid(user_id) ? security::account_store::FindUserById(tx.sql(), user_id) : std::nullopt;
  if (!invitee || invitee->disabled || !security::AnyRoleAllows(invitee->roles, Permission::kShareCare))
    return Status::InvalidArgument("@careteams.error.no_person");
  if (auto m = store::MemberOf(tx.sql(), id, user_id); m && (m->status == "active" || m->status == "invited"))
    return Status::Conflict("@careteams.error.already_member");
  store::Invite(tx.sql(), id, user_id, p.user.login, clock::NowIso());
  Audit(tx, p, addr, "patient.member_invited", id, invitee->login);
  CommitChange(tx, id);
  return Status::Ok();
}

Status CareTeamService::Answer(const Principal& p, const std::string& addr, const std::string& id, bool accept) {
  storage::Transaction tx(db_);
  auto m = SharesCare(p) && ids::Valid(id) ? store::MemberOf(tx.sql(), id, p.user.id) : std::nullopt;
  if (!m || m->status != "invited") {
    Audit(tx, p, addr, "patient.refused", id, "answer");
    tx.commit();
    return NotFound();
  }
  std::string now = clock::NowIso();
  if (accept)
    store::Join(tx.sql(), id, p.user.id, now);
  else
    store::EndMembership(tx.sql(), id, p.user.id, "declined", p.user.login, now);
  Audit(tx, p, addr, accept ? "patient.member_joined" : "patient.invitation_declined", id, p.user.login);
  CommitChange(tx, id);
  return Status::Ok();
}

Status CareTeamService::Remove(const Principal& p, const std::string& addr, const std::string& id, const std::string& user_id) {
  storage::Transaction tx(db_);
  if (auto s = Member(tx, p, addr, id, "remove"); !s.ok()) return s;
  auto m = ids::Valid(user_id) ? store::MemberOf(tx.sql(), id, user_id) : std::nullopt;
  if (!m || (m->status != "active" && m->status != "invited")) return NotFound();
  // A team keeps one member at least: nobody could open the record otherwise.
  auto members = store::Members(tx.sql(), id);
  if (m->status == "active" &&
      std::count_if(members.begin(), members.end(), [](const store::Member& x) { return x.status == "active"; }) <= 1)
    return Status::FailedPrecondition("@careteams.error.last_member");
  bool self = user_id == p.user.id;
  store::EndMembership(tx.sql(), id, user_id, self ? "left" : "removed", p.user.login, clock::NowIso());
  Audit(tx, p, addr, self ? "patient.member_left" : "patient.member_removed", id, m->login);
  CommitChange(tx, id);
  return Status::Ok();
}

}  // namespace renkei::careteams
