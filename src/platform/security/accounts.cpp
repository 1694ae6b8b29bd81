#include "platform/security/accounts.hpp"

#include <spdlog/spdlog.h>
#include <algorithm>

#include "platform/clock.hpp"
#include "platform/security/audit.hpp"
#include "platform/security/crypto.hpp"
#include "platform/text/utf8.hpp"

namespace renkei::security {

namespace store = account_store;
using storage::Lease;
using storage::Transaction;

namespace {

// Messages starting with '@' are message-catalogue keys, translated by the web layer.
constexpr const char* kBadCredentials = "@auth.bad_credentials";

size_t Utf8Length(const std::string& s) {
  return std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

std::string Later(std::chrono::seconds d) { return clock::ToIso(clock::Now() + d); }

// Seconds to wait before another try after `failures` wrong answers in a row, the last at `last`: none
// below `after`, then `base`, doubling with each further failure up to 15 minutes; 0 once it has passed.
int SecondsToWait(int failures, const std::string& last, int after, std::chrono::seconds base, clock::TimePoint now) {
  if (failures < after || last.empty()) return 0;
  int extra = std::min(failures - after, 5);
  auto wait = std::min(base * (1 << extra), std::chrono::seconds(900));
  auto t = clock::FromIso(last);
  if (!t || *t + wait <= now) return 0;
  return static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(*t + wait - now).count()) + 1;
}

// How long the next lock lasts after `previous` locks since the last complete login: the first period,
// four times longer each time (15 min, 1 h, 4 h, 16 h), never more than a day.
std::chrono::seconds LockPeriod(std::chrono::seconds first, int previous) {
  auto period = first;
  for (int i = 0; i < previous && period < std::chrono::hours(24); ++i) period *= 4;
  return std::min<std::chrono::seconds>(period, std::chrono::hours(24));
}
std::string Earlier(std::chrono::seconds d) { return clock::ToIso(clock::Now() - d); }

std::string NormaliseRecoveryCode(const std::string& code) {
  std::string out;
  for (char c : code)
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool LooksLikeTotp(const std::string& code) {
  std::string digits;
  for (char c : code) {
    if (c == ' ') continue;
    if (c < '0' || c > '9') return false;
    digits += c;
  }
  return digits.size() == 6;
}

// May sessions and tokens already open go on? Not when the account is disabled or its second factor
// locked (its password is known to someone guessing codes), nor under a lock without an end (before
// locks had one). A lock from wrong passwords, which anyone can cause, leaves them open.
bool SessionsMayContinue(const User& u) {
  return !u.disabled && !u.SecondFactorLocked() && !(!u.locked_at.empty() && u.locked_until.empty());
}

}  // namespace

std::string CurrentTotpCode(const std::string& base32_secret) {
  auto secret = Base32Decode(base32_secret);
  if (!secret) return {};
  return TotpCode(*secret, TotpStep(clock::ToUnix(clock::Now())));
}

Accounts::Accounts(std::shared_ptr<storage::Database> db, SecurityPolicy policy)
    : db_(std::move(db)), policy_(std::move(policy)), dummy_hash_(HashPassword(RandomHex(16))) {}

bool Accounts::MfaRequired(const User& u) const {
  return std::any_of(u.roles.begin(), u.roles.end(), [&](const std::string& r) { return policy_.mfa_required_roles.count(r) > 0; });
}

size_t Accounts::MinPasswordLength(const std::vector<std::string>& roles) const {
  User u;
  u.roles = roles;
  return MfaRequired(u) ? 8 : 13;
}

Status Accounts::ValidatePassword(const std::string& password, const std::vector<std::string>& roles, const std::string& login) const {
  size_t min = MinPasswordLength(roles);
  size_t len = Utf8Length(password);
  if (len < min) return Status::InvalidArgument(min == 8 ? "@password.too_short_8" : "@password.too_short_13");
  if (password.size() > 256) return Status::InvalidArgument("@password.too_long");
  if (password == login) return Status::InvalidArgument("@password.same_as_login");
  return Status::Ok();
}

std::string Accounts::NextStage(const User& u, bool second_factor_done) const {
  if (u.totp_enabled && !second_factor_done) return "mfa";
  if (u.must_change_password) return "password";
  if (MfaRequired(u) && !u.totp_enabled) return "enrol";
  return "full";
}

Result<User> Accounts::CreateUser(const NewUser& n, const Actor& by) {
  if (n.login.empty() || n.login.size() > 64 || !std::all_of(n.login.begin(), n.login.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
      }))
    return Status::InvalidArgument("@user.bad_login");
  if (n.roles.empty()) return Status::InvalidArgument("@user.no_role");
  for (const auto& r : n.roles) {
    const RoleInfo* info = FindRole(r);
    if (!info) return Status::InvalidArgument("@user.unknown_role", r);
    if (info->needs_municipality && n.municipality_code.empty()) return Status::InvalidArgument("@user.needs_municipality");
    if (info->needs_organization && n.facility_id.empty()) return Status::InvalidArgument("@user.needs_organization");
  }
  if (!n.profession.empty() && n.profession.size() > 64) return Status::InvalidArgument("@user.bad_profession");
  if (auto s = ValidatePassword(n.password, n.roles, n.login); !s.ok()) return s;
  User u;
  u.id = NewId();
  u.login = n.login;
  u.display_name = n.display_name.empty() ? n.login : n.display_name;
  u.password_hash = HashPassword(n.password);
  u.must_change_password = n.must_change_password;
  u.municipality_code = n.municipality_code;
  u.profession = n.profession;
  u.roles = n.roles;
  std::sort(u.roles.begin(), u.roles.end());
  if (!n.facility_id.empty()) u.facility_ids = {n.facility_id};
  u.created_at = clock::NowIso();
  try {
    Transaction tx(*db_);
    u.region_id = store::DefaultRegionId(tx.sql());
    if (u.region_id.empty()) return Status::FailedPrecondition("@setup.no_region");
    if (!u.municipality_code.empty() && !store::MunicipalityExists(tx.sql(), u.municipality_code))
      return Status::InvalidArgument("@user.unknown_municipality", u.municipality_code);
    if (!n.facility_id.empty() && !store::FacilityExists(tx.sql(), n.facility_id))
      return Status::InvalidArgument("@user.unknown_organization", n.facility_id);
    if (store::FindUserByLogin(tx.sql(), u.login)) return Status::Conflict("@user.login_taken", u.login);
    store::InsertUser(tx.sql(), u);
    std::string roles;
    for (const auto& r : u.roles) roles += (roles.empty() ? "" : ",") + r;
    AppendAudit(tx.sql(), db_->engine(),
                {.actor = by.login,
                 .action = "user.created",
                 .subject = "user:" + u.login,
                 .remote_addr = by.remote_addr,
                 .detail = "roles=" + roles});
    if (std::any_of(u.roles.begin(), u.roles.end(), [](const std::string& r) { return OpensCaseData(r); }))
      AppendAudit(tx.sql(), db_->engine(),
                  {.actor = by.login,
                   .action = "access.case_opened",
                   .subject = "user:" + u.login,
                   .remote_addr = by.remote_addr,
                   .detail = "new account; roles=" + roles});
    tx.commit();
  } catch (const std::exception& e) {
    if (storage::IsUniqueViolation(e)) return Status::Conflict("@user.login_taken", u.login);
    return Status::Internal("@error.internal", e.what());
  }
  return u;
}

std::vector<User> Accounts::ListUsers() {
  Lease l(*db_);
  return store::ListUsers(l.sql());
}

Result<User> Accounts::GetUser(const std::string& id_or_login) {
  Lease l(*db_);
  if (auto u = store::FindUserById(l.sql(), id_or_login)) return *u;
  if (auto u = store::FindUserByLogin(l.sql(), id_or_login)) return *u;
  return Status::NotFound("@user.not_found", id_or_login);
}

Status Accounts::UpdateRoles(const std::string& user_id, const std::vector<std::string>& roles, const std::string& municipality,
                             const std::string& facility_id, const std::string& display_name, const Actor& by) {
  if (roles.empty()) return Status::InvalidArgument("@user.no_role");
  for (const auto& r : roles) {
    const RoleInfo* info = FindRole(r);
    if (!info) return Status::InvalidArgument("@user.unknown_role", r);
    if (info->needs_municipality && municipality.empty()) return Status::InvalidArgument("@user.needs_municipality");
    if (info->needs_organization && facility_id.empty()) return Status::InvalidArgument("@user.needs_organization");
  }
  Transaction tx(*db_);
  auto u = store::FindUserById(tx.sql(), user_id);
  if (!u) return Status::NotFound("@user.not_found", user_id);
  if (!municipality.empty() && !store::MunicipalityExists(tx.sql(), municipality))
    return Status::InvalidArgument("@user.unknown_municipality", municipality);
  if (!facility_id.empty() && !store::FacilityExists(tx.sql(), facility_id))
    return Status::InvalidArgument("@user.unknown_organization", facility_id);
  std::string before, after;
  for (const auto& r : u->roles) before += (before.empty() ? "" : ",") + r;
  std::vector<std::string> sorted = roles;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  for (const auto& r : sorted) after += (after.empty() ? "" : ",") + r;
  // Roles that open case data, newly given (or moved to another centre): never to oneself, always traced.
  std::string opened;
  for (const auto& r : sorted) {
    bool had = std::find(u->roles.begin(), u->roles.end(), r) != u->roles.end();
    bool moved =
        had && OpensCaseData(r) && FindRole(r)->needs_organization && (u->facility_ids.empty() || u->facility_ids.front() != facility_id);
    if (OpensCaseData(r) && (!had || moved)) opened += (opened.empty() ? "" : ",") + r;
  }
  if (!opened.empty() && u->login == by.login) return Status::PermissionDenied("@user.cannot_open_own_case_access");
  store::SetDisplayAndTown(tx.sql(), u->id, display_name.empty() ? u->display_name : display_name, municipality);
  store::ReplaceRoles(tx.sql(), u->id, sorted);
  store::ReplaceMemberships(tx.sql(), u->id, facility_id.empty() ? std::vector<std::string>{} : std::vector<std::string>{facility_id});
  AppendAudit(tx.sql(), db_->engine(),
              {.actor = by.login,
               .action = "user.roles_changed",
               .subject = "user:" + u->login,
               .remote_addr = by.remote_addr,
               .detail = "roles " + before + " -> " + after + "; municipality=" + municipality + "; facility=" + facility_id});
  if (!opened.empty())
    AppendAudit(tx.sql(), db_->engine(),
                {.actor = by.login,
                 .action = "access.case_opened",
                 .subject = "user:" + u->login,
                 .remote_addr = by.remote_addr,
                 .detail = "role " + opened + "; facility=" + facility_id});
  tx.commit();
  return Status::Ok();
}

Status Accounts::SetDisabled(const std::string& user_id, bool disabled, const Actor& by) {
  Transaction tx(*db_);
  auto u = store::FindUserById(tx.sql(), user_id);
  if (!u) return Status::NotFound("@user.not_found", user_id);
  if (u->login == by.login && disabled) return Status::InvalidArgument("@user.cannot_disable_self");
  store::SetDisabled(tx.sql(), u->id, disabled);
  if (disabled) store::RevokeAllSessions(tx.sql(), u->id, clock::NowIso(), "");
  AppendAudit(tx.sql(), db_->engine(),
              {.actor = by.login,
               .action = disabled ? "user.disabled" : "user.enabled",
               .subject = "user:" + u->login,
               .remote_addr = by.remote_addr});
  tx.commit();
  return Status::Ok();
}

Status Accounts::Unlock(const std::string& user_id, const Actor& by) {
  Transaction tx(*db_);
  auto u = store::FindUserById(tx.sql(), user_id);
  if (!u) return Status::NotFound("@user.not_found", user_id);
  store::ClearLocks(tx.sql(), u->id);
  AppendAudit(tx.sql(), db_->engine(),
              {.actor = by.login,
               .action = "user.unlocked",
               .subject = "user:" + u->login,
               .remote_addr = by.remote_addr,
               .detail = std::string(u->SecondFactorLocked() ? "second factor; " : "") + (u->locked_at.empty() ? "" : "password lock")});
  tx.commit();
  return Status::Ok();
}

Status Accounts::ResetPassword(const std::string& user_id, const std::string& password, const Actor& by) {
  Transaction tx(*db_);
  auto u = store::FindUserById(tx.sql(), user_id);
  if (!u) return Status::NotFound("@user.not_found", user_id);
  if (auto s = ValidatePassword(password, u->roles, u->login); !s.ok()) return s;
  store::SetPassword(tx.sql(), u->id, HashPassword(password), true);
  store::ClearLocks(tx.sql(), u->id);
  store::RevokeAllSessions(tx.sql(), u->id, clock::NowIso(), "");
  AppendAudit(tx.sql(), db_->engine(),
              {.actor = by.login, .action = "user.password_reset", .subject = "user:" + u->login, .remote_addr = by.remote_addr});
  tx.commit();
  return Status::Ok();
}

Status Accounts::ResetTwoFactor(const std::string& user_id, const Actor& by) {
  Transaction tx(*db_);
  auto u = store::FindUserById(tx.sql(), user_id);
  if (!u) return Status::NotFound("@user.not_found", user_id);
  store::ClearTwoFactor(tx.sql(), u->id);
  store::ReplaceRecoveryCodes(tx.sql(), u->id, {});
  store::RevokeAllSessions(tx.sql(), u->id, clock::NowIso(), "");
  AppendAudit(tx.sql(), db_->engine(),
              {.actor = by.login, .action = "user.mfa_reset", .subject = "user:" + u->login, .remote_addr = by.remote_addr});
  tx.commit();
  return Status::Ok();
}

void Accounts::NoteThrottled(const std::string& action, const std::string& subject, const std::string& addr) {
  const auto now = clock::Now();
  const auto window = policy_.addr_window;
  const auto since_epoch = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch());
  const auto start = clock::TimePoint(since_epoch - since_epoch % window);
  store::ThrottleWindow w{.action = action,
                          .subject = text::Utf8Prefix(subject, 80),
                          .remote_addr = addr,
                          .window_start = clock::ToIso(start),
                          .window_end = clock::ToIso(start + window),
                          .first_at = clock::ToIso(now),
                          .last_at = clock::ToIso(now)};
  // Two tries: another server may create the same window between our update and insert.
  for (int i = 0; i < 2; ++i) {
    Transaction tx(*db_);
    if (store::CountThrottled(tx.sql(), w)) {
      tx.commit();
      return;
    }
  }
}

