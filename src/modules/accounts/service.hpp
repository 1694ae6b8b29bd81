#pragma once
// The person's own account in the browser: login, the two-factor prompt, password change, two-factor
// enrolment, their sessions. The rules (throttling, locks, password policy, audit) are
// security::Accounts'; this service gathers what the pages show and checks what only a form knows.
#include <string>
#include <vector>

#include "platform/security/accounts.hpp"

namespace renkei::accounts {

struct AccountScreen {
  security::User user;
  long long codes_left = 0;
  std::vector<security::SessionRow> sessions;
  std::string current_session;
};

class AccountService {
 public:
  explicit AccountService(security::Accounts& accounts) : accounts_(accounts) {}
  security::Accounts& accounts() { return accounts_; }
  AccountScreen AccountPage(const security::Principal& p);
  // The new password typed twice; the next stage ("full", or one still due) when it is changed.
  Result<std::string> ChangePassword(security::Principal& p, const std::string& current, const std::string& next,
                                     const std::string& confirm, const std::string& addr);

 private:
  security::Accounts& accounts_;
};

}  // namespace renkei::accounts
