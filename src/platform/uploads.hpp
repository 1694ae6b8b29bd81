#pragma once
// Files uploaded in one step of a form (a preview) and used in the next (the import): kept in a private
// directory under a random token, with the uploader's login and a few lines of meta beside them. Only
// the uploader finds them again; files older than a day are swept at the next upload.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/status.hpp"

namespace renkei::uploads {

class UploadStore {
 public:
  // dir "" = <tmp>/renkei-imports-<uid>; either way a private directory (files::PrivateDirectory), whose
  // files are 0600.
  explicit UploadStore(std::string dir);

  Result<std::string> Keep(std::string_view bytes, const std::string& owner, const std::vector<std::string>& meta);
  struct Kept {
    std::string token;
    std::string path;               // the file's bytes
    std::vector<std::string> meta;  // as given to Keep
  };
  // What token names, if it exists and belongs to owner.
  std::optional<Kept> Find(const std::string& token, const std::string& owner) const;
  static std::string Read(const Kept& k);
  void Remove(const std::string& token) const;

  // Tokens are 64 hex characters, nothing else (they name files).
  static bool ValidToken(const std::string& token);

 private:
  Result<std::string> Dir() const;
  void Sweep(const std::string& dir) const;
  std::string dir_;
};

}  // namespace renkei::uploads