int Accounts::FlushThrottleSummaries() {
  const std::string now = clock::NowIso();
  std::vector<store::ThrottleWindow> closed;
  {
    Lease l(*db_);
    closed = store::ClosedThrottleWindows(l.sql(), now, 200);
  }
  int written = 0;
  for (const auto& w : closed) {
    Transaction tx(*db_);
    // Whoever deletes the window writes its entry: never twice, even with several servers sweeping.
    if (!store::TakeThrottleWindow(tx.sql(), w)) continue;
    AppendAudit(tx.sql(), db_->engine(),
                {.actor = "system",
                 .action = w.action,
                 .subject = w.subject,
                 .remote_addr = w.remote_addr,
                 .detail = std::to_string(w.attempts) + " attempts refused between " + w.first_at + " and " + w.last_at + " (window " +
                           w.window_start + " to " + w.window_end + ")"});
    tx.commit();
    ++written;
  }
  return written;
}

void Accounts::Housekeeping() {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(clock::Now().time_since_epoch()).count();
  long long due = next_housekeeping_.load();
  if (now < due || !next_housekeeping_.compare_exchange_strong(due, now + 60)) return;
  FlushThrottleSummaries();
  Transaction tx(*db_);
  store::DeleteLoginFailuresBefore(tx.sql(), Earlier(std::max(policy_.failure_retention, policy_.addr_window)));
  tx.commit();
}

