#pragma once
// Accounts, logins, sessions, two-factor and API tokens: the rules of the security guideline
// (厚労省 安全管理ガイドライン 第6.0版) as one service. Every refusal, login and change is audited.
// Thread-safe: all state is in the database so servers stay stateless; the only member that changes is
// the time of the next housekeeping sweep, an atomic.
//
// Guessing: wrong passwords count per account (back-off, then a lock whose period grows; a right password
// clears the count) and per address; wrong second-factor codes (TOTP or recovery) count on their own, are
// cleared only by a right code, back off, and lock the second factor after mfa_lock_after until an admin
// unlocks it. Every attempt is counted under the account row's lock before it is judged. Refused attempts
// (throttled, locked) are summarised in the audit log, one entry per action, subject, address and window.
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "platform/security/account_store.hpp"
#include "platform/security/roles.hpp"
#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::security {

struct SecurityPolicy {
  std::chrono::seconds session_idle{30 * 60};
  std::chrono::seconds session_absolute{12 * 3600};
  // Roles that must use two-factor before they see anything; every role but facility_editor by default.
  std::set<std::string> mfa_required_roles{"admin", "municipal_staff", "hub_coordinator", "support_center", "professional"};
  int account_backoff_after = 5;              // wrong passwords in a row before each further try must wait
  std::chrono::seconds backoff_base{30};      // doubles with each further failure, up to 15 minutes
  int account_lock_after = 10;                // wrong passwords in a row that lock the login for lock_period
  std::chrono::seconds lock_period{15 * 60};  // the first lock; each further one (before a complete login) is 4× longer, at most a day
  int mfa_backoff_after = 2;                  // wrong codes in a row before each further code must wait
  std::chrono::seconds mfa_backoff_base{30};
  int mfa_lock_after = 5;                             // wrong codes in a row that lock the second factor until an admin unlocks it
  int addr_limit = 30;                                // wrong passwords and codes from one address within the window before 429
  std::chrono::seconds addr_window{15 * 60};          // also the window of the audit log's summaries of refused attempts
  std::chrono::seconds failure_retention{24 * 3600};  // login_failures rows are deleted after this
};

// Who is asking, for audit entries.
struct Actor {
  std::string login;  // "system" for the command line
  std::string remote_addr;
};

// An authenticated caller: a browser session or an API token.
struct Principal {
  User user;
  std::string session_id;  // public id; "" for tokens
  std::string token_hash;  // session token hash; "" for API tokens
  std::string stage;       // full, mfa, password, enrol
  std::string csrf;        // "" for API tokens
  bool via_token = false;
  bool full() const { return stage == "full"; }
  bool can(Permission p) const { return full() && AnyRoleAllows(user.roles, p); }
  Actor actor(const std::string& addr) const { return {user.login, addr}; }
};

// The system acting with an administrator's permissions: the command line (which already holds the
// database) and the demo loaders. Audit entries name it "system".
inline Principal SystemPrincipal() {
  Principal p;
  p.user.login = "system";
  p.user.roles = {"admin"};
  p.stage = "full";
  return p;
}

struct NewUser {
  std::string login;
  std::string display_name;
  std::string password;
  std::vector<std::string> roles;
  std::string municipality_code;
  std::string facility_id;
  std::string profession;
  bool must_change_password = true;
};

struct LoginResult {
  std::string token;  // goes in the session cookie
  std::string stage;
};

struct TotpEnrolment {
  std::string secret;       // base32, shown for manual entry
  std::string otpauth_uri;  // for the QR code
};

class Accounts {
 public:
  Accounts(std::shared_ptr<storage::Database> db, SecurityPolicy policy);
  const SecurityPolicy& policy() const { return policy_; }
  bool MfaRequired(const User& u) const;
  // The shortest password this user may have (13, or 8 when two-factor is required of them).
  size_t MinPasswordLength(const std::vector<std::string>& roles) const;

