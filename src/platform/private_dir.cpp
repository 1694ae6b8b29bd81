#include "platform/private_dir.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace renkei::files {

Result<std::string> PrivateDirectory(const std::string& path, const std::string& name) {
  std::string dir = path;
  if (dir.empty()) dir = (std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::geteuid()))).string();
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
    return Status::Internal("作業用のフォルダを作れません: " + dir, std::strerror(errno));
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) return Status::Internal("作業用のフォルダを確認できません: " + dir, std::strerror(errno));
  if (!S_ISDIR(st.st_mode)) return Status::FailedPrecondition("作業用のフォルダがフォルダではありません（リンクなど）: " + dir);
  if (st.st_uid != ::geteuid())
    return Status::FailedPrecondition("作業用のフォルダの所有者が、このサーバーを動かすユーザーではありません: " + dir);
  if ((st.st_mode & 077) != 0)
    return Status::FailedPrecondition("作業用のフォルダに他のユーザーも入れます（権限を 0700 にしてください）: " + dir);
  return dir;
}

Result<int> CreatePrivateFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Internal("ファイルを作れません: " + path, std::strerror(errno));
  return fd;
}

}  // namespace renkei::files