Status Accounts::AddressThrottled(const std::string& addr) {
  long long failures = 0;
  {
    Lease l(*db_);
    failures = store::CountFailuresFromAddr(l.sql(), addr, Earlier(policy_.addr_window));
  }
  if (failures < policy_.addr_limit) return Status::Ok();
  NoteThrottled("auth.throttled", "addr:" + addr, addr);
  return Status::TooManyRequests("@auth.too_many_from_addr").WithRetryAfter(static_cast<int>(policy_.addr_window.count()));
}

Result<LoginResult> Accounts::Login(const std::string& login_raw, const std::string& password, const std::string& addr,
                                    const std::string& user_agent) {
  Housekeeping();
  const std::string login = text::Utf8Prefix(text::ValidUtf8(login_raw), 64);
  if (auto s = AddressThrottled(addr); !s.ok()) return s;
  std::optional<User> user;
  {
    Lease l(*db_);
    user = store::FindUserByLogin(l.sql(), login);
  }
  if (user) {
    // Counted before the slow hash, under the row's lock: parallel guesses each wait their turn.
    if (auto s = ReservePasswordAttempt(*user, addr); !s.ok()) return s;
  }
  // Verify even when the login is unknown, so that the answer takes as long either way.
  bool ok = VerifyPassword(user ? user->password_hash : dummy_hash_, password) && user && !user->disabled;
  if (!ok) return PasswordFailed(login, user, addr);
  return StartSession(*user, addr, user_agent);
}

