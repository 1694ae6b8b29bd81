#pragma once
// The home page's service: what this person can do here (the program items their role works on), what
// waits for them (meeting action items and care-team tasks they own, surveys asking their facility), the state of their own
// security, and for administrators who was lately given access to case records.
#include <memory>
#include <string>
#include <vector>

#include "modules/careteams/service.hpp"
#include "modules/liaison/service.hpp"
#include "modules/surveys/service.hpp"
#include "platform/security/accounts.hpp"
#include "platform/security/audit.hpp"

namespace renkei::home {

struct Area {
  std::string label_key;  // home.area_…
  std::string href;       // empty: 準備中
};

struct HomeScreen {
  security::User user;
  long long codes_left = 0;
  bool can_users = false, can_audit = false;
  std::vector<Area> areas;
  std::vector<liaison::ActionItem> actions;
  std::vector<surveys::Pending> surveys;
  std::vector<careteams::store::Task> tasks;                  // open tasks of the care teams one is on
  std::vector<careteams::store::Notification> notifications;  // posts addressed to one, tasks given
  bool show_case_access = false;
  std::vector<security::AuditEntry> case_access;
};

class HomeService {
 public:
  HomeService(security::Accounts& accounts, storage::Database& db);
  Result<HomeScreen> HomeOf(const security::Principal& p);

 private:
  security::Accounts& accounts_;
  storage::Database& db_;
};

}  // namespace renkei::home
