#include "modules/accounts/service.hpp"

namespace renkei::accounts {

AccountScreen AccountService::AccountPage(const security::Principal& p) {
  return {p.user, accounts_.RecoveryCodesLeft(p), accounts_.ListSessions(p), p.session_id};
}

Result<std::string> AccountService::ChangePassword(security::Principal& p, const std::string& current, const std::string& next,
                                                   const std::string& confirm, const std::string& addr) {
  if (next != confirm) return Status::InvalidArgument("@password.mismatch");
  return accounts_.ChangePassword(p, current, next, addr);
}

}  // namespace renkei::accounts