Status Accounts::ReservePasswordAttempt(User& user, const std::string& addr) {
  const auto now = clock::Now();
  const std::string now_iso = clock::ToIso(now);
  Transaction tx(*db_);
  auto row = store::LockUserForAttempt(tx.sql(), db_->engine(), user.id);
  if (!row) return Status::Unauthenticated(kBadCredentials);
  user = std::move(*row);
  // Refused before the password is checked, so that the answer tells nothing about the password.
  if (user.SecondFactorLocked()) {
    tx.commit();
    NoteThrottled("auth.login_refused", "user:" + user.login, addr);
    return Status::PermissionDenied("@mfa.locked");
  }
  if (user.LoginLocked(now_iso)) {
    tx.commit();
    NoteThrottled("auth.login_refused", "user:" + user.login, addr);
    int retry = 0;
    if (auto until = clock::FromIso(user.locked_until))
      retry = static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(*until - now).count()) + 1;
    auto refused = Status::PermissionDenied(user.locked_until.empty() ? "@auth.locked" : "@auth.locked_for_now");
    return retry > 0 ? std::move(refused).WithRetryAfter(retry) : refused;
  }
  if (int wait = SecondsToWait(user.failed_logins, user.last_failed_at, policy_.account_backoff_after, policy_.backoff_base, now)) {
    tx.commit();
    NoteThrottled("auth.throttled", "user:" + user.login, addr);
    return Status::TooManyRequests("@auth.too_many_for_account").WithRetryAfter(wait);
  }
  store::CountPasswordFailure(tx.sql(), user.id, now_iso);
  tx.commit();
  return Status::Ok();
}

