#include "platform/storage/changes.hpp"

#include <sys/select.h>

#include <chrono>

#include <libpq-fe.h>
#include <spdlog/spdlog.h>

namespace renkei::storage {
namespace {

// One LISTEN connection: waits up to `wait` for notifications and hands each payload to `heard`.
// False when the connection is gone.
template <class Heard>
bool Drain(PGconn* conn, std::chrono::milliseconds wait, Heard&& heard) {
  int fd = PQsocket(conn);
  if (fd < 0) return false;
  fd_set set;
  FD_ZERO(&set);
  FD_SET(fd, &set);
  timeval tv{static_cast<time_t>(wait.count() / 1000), static_cast<suseconds_t>((wait.count() % 1000) * 1000)};
  if (select(fd + 1, &set, nullptr, nullptr, &tv) < 0) return PQstatus(conn) == CONNECTION_OK;
  if (!PQconsumeInput(conn)) return false;
  while (PGnotify* n = PQnotifies(conn)) {
    heard(std::string(n->extra));
    PQfreemem(n);
  }
  return PQstatus(conn) == CONNECTION_OK;
}

}  // namespace

ChangeFeed::ChangeFeed(Database& db) : db_(db) {}

ChangeFeed::~ChangeFeed() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (listener_.joinable()) listener_.join();
}

void ChangeFeed::Announce(soci::session& sql, const std::string& key) {
  if (db_.engine() != Engine::kPostgres) return;
  sql << "SELECT pg_notify('" << kChannel << "', :k)", soci::use(key);
}

void ChangeFeed::Bump(const std::string& key) {
  std::lock_guard lock(mu_);
  if (counters_.size() >= kMaxKeys && !counters_.count(key)) {
    counters_.clear();
    ++generation_;
  }
  ++counters_[key];
}

long long ChangeFeed::Version(const std::string& key) {
  EnsureListening();
  std::lock_guard lock(mu_);
  auto it = counters_.find(key);
  // Generations are far apart so that a counter after a reset never equals one before it.
  return generation_ * (1LL << 40) + (it == counters_.end() ? 0 : it->second);
}

void ChangeFeed::EnsureListening() {
  if (db_.engine() != Engine::kPostgres || listening_.exchange(true)) return;
  listener_ = std::thread([this] { Listen(); });
}

// Connects, listens, and moves the counters of what other servers announce, until destroyed. Each
// (re)connection moves the generation: what was announced while nobody listened is looked at again.
void ChangeFeed::Listen() {
  const std::string listen = std::string("LISTEN ") + kChannel;
  while (true) {
    PGconn* conn = PQconnectdb(db_.url().connect.c_str());
    bool ok = PQstatus(conn) == CONNECTION_OK;
    if (ok) {
      PGresult* r = PQexec(conn, listen.c_str());
      ok = PQresultStatus(r) == PGRES_COMMAND_OK;
      PQclear(r);
    }
    if (ok) {
      std::lock_guard lock(mu_);
      ++generation_;
    } else {
      spdlog::warn("change feed: cannot listen on {}: {}", db_.url().display, PQerrorMessage(conn));
    }
    while (ok) {
      {
        std::lock_guard lock(mu_);
        if (stop_) break;
      }
      ok = Drain(conn, std::chrono::milliseconds(250), [this](const std::string& key) { Bump(key); });
    }
    PQfinish(conn);
    std::unique_lock lock(mu_);
    if (stop_) return;
    cv_.wait_for(lock, std::chrono::seconds(2), [this] { return stop_; });
    if (stop_) return;
  }
}

}  // namespace renkei::storage
