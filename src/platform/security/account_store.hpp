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
  int failed_logins = 0;
  std::string last_failed_at;     // "" when none
  std::string locked_at;          // "" when not locked
  std::string totp_secret;        // base32; "" when none
  bool totp_enabled = false;
  long long totp_last_step = 0;
  std::string last_login_at;
  std::string created_at;
  std::vector<std::string> roles;
  std::vector<std::string> facility_ids;
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
void InsertUser(soci::session& sql, const User& u);
void UpdateUser(soci::session& sql, const User& u);  // every column but id, login, created_at
// With a secret key set (crypto.hpp), seals the TOTP secrets still stored plain; returns how many.
int SealPlainSecrets(soci::session& sql);
void ReplaceRoles(soci::session& sql, const std::string& user_id, const std::vector<std::string>& roles);
void ReplaceMemberships(soci::session& sql, const std::string& user_id, const std::vector<std::string>& facility_ids);
bool FacilityExists(soci::session& sql, const std::string& id);
bool MunicipalityExists(soci::session& sql, const std::string& code);
std::string DefaultRegionId(soci::session& sql);

void InsertLoginFailure(soci::session& sql, const std::string& login, const std::string& addr, const std::string& at);
long long CountFailuresFromAddr(soci::session& sql, const std::string& addr, const std::string& since);

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
