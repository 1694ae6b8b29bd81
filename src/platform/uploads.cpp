#include "platform/uploads.hpp"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "platform/private_dir.hpp"
#include "platform/security/crypto.hpp"

namespace fs = std::filesystem;

namespace renkei::uploads {

UploadStore::UploadStore(std::string dir) : dir_(std::move(dir)) {}

Result<std::string> UploadStore::Dir() const { return files::PrivateDirectory(dir_, "renkei-imports"); }

bool UploadStore::ValidToken(const std::string& t) {
  return t.size() == 64 && t.find_first_not_of("0123456789abcdef") == std::string::npos;
}

void UploadStore::Sweep(const std::string& dir) const {
  std::error_code ec;
  auto limit = fs::file_time_type::clock::now() - std::chrono::hours(24);
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    auto stem = e.path().stem().string();
    if ((e.path().extension() == ".upload" || e.path().extension() == ".meta") && ValidToken(stem) && e.last_write_time(ec) < limit)
      fs::remove(e.path(), ec);
  }
}

namespace {
// Writes bytes to a new file only this user may read.
bool WritePrivate(const fs::path& path, std::string_view bytes) {
  auto fd = files::CreatePrivateFile(path.string());
  if (!fd.ok()) return false;
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(*fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  return ::close(*fd) == 0 && done == bytes.size();
}
}  // namespace

Result<std::string> UploadStore::Keep(std::string_view bytes, const std::string& owner, const std::vector<std::string>& meta) {
  auto dir = Dir();
  if (!dir.ok()) return dir.status();
  Sweep(*dir);
  std::string token = security::RandomHex(32);
  std::string m = owner + "\n";
  for (const auto& line : meta) {
    std::string clean = line;
    for (char& ch : clean)
      if (ch == '\n' || ch == '\r') ch = ' ';
    m += clean + "\n";
  }
  if (!WritePrivate(fs::path(*dir) / (token + ".upload"), bytes) || !WritePrivate(fs::path(*dir) / (token + ".meta"), m))
    return Status::Internal("アップロードされたファイルを保存できませんでした。", *dir);
  return token;
}

std::optional<UploadStore::Kept> UploadStore::Find(const std::string& token, const std::string& owner) const {
  if (!ValidToken(token)) return std::nullopt;
  auto d = Dir();
  if (!d.ok()) return std::nullopt;
  fs::path dir = *d;
  std::ifstream m(dir / (token + ".meta"));
  std::string who;
  if (!std::getline(m, who) || who != owner) return std::nullopt;
  Kept k{token, (dir / (token + ".upload")).string(), {}};
  for (std::string line; std::getline(m, line);) k.meta.push_back(line);
  std::error_code ec;
  if (!fs::exists(k.path, ec)) return std::nullopt;
  return k;
}

std::string UploadStore::Read(const Kept& k) {
  std::ifstream in(k.path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void UploadStore::Remove(const std::string& token) const {
  auto dir = Dir();
  if (!ValidToken(token) || !dir.ok()) return;
  std::error_code ec;
  fs::remove(fs::path(*dir) / (token + ".upload"), ec);
  fs::remove(fs::path(*dir) / (token + ".meta"), ec);
}

}  // namespace renkei::uploads
