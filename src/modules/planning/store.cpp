#include "modules/planning/store.hpp"

#include "core/codes.hpp"
#include "platform/security/crypto.hpp"
#include "platform/status.hpp"
#include "platform/storage/columns.hpp"

namespace renkei::planning::store {
namespace {

std::vector<Entry> Query(soci::session& sql, const char* table, int fiscal_year) {
  Entry e;
  std::string scenes;
  int priority = 0;
  std::string updated_by, updated_at;
  bool full = std::string(table) == "plan_entries";
  std::string q = std::string("SELECT item, scenes, results, evaluation, next_goal, next_plan, priority") +
                  (full ? ", updated_by, updated_at" : ", '', ''") + " FROM " + table + " WHERE fiscal_year = :fy ORDER BY item";
  soci::statement st =
      (sql.prepare << q, soci::use(fiscal_year), soci::into(e.item), soci::into(scenes), soci::into(e.results), soci::into(e.evaluation),
       soci::into(e.next_goal), soci::into(e.next_plan), soci::into(priority), soci::into(updated_by), soci::into(updated_at));
  st.execute();
  std::vector<Entry> out;
  while (st.fetch()) {
    Entry x = e;
    x.fiscal_year = fiscal_year;
    x.scenes = storage::SplitCodes(scenes);
    x.priority = priority != 0;
    x.updated_by = updated_by;
    x.updated_at = updated_at;
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace

std::vector<Entry> Entries(soci::session& sql, int fiscal_year) { return Query(sql, "plan_entries", fiscal_year); }

void PutEntry(soci::session& sql, const Entry& e) {
  std::string scenes = storage::JoinCodes(e.scenes);
  int priority = e.priority ? 1 : 0;
  sql << "DELETE FROM plan_entries WHERE fiscal_year = :fy AND item = :i", soci::use(e.fiscal_year), soci::use(e.item);
  sql << "INSERT INTO plan_entries (fiscal_year, item, scenes, results, evaluation, next_goal, next_plan, priority, updated_by, "
         "updated_at) "
         "VALUES (:fy, :i, :s, :r, :e, :g, :p, :pr, :b, :a)",
      soci::use(e.fiscal_year), soci::use(e.item), soci::use(scenes), soci::use(e.results), soci::use(e.evaluation), soci::use(e.next_goal),
      soci::use(e.next_plan), soci::use(priority), soci::use(e.updated_by), soci::use(e.updated_at);
}

std::optional<YearState> Year(soci::session& sql, int fiscal_year) {
  YearState y;
  soci::indicator mi, ai, bi;
  int revised = 0;
  sql << "SELECT status, meeting_id, approved_at, approved_by, revised FROM plan_years WHERE fiscal_year = :fy", soci::use(fiscal_year),
      soci::into(y.status), soci::into(y.meeting_id, mi), soci::into(y.approved_at, ai), soci::into(y.approved_by, bi), soci::into(revised);
  if (!sql.got_data()) return std::nullopt;
  y.fiscal_year = fiscal_year;
  if (mi != soci::i_ok) y.meeting_id.clear();
  if (ai != soci::i_ok) y.approved_at.clear();
  if (bi != soci::i_ok) y.approved_by.clear();
  y.revised = revised != 0;
  return y;
}

void PutYear(soci::session& sql, const YearState& y) {
  std::string meeting = y.meeting_id, at = y.approved_at, by = y.approved_by;
  soci::indicator mi = storage::NullIfEmpty(meeting), ai = storage::NullIfEmpty(at), bi = storage::NullIfEmpty(by);
  int revised = y.revised ? 1 : 0;
  sql << "DELETE FROM plan_years WHERE fiscal_year = :fy", soci::use(y.fiscal_year);
  sql << "INSERT INTO plan_years (fiscal_year, status, meeting_id, approved_at, approved_by, revised) VALUES (:fy, :s, :m, :a, :b, :r)",
      soci::use(y.fiscal_year), soci::use(y.status), soci::use(meeting, mi), soci::use(at, ai), soci::use(by, bi), soci::use(revised);
}

std::vector<Entry> Frozen(soci::session& sql, int fiscal_year) { return Query(sql, "plan_frozen", fiscal_year); }

void ReplaceFrozen(soci::session& sql, int fiscal_year, const std::vector<Entry>& entries) {
  sql << "DELETE FROM plan_frozen WHERE fiscal_year = :fy", soci::use(fiscal_year);
  for (const auto& e : entries) {
    std::string scenes = storage::JoinCodes(e.scenes);
    int priority = e.priority ? 1 : 0;
    sql << "INSERT INTO plan_frozen (fiscal_year, item, scenes, results, evaluation, next_goal, next_plan, priority) "
           "VALUES (:fy, :i, :s, :r, :e, :g, :p, :pr)",
        soci::use(fiscal_year), soci::use(e.item), soci::use(scenes), soci::use(e.results), soci::use(e.evaluation), soci::use(e.next_goal),
        soci::use(e.next_plan), soci::use(priority);
  }
}

int ApprovedVersions(soci::session& sql, int fiscal_year) {
  int n = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(version) FROM plan_versions WHERE fiscal_year = :fy", soci::use(fiscal_year), soci::into(n, ind);
  return ind == soci::i_ok ? n : 0;
}

int AddApprovedVersion(soci::session& sql, int fiscal_year, const std::vector<Entry>& entries, const std::string& meeting_id,
                       const std::string& at, const std::string& by) {
  int version = ApprovedVersions(sql, fiscal_year) + 1;
  for (const auto& e : entries) {
    std::string scenes = storage::JoinCodes(e.scenes);
    int priority = e.priority ? 1 : 0;
    sql << "INSERT INTO plan_versions (fiscal_year, version, item, scenes, results, evaluation, next_goal, next_plan, priority, "
           "meeting_id, approved_at, approved_by) VALUES (:fy, :v, :i, :s, :r, :e, :g, :p, :pr, :m, :a, :b)",
        soci::use(fiscal_year), soci::use(version), soci::use(e.item), soci::use(scenes), soci::use(e.results), soci::use(e.evaluation),
        soci::use(e.next_goal), soci::use(e.next_plan), soci::use(priority), soci::use(meeting_id), soci::use(at), soci::use(by);
  }
  return version;
}

void AddHistory(soci::session& sql, int fiscal_year, const std::string& item, const std::string& at, const std::string& by,
                const std::string& action, const std::string& snapshot) {
  std::string id = security::NewId();
  sql << "INSERT INTO plan_history (id, fiscal_year, item, at, by_login, action, snapshot) VALUES (:i, :fy, :it, :a, :b, :ac, :s)",
      soci::use(id), soci::use(fiscal_year), soci::use(item), soci::use(at), soci::use(by), soci::use(action), soci::use(snapshot);
}

std::vector<HistoryRow> History(soci::session& sql, int fiscal_year) {
  HistoryRow h;
  std::vector<HistoryRow> out;
  soci::statement st =
      (sql.prepare << "SELECT item, at, by_login, action FROM plan_history WHERE fiscal_year = :fy ORDER BY at DESC, id LIMIT 200",
       soci::use(fiscal_year), soci::into(h.item), soci::into(h.at), soci::into(h.by_login), soci::into(h.action));
  st.execute();
  while (st.fetch()) out.push_back(h);
  return out;
}

void AddComment(soci::session& sql, const Comment& c, int fiscal_year) {
  sql << "INSERT INTO plan_comments (id, fiscal_year, item, by_login, at, body) VALUES (:i, :fy, :it, :b, :a, :t)", soci::use(c.id),
      soci::use(fiscal_year), soci::use(c.item), soci::use(c.by_login), soci::use(c.at), soci::use(c.body);
}

std::vector<Comment> Comments(soci::session& sql, int fiscal_year) {
  Comment c;
  std::vector<Comment> out;
  soci::statement st =
      (sql.prepare << "SELECT id, item, by_login, at, body FROM plan_comments WHERE fiscal_year = :fy ORDER BY item, at",
       soci::use(fiscal_year), soci::into(c.id), soci::into(c.item), soci::into(c.by_login), soci::into(c.at), soci::into(c.body));
  st.execute();
  while (st.fetch()) out.push_back(c);
  return out;
}

std::vector<int> Years(soci::session& sql) {
  int fy = 0;
  std::vector<int> out;
  soci::statement st = (sql.prepare << "SELECT DISTINCT fiscal_year FROM plan_entries ORDER BY fiscal_year DESC", soci::into(fy));
  st.execute();
  while (st.fetch()) out.push_back(fy);
  return out;
}

std::vector<std::pair<std::string, std::string>> Links(soci::session& sql, int fiscal_year) {
  std::string item, ref;
  std::vector<std::pair<std::string, std::string>> out;
  soci::statement st = (sql.prepare << "SELECT item, ref FROM plan_links WHERE fiscal_year = :fy ORDER BY item, ref",
                        soci::use(fiscal_year), soci::into(item), soci::into(ref));
  st.execute();
  while (st.fetch()) out.emplace_back(item, ref);
  return out;
}

void ReplaceLinks(soci::session& sql, int fiscal_year, const std::string& item, const std::vector<std::string>& refs) {
  sql << "DELETE FROM plan_links WHERE fiscal_year = :fy AND item = :i", soci::use(fiscal_year), soci::use(item);
  for (const auto& r : refs)
    sql << "INSERT INTO plan_links (fiscal_year, item, ref) VALUES (:fy, :i, :r)", soci::use(fiscal_year), soci::use(item), soci::use(r);
}

std::optional<std::pair<std::string, std::string>> MeetingKindAndTime(soci::session& sql, const std::string& id) {
  std::string kind, at;
  sql << "SELECT kind, held_at FROM meetings WHERE id = :i", soci::use(id), soci::into(kind), soci::into(at);
  if (!sql.got_data()) return std::nullopt;
  return std::make_pair(kind, at);
}

void UpsertIndicator(soci::session& sql, const std::string& id, const std::string& name, const std::string& unit,
                     const std::string& source) {
  int n = 0;
  sql << "SELECT COUNT(*) FROM indicators WHERE id = :i", soci::use(id), soci::into(n);
  if (n)
    sql << "UPDATE indicators SET name = :n, unit = :u, source = :s WHERE id = :i", soci::use(name), soci::use(unit), soci::use(source),
        soci::use(id);
  else
    sql << "INSERT INTO indicators (id, name, unit, source) VALUES (:i, :n, :u, :s)", soci::use(id), soci::use(name), soci::use(unit),
        soci::use(source);
}

void PutIndicatorValue(soci::session& sql, const std::string& id, const std::string& area, int year, double value) {
  sql << "DELETE FROM indicator_values WHERE indicator_id = :i AND municipality = :m AND year = :y", soci::use(id), soci::use(area),
      soci::use(year);
  sql << "INSERT INTO indicator_values (indicator_id, municipality, year, value) VALUES (:i, :m, :y, :v)", soci::use(id), soci::use(area),
      soci::use(year), soci::use(value);
}

bool SetIndicatorItems(soci::session& sql, const std::string& id, const std::string& items) {
  soci::statement st = (sql.prepare << "UPDATE indicators SET items = :t WHERE id = :i", soci::use(items), soci::use(id));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<Indicator> Indicators(soci::session& sql) {
  std::vector<Indicator> out;
  Indicator ind;
  std::string items;
  soci::statement st = (sql.prepare << "SELECT id, name, unit, source, items FROM indicators ORDER BY id", soci::into(ind.id),
                        soci::into(ind.name), soci::into(ind.unit), soci::into(ind.source), soci::into(items));
  st.execute();
  while (st.fetch()) {
    Indicator x = ind;
    x.items = storage::SplitCodes(items);
    out.push_back(x);
  }
  std::string id, area;
  int year = 0;
  double value = 0;
  soci::statement vs =
      (sql.prepare << "SELECT indicator_id, municipality, year, value FROM indicator_values ORDER BY indicator_id, municipality, year",
       soci::into(id), soci::into(area), soci::into(year), soci::into(value));
  vs.execute();
  while (vs.fetch())
    for (auto& x : out)
      if (x.id == id) x.values[area][year] = value;
  return out;
}

}  // namespace renkei::planning::store
