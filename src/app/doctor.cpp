#include "app/doctor.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>

#include "platform/backup.hpp"
#include "platform/security/audit.hpp"
#include "platform/security/crypto.hpp"
#include "platform/storage/migrations.hpp"

namespace renkei::app {
namespace {

namespace fs = std::filesystem;
using Level = Finding::Level;

constexpr auto kBackupMaxAge = std::chrono::hours(26);      // a daily backup, with an hour or two of slack
constexpr uintmax_t kMinFreeBytes = 1024ull * 1024 * 1024;  // 1 GiB

Finding Ok(std::string topic, std::string detail) { return {Level::kOk, std::move(topic), std::move(detail)}; }
Finding Note(std::string topic, std::string detail) { return {Level::kNote, std::move(topic), std::move(detail)}; }
Finding Act(std::string topic, std::string detail) { return {Level::kAction, std::move(topic), std::move(detail)}; }

// Only the owner may read or write it (0600 or 0400)?
bool Private(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) == 0;
}

Finding Database(const Config& c, std::shared_ptr<storage::Database>& db) {
  auto opened = storage::Database::Open(c.db_url, 2);
  if (!opened.ok())
    return Act("データベース",
               "接続できません（" + opened.status().message() + "）。[database] url と、データベースが動いているかを確かめてください。");
  auto version = storage::CurrentVersion(**opened);
  if (!version.ok())
    return Act("データベース", "スキーマを読めません（" + version.status().message() + "）。renkei migrate を実行してください。");
  if (auto s = storage::CheckSchema(**opened); !s.ok())
    return Act("データベース", "スキーマが版 " + std::to_string(*version) + " です（この renkei は版 " +
                                   std::to_string(storage::LatestVersion()) + "）。renkei migrate を実行してください: " + s.message());
  db = *opened;  // the other checks read it only at this version
  return Ok("データベース", db->url().display + " に接続でき、スキーマは最新です（版 " + std::to_string(*version) + "）。");
}

Finding SecretKey(const Config& c) {
  if (c.secret_key_file.empty())
    return Act("秘密鍵",
               "[security] secret_key_file がありません。二段階認証の秘密がデータベースに封印されずに入ります。renkei secret-key --out "
               "FILE で作り、設定してください。");
  std::ifstream in(c.secret_key_file, std::ios::binary);
  if (!in) return Act("秘密鍵", c.secret_key_file + " を読めません。");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!security::ParseSecretKey(text)) return Act("秘密鍵", c.secret_key_file + " は鍵の形（16進64文字）ではありません。");
  if (!Private(c.secret_key_file)) return Act("秘密鍵", c.secret_key_file + " を所有者だけが読めるようにしてください（chmod 600）。");
  return Ok("秘密鍵", c.secret_key_file + "（所有者だけが読めます）");
}

Finding AuditChain(storage::Database* db) {
  if (!db) return Note("監査ログ", "データベースが使える状態でないため確かめていません。");
  auto v = security::VerifyAudit(*db);
  if (!v.ok)
    return Act("監査ログ", "項目 " + std::to_string(v.first_bad_seq) + " で鎖が切れています（" + v.problem +
                               "）。改ざんの疑いがあります。記録を保全し、管理者に知らせてください。");
  return Ok("監査ログ", std::to_string(v.entries) + " 件、鎖は切れていません。");
}

// The newest generation in the backup directory, if any.
std::optional<fs::path> NewestBackup(const std::string& dir) {
  std::vector<fs::path> all;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".rkbk" && e.path().filename().string().rfind("renkei-", 0) == 0) all.push_back(e.path());
  if (all.empty()) return std::nullopt;
  return *std::max_element(all.begin(), all.end());
}

// Restores the file into a temporary SQLite database, to know that it can be.
Result<long long> TrialRestore(const fs::path& file, const std::string& key_file) {
  auto dir = fs::temp_directory_path() / ("renkei-doctor-" + security::RandomHex(8));
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all);
  Result<long long> rows = Status::Internal("");
  {
    auto db = storage::Database::Open("sqlite:" + (dir / "trial.db").string(), 1);
    rows = db.ok() ? RestoreBackup(**db, file.string(), key_file) : Result<long long>(db.status());
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  return rows;
}

Finding Backups(const Config& c) {
  if (c.backup.dir.empty() || c.backup.key_file.empty())
    return Act("バックアップ", "[backup] dir と key_file がありません。毎日のバックアップの置き場所と鍵を設定してください。");
  auto newest = NewestBackup(c.backup.dir);
  if (!newest)
    return Act("バックアップ", c.backup.dir + " にバックアップがありません。renkei backup を実行してください（毎日のタイマーで）。");
  auto age = fs::file_time_type::clock::now() - fs::last_write_time(*newest);
  auto hours = std::chrono::duration_cast<std::chrono::hours>(age).count();
  if (age > kBackupMaxAge)
    return Act("バックアップ", "いちばん新しいバックアップが " + std::to_string(hours) + " 時間前のものです（" +
                                   newest->filename().string() + "）。毎日のバックアップが止まっていないか確かめてください。");
  if (!Private(c.backup.key_file)) return Act("バックアップ", c.backup.key_file + " を所有者だけが読めるようにしてください（chmod 600）。");
  auto rows = TrialRestore(*newest, c.backup.key_file);
  if (!rows.ok()) return Act("バックアップ", newest->filename().string() + " を試しに復元できませんでした: " + rows.status().message());
  return Ok("バックアップ", newest->filename().string() + "（" + std::to_string(hours) + " 時間前）を一時データベースに復元できました（" +
                                std::to_string(*rows) + " 行）。");
}

