#pragma once
// SQL for care teams: the person, the members, the timeline and its confirmations. No rules here: who may
// read or write what is decided in service.cpp before any of these is called.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/careteams/model.hpp"
#include "platform/storage/database.hpp"

namespace renkei::careteams::store {

void InsertPatient(soci::session& sql, const Patient& p);
// False when the record moved past `version` meanwhile.
bool UpdatePatient(soci::session& sql, const Patient& p, int version);
std::optional<Patient> LoadPatient(soci::session& sql, const std::string& id);
void SetConsent(soci::session& sql, const Patient& p);
void TouchActivity(soci::session& sql, const std::string& patient_id, const std::string& at);

struct Member {
  std::string user_id, login, display_name, profession, status, invited_by, invited_at, joined_at, ended_at, last_read_at;
};
// The member row of one user ("" status when there is none).
std::optional<Member> MemberOf(soci::session& sql, const std::string& patient_id, const std::string& user_id);
// Everyone invited or active, in the order they came.
std::vector<Member> Members(soci::session& sql, const std::string& patient_id);
// An invitation: a new row, or an old one (declined, removed, left) made an invitation again.
void Invite(soci::session& sql, const std::string& patient_id, const std::string& user_id, const std::string& by, const std::string& at);
void Join(soci::session& sql, const std::string& patient_id, const std::string& user_id, const std::string& at);
void EndMembership(soci::session& sql, const std::string& patient_id, const std::string& user_id, const std::string& status,
                   const std::string& by, const std::string& at);
void MarkRead(soci::session& sql, const std::string& patient_id, const std::string& user_id, const std::string& at);

struct TeamRow {
  std::string patient_id, name, kana, municipality, last_activity_at;
  long long unread = 0;
};
// The teams a user is an active member of, newest activity first; `key` (text::SearchKey) narrows by name.
std::vector<TeamRow> TeamsOf(soci::session& sql, const std::string& user_id, const std::string& key, int limit);
struct InvitationRow {
  std::string patient_id, name, invited_by_name, invited_at;
};
std::vector<InvitationRow> InvitationsOf(soci::session& sql, const std::string& user_id);

struct Post {
  std::string id, patient_id, author_id, author_name, author_profession, kind, body, data, reply_to, created_at;
  std::string search_key;  // written, not read back
};
void InsertPost(soci::session& sql, const Post& p);
std::optional<Post> LoadPost(soci::session& sql, const std::string& id);
// The newest `limit` posts (of one kind, and matching a folded search key, when given), newest first.
std::vector<Post> Posts(soci::session& sql, const std::string& patient_id, const std::string& kind, int limit, const std::string& key = "");

// A file of a post: its bytes are in the file store (media::FileStore) under blob and thumb_blob.
struct File {
  std::string id, patient_id, post_id, kind, name, content_type;
  int position = 0;  // in its post
  long long size = 0;
  int width = 0, height = 0;
  std::string blob, thumb_blob, created_at;
};
void InsertFile(soci::session& sql, const File& f);
std::optional<File> LoadFile(soci::session& sql, const std::string& id);
// The files of the team's posts made at or after `since` (an ISO time; "" = all), by post.
std::map<std::string, std::vector<File>> FilesOf(soci::session& sql, const std::string& patient_id, const std::string& since);

struct Confirmation {
  std::string user_id, display_name, at;
};
// False when this user had confirmed it already.
bool Confirm(soci::session& sql, const std::string& post_id, const std::string& user_id, const std::string& at);
// The confirmations of the team's posts made at or after `since` (an ISO time; "" = all).
std::map<std::string, std::vector<Confirmation>> ConfirmationsOf(soci::session& sql, const std::string& patient_id,
                                                                 const std::string& since);

// The facility's accounts that are not disabled, with their roles (the service keeps those who may share care).
struct Person {
  std::string user_id, login, display_name, profession;
  std::vector<std::string> roles;
};
std::vector<Person> PeopleOf(soci::session& sql, const std::string& facility_id);

struct Task {
  std::string id, patient_id, patient_name, title, owner_id, owner_name, due_date, created_by, created_at, done_at, done_by;
};
void InsertTask(soci::session& sql, const Task& t);
std::optional<Task> LoadTask(soci::session& sql, const std::string& id);
// False when it was done already.
bool CompleteTask(soci::session& sql, const std::string& id, const std::string& by, const std::string& at);
// The team's tasks, open ones first (by due date), then the last done.
std::vector<Task> TasksOf(soci::session& sql, const std::string& patient_id, int limit);
// A person's open tasks on the teams they are still an active member of, by due date.
std::vector<Task> OpenTasksFor(soci::session& sql, const std::string& user_id, int limit);

struct Notification {
  std::string id, user_id, patient_id, patient_name, post_id, kind, by_name, created_at, read_at;
};
void InsertNotification(soci::session& sql, const Notification& n);
// Unread ones of the teams the user is still an active member of, newest first.
std::vector<Notification> UnreadFor(soci::session& sql, const std::string& user_id, int limit);
void MarkNotificationsRead(soci::session& sql, const std::string& user_id, const std::string& patient_id, const std::string& at);

// E-mail digests: the address a member gave ("" = none), and who to tell now.
std::string DigestEmailOf(soci::session& sql, const std::string& user_id);
void SetDigestEmail(soci::session& sql, const std::string& user_id, const std::string& email, const std::string& at);
struct DigestDue {
  std::string user_id, email, last_sent_at;
  long long addressed = 0;  // posts addressed and tasks given to them since the last digest, unread
  long long tasks_due = 0;  // open tasks due today or before
};
// Members with an address and something to tell (active memberships only, accounts not disabled).
std::vector<DigestDue> DigestsDue(soci::session& sql, const std::string& today);
// Marks one digest sent; false when another run did it first (last_sent_at moved).
bool ClaimDigest(soci::session& sql, const std::string& user_id, const std::string& was, const std::string& at);

}  // namespace renkei::careteams::store
