#include "platform/security/account_store.hpp"

#include "platform/clock.hpp"
#include "platform/security/crypto.hpp"

namespace renkei::security::account_store {
namespace {

constexpr const char* kUserColumns =
    "id, region_id, login, display_name, password_hash, must_change_password, COALESCE(municipality_code, ''), "
    "COALESCE(profession, ''), disabled, failed_logins, COALESCE(last_failed_at, ''), COALESCE(locked_at, ''), "
    "COALESCE(totp_secret, ''), totp_enabled, totp_last_step, COALESCE(last_login_at, ''), created_at, "
    "COALESCE(locked_until, ''), lock_count, mfa_failures, COALESCE(mfa_last_failed_at, ''), COALESCE(mfa_locked_at, ''), version";

constexpr const char* kInsertUser =
    "INSERT INTO users (id, region_id, login, display_name, password_hash, must_change_password, municipality_code, "
    "profession, disabled, failed_logins, last_failed_at, locked_at, totp_secret, totp_enabled, totp_last_step, "
    "last_login_at, created_at, updated_at) VALUES (:id, :region, :login, :name, :hash, :must, NULLIF(:muni, ''), "
    "NULLIF(:prof, ''), :disabled, :failed, NULLIF(:lastfail, ''), NULLIF(:locked, ''), NULLIF(:secret, ''), :totp, "
    ":step, NULLIF(:lastlogin, ''), :created, :updated)";

constexpr const char* kSessionColumns =
    "token_hash, id, user_id, stage, csrf, created_at, last_seen_at, absolute_expires_at, remote_addr, user_agent, "
    "COALESCE(revoked_at, '')";

// Reads one user row into u (the columns of kUserColumns, in order).
struct UserInto {
  User u;
  int must = 0, disabled = 0, totp = 0;
};

void LoadRolesAndMemberships(soci::session& sql, User& u) {
  u.roles.clear();
  u.facility_ids.clear();
  std::string v;
  soci::statement r = (sql.prepare << "SELECT role FROM user_roles WHERE user_id = :id ORDER BY role", soci::use(u.id), soci::into(v));
  r.execute();
  while (r.fetch()) u.roles.push_back(v);
  soci::statement m =
      (sql.prepare << "SELECT facility_id FROM memberships WHERE user_id = :id ORDER BY facility_id", soci::use(u.id), soci::into(v));
  m.execute();
  while (m.fetch()) u.facility_ids.push_back(v);
}

std::vector<User> QueryUsers(soci::session& sql, const std::string& where, const std::vector<std::string>& params) {
  UserInto r;
  User& u = r.u;
  soci::statement st(sql);
  for (auto* s : {&u.id, &u.region_id, &u.login, &u.display_name, &u.password_hash}) st.exchange(soci::into(*s));
  st.exchange(soci::into(r.must));
  st.exchange(soci::into(u.municipality_code));
  st.exchange(soci::into(u.profession));
  st.exchange(soci::into(r.disabled));
  st.exchange(soci::into(u.failed_logins));
  st.exchange(soci::into(u.last_failed_at));
  st.exchange(soci::into(u.locked_at));
  st.exchange(soci::into(u.totp_secret));
  st.exchange(soci::into(r.totp));
  st.exchange(soci::into(u.totp_last_step));
  st.exchange(soci::into(u.last_login_at));
  st.exchange(soci::into(u.created_at));
  st.exchange(soci::into(u.locked_until));
  st.exchange(soci::into(u.lock_count));
  st.exchange(soci::into(u.mfa_failures));
  st.exchange(soci::into(u.mfa_last_failed_at));
  st.exchange(soci::into(u.mfa_locked_at));
  st.exchange(soci::into(u.version));
  for (const auto& p : params) st.exchange(soci::use(p));
  st.alloc();
  st.prepare(std::string("SELECT ") + kUserColumns + " FROM users " + where);
  st.define_and_bind();
  st.execute();
  std::vector<User> out;
  while (st.fetch()) {
    u.must_change_password = r.must != 0;
    u.disabled = r.disabled != 0;
    u.totp_enabled = r.totp != 0;
    out.push_back(u);
    // Sealed under the server key (crypto.hpp); throws rather than read a secret it cannot open.
    out.back().totp_secret = OpenSecret(u.totp_secret, u.id);
  }
  for (auto& x : out) LoadRolesAndMemberships(sql, x);
  return out;
}

}  // namespace

std::optional<User> FindUserByLogin(soci::session& sql, const std::string& login) {
  auto v = QueryUsers(sql, "WHERE login = :p", {login});
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::optional<User> FindUserById(soci::session& sql, const std::string& id) {
  auto v = QueryUsers(sql, "WHERE id = :p", {id});
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<User> ListUsers(soci::session& sql) { return QueryUsers(sql, "ORDER BY login", {}); }

std::optional<User> LockUserForAttempt(soci::session& sql, storage::Engine engine, const std::string& id) {
  auto v = QueryUsers(sql, engine == storage::Engine::kPostgres ? "WHERE id = :p FOR UPDATE" : "WHERE id = :p", {id});
  if (v.empty()) return std::nullopt;
  return v.front();
}

namespace {
// Runs an UPDATE and answers how many rows it changed.
template <typename... Values>
long long Changed(soci::session& sql, const char* statement, const Values&... values) {
  soci::statement st(sql);
  (st.exchange(soci::use(values)), ...);
  st.alloc();
  st.prepare(statement);
  st.define_and_bind();
  st.execute(true);
  return st.get_affected_rows();
}

constexpr const char* kSetDisplayAndTown =
    "UPDATE users SET display_name = :name, municipality_code = NULLIF(:muni, ''), version = version + 1, updated_at = :at "
    "WHERE id = :id";
constexpr const char* kSetDisabled = "UPDATE users SET disabled = :d, version = version + 1, updated_at = :at WHERE id = :id";
constexpr const char* kSetPassword =
    "UPDATE users SET password_hash = :h, must_change_password = :m, version = version + 1, updated_at = :at WHERE id = :id";
constexpr const char* kClearLocks =
    "UPDATE users SET failed_logins = 0, last_failed_at = NULL, locked_at = NULL, locked_until = NULL, lock_count = 0, "
    "mfa_failures = 0, mfa_last_failed_at = NULL, mfa_locked_at = NULL, version = version + 1, updated_at = :at WHERE id = :id";
constexpr const char* kClearTwoFactor =
    "UPDATE users SET totp_enabled = 0, totp_secret = NULL, totp_last_step = 0, mfa_failures = 0, mfa_last_failed_at = NULL, "
    "mfa_locked_at = NULL, version = version + 1, updated_at = :at WHERE id = :id";
constexpr const char* kSetPendingSecret =
    "UPDATE users SET totp_secret = :s, updated_at = :at WHERE id = :id AND totp_enabled = 0 "
    "AND (totp_secret IS NULL OR totp_secret = '')";
constexpr const char* kEnableTotp =
    "UPDATE users SET totp_enabled = 1, totp_last_step = :s, mfa_failures = 0, mfa_last_failed_at = NULL, "
    "version = version + 1, updated_at = :at WHERE id = :id AND totp_enabled = 0";
constexpr const char* kCountPasswordFailure = "UPDATE users SET failed_logins = failed_logins + 1, last_failed_at = :at WHERE id = :id";
constexpr const char* kLockPassword =
    "UPDATE users SET locked_at = :at, locked_until = :until, lock_count = lock_count + 1, version = version + 1 "
    "WHERE id = :id AND failed_logins >= :limit AND (locked_at IS NULL OR (locked_until IS NOT NULL AND locked_until <= :now))";
constexpr const char* kCountCodeFailure = "UPDATE users SET mfa_failures = mfa_failures + 1, mfa_last_failed_at = :at WHERE id = :id";
constexpr const char* kLockSecondFactor =
    "UPDATE users SET mfa_locked_at = :at, version = version + 1 WHERE id = :id AND mfa_failures >= :limit "
    "AND mfa_locked_at IS NULL";
constexpr const char* kAcceptPassword =
    "UPDATE users SET failed_logins = 0, last_failed_at = NULL, last_login_at = :at WHERE id = :id AND version = :v "
    "AND disabled = 0 AND mfa_locked_at IS NULL";
constexpr const char* kAcceptPasswordComplete =
    "UPDATE users SET failed_logins = 0, last_failed_at = NULL, last_login_at = :at, locked_at = NULL, locked_until = NULL, "
    "lock_count = 0 WHERE id = :id AND version = :v AND disabled = 0 AND mfa_locked_at IS NULL";
// A recovery code passes step 0 and keeps the last TOTP step; a TOTP step must be newer than the last.
constexpr const char* kAcceptSecondFactor =
    "UPDATE users SET totp_last_step = CASE WHEN totp_last_step < :s1 THEN :s2 ELSE totp_last_step END, "
    "mfa_failures = 0, mfa_last_failed_at = NULL, failed_logins = 0, last_failed_at = NULL, locked_at = NULL, "
    "locked_until = NULL, lock_count = 0 WHERE id = :id AND version = :v AND disabled = 0 AND mfa_locked_at IS NULL "
    "AND (:s3 = 0 OR totp_last_step < :s4)";
}  // namespace

void SetDisplayAndTown(soci::session& sql, const std::string& id, const std::string& display_name, const std::string& municipality) {
  Changed(sql, kSetDisplayAndTown, display_name, municipality, clock::NowIso(), id);
}

void SetDisabled(soci::session& sql, const std::string& id, bool disabled) {
  Changed(sql, kSetDisabled, disabled ? 1 : 0, clock::NowIso(), id);
}

void SetPassword(soci::session& sql, const std::string& id, const std::string& hash, bool must_change) {
  Changed(sql, kSetPassword, hash, must_change ? 1 : 0, clock::NowIso(), id);
}

void ClearLocks(soci::session& sql, const std::string& id) { Changed(sql, kClearLocks, clock::NowIso(), id); }

void ClearTwoFactor(soci::session& sql, const std::string& id) { Changed(sql, kClearTwoFactor, clock::NowIso(), id); }

bool SetPendingTotpSecret(soci::session& sql, const std::string& id, const std::string& base32_secret) {
  return Changed(sql, kSetPendingSecret, SealSecret(base32_secret, id), clock::NowIso(), id) == 1;
}

bool EnableTotp(soci::session& sql, const std::string& id, long long step) {
  return Changed(sql, kEnableTotp, step, clock::NowIso(), id) == 1;
}

void CountPasswordFailure(soci::session& sql, const std::string& id, const std::string& at) { Changed(sql, kCountPasswordFailure, at, id); }

bool LockPassword(soci::session& sql, const std::string& id, int limit, const std::string& at, const std::string& until) {
  return Changed(sql, kLockPassword, at, until, id, limit, at) == 1;
}

void CountCodeFailure(soci::session& sql, const std::string& id, const std::string& at) { Changed(sql, kCountCodeFailure, at, id); }

bool LockSecondFactor(soci::session& sql, const std::string& id, int limit, const std::string& at) {
  return Changed(sql, kLockSecondFactor, at, id, limit) == 1;
}

bool AcceptPassword(soci::session& sql, const std::string& id, long long version, const std::string& at, bool complete) {
  return Changed(sql, complete ? kAcceptPasswordComplete : kAcceptPassword, at, id, version) == 1;
}

bool AcceptSecondFactor(soci::session& sql, const std::string& id, long long version, long long step) {
  return Changed(sql, kAcceptSecondFactor, step, step, id, version, step, step) == 1;
}

void InsertUser(soci::session& sql, const User& u) {
  int must = u.must_change_password, disabled = u.disabled, totp = u.totp_enabled;
  const std::string secret = SealSecret(u.totp_secret, u.id);
  sql << kInsertUser, soci::use(u.id), soci::use(u.region_id), soci::use(u.login), soci::use(u.display_name), soci::use(u.password_hash),
      soci::use(must), soci::use(u.municipality_code), soci::use(u.profession), soci::use(disabled), soci::use(u.failed_logins),
      soci::use(u.last_failed_at), soci::use(u.locked_at), soci::use(secret), soci::use(totp), soci::use(u.totp_last_step),
      soci::use(u.last_login_at), soci::use(u.created_at), soci::use(u.created_at);
  ReplaceRoles(sql, u.id, u.roles);
  ReplaceMemberships(sql, u.id, u.facility_ids);
}

void ReplaceRoles(soci::session& sql, const std::string& user_id, const std::vector<std::string>& roles) {
  sql << "DELETE FROM user_roles WHERE user_id = :id", soci::use(user_id);
  for (const auto& r : roles) sql << "INSERT INTO user_roles (user_id, role) VALUES (:id, :role)", soci::use(user_id), soci::use(r);
}

void ReplaceMemberships(soci::session& sql, const std::string& user_id, const std::vector<std::string>& facility_ids) {
  sql << "DELETE FROM memberships WHERE user_id = :id", soci::use(user_id);
  for (const auto& f : facility_ids)
    sql << "INSERT INTO memberships (user_id, facility_id) VALUES (:id, :f)", soci::use(user_id), soci::use(f);
}

bool FacilityExists(soci::session& sql, const std::string& id) {
  int n = 0;
  sql << "SELECT COUNT(*) FROM facilities WHERE id = :id", soci::use(id), soci::into(n);
  return n > 0;
}

bool MunicipalityExists(soci::session& sql, const std::string& code) {
  int n = 0;
  sql << "SELECT COUNT(*) FROM municipalities WHERE code = :c", soci::use(code), soci::into(n);
  return n > 0;
}

std::string DefaultRegionId(soci::session& sql) {
  std::string id;
  soci::indicator ind = soci::i_null;
  sql << "SELECT id FROM regions ORDER BY created_at LIMIT 1", soci::into(id, ind);
  return sql.got_data() && ind == soci::i_ok ? id : std::string();
}

void InsertLoginFailure(soci::session& sql, const std::string& login, const std::string& addr, const std::string& at,
                        const std::string& kind) {
  sql << "INSERT INTO login_failures (login, remote_addr, at, kind) VALUES (:l, :a, :t, :k)", soci::use(login), soci::use(addr),
      soci::use(at), soci::use(kind);
}

void DeleteLoginFailuresBefore(soci::session& sql, const std::string& before) {
  sql << "DELETE FROM login_failures WHERE at < :b", soci::use(before);
}

namespace {
constexpr const char* kBumpThrottle =
    "UPDATE auth_throttle SET attempts = attempts + 1, last_at = :at WHERE action = :ac AND subject = :s AND remote_addr = :a "
    "AND window_start = :w";
constexpr const char* kInsertThrottle =
    "INSERT INTO auth_throttle (action, subject, remote_addr, window_start, window_end, attempts, first_at, last_at) "
    "VALUES (:ac, :s, :a, :w, :e, 1, :f, :l)";
constexpr const char* kClosedThrottles =
    "SELECT action, subject, remote_addr, window_start, window_end, first_at, last_at, attempts FROM auth_throttle "
    "WHERE window_end <= :now ORDER BY window_end, action, subject LIMIT :n";
constexpr const char* kTakeThrottle =
    "DELETE FROM auth_throttle WHERE action = :ac AND subject = :s AND remote_addr = :a AND window_start = :w";
}  // namespace

bool CountThrottled(soci::session& sql, const ThrottleWindow& w) {
  if (Changed(sql, kBumpThrottle, w.last_at, w.action, w.subject, w.remote_addr, w.window_start) == 1) return true;
  try {
    Changed(sql, kInsertThrottle, w.action, w.subject, w.remote_addr, w.window_start, w.window_end, w.first_at, w.last_at);
    return true;
  } catch (const std::exception& e) {
    if (storage::IsUniqueViolation(e)) return false;
    throw;
  }
}

std::vector<ThrottleWindow> ClosedThrottleWindows(soci::session& sql, const std::string& now, int limit) {
  ThrottleWindow w;
  soci::statement st = (sql.prepare << kClosedThrottles, soci::use(now), soci::use(limit), soci::into(w.action), soci::into(w.subject),
                        soci::into(w.remote_addr), soci::into(w.window_start), soci::into(w.window_end), soci::into(w.first_at),
                        soci::into(w.last_at), soci::into(w.attempts));
  st.execute();
  std::vector<ThrottleWindow> out;
  while (st.fetch()) out.push_back(w);
  return out;
}

bool TakeThrottleWindow(soci::session& sql, const ThrottleWindow& w) {
  return Changed(sql, kTakeThrottle, w.action, w.subject, w.remote_addr, w.window_start) == 1;
}

long long CountFailuresFromAddr(soci::session& sql, const std::string& addr, const std::string& since) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM login_failures WHERE remote_addr = :a AND at >= :s", soci::use(addr), soci::use(since), soci::into(n);
  return n;
}

void InsertSession(soci::session& sql, const SessionRow& s) {
  sql << "INSERT INTO sessions (token_hash, id, user_id, stage, csrf, created_at, last_seen_at, absolute_expires_at, "
         "remote_addr, user_agent) VALUES (:h, :id, :u, :st, :c, :cr, :ls, :abs, :a, :ua)",
      soci::use(s.token_hash), soci::use(s.id), soci::use(s.user_id), soci::use(s.stage), soci::use(s.csrf), soci::use(s.created_at),
      soci::use(s.last_seen_at), soci::use(s.absolute_expires_at), soci::use(s.remote_addr), soci::use(s.user_agent);
}

namespace {
std::vector<SessionRow> QuerySessions(soci::session& sql, const std::string& where, const std::vector<std::string>& params) {
  SessionRow s;
  soci::statement st(sql);
  for (auto* f : {&s.token_hash, &s.id, &s.user_id, &s.stage, &s.csrf, &s.created_at, &s.last_seen_at, &s.absolute_expires_at,
                  &s.remote_addr, &s.user_agent, &s.revoked_at})
    st.exchange(soci::into(*f));
  for (const auto& p : params) st.exchange(soci::use(p));
  st.alloc();
  st.prepare(std::string("SELECT ") + kSessionColumns + " FROM sessions " + where);
  st.define_and_bind();
  st.execute();
  std::vector<SessionRow> out;
  while (st.fetch()) out.push_back(s);
  return out;
}
}  // namespace

std::optional<SessionRow> FindSession(soci::session& sql, const std::string& token_hash) {
  auto v = QuerySessions(sql, "WHERE token_hash = :h", {token_hash});
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<SessionRow> ListSessions(soci::session& sql, const std::string& user_id, const std::string& now) {
  return QuerySessions(sql, "WHERE user_id = :u AND revoked_at IS NULL AND absolute_expires_at > :n ORDER BY last_seen_at DESC",
                       {user_id, now});
}

void SetSessionStage(soci::session& sql, const std::string& token_hash, const std::string& stage) {
  sql << "UPDATE sessions SET stage = :s WHERE token_hash = :h", soci::use(stage), soci::use(token_hash);
}

void EndSession(soci::session& sql, const std::string& token_hash, const std::string& at) {
  sql << "UPDATE sessions SET revoked_at = :a WHERE token_hash = :h AND revoked_at IS NULL", soci::use(at), soci::use(token_hash);
}

void TouchSession(soci::session& sql, const std::string& token_hash, const std::string& at) {
  sql << "UPDATE sessions SET last_seen_at = :a WHERE token_hash = :h", soci::use(at), soci::use(token_hash);
}

bool RevokeSession(soci::session& sql, const std::string& user_id, const std::string& id, const std::string& at) {
  soci::statement st = (sql.prepare << "UPDATE sessions SET revoked_at = :a WHERE user_id = :u AND id = :id AND revoked_at IS NULL",
                        soci::use(at), soci::use(user_id), soci::use(id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

void RevokeAllSessions(soci::session& sql, const std::string& user_id, const std::string& at, const std::string& except_hash) {
  sql << "UPDATE sessions SET revoked_at = :a WHERE user_id = :u AND revoked_at IS NULL AND token_hash <> :h", soci::use(at),
      soci::use(user_id), soci::use(except_hash);
}

void ReplaceRecoveryCodes(soci::session& sql, const std::string& user_id, const std::vector<std::string>& hashes) {
  sql << "DELETE FROM recovery_codes WHERE user_id = :u", soci::use(user_id);
  for (const auto& h : hashes) sql << "INSERT INTO recovery_codes (user_id, code_hash) VALUES (:u, :h)", soci::use(user_id), soci::use(h);
}

bool RecoveryCodeUnused(soci::session& sql, const std::string& user_id, const std::string& hash) {
  int n = 0;
  sql << "SELECT COUNT(*) FROM recovery_codes WHERE user_id = :u AND code_hash = :h AND used_at IS NULL", soci::use(user_id),
      soci::use(hash), soci::into(n);
  return n > 0;
}

bool UseRecoveryCode(soci::session& sql, const std::string& user_id, const std::string& hash, const std::string& at) {
  soci::statement st = (sql.prepare << "UPDATE recovery_codes SET used_at = :a WHERE user_id = :u AND code_hash = :h AND used_at IS NULL",
                        soci::use(at), soci::use(user_id), soci::use(hash));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

long long CountUnusedRecoveryCodes(soci::session& sql, const std::string& user_id) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM recovery_codes WHERE user_id = :u AND used_at IS NULL", soci::use(user_id), soci::into(n);
  return n;
}

void InsertToken(soci::session& sql, const TokenRow& t, const std::string& hash) {
  sql << "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES (:id, :u, :n, :h, :c)", soci::use(t.id),
      soci::use(t.user_id), soci::use(t.name), soci::use(hash), soci::use(t.created_at);
}

namespace {
constexpr const char* kTokenColumns = "id, user_id, name, created_at, COALESCE(last_used_at, ''), COALESCE(revoked_at, '')";
std::vector<TokenRow> QueryTokens(soci::session& sql, const std::string& where, const std::string& p) {
  TokenRow t;
  std::string q = std::string("SELECT ") + kTokenColumns + " FROM api_tokens " + where;
  soci::statement st = (sql.prepare << q, soci::use(p), soci::into(t.id), soci::into(t.user_id), soci::into(t.name),
                        soci::into(t.created_at), soci::into(t.last_used_at), soci::into(t.revoked_at));
  st.execute();
  std::vector<TokenRow> out;
  while (st.fetch()) out.push_back(t);
  return out;
}
}  // namespace

std::optional<TokenRow> FindTokenByHash(soci::session& sql, const std::string& hash) {
  auto v = QueryTokens(sql, "WHERE token_hash = :h", hash);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<TokenRow> ListTokens(soci::session& sql, const std::string& user_id) {
  return QueryTokens(sql, "WHERE user_id = :u ORDER BY created_at", user_id);
}

bool RevokeToken(soci::session& sql, const std::string& id, const std::string& at) {
  soci::statement st =
      (sql.prepare << "UPDATE api_tokens SET revoked_at = :a WHERE id = :id AND revoked_at IS NULL", soci::use(at), soci::use(id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

void TouchToken(soci::session& sql, const std::string& id, const std::string& at) {
  sql << "UPDATE api_tokens SET last_used_at = :a WHERE id = :id", soci::use(at), soci::use(id);
}

std::optional<std::string> GetSetting(soci::session& sql, const std::string& key) {
  std::string v;
  soci::indicator ind = soci::i_null;
  sql << "SELECT value FROM settings WHERE key = :k", soci::use(key), soci::into(v, ind);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  return v;
}

void PutSetting(soci::session& sql, const std::string& key, const std::string& value) {
  sql << "DELETE FROM settings WHERE key = :k", soci::use(key);
  sql << "INSERT INTO settings (key, value) VALUES (:k, :v)", soci::use(key), soci::use(value);
}

int SealPlainSecrets(soci::session& sql) {
  if (!HasSecretKey()) return 0;
  std::vector<std::pair<std::string, std::string>> plain;
  {
    std::string id, secret;
    soci::statement st = (sql.prepare << "SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL AND totp_secret <> ''",
                          soci::into(id), soci::into(secret));
    st.execute();
    while (st.fetch())
      if (!IsSealed(secret)) plain.emplace_back(id, secret);
  }
  for (const auto& [id, secret] : plain) {
    std::string sealed = SealSecret(secret, id);
    sql << "UPDATE users SET totp_secret = :s WHERE id = :id", soci::use(sealed), soci::use(id);
  }
  return static_cast<int>(plain.size());
}

}  // namespace renkei::security::account_store
