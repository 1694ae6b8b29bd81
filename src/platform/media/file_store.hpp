#pragma once
// Files kept outside the database (care-team photos and PDFs): one file per id in a private directory
// (0700, files 0600), written through a temporary name, fsync'd and renamed, so a file the database
// names is whole on disk before its row commits. Ids are random (32 hex characters) and name nothing
// about their content; the module's rows say whose a file is and who may read it. Several servers on
// one PostgreSQL share the directory (a network mount), as they share the database.
#include <functional>
#include <string>
#include <string_view>

#include "platform/status.hpp"

namespace renkei::media {

class FileStore {
 public:
  // dir "" = no store: Put answers Unavailable (a PostgreSQL server whose [files] dir is not set).
  explicit FileStore(std::string dir) : dir_(std::move(dir)) {}
  const std::string& dir() const { return dir_; }
  bool enabled() const { return !dir_.empty(); }

  Result<std::string> Put(std::string_view bytes) const;
  // Writes bytes under a given id (a backup being restored); refuses an id that exists.
  Status PutAs(const std::string& id, std::string_view bytes) const;
  Result<std::string> Read(const std::string& id) const;
  void Remove(const std::string& id) const;
  // Every id in the store, for backups.
  Status Each(const std::function<void(const std::string& id)>& fn) const;

  static bool ValidId(std::string_view id);

 private:
  Result<std::string> PathOf(const std::string& id, bool create) const;
  std::string dir_;
};

// The files directory for a database URL when none is configured: beside a SQLite file
// (sqlite:/var/lib/renkei/renkei.db → /var/lib/renkei/renkei.db.files), none for PostgreSQL.
std::string DefaultFilesDir(const std::string& db_url);

}  // namespace renkei::media
