#pragma once
// Numbered migrations, compiled into the binary from migrations/NNNN_name[.sqlite|.pg].sql. A twin with
// the engine's suffix replaces the plain file for that engine. Applied versions are recorded in
// schema_migrations; a database newer than the binary is refused.
#include <string>
#include <vector>

#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::storage {

struct Migration {
  int version;
  std::string name;
  std::string sql;
};

// The migrations for the engine, ordered by version.
std::vector<Migration> MigrationsFor(Engine engine);
int LatestVersion();
// 0 for an empty database.
Result<int> CurrentVersion(Database& db);
// Applies what is missing; returns the names applied.
Result<std::vector<std::string>> Migrate(Database& db);
// OK when the database is exactly at the binary's version; otherwise says what to do.
Status CheckSchema(Database& db);

}  // namespace renkei::storage
