#pragma once
// SQL for accounts, sessions, tokens and login failures. No rules here: see accounts.hpp.
#include <optional>
#include <string>
#include <vector>

#include "platform/storage/database.hpp"

namespace renkei::security {

struct User {
  std::string id;
  std::string region_id;
  std::string login;
  std::string display_name;
  std::string password_hash;
  bool must_change_password = true;
  std::string municipality_code;  // "" when none
  std::string profession;         // "" when none
  bool disabled = false;
  int failed_logins = 0;       // wrong passwords in a row
  std::string last_failed_at;  // "" when none
  std::string locked_at;       // "" when not locked
  std::string locked_until;    // the lock lifts then; "" with locked_at set: until an admin unlocks
  int lock_count = 0;          // locks since the last complete login; each lasts longer
  int mfa_failures = 0;        // wrong codes in a row; only a right code resets them
  std::string mfa_last_failed_at;
  std::string mfa_locked_at;  // the second factor refuses every code until an admin unlocks
  long long version = 0;      // moves with every change an administrator or the user makes
  std::string totp_secret;    // base32; "" when none
  bool totp_enabled = false;
  long long totp_last_step = 0;
  std::string last_login_at;
  std::string created_at;
  std::vector<std::string> roles;
  std::vector<std::string> facility_ids;

