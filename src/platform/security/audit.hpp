#pragma once
// The audit log: append-only, each entry chained to the one before by SHA-256 over its fields, so that an
// altered, removed or reordered entry breaks the chain (`renkei audit verify`). The newest seq and hash
// are also kept in settings ('audit.head'), so cutting entries off the end shows too.
#include <optional>
#include <string>
#include <vector>

#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::security {

struct AuditEntry {
  long long seq = 0;
  std::string at;           // ISO-8601 UTC
  std::string actor;        // login, or "system" for the command line
  std::string action;       // e.g. auth.login, user.created, consultation.viewed
  std::string subject;      // e.g. user:alice, consultation:<id>
  std::string remote_addr;
  std::string detail;       // short free text, never a password or a code
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
AuditVerification VerifyAudit(storage::Database& db);

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

}  // namespace renkei::security
