#pragma once
// Care teams (item エ) as one service: the person at home, the team by invitation, and one timeline.
//
// The rule of every call: only the team's active members see anything of the person, whatever their role
// (an administrator or a hub coordinator is not a member by role). Anyone else, and any id that does not
// exist, gets the same NotFound, and the refusal is audited. An invitee sees the name alone until they
// join; a member sees the name alone, and may post nothing, until the person's consent to sharing is
// recorded. Membership is read from the database on every call, so a removal ends access at once.
// Every view and change writes an audit entry (patient:<id>) in the same transaction as the change.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "modules/careteams/model.hpp"
#include "modules/careteams/store.hpp"
#include "modules/directory/picker.hpp"
#include "platform/mail.hpp"
#include "platform/media/file_store.hpp"
#include "platform/security/accounts.hpp"
#include "platform/security/audit.hpp"
#include "platform/status.hpp"
#include "platform/storage/changes.hpp"
#include "platform/storage/database.hpp"

namespace renkei::careteams {

// A place of the team resolved through the directory.
struct PlaceView {
  std::string field, label_key, facility_id, name, phone;
};

struct PostView {
  store::Post post;
  std::vector<store::File> files;
  std::vector<std::pair<std::string, std::string>> fields;  // the structured entry, from post.data
  std::vector<store::Confirmation> confirmations;
  bool confirmed_by_me = false;
  bool mine = false;
};

// Who opened the record, from the audit log: members see who looked at their patient.
struct AccessRow {
  std::string at, actor, action, detail;
};

// The patient page, or the API's record: everything a view needs.
struct PatientScreen {
  Patient patient;
  bool consented = false;  // false: nothing but the name (and the consent form) is shown
  std::vector<PlaceView> places;
  std::vector<store::Member> members;
  std::vector<PostView> posts;   // newest first
  std::vector<PostView> vitals;  // oldest first, for the chart
  std::vector<AccessRow> access;
  std::vector<store::Task> tasks;      // open first
  std::optional<PostView> latest_acp;  // the newest ACP conversation: the person's wishes as last heard
  std::string kind;                    // the timeline's filter ("" = every kind)
  std::string q;                       // and its search words ("" = none)
  std::string my_user_id;
  std::string today;  // in Japan, for the age
};

struct TeamsScreen {
  std::string q;
  std::string digest_email;   // where the daily digest goes ("" = none)
  bool mail_enabled = false;  // the server has SMTP (set by the route)
  std::vector<store::TeamRow> teams;
  std::vector<store::InvitationRow> invitations;
};

using FacilityOption = directory::FacilityChoice;

// The record's form: new (no id) or edited, with the facilities offered for each place.
struct PatientForm {
  std::string id;
  int version = 0;
  PatientInput input;
  ConsentInput consent;
  std::vector<std::vector<FacilityOption>> place_choices;  // in TeamPlaces() order
  std::vector<FieldError> errors;
};

// Finding a professional to invite: facilities by name, then the people of the chosen one.
struct InviteScreen {
  std::string patient_id, patient_name, facility_q, facility_id, facility_name;
  std::vector<FacilityOption> facilities;
  struct Candidate {
    store::Person person;
    std::string status;  // their membership now ("" none, invited, active)
  };
  std::vector<Candidate> people;
};

// The one-page summary for the ambulance crew and the emergency room (救急医療情報).
struct SummaryScreen {
  Patient patient;
  std::vector<PlaceView> places;
  std::vector<store::Member> members;
  std::vector<std::pair<std::string, std::string>> latest_vitals;  // with the time in "measured_at"
  std::vector<std::pair<std::string, std::string>> latest_acp;
  std::string latest_acp_body, latest_vitals_at;
  std::string today;
};

class CareTeamService {
 public:
  // `changes` tells open pages of every server (live streams) of what changed; none: nobody is told.
  // `files` keeps the posts' photos and PDFs; none (or one without a directory): posts carry no files.
  explicit CareTeamService(storage::Database& db, std::shared_ptr<storage::ChangeFeed> changes = nullptr,
                           std::shared_ptr<const media::FileStore> files = nullptr)
      : db_(db), changes_(std::move(changes)), files_(std::move(files)) {}

  // May this person be on care teams at all (kShareCare, past every login stage)?
  static bool SharesCare(const security::Principal& p);

  Result<TeamsScreen> Teams(const security::Principal& p, const std::string& q, int limit = 200);
  Result<PatientForm> NewForm(const security::Principal& p);
  // A new record with its author as the first member; consent may be recorded at once. A form with
  // problems comes back as the form (errors set, nothing stored).
  Result<PatientForm> Create(const security::Principal& p, const std::string& addr, const PatientInput& in, const ConsentInput& consent,
                             std::string& id);
  Result<PatientForm> EditForm(const security::Principal& p, const std::string& addr, const std::string& id);
  // `version` is what the editor saw: a record changed meanwhile is refused (409).
  Result<PatientForm> Update(const security::Principal& p, const std::string& addr, const std::string& id, const PatientInput& in,
                             int version);
  Status RecordConsent(const security::Principal& p, const std::string& addr, const std::string& id, const ConsentInput& in);