Status Accounts::PasswordFailed(const std::string& login, const std::optional<User>& user, const std::string& addr) {
  const auto now = clock::Now();
  const std::string now_iso = clock::ToIso(now);
  Transaction tx(*db_);
  store::InsertLoginFailure(tx.sql(), login, addr, now_iso, "password");
  bool locked = false;
  if (user) {
    const auto period = LockPeriod(policy_.lock_period, user->lock_count);
    locked = store::LockPassword(tx.sql(), user->id, policy_.account_lock_after, now_iso, clock::ToIso(now + period));
  }
  // The login is what the client typed, not a person who acted: the entry names it as claimed.
  AppendAudit(tx.sql(), db_->engine(),
              {.actor = "anonymous",
               .action = "auth.login_failed",
               .subject = "user:" + login,
               .remote_addr = addr,
               .detail = "claimed login; " + std::string(user ? (user->disabled ? "disabled" : "bad password") : "unknown login")});
  if (locked)
    AppendAudit(tx.sql(), db_->engine(),
                {.actor = "system",
                 .action = "auth.locked",
                 .subject = "user:" + login,
                 .remote_addr = addr,
                 .detail = std::to_string(user->failed_logins + 1) + " wrong passwords; lock " + std::to_string(user->lock_count + 1) +
                           " for " + std::to_string(LockPeriod(policy_.lock_period, user->lock_count).count() / 60) + " min"});
  tx.commit();
  return Status::Unauthenticated(kBadCredentials);
}

Result<LoginResult> Accounts::StartSession(const User& user, const std::string& addr, const std::string& user_agent) {
  const std::string now_iso = clock::NowIso();
  LoginResult r;
  r.token = RandomHex(32);
  r.stage = NextStage(user, false);
  Transaction tx(*db_);
  // The row must be as it was when the attempt was counted: a password change, a disable, a lock or a
  // role change made meanwhile wins, and this login ends here.
  if (!store::AcceptPassword(tx.sql(), user.id, user.version, now_iso, r.stage != "mfa")) {
    tx.commit();
    AppendAudit(*db_, {.actor = "anonymous",
                       .action = "auth.login_failed",
                       .subject = "user:" + user.login,
                       .remote_addr = addr,
                       .detail = "claimed login; the account changed during the login"});
    return Status::Unauthenticated(kBadCredentials);
  }
  SessionRow s;
  s.token_hash = Sha256Hex(r.token);
  s.id = NewId();
  s.user_id = user.id;
  s.stage = r.stage;
  s.csrf = RandomHex(32);
  s.created_at = now_iso;
  s.last_seen_at = now_iso;
  s.absolute_expires_at = Later(policy_.session_absolute);
  s.remote_addr = addr;
  s.user_agent = text::Utf8Prefix(text::ValidUtf8(user_agent), 300);
  store::InsertSession(tx.sql(), s);
  AppendAudit(
      tx.sql(), db_->engine(),
      {.actor = user.login, .action = "auth.login", .subject = "session:" + s.id, .remote_addr = addr, .detail = "next=" + r.stage});
  tx.commit();
  return r;
}