  // Administration (the CLI passes Actor{"system"}; pages pass the admin).
  Result<User> CreateUser(const NewUser& n, const Actor& by);
  std::vector<User> ListUsers();
  Result<User> GetUser(const std::string& id_or_login);
  Status UpdateRoles(const std::string& user_id, const std::vector<std::string>& roles, const std::string& municipality,
                     const std::string& facility_id, const std::string& display_name, const Actor& by);
  Status SetDisabled(const std::string& user_id, bool disabled, const Actor& by);
  Status Unlock(const std::string& user_id, const Actor& by);
  // Sets a new initial password, to be changed at the next login; ends the user's sessions.
  Status ResetPassword(const std::string& user_id, const std::string& password, const Actor& by);
  // Removes two-factor so that the user enrols again at the next login.
  Status ResetTwoFactor(const std::string& user_id, const Actor& by);

  // Logins. Failures are counted per account and per address; see SecurityPolicy.
  Result<LoginResult> Login(const std::string& login, const std::string& password, const std::string& addr, const std::string& user_agent);
  // The session behind a cookie token, if alive; refreshes its idle clock.
  Result<Principal> Authenticate(const std::string& token, const std::string& addr);
  Result<Principal> AuthenticateApiToken(const std::string& token, const std::string& addr);
  // Accepts a TOTP code or a recovery code at the 'mfa' stage; returns the next stage.
  Result<std::string> VerifySecondFactor(Principal& p, const std::string& code, const std::string& addr);
  Result<std::string> ChangePassword(Principal& p, const std::string& current, const std::string& next, const std::string& addr);
  Result<TotpEnrolment> BeginTotpEnrolment(Principal& p);
  // Confirms enrolment with a code from the app; returns the ten recovery codes (shown once).
  Result<std::vector<std::string>> ConfirmTotpEnrolment(Principal& p, const std::string& code, const std::string& addr);
  void Logout(const Principal& p, const std::string& addr);
  std::vector<SessionRow> ListSessions(const Principal& p);
  Status RevokeSession(const Principal& p, const std::string& session_id, const std::string& addr);
  long long RecoveryCodesLeft(const Principal& p);

  // API tokens. The token is returned once; only its hash is stored.
  Result<std::string> CreateApiToken(const std::string& login, const std::string& name, const Actor& by);
  Status RevokeApiToken(const std::string& token_id, const Actor& by);
  std::vector<TokenRow> ListApiTokens(const std::string& login);

  // Demo databases (renkei demo) show the current two-factor code on the prompt page.
  bool IsDemo();

  // Writes one audit entry for each window of refused attempts that has ended; returns how many. Runs
  // by itself during logins (at most once a minute); the audit page calls it before it reads.
  int FlushThrottleSummaries();

 private:
  void Housekeeping();
  void NoteThrottled(const std::string& action, const std::string& subject, const std::string& addr);
  Status AddressThrottled(const std::string& addr);
  Status ReservePasswordAttempt(User& user, const std::string& addr);
  Status PasswordFailed(const std::string& login, const std::optional<User>& user, const std::string& addr);
  Result<LoginResult> StartSession(const User& user, const std::string& addr, const std::string& user_agent);
  Status CodeFailed(storage::Transaction& tx, const User& u, const std::string& session_id, const std::string& addr);
  std::string NextStage(const User& u, bool second_factor_done) const;
  Status ValidatePassword(const std::string& password, const std::vector<std::string>& roles, const std::string& login) const;
  std::shared_ptr<storage::Database> db_;
  SecurityPolicy policy_;
  std::string dummy_hash_;                       // verified against when the login does not exist, so timing tells nothing
  std::atomic<long long> next_housekeeping_{0};  // unix seconds
};

// Current TOTP code for a stored base32 secret (demo page, tests).
std::string CurrentTotpCode(const std::string& base32_secret);

}  // namespace renkei::security