  // The record and its timeline (of one kind, matching `q`, when given); `use` goes in the audit entry
  // ("page", "json", "live"). Marks the posts read.
  Result<PatientScreen> PatientOf(const security::Principal& p, const std::string& addr, const std::string& id, const std::string& kind,
                                  const std::string& use, const std::string& q = "");
  Result<SummaryScreen> Summary(const security::Principal& p, const std::string& addr, const std::string& id);

  // A post; problems of its fields come back as InvalidArgument with the first of them, all in `errors`.
  Result<std::string> AddPost(const security::Principal& p, const std::string& addr, const std::string& id, const PostInput& in,
                              std::vector<FieldError>* errors = nullptr);
  Status Confirm(const security::Principal& p, const std::string& addr, const std::string& id, const std::string& post_id);

  // A file of a post, or its thumbnail (images), for a member: audited as a view.
  struct FileBytes {
    store::File file;
    std::string bytes;
    bool thumbnail = false;
  };
  Result<FileBytes> FileOf(const security::Principal& p, const std::string& addr, const std::string& id, const std::string& file_id,
                           bool thumbnail);

  // A task for one of the team's active members, with a due date or none; any member marks it done.
  struct TaskInput {
    std::string title, owner_id, due_date;
  };
  Result<std::string> AddTask(const security::Principal& p, const std::string& addr, const std::string& id, const TaskInput& in);
  Status CompleteTask(const security::Principal& p, const std::string& addr, const std::string& id, const std::string& task_id);
  // The caller's open tasks on the teams they are still on, for their home page (the patient's name and
  // the task only: nothing else of the record).
  std::vector<store::Task> OpenTasksFor(const security::Principal& p);
  // Posts addressed to the caller and tasks given to them that they have not seen (the record opened
  // since), on the teams they are still on: for their home page.
  std::vector<store::Notification> NotificationsFor(const security::Principal& p);

  Result<InviteScreen> InviteOf(const security::Principal& p, const std::string& addr, const std::string& id, const std::string& facility_q,
                                const std::string& facility_id);
  Status Invite(const security::Principal& p, const std::string& addr, const std::string& id, const std::string& user_id);
  // The invitee's answer.
  Status Answer(const security::Principal& p, const std::string& addr, const std::string& id, bool accept);
  // A member removes another, or leaves (user_id = their own).
  Status Remove(const security::Principal& p, const std::string& addr, const std::string& id, const std::string& user_id);

  // E-mail digests. A member gives an address ("" = none; checked, at most 254 characters); once a day
  // `SendDigests` tells each one with something waiting (posts addressed to them since the last digest,
  // tasks due) by a message with counts and a link only: no name, no text of any record. A digest goes
  // at most once in 20 hours per person, whichever server or run sends it. Returns how many were sent.
  std::string DigestEmail(const security::Principal& p);
  Status SetDigestEmail(const security::Principal& p, const std::string& addr, const std::string& email);
  Result<int> SendDigests(mail::Mailer& mailer, const std::string& public_url);

  // Live pages: opening the stream is a view (audited, members only); then the stream asks whether the
  // team changed (ChangeVersion, memory only) and whether the viewer is still an active member with an
  // account that is not disabled (a query).
  Status OpenLive(const security::Principal& p, const std::string& addr, const std::string& id);
  long long ChangeVersion(const std::string& id);
  bool StillMember(const std::string& user_id, const std::string& id);

 private:
  static bool ActiveMember(soci::session& sql, const security::Principal& p, const std::string& id);
  // A refusal: audited in a transaction of its own, and NotFound to the caller.
  Status Refuse(const security::Principal& p, const std::string& addr, const std::string& id, const std::string& wanted);
  static void LoadTimeline(soci::session& sql, PatientScreen& s);
  static void Audit(storage::Transaction& tx, const security::Principal& p, const std::string& addr, const char* action,
                    const std::string& id, std::string detail = {});
  // Ok for an active member of the team; else NotFound, audited and committed with only that entry.
  Status Member(storage::Transaction& tx, const security::Principal& p, const std::string& addr, const std::string& id, const char* wanted);
  Result<Patient> Consented(storage::Transaction& tx, const security::Principal& p, const std::string& addr, const std::string& id,
                            const char* wanted);
  std::vector<PlaceView> PlacesOf(const Patient& patient);
  std::vector<std::vector<FacilityOption>> PlaceChoices();
  std::vector<FieldError> CheckPlaces(const Patient& patient);
  // The post's files checked, re-encoded (photos) and written to the file store, before any transaction:
  // rows to insert once the post is, or InvalidArgument (@media.error.*) with nothing kept.
  Result<std::vector<store::File>> KeepFiles(const std::vector<FileInput>& files);
  void DropFiles(const std::vector<store::File>& files);
  // Commits a change to a team and tells the live pages of every server.
  void CommitChange(storage::Transaction& tx, const std::string& id);
  storage::Database& db_;
  std::shared_ptr<storage::ChangeFeed> changes_;
  std::shared_ptr<const media::FileStore> files_;
};

}  // namespace renkei::careteams