Result<Principal> Accounts::Authenticate(const std::string& token, const std::string& addr) {
  if (token.size() != 64) return Status::Unauthenticated("@auth.no_session");
  const auto now = clock::Now();
  const std::string hash = Sha256Hex(token);
  Lease l(*db_);
  auto s = store::FindSession(l.sql(), hash);
  if (!s || !s->revoked_at.empty()) return Status::Unauthenticated("@auth.no_session");
  auto last = clock::FromIso(s->last_seen_at);
  auto absolute = clock::FromIso(s->absolute_expires_at);
  if (!last || !absolute || now >= *absolute || now >= *last + policy_.session_idle) {
    store::EndSession(l.sql(), hash, clock::ToIso(now));
    AppendAudit(*db_, {.actor = "system", .action = "auth.session_expired", .subject = "session:" + s->id, .remote_addr = addr});
    return Status::Unauthenticated("@auth.session_expired");
  }
  auto u = store::FindUserById(l.sql(), s->user_id);
  if (!u || !SessionsMayContinue(*u)) return Status::Unauthenticated("@auth.no_session");
  // Refresh the idle clock at most every 30 seconds: every request would otherwise be a write.
  if (now - *last > std::chrono::seconds(30)) store::TouchSession(l.sql(), hash, clock::ToIso(now));
  Principal p;
  p.user = std::move(*u);
  p.session_id = s->id;
  p.token_hash = hash;
  p.stage = s->stage;
  p.csrf = s->csrf;
  return p;
}

Result<Principal> Accounts::AuthenticateApiToken(const std::string& token, const std::string& addr) {
  if (token.size() < 20 || token.size() > 200) return Status::Unauthenticated("@auth.bad_token");
  Lease l(*db_);
  auto t = store::FindTokenByHash(l.sql(), Sha256Hex(token));
  if (!t || !t->revoked_at.empty()) return Status::Unauthenticated("@auth.bad_token");
  auto u = store::FindUserById(l.sql(), t->user_id);
  if (!u || !SessionsMayContinue(*u)) return Status::Unauthenticated("@auth.bad_token");
  auto now = clock::Now();
  auto last = clock::FromIso(t->last_used_at);
  if (!last || now - *last > std::chrono::seconds(60)) store::TouchToken(l.sql(), t->id, clock::ToIso(now));
  Principal p;
  p.user = std::move(*u);
  p.stage = "full";
  p.via_token = true;
  return p;
}

Result<std::string> Accounts::VerifySecondFactor(Principal& p, const std::string& code, const std::string& addr) {
  if (p.stage != "mfa") return Status::FailedPrecondition("@auth.not_expected");
  Housekeeping();
  if (auto s = AddressThrottled(addr); !s.ok()) return s;
  const auto now = clock::Now();
  const std::string now_iso = clock::ToIso(now);
  Transaction tx(*db_);
  // Under the row's lock: parallel codes for one account are judged one after another.
  auto u = store::LockUserForAttempt(tx.sql(), db_->engine(), p.user.id);
  if (!u || u->disabled) return Status::Unauthenticated("@auth.no_session");
  if (u->SecondFactorLocked()) {
    tx.commit();
    NoteThrottled("auth.login_refused", "user:" + u->login, addr);
    return Status::PermissionDenied("@mfa.locked");
  }
  if (int wait = SecondsToWait(u->mfa_failures, u->mfa_last_failed_at, policy_.mfa_backoff_after, policy_.mfa_backoff_base, now)) {
    tx.commit();
    NoteThrottled("auth.throttled", "user:" + u->login, addr);
    return Status::TooManyRequests("@mfa.too_many").WithRetryAfter(wait);
  }
  std::string how;
  bool ok = false;
  if (LooksLikeTotp(code)) {
    auto secret = Base32Decode(u->totp_secret);
    auto step = secret ? TotpMatch(*secret, code, clock::ToUnix(now)) : std::nullopt;
    // A code is good once: AcceptSecondFactor refuses a step not newer than the last one used.
    ok = step && store::AcceptSecondFactor(tx.sql(), u->id, u->version, *step);
    how = "totp";
  } else if (!code.empty() && code.size() <= 64) {
    // Checked before it is spent: the row's lock keeps another request from spending it in between.
    const std::string hash = Sha256Hex(NormaliseRecoveryCode(code));
    ok = store::RecoveryCodeUnused(tx.sql(), u->id, hash) && store::AcceptSecondFactor(tx.sql(), u->id, u->version, 0);
    if (ok) store::UseRecoveryCode(tx.sql(), u->id, hash, now_iso);
    how = "recovery code";
  }
  if (!ok) return CodeFailed(tx, *u, p.session_id, addr);
  u->failed_logins = 0;
  u->mfa_failures = 0;
  std::string next = NextStage(*u, true);
  store::SetSessionStage(tx.sql(), p.token_hash, next);
  AppendAudit(tx.sql(), db_->engine(),
              {.actor = u->login, .action = "auth.mfa_passed", .subject = "session:" + p.session_id, .remote_addr = addr, .detail = how});
  tx.commit();
  p.stage = next;
  p.user = *u;
  return next;
}

