#include "platform/backup.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <vector>

#include "platform/clock.hpp"
#include "platform/security/crypto.hpp"
#include "platform/storage/migrations.hpp"

namespace renkei {
namespace fs = std::filesystem;

namespace {

constexpr const char kMagic[] = "RENKEI-BACKUP-1\n";
constexpr size_t kChunk = 64 * 1024;

// Parents before children, so that a restore satisfies every foreign key as it goes. A table missing
// here makes backups refuse to run (see UnknownTables), so nothing is silently left out.
const std::vector<std::string> kTables = {
    "settings",
    "regions",
    "municipalities",
    "facilities",
    "facility_official_ids",
    "facility_services",
    "facility_attributes",
    "facility_hours",
    "facility_overrides",
    "facility_changes",
    "facility_update_requests",
    "users",
    "user_roles",
    "memberships",
    "recovery_codes",
    "sessions",
    "api_tokens",
    "login_failures",
    "auth_throttle",
    "audit_log",
    "consultations",
    "consultation_units",
    "consultation_actions",
    "consultation_followups",
    "consultation_town_grants",
    "attachments",
    "venues",
    "events",
    "event_lecturers",
    "event_registrations",
    "event_evaluations",
    "outreach_lecturers",
    "outreach_activities",
    "outreach_requests",
    "meeting_kinds",
    "meetings",
    "meeting_attendees",
    "meeting_actions",
    "plan_entries",
    "plan_years",
    "plan_frozen",
    "plan_versions",
    "plan_history",
    "plan_comments",
    "plan_links",
    "indicators",
    "indicator_values",
    "surveys",
    "survey_targets",
    "survey_answers",
    "card_distributions",
    "patients",
    "team_members",
    "team_posts",
    "team_confirmations",
    "team_tasks",
    "team_notifications",
    "team_files",
    "team_digests",
};

std::vector<std::string> TablesInDatabase(soci::session& sql, storage::Engine engine) {
  std::vector<std::string> out;
  std::string name;
  std::string q =
      engine == storage::Engine::kSqlite
          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
          : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
  soci::statement st = (sql.prepare << q, soci::into(name));
  st.execute();
  while (st.fetch()) out.push_back(name);
  return out;
}

std::vector<std::string> UnknownTables(soci::session& sql, storage::Engine engine) {
  std::vector<std::string> unknown;
  for (const auto& t : TablesInDatabase(sql, engine))
    if (t != "schema_migrations" && std::find(kTables.begin(), kTables.end(), t) == kTables.end()) unknown.push_back(t);
  return unknown;
}

Result<std::vector<unsigned char>> ReadKey(const std::string& path, bool create) {
  if (!fs::exists(path)) {
    if (!create) return Status::InvalidArgument("鍵ファイルがありません: " + path);
    std::vector<unsigned char> key(crypto_secretstream_xchacha20poly1305_KEYBYTES);
    crypto_secretstream_xchacha20poly1305_keygen(key.data());
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(key.data()), static_cast<std::streamsize>(key.size()));
    out.close();
    ::chmod(path.c_str(), 0600);
    if (!out) return Status::Internal("鍵ファイルを書けません: " + path);
    return key;
  }
  std::ifstream in(path, std::ios::binary);
  std::vector<unsigned char> key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (key.size() != crypto_secretstream_xchacha20poly1305_KEYBYTES)
    return Status::InvalidArgument("鍵ファイルの長さが正しくありません（32バイト）: " + path);
  return key;
}

std::string ValueAsText(const soci::row& r, size_t i) {
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_string: return r.get<std::string>(i);
    case soci::dt_integer: return std::to_string(r.get<int>(i));
    case soci::dt_long_long: return std::to_string(r.get<long long>(i));
    case soci::dt_unsigned_long_long: return std::to_string(r.get<unsigned long long>(i));
    case soci::dt_double: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g", r.get<double>(i));
      return buf;
    }
    default: return r.get<std::string>(i);
  }
}

// renkei-20261127T055823123Z.rkbk for 2026-11-27T05:58:23.123Z: names that sort by time.
std::string BackupName(const std::string& stamp) {
  return "renkei-" + stamp.substr(0, 4) + stamp.substr(5, 2) + stamp.substr(8, 2) + "T" + stamp.substr(11, 2) + stamp.substr(14, 2) +
         stamp.substr(17, 2) + stamp.substr(20, 3) + "Z.rkbk";
}

