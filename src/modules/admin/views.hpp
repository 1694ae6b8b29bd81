#pragma once
// What the administration pages and the audit API show: pure functions from the service's results
// (screens.cpp) to page data for the templates in views/ and to JSON.
#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "modules/admin/service.hpp"
#include "platform/http/parse.hpp"
#include "platform/web/views.hpp"

namespace renkei::admin::views {

// `mail_off`: SMTP is set but public_url is not, so no e-mail goes out (the page says so).
web::Data UsersPageData(const std::vector<security::User>& users, bool mail_off, const http::Params& q, const std::string& lang);
// The new account form, with the values sent (`form`) and the refusal's message.
web::Data NewUserData(const http::Params& form, const std::string& error, const std::string& lang);
// An account's page; `self`: the account is the viewer's own.
web::Data UserEditData(const UserScreen& s, bool self, const std::string& error, const http::Params& q, const std::string& lang);
// The audit search page, with links to the pages before and after.
web::Data AuditPageData(const security::AuditPage& page, const security::AuditFilter& f);
boost::json::object AuditJson(const security::AuditPage& page);

}  // namespace renkei::admin::views
