// The pages' screens: what each page shows, in one service call, so that the routes make one call and
// the views are pure functions of the result.
#include <algorithm>

#include "modules/admin/service.hpp"
#include "modules/consultations/service.hpp"

namespace renkei::admin {

Status AdminService::CanManageUsers(const security::Principal& by) const {
  if (!by.can(security::Permission::kManageUsers)) return Status::PermissionDenied("@error.forbidden");
  return Status::Ok();
}

Result<UserScreen> AdminService::UserPage(const security::Principal& by, const std::string& id) {
  auto u = GetUser(by, id);
  if (!u.ok()) return u.status();
  UserScreen s{std::move(u.value()), false, false};
  // Municipal staff read their town's consultation cases only when granted on this page.
  if (std::find(s.user.roles.begin(), s.user.roles.end(), "municipal_staff") != s.user.roles.end() && !s.user.municipality_code.empty()) {
    s.municipal = true;
    s.consult_granted = consultations::ConsultationService(db_).HasTownGrant(s.user.id, s.user.municipality_code);
  }
  return s;
}

Status AdminService::Apply(const security::Principal& by, const std::string& addr, const std::string& id, const std::string& action,
                           const std::string& password) {
  if (action == "reset-password") return ResetPassword(by, addr, id, password);
  return Act(by, addr, id, action);
}

}  // namespace renkei::admin