// Lines {"f": id, "b": base64} for every file of the store.
template <class Flush>
Status AppendFiles(const media::FileStore* files, std::string& pending, BackupResult& result, Flush& flush) {
  if (!files) return Status::Ok();
  Status read = Status::Ok();
  auto each = files->Each([&](const std::string& id) {
    auto bytes = files->Read(id);
    if (!bytes.ok()) {
      read = bytes.status();
      return;
    }
    pending += boost::json::serialize(boost::json::object{{"f", id}, {"b", security::Base64Encode(*bytes)}}) + "\n";
    result.files++;
    if (pending.size() >= kChunk) flush(false);
  });
  return each.ok() ? read : each;
}

}  // namespace

Result<BackupResult> WriteBackup(storage::Database& db, const std::string& dir, const std::string& key_file, int keep,
                                 const media::FileStore* files) {
  if (keep < 1) return Status::InvalidArgument("--keep は1以上にしてください。");
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::InvalidArgument("バックアップ先のフォルダを作れません: " + dir, ec.message());
  auto key = ReadKey(key_file, true);
  if (!key.ok()) return key.status();

  std::string stamp = clock::NowIso();
  fs::path final_path = fs::path(dir) / BackupName(stamp);
  fs::path tmp_path = final_path;
  tmp_path += ".tmp";

  BackupResult result;
  try {
    std::ofstream out(tmp_path, std::ios::binary | std::ios::trunc);
    if (!out) return Status::InvalidArgument("バックアップファイルを書けません: " + tmp_path.string());
    out.write(kMagic, sizeof kMagic - 1);
    crypto_secretstream_xchacha20poly1305_state state;
    unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
    crypto_secretstream_xchacha20poly1305_init_push(&state, header, key->data());
    out.write(reinterpret_cast<const char*>(header), sizeof header);

    std::string pending;
    auto flush = [&](bool final) {
      while (pending.size() >= kChunk || (final && !pending.empty()) || final) {
        size_t n = std::min(pending.size(), kChunk);
        bool last = final && n == pending.size();
        std::vector<unsigned char> c(n + crypto_secretstream_xchacha20poly1305_ABYTES);
        unsigned long long clen = 0;
        crypto_secretstream_xchacha20poly1305_push(&state, c.data(), &clen, reinterpret_cast<const unsigned char*>(pending.data()), n,
                                                   nullptr, 0, last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
        uint32_t len = static_cast<uint32_t>(clen);
        unsigned char lb[4] = {static_cast<unsigned char>(len >> 24), static_cast<unsigned char>(len >> 16),
                               static_cast<unsigned char>(len >> 8), static_cast<unsigned char>(len)};
        out.write(reinterpret_cast<const char*>(lb), 4);
        out.write(reinterpret_cast<const char*>(c.data()), static_cast<std::streamsize>(clen));
        pending.erase(0, n);
        if (last) break;
      }
    };

    // One read transaction gives a consistent picture of every table.
    storage::Transaction tx(db);
    if (auto unknown = UnknownTables(tx.sql(), db.engine()); !unknown.empty())
      return Status::Internal("バックアップ対象の一覧にない表があります: " + unknown.front(), "add it to kTables in platform/backup.cpp");
    auto version = storage::LatestVersion();
    boost::json::object meta{{"format", "renkei-backup"},
                             {"version", 1},
                             {"schema", version},
                             {"created_at", stamp},
                             {"engine", db.engine() == storage::Engine::kSqlite ? "sqlite" : "postgresql"}};
    pending += boost::json::serialize(meta) + "\n";
    for (const auto& table : kTables) {
      soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT * FROM " + table);
      bool header_written = false;
      for (const auto& r : rows) {
        if (!header_written) {
          boost::json::array cols;
          for (size_t i = 0; i < r.size(); ++i) cols.push_back(boost::json::value(r.get_properties(i).get_name()));
          pending += boost::json::serialize(boost::json::object{{"t", table}, {"c", cols}}) + "\n";
          header_written = true;
        }
        boost::json::array vals;
        for (size_t i = 0; i < r.size(); ++i) {
          if (r.get_indicator(i) == soci::i_null)
            vals.push_back(nullptr);
          else
            vals.push_back(boost::json::value(ValueAsText(r, i)));
        }
        pending += boost::json::serialize(boost::json::object{{"t", table}, {"r", vals}}) + "\n";
        result.rows++;
        if (pending.size() >= kChunk) flush(false);
      }
    }
    // The files kept outside the database (care-team photos and PDFs), after the rows that name them.
    if (auto s = AppendFiles(files, pending, result, flush); !s.ok()) return s;
    pending += "{\"end\":true}\n";
    flush(true);
    out.close();
    if (!out) return Status::Internal("バックアップファイルの書き込みに失敗しました。", tmp_path.string());
    fs::rename(tmp_path, final_path);
  } catch (const std::exception& e) {
    fs::remove(tmp_path, ec);
    return Status::Internal("バックアップに失敗しました。", e.what());
  }
  result.path = final_path.string();

  // Generations: keep the newest `keep` files (names sort by time).
  std::vector<fs::path> all;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".rkbk" && e.path().filename().string().rfind("renkei-", 0) == 0) all.push_back(e.path());
  std::sort(all.begin(), all.end());
  while (static_cast<int>(all.size()) > keep) {
    fs::remove(all.front(), ec);
    all.erase(all.begin());
    result.removed++;
  }
  return result;
}

