#pragma once
// Files attached to records, kept in the database (table attachments, base64). The owning module
// checks who may add, list or read them; this only stores. An owner is "<kind>:<id>".
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::attachments {

inline constexpr size_t kMaxFileBytes = 10 * 1024 * 1024;

struct File {
  std::string id, owner, name, content_type;
  long long size = 0;
  std::string created_by, created_at;
  std::string bytes;  // only from Get
};

// Stores the bytes; the name is reduced to its last path part. Refuses empty and over-large files.
Result<std::string> Add(soci::session& sql, const std::string& owner, std::string name, std::string content_type, std::string_view bytes,
                        const std::string& by);
std::vector<File> List(soci::session& sql, const std::string& owner);
// The file with its bytes, when it belongs to owner.
std::optional<File> Get(soci::session& sql, const std::string& owner, const std::string& id);
// The same for a person who may read it (the module decided that): the download is written to the audit
// log (attachment.downloaded, subject owner). NotFound when the file is not the owner's.
Result<File> Download(storage::Database& db, const std::string& owner, const std::string& id, const std::string& actor,
                      const std::string& addr);
bool Remove(soci::session& sql, const std::string& owner, const std::string& id);

}  // namespace renkei::attachments
