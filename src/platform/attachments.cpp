#include "platform/attachments.hpp"

#include "platform/security/audit.hpp"

#include "platform/clock.hpp"
#include "platform/security/crypto.hpp"

namespace renkei::attachments {

Result<std::string> Add(soci::session& sql, const std::string& owner, std::string name, std::string content_type, std::string_view bytes,
                        const std::string& by) {
  if (bytes.empty()) return Status::InvalidArgument("@files.empty");
  if (bytes.size() > kMaxFileBytes) return Status::InvalidArgument("@files.too_large");
  if (auto slash = name.find_last_of("/\\"); slash != std::string::npos) name = name.substr(slash + 1);
  for (char& c : name)
    if (static_cast<unsigned char>(c) < 0x20 || c == '"') c = '_';
  if (name.empty()) name = "file";
  if (name.size() > 200) name = name.substr(name.size() - 200);
  if (content_type.empty() || content_type.size() > 100 || content_type.find_first_of("\r\n") != std::string::npos)
    content_type = "application/octet-stream";
  std::string id = security::NewId();
  std::string data = security::Base64Encode(bytes);
  std::string now = clock::NowIso();
  long long size = static_cast<long long>(bytes.size());
  sql << "INSERT INTO attachments (id, owner, name, content_type, size, data, created_by, created_at) "
         "VALUES (:i, :o, :n, :t, :s, :d, :b, :a)",
      soci::use(id), soci::use(owner), soci::use(name), soci::use(content_type), soci::use(size), soci::use(data), soci::use(by),
      soci::use(now);
  return id;
}

std::vector<File> List(soci::session& sql, const std::string& owner) {
  File f;
  std::vector<File> out;
  soci::statement st = (sql.prepare << "SELECT id, owner, name, content_type, size, created_by, created_at FROM attachments "
                                       "WHERE owner = :o ORDER BY created_at, id",
                        soci::use(owner), soci::into(f.id), soci::into(f.owner), soci::into(f.name), soci::into(f.content_type),
                        soci::into(f.size), soci::into(f.created_by), soci::into(f.created_at));
  st.execute();
  while (st.fetch()) out.push_back(f);
  return out;
}

std::optional<File> Get(soci::session& sql, const std::string& owner, const std::string& id) {
  File f;
  std::string data;
  sql << "SELECT id, owner, name, content_type, size, created_by, created_at, data FROM attachments WHERE id = :i AND owner = :o",
      soci::use(id), soci::use(owner), soci::into(f.id), soci::into(f.owner), soci::into(f.name), soci::into(f.content_type),
      soci::into(f.size), soci::into(f.created_by), soci::into(f.created_at), soci::into(data);
  if (!sql.got_data()) return std::nullopt;
  auto bytes = security::Base64Decode(data);
  if (!bytes) return std::nullopt;
  f.bytes = std::move(*bytes);
  return f;
}

bool Remove(soci::session& sql, const std::string& owner, const std::string& id) {
  soci::statement st = (sql.prepare << "DELETE FROM attachments WHERE id = :i AND owner = :o", soci::use(id), soci::use(owner));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

Result<File> Download(storage::Database& db, const std::string& owner, const std::string& id, const std::string& actor,
                      const std::string& addr) {
  storage::Transaction tx(db);
  auto f = Get(tx.sql(), owner, id);
  if (!f) return Status::NotFound("@error.not_found");
  security::AppendAudit(
      tx.sql(), db.engine(),
      {.actor = actor, .action = "attachment.downloaded", .subject = owner, .remote_addr = addr, .detail = f->id + " " + f->name});
  tx.commit();
  return std::move(*f);
}

}  // namespace renkei::attachments
