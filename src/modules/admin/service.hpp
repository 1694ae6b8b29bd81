#pragma once
// Account administration and audit search for people in the browser or through the API. Checks the
// caller's permission (kManageUsers, kViewAudit) before anything is read or changed; the command line
// calls security::Accounts directly as "system".
#include <string>
#include <vector>

#include "platform/security/accounts.hpp"
#include "platform/security/audit.hpp"

namespace renkei::admin {

// An account's page: the account, and for municipal staff whether they read their town's cases.
struct UserScreen {
  security::User user;
  bool municipal = false;
  bool consult_granted = false;
};

class AdminService {
 public:
  AdminService(security::Accounts& accounts, storage::Database& db) : accounts_(accounts), db_(db) {}

  Result<std::vector<security::User>> ListUsers(const security::Principal& by);
  Result<security::User> GetUser(const security::Principal& by, const std::string& id);
  // The pages' screens (screens.cpp).
  Status CanManageUsers(const security::Principal& by) const;
  Result<UserScreen> UserPage(const security::Principal& by, const std::string& id);
  // An action on an account (disable, enable, unlock, reset-mfa, reset-password with `password`).
  Status Apply(const security::Principal& by, const std::string& addr, const std::string& id, const std::string& action,
               const std::string& password);
  Result<security::User> CreateUser(const security::Principal& by, const std::string& addr, const security::NewUser& n);
  Status UpdateUser(const security::Principal& by, const std::string& addr, const std::string& id, const std::vector<std::string>& roles,
                    const std::string& municipality, const std::string& facility, const std::string& display_name);
  // action: disable, enable, unlock, reset-mfa
  Status Act(const security::Principal& by, const std::string& addr, const std::string& id, const std::string& action);
  Status ResetPassword(const security::Principal& by, const std::string& addr, const std::string& id, const std::string& password);
  Result<security::AuditPage> SearchAudit(const security::Principal& by, const std::string& addr, const security::AuditFilter& f);
  // Changes of the last 90 days that opened case data to someone (a role, a town grant), newest first,
  // for the administrators' home page.
  Result<std::vector<security::AuditEntry>> CaseAccessOpened(const security::Principal& by);

 private:
  security::Accounts& accounts_;
  storage::Database& db_;
};

}  // namespace renkei::admin
