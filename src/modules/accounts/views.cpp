#include "modules/accounts/views.hpp"

#include <boost/json/array.hpp>

#include "platform/clock.hpp"
#include "platform/security/crypto.hpp"
#include "platform/text/utf8.hpp"
#include "platform/web/forms.hpp"
#include "platform/web/i18n.hpp"

namespace renkei::accounts::views {
namespace {

using web::Data;
using web::T;

constexpr size_t kAgentShown = 80;

}  // namespace

web::Data LoginData(const std::string& login, const std::string& next, const std::string& error, const http::Params& q,
                    const std::string& lang) {
  Data d = web::Object();
  d.set("login", login);
  d.set("next", next);
  if (!error.empty()) d.set("error", error);
  if (q.value("notice") == "logged_out") d.set("notice", T(lang, "auth.logged_out"));
  if (q.value("notice") == "expired") d.set("notice", T(lang, "auth.session_expired"));
  return d;
}

web::Data MfaData(const std::string& error, const std::string& demo_code, bool locked) {
  Data d = web::Object();
  if (!error.empty()) d.set("error", error);
  if (!demo_code.empty()) d.set("demo_code", demo_code);
  d.set("locked", locked);
  return d;
}

web::Data PasswordData(bool forced, size_t min_length, const std::string& error) {
  Data d = web::Object();
  d.set("forced", forced);
  d.set("min_length", std::to_string(min_length));
  if (!error.empty()) d.set("error", error);
  return d;
}

web::Data MfaSetupData(const security::TotpEnrolment& e, bool forced, const std::string& error) {
  Data d = web::Object();
  d.set("forced", forced);
  d.set("secret", e.secret);
  std::string grouped;
  for (size_t i = 0; i < e.secret.size(); i += 4) grouped += (i ? " " : "") + e.secret.substr(i, 4);
  d.set("secret_grouped", grouped);
  d.set("qr_svg", security::QrSvg(e.otpauth_uri));
  if (!error.empty()) d.set("error", error);
  return d;
}

web::Data RecoveryCodesData(const std::vector<std::string>& codes, const std::string& next) {
  Data d = web::Object();
  Data list = web::List();
  for (const auto& c : codes) list.push_back(Data(c));
  d.set("codes", list);
  d.set("next", next);
  return d;
}

web::Data AccountData(const AccountScreen& s, const http::Params& q, const std::string& lang) {
  const auto& u = s.user;
  Data d = web::Object();
  d.set("login", u.login);
  d.set("display_name", u.display_name);
  Data roles = web::List();
  for (const auto& r : u.roles) roles.push_back(Data(T(lang, "role." + r)));
  d.set("roles", roles);
  d.set("totp_enabled", u.totp_enabled);
  d.set("codes_left", std::to_string(s.codes_left));
  d.set("last_login", clock::IsoToTokyoMinute(u.last_login_at));
  web::SetKnownMessage(d, "notice", q.value("notice"), {"password_changed", "session_revoked"}, "notice.", lang);
  Data sessions = web::List();
  for (const auto& x : s.sessions) {
    Data row = web::Object();
    row.set("id", x.id);
    row.set("created", clock::IsoToTokyoMinute(x.created_at));
    row.set("last_seen", clock::IsoToTokyoMinute(x.last_seen_at));
    row.set("addr", x.remote_addr);
    row.set("agent", text::Utf8Prefix(x.user_agent, kAgentShown));
    row.set("current", x.id == s.current_session);
    sessions.push_back(row);
  }
  d.set("sessions", sessions);
  return d;
}

boost::json::object MeJson(const security::Principal& p) {
  const auto& u = p.user;
  boost::json::object o;
  o["id"] = u.id;
  o["login"] = u.login;
  o["display_name"] = u.display_name;
  o["roles"] = boost::json::array(u.roles.begin(), u.roles.end());
  o["municipality"] = u.municipality_code.empty() ? boost::json::value(nullptr) : boost::json::value(u.municipality_code);
  o["organizations"] = boost::json::array(u.facility_ids.begin(), u.facility_ids.end());
  o["two_factor"] = u.totp_enabled;
  o["auth"] = p.via_token ? "token" : "session";
  return o;
}

}  // namespace renkei::accounts::views
