#include "modules/admin/service.hpp"

#include "platform/clock.hpp"

namespace renkei::admin {

using security::Permission;

namespace {
Status Require(const security::Principal& by, Permission p) {
  if (!by.can(p)) return Status::PermissionDenied("@error.forbidden", "user " + by.user.login + " lacks permission");
  return Status::Ok();
}
}  // namespace

Result<std::vector<security::User>> AdminService::ListUsers(const security::Principal& by) {
  if (auto s = Require(by, Permission::kManageUsers); !s.ok()) return s;
  return accounts_.ListUsers();
}

Result<security::User> AdminService::GetUser(const security::Principal& by, const std::string& id) {
  if (auto s = Require(by, Permission::kManageUsers); !s.ok()) return s;
  return accounts_.GetUser(id);
}

Result<security::User> AdminService::CreateUser(const security::Principal& by, const std::string& addr, const security::NewUser& n) {
  if (auto s = Require(by, Permission::kManageUsers); !s.ok()) return s;
  return accounts_.CreateUser(n, by.actor(addr));
}

Status AdminService::UpdateUser(const security::Principal& by, const std::string& addr, const std::string& id,
                                const std::vector<std::string>& roles, const std::string& municipality, const std::string& facility,
                                const std::string& display_name) {
  if (auto s = Require(by, Permission::kManageUsers); !s.ok()) return s;
  // An admin cannot take the admin role from themselves: the region would be left without one.
  if (id == by.user.id && std::find(roles.begin(), roles.end(), "admin") == roles.end())
    return Status::InvalidArgument("@user.cannot_drop_own_admin");
  return accounts_.UpdateRoles(id, roles, municipality, facility, display_name, by.actor(addr));
}

Status AdminService::Act(const security::Principal& by, const std::string& addr, const std::string& id, const std::string& action) {
  if (auto s = Require(by, Permission::kManageUsers); !s.ok()) return s;
  if (action == "disable") return accounts_.SetDisabled(id, true, by.actor(addr));
  if (action == "enable") return accounts_.SetDisabled(id, false, by.actor(addr));
  if (action == "unlock") return accounts_.Unlock(id, by.actor(addr));
  if (action == "reset-mfa") return accounts_.ResetTwoFactor(id, by.actor(addr));
  return Status::NotFound("@error.not_found", action);
}

Status AdminService::ResetPassword(const security::Principal& by, const std::string& addr, const std::string& id,
                                   const std::string& password) {
  if (auto s = Require(by, Permission::kManageUsers); !s.ok()) return s;
  return accounts_.ResetPassword(id, password, by.actor(addr));
}

Result<security::AuditPage> AdminService::SearchAudit(const security::Principal& by, const std::string& addr,
                                                      const security::AuditFilter& f) {
  if (auto s = Require(by, Permission::kViewAudit); !s.ok()) return s;
  // Windows of refused attempts that have ended are written first, so the page shows them.
  accounts_.FlushThrottleSummaries();
  auto page = security::SearchAudit(db_, f);
  if (page.ok()) {
    // Who looked at the log, and for what, is itself in the log.
    security::AppendAudit(
        db_, {.actor = by.user.login,
              .action = "audit.viewed",
              .subject = "audit",
              .remote_addr = addr,
              .detail = "actor=" + f.actor + " subject=" + f.subject + " action=" + f.action + " from=" + f.from + " to=" + f.to});
  }
  return page;
}

Result<std::vector<security::AuditEntry>> AdminService::CaseAccessOpened(const security::Principal& by) {
  if (auto s = Require(by, Permission::kManageUsers); !s.ok()) return s;
  security::AuditFilter f;
  f.action = "access.case_opened";
  f.from = clock::ToIso(clock::Now() - std::chrono::hours(24 * 90));
  f.limit = 20;
  auto page = security::SearchAudit(db_, f);
  if (!page.ok()) return page.status();
  return page->entries;
}

}  // namespace renkei::admin
