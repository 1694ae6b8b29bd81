#include "platform/media/file_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "platform/private_dir.hpp"
#include "platform/security/crypto.hpp"

namespace renkei::media {

namespace fs = std::filesystem;

namespace {

Status WriteAll(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Status::Internal("ファイルを書けません: " + path, std::strerror(errno));
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  if (::fsync(fd) != 0) return Status::Internal("ファイルを書けません: " + path, std::strerror(errno));
  return Status::Ok();
}

void SyncDirectory(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

bool FileStore::ValidId(std::string_view id) {
  if (id.size() != 32) return false;
  for (char c : id)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

Result<std::string> FileStore::PathOf(const std::string& id, bool create) const {
  if (!enabled()) return Status::Unavailable("@media.error.no_store");
  if (!ValidId(id)) return Status::NotFound("@error.not_found");
  std::string sub = dir_ + "/" + id.substr(0, 2);
  if (create) {
    if (auto d = files::PrivateDirectory(dir_, "renkei-files"); !d.ok()) return d.status();
    if (auto d = files::PrivateDirectory(sub, "renkei-files"); !d.ok()) return d.status();
  }
  return sub + "/" + id;
}

Status FileStore::PutAs(const std::string& id, std::string_view bytes) const {
  auto path = PathOf(id, true);
  if (!path.ok()) return path.status();
  std::string tmp = *path + ".tmp-" + security::RandomHex(4);
  auto fd = files::CreatePrivateFile(tmp);
  if (!fd.ok()) return fd.status();
  Status s = WriteAll(*fd, bytes, tmp);
  ::close(*fd);
  // link() refuses an existing name, where rename() would replace it.
  if (s.ok() && ::link(tmp.c_str(), path->c_str()) != 0) s = Status::Conflict("ファイルが既にあります: " + *path, std::strerror(errno));
  ::unlink(tmp.c_str());
  if (s.ok()) SyncDirectory(fs::path(*path).parent_path().string());
  return s;
}

Result<std::string> FileStore::Put(std::string_view bytes) const {
  std::string id = security::RandomHex(16);
  if (auto s = PutAs(id, bytes); !s.ok()) return s;
  return id;
}

Result<std::string> FileStore::Read(const std::string& id) const {
  auto path = PathOf(id, false);
  if (!path.ok()) return path.status();
  std::ifstream in(*path, std::ios::binary);
  if (!in) return Status::NotFound("@error.not_found", "no file " + *path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void FileStore::Remove(const std::string& id) const {
  if (auto path = PathOf(id, false); path.ok()) ::unlink(path->c_str());
}

Status FileStore::Each(const std::function<void(const std::string& id)>& fn) const {
  if (!enabled()) return Status::Ok();
  std::error_code ec;
  if (!fs::exists(dir_, ec)) return Status::Ok();
  for (auto it = fs::recursive_directory_iterator(dir_, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (it->is_regular_file() && ValidId(name)) fn(name);
  }
  if (ec) return Status::Internal("ファイルの一覧を読めません: " + dir_, ec.message());
  return Status::Ok();
}

std::string DefaultFilesDir(const std::string& db_url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (db_url.rfind(kSqlite, 0) != 0) return "";
  std::string path = db_url.substr(kSqlite.size());
  if (path.empty() || path == ":memory:") return "";
  return path + ".files";
}

}  // namespace renkei::media
