#pragma once
// What the login, two-factor and account pages and /api/v1/me show: pure functions to page data for
// the templates in views/ and to JSON.
#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "modules/accounts/service.hpp"
#include "platform/http/parse.hpp"
#include "platform/web/views.hpp"

namespace renkei::accounts::views {

// `next`: where to go after the login, already checked to be a local path.
web::Data LoginData(const std::string& login, const std::string& next, const std::string& error, const http::Params& q,
                    const std::string& lang);
// The two-factor prompt; `demo_code` only on demo databases, `locked` when the second factor is locked.
web::Data MfaData(const std::string& error, const std::string& demo_code, bool locked);
web::Data PasswordData(bool forced, size_t min_length, const std::string& error);
// Enrolment: the secret grouped in fours for typing by hand, and its QR code.
web::Data MfaSetupData(const security::TotpEnrolment& e, bool forced, const std::string& error);
web::Data RecoveryCodesData(const std::vector<std::string>& codes, const std::string& next);
web::Data AccountData(const AccountScreen& s, const http::Params& q, const std::string& lang);
boost::json::object MeJson(const security::Principal& p);

}  // namespace renkei::accounts::views
