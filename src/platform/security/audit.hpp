#pragma once
// The audit log: append-only, each entry chained to the one before by SHA-256 over its fields, so that an
// altered, removed or reordered entry breaks the chain (`renkei audit verify`). The newest seq and hash
// are also kept in settings ('audit.head'), so cutting entries off the end shows too.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::security {

struct AuditEntry {
  long long seq = 0;
  std::string at;       // ISO-8601 UTC
  std::string actor;    // login, or "system" for the command line
  std::string action;   // e.g. auth.login, user.created, consultation.viewed
  std::string subject;  // e.g. user:alice, consultation:<id>
  std::string remote_addr;
  std::string detail;  // short free text, never a password or a code
  std::string prev_hash;
  std::string hash;
};

// Appends inside the caller's transaction, so the entry commits or rolls back with the change it records.
void AppendAudit(soci::session& sql, storage::Engine engine, AuditEntry entry);
// Appends in a transaction of its own (logins, refusals: events that change nothing else).
void AppendAudit(storage::Database& db, AuditEntry entry);

struct AuditVerification {
  bool ok = true;
  long long entries = 0;
  long long first_bad_seq = 0;
  std::string problem;  // empty when ok
};
// Checks the chain. `kept_head` is a head kept outside the database ("SEQ:HASH" as the server logs it
// each day, or just the HASH): the chain must still hold that entry unchanged, so that a database cut
// back and re-chained from an earlier point (the head in settings rewritten too) is caught.
AuditVerification VerifyAudit(storage::Database& db, const std::string& kept_head = "");
// The newest entry as "SEQ:HASH" ("" when the log is empty), for the server log and `audit head`.
std::string AuditHead(storage::Database& db);

// Writes the head to the server log now and then every `every` until destroyed: a copy outside the
// database (journald, a log host) for `renkei audit verify --head`.
class AuditHeadLogger {
 public:
  AuditHeadLogger(storage::Database& db, std::chrono::seconds every);
  ~AuditHeadLogger();
  AuditHeadLogger(const AuditHeadLogger&) = delete;
  AuditHeadLogger& operator=(const AuditHeadLogger&) = delete;

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;  // REQUIRES: mu_ held
  std::thread thread_;
};

struct AuditFilter {
  std::string actor;
  std::string subject;
  std::string action;
  std::string from;  // ISO date or time, inclusive
  std::string to;    // ISO date (whole day inclusive) or time
  int limit = 50;
  int offset = 0;
};
struct AuditPage {
  std::vector<AuditEntry> entries;
  long long total = 0;
};
Result<AuditPage> SearchAudit(storage::Database& db, const AuditFilter& f);
// The newest `limit` entries of one subject and action ("who looked at this record"), through the
// subject's index: as cheap on a log of millions as on a new one (SearchAudit's filters are not).
std::vector<AuditEntry> LatestFor(soci::session& sql, const std::string& subject, const std::string& action, int limit);

}  // namespace renkei::security
