#pragma once
// The database: a pool of SOCI sessions on SQLite (default, embedded) or PostgreSQL (the scale path).
// Stores receive a soci::session& so they run alike inside or outside a Transaction.
// Thread safety: Database is shared by all workers; a leased session belongs to one thread at a time.
#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include <soci/soci.h>

#include "platform/status.hpp"

namespace soci {
// std::optional as a nullable column value (SOCI 4.0 knows only boost::optional).
template <typename T>
struct type_conversion<std::optional<T>> {
  typedef typename type_conversion<T>::base_type base_type;
  static void from_base(base_type const& in, indicator ind, std::optional<T>& out) {
    if (ind == i_null) {
      out.reset();
    } else {
      T tmp = T();
      type_conversion<T>::from_base(in, ind, tmp);
      out = std::move(tmp);
    }
  }
  static void to_base(std::optional<T> const& in, base_type& out, indicator& ind) {
    if (in) {
      type_conversion<T>::to_base(*in, out, ind);
    } else {
      ind = i_null;
    }
  }
};
}  // namespace soci

namespace renkei::storage {

enum class Engine { kSqlite, kPostgres };

struct DatabaseUrl {
  Engine engine;
  std::string connect;  // SOCI connect string for the backend
  std::string display;  // for logs, without password
};
// `sqlite:PATH` or `postgresql://user@host:port/db` (any libpq URI).
Result<DatabaseUrl> ParseDatabaseUrl(const std::string& url);

class Database {
 public:
  static Result<std::shared_ptr<Database>> Open(const std::string& url, size_t pool_size = 8);
  ~Database();

  Engine engine() const { return url_.engine; }
  const DatabaseUrl& url() const { return url_; }
  size_t pool_size() const { return pool_size_; }
  soci::connection_pool& pool() { return *pool_; }
  // Sessions currently leased (for /metrics).
  int leased() const { return leased_.load(); }

  // Runs a script of several statements through the engine's native call (migrations, restore).
  static void ExecScript(soci::session& sql, Engine engine, const std::string& script);
  // True when a simple query succeeds.
  bool Ping();

 private:
  friend class Lease;
  Database(DatabaseUrl url, size_t pool_size);
  DatabaseUrl url_;
  size_t pool_size_;
  std::unique_ptr<soci::connection_pool> pool_;
  std::atomic<int> leased_{0};
};

// A session leased from the pool for the scope.
class Lease {
 public:
  explicit Lease(Database& db) : db_(db), sql_(db.pool()) { db_.leased_++; }
  ~Lease() { db_.leased_--; }
  soci::session& sql() { return sql_; }

 private:
  Database& db_;
  soci::session sql_;
};

// Leases a session and begins a transaction (BEGIN IMMEDIATE on SQLite so that writers queue on the
// busy timeout instead of failing at commit). Rolls back unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  soci::session& sql() { return lease_.sql(); }
  Engine engine() const { return engine_; }
  void commit();

 private:
  Lease lease_;
  Engine engine_;
  bool done_ = false;
};

// True when the exception says a unique constraint was violated (both engines).
bool IsUniqueViolation(const std::exception& e);

}  // namespace renkei::storage
