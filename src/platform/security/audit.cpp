#include "platform/security/audit.hpp"

#include <spdlog/spdlog.h>

#include "platform/clock.hpp"
#include "platform/ids.hpp"
#include "platform/security/crypto.hpp"
#include "platform/text/utf8.hpp"

namespace renkei::security {
namespace {

constexpr const char* kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";
// Any constant: serialises appends across servers sharing one PostgreSQL.
constexpr long long kAuditLockKey = 72430001;

constexpr const char* kLastEntry = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";
constexpr const char* kInsert =
    "INSERT INTO audit_log (seq, at, actor, action, subject, remote_addr, detail, prev_hash, hash) "
    "VALUES (:seq, :at, :actor, :action, :subject, :addr, :detail, :prev, :hash)";
constexpr const char* kSelectAll =
    "SELECT seq, at, actor, action, subject, remote_addr, detail, prev_hash, hash FROM audit_log ORDER BY seq";

// Length-prefixed, so that no choice of field contents can imitate another split of the same bytes.
std::string Canonical(const AuditEntry& e) {
  std::string out;
  for (const std::string* f : {&e.prev_hash, &e.at, &e.actor, &e.action, &e.subject, &e.remote_addr, &e.detail}) {
    out += std::to_string(f->size());
    out += ':';
    out += *f;
    out += ';';
  }
  return std::to_string(e.seq) + ";" + out;
}

void WriteHead(soci::session& sql, long long seq, const std::string& hash) {
  std::string head = std::to_string(seq) + ":" + hash;
  sql << "DELETE FROM settings WHERE key = 'audit.head'";
  sql << "INSERT INTO settings (key, value) VALUES ('audit.head', :v)", soci::use(head);
}

}  // namespace

void AppendAudit(soci::session& sql, storage::Engine engine, AuditEntry e) {
  if (engine == storage::Engine::kPostgres) sql << "SELECT pg_advisory_xact_lock(" << kAuditLockKey << ")";
  long long last = 0;
  std::string prev;
  soci::indicator ind = soci::i_null;
  sql << kLastEntry, soci::into(last, ind), soci::into(prev);
  if (ind == soci::i_null || !sql.got_data()) {
    last = 0;
    prev = kGenesis;
  }
  e.seq = last + 1;
  e.at = clock::NowIso();
  e.prev_hash = prev;
  // Everything of an entry may come from a client: valid UTF-8, and cut between characters.
  for (std::string* f : {&e.actor, &e.action, &e.subject, &e.remote_addr, &e.detail}) *f = text::ValidUtf8(*f);
  e.detail = text::Utf8Prefix(e.detail, 2000);
  e.hash = Sha256Hex(Canonical(e));
  sql << kInsert, soci::use(e.seq), soci::use(e.at), soci::use(e.actor), soci::use(e.action), soci::use(e.subject),
      soci::use(e.remote_addr), soci::use(e.detail), soci::use(e.prev_hash), soci::use(e.hash);
  WriteHead(sql, e.seq, e.hash);
}

void AppendAudit(storage::Database& db, AuditEntry entry) {
  storage::Transaction tx(db);
  AppendAudit(tx.sql(), db.engine(), std::move(entry));
  tx.commit();
}

std::string AuditHead(storage::Database& db) {
  storage::Lease l(db);
  long long seq = 0;
  std::string hash;
  soci::indicator ind = soci::i_null;
  l.sql() << kLastEntry, soci::into(seq, ind), soci::into(hash);
  if (!l.sql().got_data() || ind == soci::i_null) return {};
  return std::to_string(seq) + ":" + hash;
}

AuditVerification VerifyAudit(storage::Database& db, const std::string& kept_head) {
  AuditVerification v;
  // The kept head: "SEQ:HASH" or a bare hash.
  long long kept_seq = 0;
  std::string kept_hash = kept_head;
  if (auto c = kept_head.find(':'); c != std::string::npos) {
    kept_seq = std::atoll(kept_head.substr(0, c).c_str());
    kept_hash = kept_head.substr(c + 1);
  }
  bool kept_found = kept_hash.empty();
  storage::Lease l(db);
  AuditEntry e;
  soci::statement st =
      (l.sql().prepare << kSelectAll, soci::into(e.seq), soci::into(e.at), soci::into(e.actor), soci::into(e.action), soci::into(e.subject),
       soci::into(e.remote_addr), soci::into(e.detail), soci::into(e.prev_hash), soci::into(e.hash));
  st.execute();
  std::string prev = kGenesis;
  long long expected = 1;
  auto fail = [&](const std::string& why) {
    v.ok = false;
    v.first_bad_seq = e.seq;
    v.problem = why;
  };
  while (st.fetch()) {
    v.entries++;
    if (e.seq != expected) {
      fail("entry " + std::to_string(expected) + " is missing or out of order (found " + std::to_string(e.seq) + ")");
      return v;
    }
    if (e.prev_hash != prev) {
      fail("entry " + std::to_string(e.seq) + " does not follow the entry before it");
      return v;
    }
    if (Sha256Hex(Canonical(e)) != e.hash) {
      fail("entry " + std::to_string(e.seq) + " was altered");
      return v;
    }
    if (!kept_found && e.hash == kept_hash && (kept_seq == 0 || kept_seq == e.seq)) kept_found = true;
    prev = e.hash;
    expected++;
  }
  if (!kept_found) {
    v.ok = false;
    v.first_bad_seq = kept_seq;
    v.problem = "the head kept outside the database (" + kept_head.substr(0, 80) +
                ") is not in the chain: entries up to it were removed or rewritten";
    return v;
  }
  std::string head;
  soci::indicator ind = soci::i_null;
  l.sql() << "SELECT value FROM settings WHERE key = 'audit.head'", soci::into(head, ind);
  std::string last = v.entries == 0 ? "" : std::to_string(expected - 1) + ":" + prev;
  if (l.sql().got_data() && ind == soci::i_ok && head != last) {
    v.ok = false;
    v.first_bad_seq = expected;
    v.problem = "entries after " + std::to_string(expected - 1) + " were removed (head was " + head.substr(0, head.find(':')) + ")";
  }
  return v;
}

namespace {

// The WHERE clause of a search, with only the filters given, so that the indexes on actor, subject and
// time serve it (a filter written as "(:x = '' OR col = :x)" makes the planner scan the whole log).
struct AuditWhere {
  std::string sql = " WHERE 1 = 1";
  std::vector<std::string> params;
  void add(const std::string& condition, std::initializer_list<std::string> values) {
    std::string c = condition;
    for (const auto& v : values) {
      c.replace(c.find('?'), 1, ":p" + std::to_string(params.size()));
      params.push_back(v);
    }
    sql += " AND " + c;
  }
};

AuditWhere WhereOf(const AuditFilter& f) {
  AuditWhere w;
  std::string to = f.to;
  if (to.size() == 10) to += "T23:59:59.999Z";
  if (!f.actor.empty()) w.add("actor = ?", {f.actor});
  // A record's subject ("consultation:<id>") also finds entries that name its id among others (a list
  // of cases writes the ids it showed in its detail), so that "who saw this case" is one search.
  const auto colon = f.subject.find(':');
  const std::string id = colon == std::string::npos ? std::string() : f.subject.substr(colon + 1);
  if (id.size() >= 16 && ids::Valid(id))
    w.add("(subject = ? OR detail LIKE ?)", {f.subject, "%" + id + "%"});
  else if (!f.subject.empty())
    w.add("subject = ?", {f.subject});
  if (!f.action.empty()) w.add("action LIKE ?", {f.action + "%"});
  if (!f.from.empty()) w.add("at >= ?", {f.from});
  if (!to.empty()) w.add("at <= ?", {to});
  return w;
}

// soci binds references: `params` must outlive the statement (never a temporary).
void Bind(soci::statement& st, const std::vector<std::string>& params) {
  for (const auto& p : params) st.exchange(soci::use(p));
}

}  // namespace

Result<AuditPage> SearchAudit(storage::Database& db, const AuditFilter& f) {
  const AuditWhere w = WhereOf(f);
  int limit = std::clamp(f.limit, 1, 500);
  int offset = std::max(0, f.offset);
  try {
    storage::Lease l(db);
    AuditPage page;
    soci::statement count(l.sql());
    Bind(count, w.params);
    count.exchange(soci::into(page.total));
    count.alloc();
    count.prepare("SELECT COUNT(*) FROM audit_log" + w.sql);
    count.define_and_bind();
    count.execute(true);
    AuditEntry e;
    soci::statement st(l.sql());
    Bind(st, w.params);
    st.exchange(soci::into(e.seq));
    for (auto* x : {&e.at, &e.actor, &e.action, &e.subject, &e.remote_addr, &e.detail, &e.prev_hash, &e.hash}) st.exchange(soci::into(*x));
    st.alloc();
    st.prepare("SELECT seq, at, actor, action, subject, remote_addr, detail, prev_hash, hash FROM audit_log" + w.sql +
               " ORDER BY seq DESC LIMIT " + std::to_string(limit) + " OFFSET " + std::to_string(offset));
    st.define_and_bind();
    st.execute();
    while (st.fetch()) page.entries.push_back(e);
    return page;
  } catch (const std::exception& e) {
    return Status::Internal("監査ログを検索できませんでした。", e.what());
  }
}

std::vector<AuditEntry> LatestFor(soci::session& sql, const std::string& subject, const std::string& action, int limit) {
  AuditEntry e;
  int n = std::clamp(limit, 1, 500);
  soci::statement st = (sql.prepare << "SELECT seq, at, actor, action, subject, remote_addr, detail FROM audit_log "
                                       "WHERE subject = :s AND action = :a ORDER BY seq DESC LIMIT :n",
                        soci::use(subject), soci::use(action), soci::use(n), soci::into(e.seq), soci::into(e.at), soci::into(e.actor),
                        soci::into(e.action), soci::into(e.subject), soci::into(e.remote_addr), soci::into(e.detail));
  st.execute();
  std::vector<AuditEntry> out;
  while (st.fetch()) out.push_back(e);
  return out;
}

AuditHeadLogger::AuditHeadLogger(storage::Database& db, std::chrono::seconds every) {
  thread_ = std::thread([this, &db, every] {
    std::unique_lock lock(mu_);
    while (!stop_) {
      lock.unlock();
      try {
        std::string head = AuditHead(db);
        spdlog::info("audit head {} (keep it; `renkei audit verify --head {}` checks the chain against it)", head.empty() ? "-" : head,
                     head.empty() ? "SEQ:HASH" : head);
      } catch (const std::exception& e) {
        spdlog::warn("audit head not read: {}", e.what());
      }
      lock.lock();
      cv_.wait_for(lock, every, [this] { return stop_; });
    }
  });
}

AuditHeadLogger::~AuditHeadLogger() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace renkei::security
