#include "platform/uploads.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "platform/security/crypto.hpp"

namespace fs = std::filesystem;

namespace renkei::uploads {

UploadStore::UploadStore(std::string dir) : dir_(std::move(dir)) {}

std::string UploadStore::Dir() const {
  std::string d = dir_.empty() ? (fs::temp_directory_path() / "renkei-imports").string() : dir_;
  std::error_code ec;
  fs::create_directories(d, ec);
  fs::permissions(d, fs::perms::owner_all, fs::perm_options::replace, ec);
  return d;
}

bool UploadStore::ValidToken(const std::string& t) {
  return t.size() == 64 && t.find_first_not_of("0123456789abcdef") == std::string::npos;
}

void UploadStore::Sweep() const {
  std::error_code ec;
  auto limit = fs::file_time_type::clock::now() - std::chrono::hours(24);
  for (const auto& e : fs::directory_iterator(Dir(), ec)) {
    auto stem = e.path().stem().string();
    if ((e.path().extension() == ".upload" || e.path().extension() == ".meta") && ValidToken(stem) && e.last_write_time(ec) < limit)
      fs::remove(e.path(), ec);
  }
}

Result<std::string> UploadStore::Keep(std::string_view bytes, const std::string& owner, const std::vector<std::string>& meta) {
  Sweep();
  std::string token = security::RandomHex(32);
  fs::path dir = Dir();
  std::ofstream out(dir / (token + ".upload"), std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  std::ofstream m(dir / (token + ".meta"));
  m << owner << "\n";
  for (const auto& line : meta) {
    std::string clean = line;
    for (char& ch : clean)
      if (ch == '\n' || ch == '\r') ch = ' ';
    m << clean << "\n";
  }
  out.close();
  m.close();
  if (!out || !m) return Status::Internal("アップロードされたファイルを保存できませんでした。", dir.string());
  return token;
}

std::optional<UploadStore::Kept> UploadStore::Find(const std::string& token, const std::string& owner) const {
  if (!ValidToken(token)) return std::nullopt;
  fs::path dir = Dir();
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
  if (!ValidToken(token)) return;
  std::error_code ec;
  fs::remove(fs::path(Dir()) / (token + ".upload"), ec);
  fs::remove(fs::path(Dir()) / (token + ".meta"), ec);
}

}  // namespace renkei::uploads