Finding PublicAddress(const Config& c) {
  const auto& url = c.app.public_url;
  bool tls = !c.server.tls_cert.empty() || c.app.secure_cookies;
  if (url.empty())
    return Note("公開アドレス", "[server] public_url がありません。メールは送られず、印刷する QR コードは開いた端末のアドレスになります。");
  if (url.rfind("https://", 0) == 0 && !tls)
    return Act("公開アドレス", url +
                                   " は https ですが、renkei は TLS でもなく secure_cookies でもありません。前に置く nginx で TLS "
                                   "を終えるなら [server] secure_cookies = true と trusted_proxies を設定してください。");
  if (url.rfind("http://", 0) == 0)
    return Act("公開アドレス", url + " は暗号化されていません。患者や相談の情報を扱うので https にしてください。");
  if (url.rfind("https://", 0) != 0) return Act("公開アドレス", url + " は URL の形ではありません（https://… ）。");
  return Ok("公開アドレス", url + "（TLS " + (c.server.tls_cert.empty() ? "は前段のプロキシで" : "は renkei 自身で") + "）");
}

Finding Space(const std::string& what, const std::string& dir) {
  std::error_code ec;
  auto info = fs::space(dir.empty() ? fs::path(".") : fs::path(dir), ec);
  if (ec) return Note("空き容量", what + "（" + dir + "）の空きを調べられません: " + ec.message());
  auto gib = static_cast<double>(info.available) / (1024.0 * 1024 * 1024);
  char text[64];
  std::snprintf(text, sizeof text, "%.1f GiB", gib);
  if (info.available < kMinFreeBytes)
    return Act("空き容量", what + "（" + dir + "）の空きが " + text + " です。1 GiB 以上あけてください。");
  return Ok("空き容量", what + "（" + dir + "）" + text + " 空き");
}

// Where care-team photos and PDFs go: set (or beside a SQLite database), and private when it exists.
Finding FilesDir(const Config& c) {
  std::string dir = c.app.files_dir.empty() ? media::DefaultFilesDir(c.db_url) : c.app.files_dir;
  if (dir.empty())
    return Act("ファイル保存先",
               "[files] dir がありません。ケアチームの写真と PDF を保存できません（複数のサーバーでは共有の場所を指定します）。");
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) return Ok("ファイル保存先", dir + "（最初の写真で作られます）");
  if (!S_ISDIR(st.st_mode) || st.st_uid != ::geteuid() || (st.st_mode & 077) != 0)
    return Act("ファイル保存先", dir + " は、このサーバーのユーザーだけが入れるフォルダ（0700）にしてください。");
  return Ok("ファイル保存先", dir);
}

std::vector<Finding> Spaces(const Config& c) {
  std::vector<Finding> out;
  if (c.db_url.rfind("sqlite:", 0) == 0) out.push_back(Space("データベース", fs::path(c.db_url.substr(7)).parent_path().string()));
  if (!c.backup.dir.empty()) out.push_back(Space("バックアップ", c.backup.dir));
  if (!c.app.files_dir.empty() && fs::exists(c.app.files_dir)) out.push_back(Space("ファイル保存先", c.app.files_dir));
  return out;
}

// systemd-timesyncd marks a synchronised clock with this file; chrony and ntpd have their own ways.
Finding Clock() {
  if (fs::exists("/run/systemd/timesync/synchronized")) return Ok("時刻", "systemd-timesyncd が時刻を合わせています。");
  return Note("時刻",
              "時刻同期の印が見つかりません（systemd-timesyncd でなければ chrony "
              "などで合わせてください）。ログイン確認コードと監査ログの時刻に使います。");
}

}  // namespace

std::vector<Finding> Examine(const Config& c) {
  std::vector<Finding> out;
  std::shared_ptr<storage::Database> db;
  // A check that fails in an unforeseen way is a finding too, not the end of the report.
  auto check = [&out](const char* topic, const std::function<Finding()>& f) {
    try {
      out.push_back(f());
    } catch (const std::exception& e) {
      out.push_back(Act(topic, std::string("確かめられませんでした: ") + e.what()));
    }
  };
  check("データベース", [&] { return Database(c, db); });
  check("秘密鍵", [&] { return SecretKey(c); });
  check("監査ログ", [&] { return AuditChain(db.get()); });
  check("バックアップ", [&] { return Backups(c); });
  check("公開アドレス", [&] { return PublicAddress(c); });
  check("ファイル保存先", [&] { return FilesDir(c); });
  try {
    for (auto& f : Spaces(c)) out.push_back(std::move(f));
  } catch (const std::exception& e) {
    out.push_back(Note("空き容量", e.what()));
  }
  check("時刻", [] { return Clock(); });
  return out;
}

std::string Report(const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& f : findings) {
    out += f.level == Level::kOk ? "[OK]     " : f.level == Level::kNote ? "[確認]   " : "[要対応] ";
    out += f.topic + ": " + f.detail + "\n";
  }
  return out;
}

bool NeedsAction(const std::vector<Finding>& findings) {
  return std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.level == Level::kAction; });
}

}  // namespace renkei::app