Status Accounts::CodeFailed(Transaction& tx, const User& u, const std::string& session_id, const std::string& addr) {
  const std::string now_iso = clock::NowIso();
  store::CountCodeFailure(tx.sql(), u.id, now_iso);
  store::InsertLoginFailure(tx.sql(), u.login, addr, now_iso, "code");
  AppendAudit(tx.sql(), db_->engine(),
              {.actor = u.login,
               .action = "auth.mfa_failed",
               .subject = "session:" + session_id,
               .remote_addr = addr,
               .detail = std::to_string(u.mfa_failures + 1) + " wrong codes in a row"});
  // Whoever gets this far knows the password: after a few wrong codes only an administrator reopens it.
  if (store::LockSecondFactor(tx.sql(), u.id, policy_.mfa_lock_after, now_iso)) {
    store::RevokeAllSessions(tx.sql(), u.id, now_iso, "");
    AppendAudit(tx.sql(), db_->engine(),
                {.actor = "system",
                 .action = "auth.mfa_locked",
                 .subject = "user:" + u.login,
                 .remote_addr = addr,
                 .detail = std::to_string(u.mfa_failures + 1) + " wrong codes"});
    tx.commit();
    return Status::PermissionDenied("@mfa.locked");
  }
  tx.commit();
  return Status::Unauthenticated("@mfa.bad_code");
}

Result<std::string> Accounts::ChangePassword(Principal& p, const std::string& current, const std::string& next_pw,
                                             const std::string& addr) {
  if (p.stage != "full" && p.stage != "password") return Status::FailedPrecondition("@auth.not_expected");
  if (!VerifyPassword(p.user.password_hash, current)) return Status::InvalidArgument("@password.current_wrong");
  if (current == next_pw) return Status::InvalidArgument("@password.same_as_before");
  if (auto s = ValidatePassword(next_pw, p.user.roles, p.user.login); !s.ok()) return s;
  Transaction tx(*db_);
  auto u = store::FindUserById(tx.sql(), p.user.id);
  if (!u) return Status::Unauthenticated("@auth.no_session");
  u->password_hash = HashPassword(next_pw);
  u->must_change_password = false;
  store::SetPassword(tx.sql(), u->id, u->password_hash, false);
  // Other sessions end: whoever knew the old password is out.
  store::RevokeAllSessions(tx.sql(), u->id, clock::NowIso(), p.token_hash);
  std::string next = NextStage(*u, true);
  store::SetSessionStage(tx.sql(), p.token_hash, next);
  AppendAudit(tx.sql(), db_->engine(),
              {.actor = u->login, .action = "user.password_changed", .subject = "user:" + u->login, .remote_addr = addr});
  tx.commit();
  p.user = *u;
  p.stage = next;
  return next;
}

Result<TotpEnrolment> Accounts::BeginTotpEnrolment(Principal& p) {
  if (p.stage != "enrol" && p.stage != "full") return Status::FailedPrecondition("@auth.not_expected");
  if (p.user.totp_enabled) return Status::FailedPrecondition("@mfa.already_enabled");
  Transaction tx(*db_);
  auto u = store::FindUserById(tx.sql(), p.user.id);
  if (!u) return Status::Unauthenticated("@auth.no_session");
  // Reuse a pending secret so that reloading the page does not invalidate a scanned code.
  if (u->totp_secret.empty()) {
    u->totp_secret = Base32Encode(RandomBytes(20));
    if (!store::SetPendingTotpSecret(tx.sql(), u->id, u->totp_secret)) return Status::FailedPrecondition("@mfa.start_again");
  }
  tx.commit();
  TotpEnrolment e;
  e.secret = u->totp_secret;
  e.otpauth_uri = "otpauth://totp/Renkei:" + u->login + "?secret=" + e.secret + "&issuer=Renkei&algorithm=SHA1&digits=6&period=30";
  return e;
}

