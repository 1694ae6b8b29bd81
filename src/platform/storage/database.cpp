#include "platform/storage/database.hpp"

// soci-sqlite3.h includes sqlite3.h inside namespace sqlite_api; it must come first.
// clang-format off
#include <soci/sqlite3/soci-sqlite3.h>
#include <soci/postgresql/soci-postgresql.h>
#include <libpq-fe.h>
// clang-format on

#include <spdlog/spdlog.h>
#include <boost/url/parse.hpp>

namespace renkei::storage {

Result<DatabaseUrl> ParseDatabaseUrl(const std::string& url) {
  if (url.rfind("sqlite:", 0) == 0) {
    std::string path = url.substr(7);
    if (path.rfind("//", 0) == 0) path = path.substr(2);
    if (path.empty()) return Status::InvalidArgument("sqlite: URL needs a file path, e.g. sqlite:renkei.db");
    if (path.find('"') != std::string::npos || path.find(' ') != std::string::npos)
      return Status::InvalidArgument("the SQLite path must not contain spaces or quotes");
    return DatabaseUrl{Engine::kSqlite, "db=" + path + " timeout=10 shared_cache=false", "sqlite:" + path};
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    // SOCI mangles libpq URIs, so the URL becomes libpq's key=value form.
    auto u = boost::urls::parse_uri(url);
    if (!u) return Status::InvalidArgument("PostgreSQL URL is malformed: " + url);
    std::string conn;
    auto add = [&](const std::string& k, const std::string& v) {
      if (v.empty()) return;
      std::string q;
      for (char c : v) {
        if (c == '\\' || c == '\'') q += '\\';
        q += c;
      }
      conn += (conn.empty() ? "" : " ") + k + "='" + q + "'";
    };
    add("host", u->host_address().empty() ? std::string(u->encoded_host()) : std::string(u->host_address()));
    add("port", std::string(u->port()));
    add("user", u->user());
    add("password", u->password());
    std::string db = u->path();
    if (!db.empty() && db.front() == '/') db.erase(0, 1);
    add("dbname", db);
    for (auto p : u->params()) add(std::string(p.key), std::string(p.value));
    std::string display = "postgresql://" + u->user() + (u->has_password() ? ":***" : "") + "@" + std::string(u->encoded_host()) +
                          (u->has_port() ? ":" + std::string(u->port()) : "") + "/" + db;
    return DatabaseUrl{Engine::kPostgres, conn, display};
  }
  return Status::InvalidArgument("unknown database URL: use sqlite:PATH or postgresql://user@host:port/db");
}

Database::Database(DatabaseUrl url, size_t pool_size) : url_(std::move(url)), pool_size_(pool_size) {}
Database::~Database() = default;

Result<std::shared_ptr<Database>> Database::Open(const std::string& url, size_t pool_size) {
  auto parsed = ParseDatabaseUrl(url);
  if (!parsed.ok()) return parsed.status();
  if (pool_size == 0) pool_size = 1;
  std::shared_ptr<Database> db(new Database(parsed.value(), pool_size));
  db->pool_ = std::make_unique<soci::connection_pool>(pool_size);
  try {
    for (size_t i = 0; i < pool_size; ++i) {
      soci::session& s = db->pool_->at(i);
      if (db->engine() == Engine::kSqlite) {
        s.open(soci::sqlite3, db->url_.connect);
        // WAL lets readers run beside one writer; FULL makes a commit durable on power loss.
        s << "PRAGMA journal_mode=WAL";
        s << "PRAGMA synchronous=FULL";
        s << "PRAGMA foreign_keys=ON";
        s << "PRAGMA busy_timeout=10000";
        // Reads come from mapped pages instead of a pread() per page (up to 256 MiB of the file). The
        // pages are the operating system's file cache, shared by every connection and process: RSS counts
        // them once per connection that touched them, PSS (smaps_rollup) shares them out honestly.
        s << "PRAGMA mmap_size=268435456";
      } else {
        s.open(soci::postgresql, db->url_.connect);
        s << "SET TIME ZONE 'UTC'";
        s << "SET client_min_messages TO WARNING";
      }
    }
  } catch (const std::exception& e) {
    return Status::Unavailable("データベースに接続できません。", db->url_.display + ": " + e.what());
  }
  return db;
}

void Database::ExecScript(soci::session& sql, Engine engine, const std::string& script) {
  if (engine == Engine::kSqlite) {
    auto* be = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
    char* err = nullptr;
    if (sqlite_api::sqlite3_exec(be->conn_, script.c_str(), nullptr, nullptr, &err) != 0 /* SQLITE_OK */) {
      std::string msg = err ? err : "unknown error";
      sqlite_api::sqlite3_free(err);
      throw soci::soci_error("sqlite script failed: " + msg);
    }
  } else {
    auto* be = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
    PGresult* res = PQexec(be->conn_, script.c_str());
    auto st = PQresultStatus(res);
    std::string msg = PQresultErrorMessage(res);
    PQclear(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) throw soci::soci_error("postgresql script failed: " + msg);
  }
}

bool Database::Ping() {
  try {
    Lease l(*this);
    int one = 0;
    l.sql() << "SELECT 1", soci::into(one);
    return one == 1;
  } catch (const std::exception& e) {
    spdlog::warn("database ping failed: {}", e.what());
    return false;
  }
}

Transaction::Transaction(Database& db) : lease_(db), engine_(db.engine()) {
  sql() << (engine_ == Engine::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
  if (done_) return;
  try {
    sql() << "ROLLBACK";
  } catch (const std::exception& e) {
    spdlog::error("rollback failed: {}", e.what());
  }
}

void Transaction::commit() {
  sql() << "COMMIT";
  done_ = true;
}

bool IsUniqueViolation(const std::exception& e) {
  std::string m = e.what();
  return m.find("UNIQUE constraint failed") != std::string::npos ||
         m.find("duplicate key value violates unique constraint") != std::string::npos;
}

}  // namespace renkei::storage