namespace {

// The backup file decrypted and authenticated: its lines of JSON, or why it cannot be read.
Result<std::string> DecryptBackup(const std::string& file, const std::string& key_file) {
  auto key = ReadKey(key_file, false);
  if (!key.ok()) return key.status();
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::InvalidArgument("バックアップファイルを開けません: " + file);
  std::string magic(sizeof kMagic - 1, '\0');
  in.read(magic.data(), static_cast<std::streamsize>(magic.size()));
  if (magic != kMagic) return Status::InvalidArgument("Renkei のバックアップファイルではありません: " + file);
  unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  in.read(reinterpret_cast<char*>(header), sizeof header);
  crypto_secretstream_xchacha20poly1305_state state;
  if (!in || crypto_secretstream_xchacha20poly1305_init_pull(&state, header, key->data()) != 0)
    return Status::InvalidArgument("バックアップファイルが壊れています（ヘッダー）。");
  std::string plain;
  bool final = false;
  while (!final) {
    unsigned char lb[4];
    if (!in.read(reinterpret_cast<char*>(lb), 4)) return Status::InvalidArgument("バックアップファイルが途中で切れています。");
    uint32_t len = (uint32_t(lb[0]) << 24) | (uint32_t(lb[1]) << 16) | (uint32_t(lb[2]) << 8) | lb[3];
    if (len > kChunk + crypto_secretstream_xchacha20poly1305_ABYTES) return Status::InvalidArgument("バックアップファイルが壊れています。");
    std::vector<unsigned char> c(len), m(len);
    if (!in.read(reinterpret_cast<char*>(c.data()), len)) return Status::InvalidArgument("バックアップファイルが途中で切れています。");
    unsigned long long mlen = 0;
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(&state, m.data(), &mlen, &tag, c.data(), len, nullptr, 0) != 0)
      return Status::InvalidArgument("バックアップファイルを復号できません。鍵が違うか、ファイルが改変されています。");
    plain.append(reinterpret_cast<const char*>(m.data()), mlen);
    final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
  }
  return plain;
}

// Inserts the rows of the backup's lines into an empty database inside tx; the number of rows.
// A file line of the backup into the store (when restoring into one).
Status LoadFile(const boost::json::object& o, const media::FileStore* files, std::vector<std::string>& written) {
  const auto& id = o.at("f");
  const auto* b = o.if_contains("b");
  auto bytes = b && b->is_string() ? security::Base64Decode(b->as_string()) : std::nullopt;
  if (!id.is_string() || !media::FileStore::ValidId(id.as_string()) || !bytes)
    return Status::InvalidArgument("バックアップのファイルの行が不正です。");
  if (!files) return Status::Ok();
  if (auto s = files->PutAs(std::string(id.as_string()), *bytes); !s.ok()) return s;
  written.emplace_back(id.as_string());
  return Status::Ok();
}

