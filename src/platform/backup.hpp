#pragma once
// Encrypted, generational backups that work alike on both engines: a logical dump of every table
// (JSON lines) sealed with libsodium's secretstream (XChaCha20-Poly1305), so a backup taken on SQLite
// restores into PostgreSQL and the other way round. A cut or altered file is refused whole.
#include <string>

#include "platform/media/file_store.hpp"
#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei {

struct BackupResult {
  std::string path;
  long long rows = 0;
  long long files = 0;  // files of the file store
  int removed = 0;      // older generations deleted
};

// Writes DIR/renkei-YYYYMMDDTHHMMSSZ.rkbk (through a temporary file and rename), then keeps the newest
// `keep` files. Creates key_file with a new random key (mode 0600) when it does not exist. With files,
// the backup carries every file of the store as well.
Result<BackupResult> WriteBackup(storage::Database& db, const std::string& dir, const std::string& key_file, int keep,
                                 const media::FileStore* files = nullptr);
// Restores into a database with no data (migrated here if empty); refuses a non-empty database and a
// backup from another schema version. All or nothing: one transaction. With files, the backup's files
// are written into the store (an id already there is refused, and what was written is removed again on
// any failure); without, they are checked and skipped (the doctor's trial restore).
Result<long long> RestoreBackup(storage::Database& db, const std::string& file, const std::string& key_file,
                                const media::FileStore* files = nullptr);

}  // namespace renkei
