#pragma once
// First set-up of a database: the region and its towns, and the demo region (renkei demo).
#include <string>

#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::app {

// Creates the region and its four towns when the database has no region yet.
Status EnsureRegion(storage::Database& db, const std::string& region_name);

struct DemoAccount {
  const char* login;
  const char* display_name;
  const char* role;
  const char* municipality;  // "" when none
  const char* facility;      // demo facility id, "" when none
  const char* profession;
};
// The documented demo accounts (README.md lists them).
inline constexpr const char* kDemoPassword = "renkei-demo-2024";
const DemoAccount* DemoAccounts(size_t& count);

// Builds the demo region on an empty or migrated database: towns, the hub, support centres, sample
// facilities, one account per role (two-factor enrolled), and marks the database as a demo.
Status LoadDemo(storage::Database& db, const std::string& region_name);

}  // namespace renkei::app
