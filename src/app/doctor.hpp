#pragma once
// `renkei doctor`: one report a town's IT department can read — the database reachable and migrated,
// the secret key file present and private, backups recent and restorable (a trial restore into a
// temporary SQLite database), the audit chain intact, the public address and TLS settings coherent,
// disk space, and whether the clock is kept in sync. Each line says what to do when something needs it.
#include <string>
#include <vector>

#include "app/config.hpp"

namespace renkei::app {

struct Finding {
  enum class Level { kOk, kNote, kAction };  // fine; worth knowing; needs someone to act
  Level level = Level::kOk;
  std::string topic;   // データベース, 秘密鍵, バックアップ …
  std::string detail;  // what was seen, and what to do
};

// Every check, in the order of the report. Reads only (the trial restore goes into a temporary file).
std::vector<Finding> Examine(const Config& c);
// The report as text, one finding a line: [OK] / [確認] / [要対応].
std::string Report(const std::vector<Finding>& findings);
// True when any finding needs action (the command's exit code is 1 then).
bool NeedsAction(const std::vector<Finding>& findings);

}  // namespace renkei::app