Result<std::vector<std::string>> Accounts::ConfirmTotpEnrolment(Principal& p, const std::string& code, const std::string& addr) {
  if (p.stage != "enrol" && p.stage != "full") return Status::FailedPrecondition("@auth.not_expected");
  Transaction tx(*db_);
  auto u = store::FindUserById(tx.sql(), p.user.id);
  if (!u || u->totp_secret.empty()) return Status::FailedPrecondition("@mfa.start_again");
  if (u->totp_enabled) return Status::FailedPrecondition("@mfa.already_enabled");
  auto secret = Base32Decode(u->totp_secret);
  auto step = secret ? TotpMatch(*secret, code, clock::ToUnix(clock::Now())) : std::nullopt;
  if (!step) return Status::InvalidArgument("@mfa.bad_code");
  if (!store::EnableTotp(tx.sql(), u->id, *step)) return Status::FailedPrecondition("@mfa.already_enabled");
  u->totp_enabled = true;
  u->totp_last_step = *step;
  std::vector<std::string> codes, hashes;
  for (int i = 0; i < 10; ++i) {
    std::string c = Base32Encode(RandomBytes(7)).substr(0, 10);
    hashes.push_back(Sha256Hex(c));
    codes.push_back(c.substr(0, 5) + "-" + c.substr(5));
  }
  store::ReplaceRecoveryCodes(tx.sql(), u->id, hashes);
  std::string next = NextStage(*u, true);
  store::SetSessionStage(tx.sql(), p.token_hash, next);
  AppendAudit(tx.sql(), db_->engine(),
              {.actor = u->login, .action = "user.mfa_enrolled", .subject = "user:" + u->login, .remote_addr = addr});
  tx.commit();
  p.user = *u;
  p.stage = next;
  return codes;
}

void Accounts::Logout(const Principal& p, const std::string& addr) {
  if (p.token_hash.empty()) return;
  Transaction tx(*db_);
  store::EndSession(tx.sql(), p.token_hash, clock::NowIso());
  AppendAudit(tx.sql(), db_->engine(),
              {.actor = p.user.login, .action = "auth.logout", .subject = "session:" + p.session_id, .remote_addr = addr});
  tx.commit();
}

std::vector<SessionRow> Accounts::ListSessions(const Principal& p) {
  Lease l(*db_);
  auto all = store::ListSessions(l.sql(), p.user.id, clock::NowIso());
  // Sessions idle past the limit are dead even if nobody came back to find out.
  std::vector<SessionRow> alive;
  auto now = clock::Now();
  for (auto& s : all) {
    auto last = clock::FromIso(s.last_seen_at);
    if (last && now < *last + policy_.session_idle) alive.push_back(std::move(s));
  }
  return alive;
}

Status Accounts::RevokeSession(const Principal& p, const std::string& session_id, const std::string& addr) {
  Transaction tx(*db_);
  if (!store::RevokeSession(tx.sql(), p.user.id, session_id, clock::NowIso())) return Status::NotFound("@session.not_found");
  AppendAudit(tx.sql(), db_->engine(),
              {.actor = p.user.login, .action = "auth.session_revoked", .subject = "session:" + session_id, .remote_addr = addr});
  tx.commit();
  return Status::Ok();
}

long long Accounts::RecoveryCodesLeft(const Principal& p) {
  Lease l(*db_);
  return store::CountUnusedRecoveryCodes(l.sql(), p.user.id);
}

Result<std::string> Accounts::CreateApiToken(const std::string& login, const std::string& name, const Actor& by) {
  Transaction tx(*db_);
  auto u = store::FindUserByLogin(tx.sql(), login);
  if (!u) return Status::NotFound("@user.not_found", login);
  TokenRow t;
  t.id = NewId();
  t.user_id = u->id;
  t.name = name.empty() ? "api" : text::Utf8Prefix(text::ValidUtf8(name), 100);
  t.created_at = clock::NowIso();
  std::string token = "rk_" + RandomHex(32);
  store::InsertToken(tx.sql(), t, Sha256Hex(token));
  AppendAudit(tx.sql(), db_->engine(),
              {.actor = by.login,
               .action = "token.created",
               .subject = "user:" + u->login,
               .remote_addr = by.remote_addr,
               .detail = "token " + t.id + " (" + t.name + ")"});
  tx.commit();
  return token;
}

Status Accounts::RevokeApiToken(const std::string& token_id, const Actor& by) {
  Transaction tx(*db_);
  if (!store::RevokeToken(tx.sql(), token_id, clock::NowIso())) return Status::NotFound("@token.not_found", token_id);
  AppendAudit(tx.sql(), db_->engine(),
              {.actor = by.login, .action = "token.revoked", .subject = "token:" + token_id, .remote_addr = by.remote_addr});
  tx.commit();
  return Status::Ok();
}

std::vector<TokenRow> Accounts::ListApiTokens(const std::string& login) {
  Lease l(*db_);
  auto u = store::FindUserByLogin(l.sql(), login);
  if (!u) return {};
  return store::ListTokens(l.sql(), u->id);
}

bool Accounts::IsDemo() {
  Lease l(*db_);
  return store::GetSetting(l.sql(), "demo").value_or("") == "1";
}

}  // namespace renkei::security
