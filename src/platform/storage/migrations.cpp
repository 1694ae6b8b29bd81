#include "platform/storage/migrations.hpp"

#include <algorithm>
#include <map>

#include <spdlog/spdlog.h>

#include "platform/clock.hpp"
#include "platform/embedded.hpp"

namespace renkei::storage {

std::vector<Migration> MigrationsFor(Engine engine) {
  const std::string mine = engine == Engine::kSqlite ? ".sqlite.sql" : ".pg.sql";
  const std::string other = engine == Engine::kSqlite ? ".pg.sql" : ".sqlite.sql";
  std::map<int, Migration> by_version;
  std::map<int, bool> twin;
  for (const auto& f : embedded::all()) {
    std::string_view p = f.path;
    if (p.rfind("migrations/", 0) != 0) continue;
    std::string file(p.substr(11));
    auto ends = [&](const std::string& s) {
      return file.size() > s.size() && file.compare(file.size() - s.size(), s.size(), s) == 0;
    };
    if (ends(other)) continue;
    bool is_twin = ends(mine);
    int version = std::stoi(file.substr(0, 4));
    if (twin[version] && !is_twin) continue;
    by_version[version] = Migration{version, file, std::string(f.data)};
    if (is_twin) twin[version] = true;
  }
  std::vector<Migration> out;
  out.reserve(by_version.size());
  for (auto& [v, m] : by_version) out.push_back(std::move(m));
  return out;
}

int LatestVersion() {
  auto all = MigrationsFor(Engine::kSqlite);
  return all.empty() ? 0 : all.back().version;
}

namespace {
void EnsureTable(soci::session& sql) {
  sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";
}
}  // namespace

Result<int> CurrentVersion(Database& db) {
  try {
    Lease l(db);
    EnsureTable(l.sql());
    int v = 0;
    soci::indicator ind;
    l.sql() << "SELECT MAX(version) FROM schema_migrations", soci::into(v, ind);
    return ind == soci::i_null ? 0 : v;
  } catch (const std::exception& e) {
    return Status::Unavailable("データベースを読めません。", e.what());
  }
}

Result<std::vector<std::string>> Migrate(Database& db) {
  auto current = CurrentVersion(db);
  if (!current.ok()) return current.status();
  if (*current > LatestVersion())
    return Status::FailedPrecondition("データベースがこのプログラムより新しい版です。新しい renkei を使ってください。",
                                      "database version " + std::to_string(*current) + " > binary " + std::to_string(LatestVersion()));
  std::vector<std::string> applied;
  for (const auto& m : MigrationsFor(db.engine())) {
    if (m.version <= *current) continue;
    try {
      Transaction tx(db);
      Database::ExecScript(tx.sql(), db.engine(), m.sql);
      std::string at = clock::NowIso();
      tx.sql() << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :a)", soci::use(m.version), soci::use(m.name),
          soci::use(at);
      tx.commit();
      spdlog::info("applied migration {}", m.name);
      applied.push_back(m.name);
    } catch (const std::exception& e) {
      return Status::Internal("マイグレーションに失敗しました: " + m.name, e.what());
    }
  }
  return applied;
}

Status CheckSchema(Database& db) {
  auto current = CurrentVersion(db);
  if (!current.ok()) return current.status();
  int latest = LatestVersion();
  if (*current > latest)
    return Status::FailedPrecondition("データベースがこのプログラムより新しい版です。新しい renkei を使ってください。",
                                      "database version " + std::to_string(*current) + " > binary " + std::to_string(latest));
  if (*current < latest)
    return Status::FailedPrecondition("データベースの更新が必要です。renkei migrate を実行してください。",
                                      "database version " + std::to_string(*current) + " < binary " + std::to_string(latest));
  return Status::Ok();
}

}  // namespace renkei::storage