  // Is logging in with a password refused now (`now_iso` is clock::NowIso())?
  bool LoginLocked(const std::string& now_iso) const { return !locked_at.empty() && (locked_until.empty() || locked_until > now_iso); }
  bool SecondFactorLocked() const { return !mfa_locked_at.empty(); }
};

struct SessionRow {
  std::string token_hash;
  std::string id;
  std::string user_id;
  std::string stage;
  std::string csrf;
  std::string created_at;
  std::string last_seen_at;
  std::string absolute_expires_at;
  std::string remote_addr;
  std::string user_agent;
  std::string revoked_at;
};

struct TokenRow {
  std::string id;
  std::string user_id;
  std::string name;
  std::string created_at;
  std::string last_used_at;
  std::string revoked_at;
};

// soci::use binds by reference and runs the statement at the end of the full expression: bind named
// values, never temporaries.
namespace account_store {

std::optional<User> FindUserByLogin(soci::session& sql, const std::string& login);
std::optional<User> FindUserById(soci::session& sql, const std::string& id);
std::vector<User> ListUsers(soci::session& sql);
// The user row for a login attempt, held until the transaction ends (FOR UPDATE on PostgreSQL; SQLite's
// write transaction already excludes every other writer), so that parallel attempts are counted one by one.
std::optional<User> LockUserForAttempt(soci::session& sql, storage::Engine engine, const std::string& id);
void InsertUser(soci::session& sql, const User& u);

// Each statement below changes only the columns it names; those an administrator or the user changes
// move the row's version. Never a read-modify-write of the whole row.
void SetDisplayAndTown(soci::session& sql, const std::string& id, const std::string& display_name, const std::string& municipality);
void SetDisabled(soci::session& sql, const std::string& id, bool disabled);
void SetPassword(soci::session& sql, const std::string& id, const std::string& hash, bool must_change);
// Unlock: clears both locks and both failure counts.
void ClearLocks(soci::session& sql, const std::string& id);
// Removes two-factor (secret, step, the code lock), so that the user enrols again.
void ClearTwoFactor(soci::session& sql, const std::string& id);
// Keeps a new secret for an enrolment not yet confirmed; false when one is pending or enrolment is done.
bool SetPendingTotpSecret(soci::session& sql, const std::string& id, const std::string& base32_secret);
// Confirms the pending secret; false when it was confirmed already.
bool EnableTotp(soci::session& sql, const std::string& id, long long step);

// Login attempts. The Count* statements add one failure; Lock* lock when the count reached `limit`.
void CountPasswordFailure(soci::session& sql, const std::string& id, const std::string& at);
bool LockPassword(soci::session& sql, const std::string& id, int limit, const std::string& at, const std::string& until);
void CountCodeFailure(soci::session& sql, const std::string& id, const std::string& at);
bool LockSecondFactor(soci::session& sql, const std::string& id, int limit, const std::string& at);
// A right password: clears the password failures and records the login, unless the account changed
// (version), was disabled, or its second factor locked since `version` was read. `complete` (no second
// factor to follow) also ends the lock history. False when the row changed.
bool AcceptPassword(soci::session& sql, const std::string& id, long long version, const std::string& at, bool complete);
// A right code: TOTP step `step` (0 for a recovery code) newer than the last one used; clears the failures
// and the lock history. False when the step was used already or the account changed since `version`.
bool AcceptSecondFactor(soci::session& sql, const std::string& id, long long version, long long step);
// With a secret key set (crypto.hpp), seals the TOTP secrets still stored plain; returns how many.
int SealPlainSecrets(soci::session& sql);
void ReplaceRoles(soci::session& sql, const std::string& user_id, const std::vector<std::string>& roles);
void ReplaceMemberships(soci::session& sql, const std::string& user_id, const std::vector<std::string>& facility_ids);
bool FacilityExists(soci::session& sql, const std::string& id);
bool MunicipalityExists(soci::session& sql, const std::string& code);
std::string DefaultRegionId(soci::session& sql);

// kind: "password" or "code".
void InsertLoginFailure(soci::session& sql, const std::string& login, const std::string& addr, const std::string& at,
                        const std::string& kind);
long long CountFailuresFromAddr(soci::session& sql, const std::string& addr, const std::string& since);
void DeleteLoginFailuresBefore(soci::session& sql, const std::string& before);

// Throttled attempts, counted per action, subject, address and window (see accounts.hpp).
struct ThrottleWindow {
  std::string action, subject, remote_addr, window_start, window_end, first_at, last_at;
  long long attempts = 0;
};
// Adds one attempt to the window (creating it); false when another server created it first (call again).
bool CountThrottled(soci::session& sql, const ThrottleWindow& w);
std::vector<ThrottleWindow> ClosedThrottleWindows(soci::session& sql, const std::string& now, int limit);
// Removes the window; false when another server took it first.
bool TakeThrottleWindow(soci::session& sql, const ThrottleWindow& w);

void InsertSession(soci::session& sql, const SessionRow& s);
std::optional<SessionRow> FindSession(soci::session& sql, const std::string& token_hash);
std::vector<SessionRow> ListSessions(soci::session& sql, const std::string& user_id, const std::string& now);
void SetSessionStage(soci::session& sql, const std::string& token_hash, const std::string& stage);
void EndSession(soci::session& sql, const std::string& token_hash, const std::string& at);
void TouchSession(soci::session& sql, const std::string& token_hash, const std::string& at);
// Revokes one session of the user by public id; returns whether one was revoked.
bool RevokeSession(soci::session& sql, const std::string& user_id, const std::string& id, const std::string& at);
void RevokeAllSessions(soci::session& sql, const std::string& user_id, const std::string& at, const std::string& except_hash);

void ReplaceRecoveryCodes(soci::session& sql, const std::string& user_id, const std::vector<std::string>& hashes);
bool RecoveryCodeUnused(soci::session& sql, const std::string& user_id, const std::string& hash);
// Marks an unused code used; returns whether it existed unused.
bool UseRecoveryCode(soci::session& sql, const std::string& user_id, const std::string& hash, const std::string& at);
long long CountUnusedRecoveryCodes(soci::session& sql, const std::string& user_id);

void InsertToken(soci::session& sql, const TokenRow& t, const std::string& hash);
std::optional<TokenRow> FindTokenByHash(soci::session& sql, const std::string& hash);
std::vector<TokenRow> ListTokens(soci::session& sql, const std::string& user_id);
bool RevokeToken(soci::session& sql, const std::string& id, const std::string& at);
void TouchToken(soci::session& sql, const std::string& id, const std::string& at);

std::optional<std::string> GetSetting(soci::session& sql, const std::string& key);
void PutSetting(soci::session& sql, const std::string& key, const std::string& value);

}  // namespace account_store
}  // namespace renkei::security
