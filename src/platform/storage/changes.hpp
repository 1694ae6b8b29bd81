#pragma once
// Changes that open pages must hear of (a new post on a timeline, a member removed), on every server:
// a counter per key ("patient:<id>") in this server's memory. A change moves it here at once (Bump, after
// the commit) and, on PostgreSQL, on every other server too: Announce sends a NOTIFY inside the change's
// transaction, delivered at commit to each server's listener (one connection of its own, started by the
// first Version call). Live streams compare counters, so an idle stream costs no query.
//
// Notifications can be lost while a listener reconnects; then every counter moves (Version adds a
// generation that the reconnect increments), so every stream looks again. Thread-safe.
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "platform/storage/database.hpp"

namespace renkei::storage {

class ChangeFeed {
 public:
  explicit ChangeFeed(Database& db);
  ~ChangeFeed();
  ChangeFeed(const ChangeFeed&) = delete;
  ChangeFeed& operator=(const ChangeFeed&) = delete;

  // Inside the change's transaction: tells the other servers at commit (PostgreSQL; nothing on SQLite).
  void Announce(soci::session& sql, const std::string& key);
  // After the commit: this server's streams hear of it now.
  void Bump(const std::string& key);
  // The key's counter; it moves with every change announced anywhere.
  long long Version(const std::string& key);

  // Keys kept; past this the map starts again and the generation moves (every stream looks once).
  static constexpr size_t kMaxKeys = 100000;
  static constexpr const char* kChannel = "renkei_changes";

 private:
  void Listen();
  void EnsureListening();
  Database& db_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, long long> counters_;  // REQUIRES: mu_ held
  long long generation_ = 0;                   // REQUIRES: mu_ held
  bool stop_ = false;                          // REQUIRES: mu_ held
  std::atomic<bool> listening_{false};
  std::thread listener_;
};

}  // namespace renkei::storage