Result<long long> LoadRows(storage::Transaction& tx, const std::string& plain, const media::FileStore* files,
                           std::vector<std::string>& written) {
  long long rows = 0;
  // Rows that migrations put in (built-in meeting kinds) come back from the backup instead.
  for (const char* seeded : {"meeting_kinds"}) tx.sql() << "DELETE FROM " << seeded;
  size_t pos = 0;
  std::string table;
  std::vector<std::string> cols;
  std::string insert;
  bool saw_end = false;
  bool first = true;
  while (pos < plain.size()) {
    size_t nl = plain.find('\n', pos);
    if (nl == std::string::npos) nl = plain.size();
    auto v = boost::json::parse(std::string_view(plain).substr(pos, nl - pos));
    pos = nl + 1;
    auto& o = v.as_object();
    if (first) {
      first = false;
      if (o.if_contains("schema") == nullptr || o.at("schema").as_int64() != storage::LatestVersion())
        return Status::FailedPrecondition("このバックアップは別の版のスキーマで作られています。同じ版の renkei で復元してください。");
      continue;
    }
    if (o.contains("end")) {
      saw_end = true;
      break;
    }
    if (o.contains("f")) {
      if (auto s = LoadFile(o, files, written); !s.ok()) return s;
      continue;
    }
    std::string t(o.at("t").as_string());
    if (std::find(kTables.begin(), kTables.end(), t) == kTables.end())
      return Status::InvalidArgument("バックアップに未知の表があります: " + t);
    if (o.contains("c")) {
      table = t;
      cols.clear();
      std::string names, params;
      for (const auto& c : o.at("c").as_array()) {
        std::string name(c.as_string());
        if (name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_0123456789") != std::string::npos)
          return Status::InvalidArgument("バックアップの列名が不正です: " + name);
        names += (names.empty() ? "" : ", ") + name;
        params += (params.empty() ? ":p" : ", :p") + std::to_string(cols.size());
        cols.push_back(name);
      }
      insert = "INSERT INTO " + table + " (" + names + ") VALUES (" + params + ")";
      continue;
    }
    if (t != table) return Status::InvalidArgument("バックアップの行の順序が不正です。");
    const auto& vals = o.at("r").as_array();
    if (vals.size() != cols.size()) return Status::InvalidArgument("バックアップの行の列数が合いません。");
    std::vector<std::string> strs(vals.size());
    std::vector<soci::indicator> inds(vals.size());
    soci::statement st(tx.sql());
    for (size_t i = 0; i < vals.size(); ++i) {
      if (vals[i].is_null()) {
        inds[i] = soci::i_null;
      } else {
        strs[i] = std::string(vals[i].as_string());
        inds[i] = soci::i_ok;
      }
      st.exchange(soci::use(strs[i], inds[i]));
    }
    st.alloc();
    st.prepare(insert);
    st.define_and_bind();
    st.execute(true);
    rows++;
  }
  if (!saw_end) return Status::InvalidArgument("バックアップファイルが途中で切れています。");
  return rows;
}

Result<long long> Restore(storage::Database& db, const std::string& file, const std::string& key_file, const media::FileStore* files,
                          std::vector<std::string>& written) {
  auto plain = DecryptBackup(file, key_file);
  if (!plain.ok()) return plain.status();
  auto applied = storage::Migrate(db);
  if (!applied.ok()) return applied.status();
  try {
    storage::Transaction tx(db);
    long long existing = 0;
    tx.sql() << "SELECT COUNT(*) FROM regions", soci::into(existing);
    if (existing > 0) return Status::FailedPrecondition("復元先のデータベースが空ではありません。新しいデータベースを指定してください。");
    auto rows = LoadRows(tx, *plain, files, written);
    if (!rows.ok()) return rows.status();
    tx.commit();
    return rows;
  } catch (const std::exception& e) {
    return Status::Internal("復元に失敗しました。何も書き込んでいません。", e.what());
  }
}

}  // namespace

Result<long long> RestoreBackup(storage::Database& db, const std::string& file, const std::string& key_file,
                                const media::FileStore* files) {
  std::vector<std::string> written;
  auto rows = Restore(db, file, key_file, files, written);
  if (!rows.ok())
    for (const auto& id : written) files->Remove(id);  // nothing half-written, the files included
  return rows;
}

}  // namespace renkei
