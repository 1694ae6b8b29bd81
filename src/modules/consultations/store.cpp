#include "modules/consultations/store.hpp"
#include "platform/storage/columns.hpp"

#include <algorithm>

namespace renkei::consultations::store {
namespace {

constexpr const char* kColumns =
    "c.id, c.received_at, c.received_date, c.fiscal_year, c.channel, c.received_unit, c.assigned_unit, c.staff_login, "
    "c.requester_category, COALESCE(c.requester_facility_id, ''), c.requester_name, c.resident_municipality, c.age_band, c.sex, "
    "c.care_level, c.household, c.flags, c.content_categories, c.scenes, c.client_name, c.summary, c.status, c.minutes_spent, "
    "COALESCE(c.closed_at, ''), c.imported_from, c.created_by, c.created_at, c.updated_at, c.version";

// Reads rows of kColumns (plus, with `extra`, two more: open follow-ups and the next due date).
struct Reader {
  Case c;
  std::string flags, contents, scenes;
  int open_followups = 0;
  std::string next_due;
  soci::indicator due_i = soci::i_null;
  void bind(soci::statement& st, bool extra) {
    for (auto* s : {&c.id, &c.received_at, &c.received_date}) st.exchange(soci::into(*s));
    st.exchange(soci::into(c.fiscal_year));
    for (auto* s : {&c.channel, &c.received_unit, &c.assigned_unit, &c.staff_login, &c.requester_category, &c.requester_facility_id,
                    &c.requester_name, &c.resident_municipality, &c.age_band, &c.sex, &c.care_level, &c.household, &flags, &contents,
                    &scenes, &c.client_name, &c.summary, &c.status})
      st.exchange(soci::into(*s));
    st.exchange(soci::into(c.minutes_spent));
    for (auto* s : {&c.closed_at, &c.imported_from, &c.created_by, &c.created_at, &c.updated_at}) st.exchange(soci::into(*s));
    st.exchange(soci::into(c.version));
    if (extra) {
      st.exchange(soci::into(open_followups));
      st.exchange(soci::into(next_due, due_i));
    }
  }
  Case fetched() {
    Case out = c;
    out.flags = storage::SplitCodes(flags);
    out.content_categories = storage::SplitCodes(contents);
    out.scenes = storage::SplitCodes(scenes);
    return out;
  }
};

// soci::use binds references: `params` must outlive the statement's execution (never a temporary).
void Prepare(soci::statement& st, const std::string& q, const std::vector<std::string>& params) {
  for (const auto& p : params) st.exchange(soci::use(p));
  st.alloc();
  st.prepare(q);
  st.define_and_bind();
}

std::vector<Case> Query(soci::session& sql, const std::string& tail, const std::vector<std::string>& params) {
  Reader r;
  soci::statement st(sql);
  r.bind(st, false);
  Prepare(st, std::string("SELECT ") + kColumns + " FROM consultations c " + tail, params);
  st.execute();
  std::vector<Case> out;
  while (st.fetch()) out.push_back(r.fetched());
  return out;
}

// The columns written by Insert and Update, bound from one case in this order.
struct Writer {
  const Case& c;
  std::string flags, contents, scenes, facility, closed;
  soci::indicator facility_i, closed_i;
  explicit Writer(const Case& cs)
      : c(cs),
        flags(storage::JoinCodes(cs.flags)),
        contents(storage::JoinCodes(cs.content_categories)),
        scenes(storage::JoinCodes(cs.scenes)),
        facility(cs.requester_facility_id),
        closed(cs.closed_at),
        facility_i(storage::NullIfEmpty(cs.requester_facility_id)),
        closed_i(storage::NullIfEmpty(cs.closed_at)) {}
  void bind(soci::statement& st) {
    for (const auto* s : {&c.received_at, &c.received_date}) st.exchange(soci::use(*s));
    st.exchange(soci::use(c.fiscal_year));
    for (const auto* s : {&c.channel, &c.received_unit, &c.assigned_unit, &c.staff_login, &c.requester_category})
      st.exchange(soci::use(*s));
    st.exchange(soci::use(facility, facility_i));
    for (const std::string* s :
         std::initializer_list<const std::string*>{&c.requester_name, &c.resident_municipality, &c.age_band, &c.sex, &c.care_level,
                                                   &c.household, &flags, &contents, &scenes, &c.client_name, &c.summary, &c.status})
      st.exchange(soci::use(*s));
    st.exchange(soci::use(c.minutes_spent));
    st.exchange(soci::use(closed, closed_i));
    st.exchange(soci::use(c.updated_at));
  }
};
constexpr const char* kWriteColumns =
    "received_at, received_date, fiscal_year, channel, received_unit, assigned_unit, staff_login, requester_category, "
    "requester_facility_id, requester_name, resident_municipality, age_band, sex, care_level, household, flags, content_categories, "
    "scenes, client_name, summary, status, minutes_spent, closed_at, updated_at";

void Execute(soci::statement& st, const std::string& q) {
  st.alloc();
  st.prepare(q);
  st.define_and_bind();
  st.execute(true);
}

// `LIKE :p ESCAPE '\'` for a code inside a stored list, or for words in free text.
std::string LikeEscape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out;
}

}  // namespace

void Insert(soci::session& sql, const Case& c) {
  Writer w(c);
  soci::statement st(sql);
  st.exchange(soci::use(c.id));
  w.bind(st);
  st.exchange(soci::use(c.imported_from));
  st.exchange(soci::use(c.created_by));
  st.exchange(soci::use(c.created_at));
  Execute(st, std::string("INSERT INTO consultations (id, ") + kWriteColumns +
                  ", imported_from, created_by, created_at, version) VALUES (:id, :a1, :a2, :a3, :a4, :a5, :a6, :a7, :a8, :a9, :a10, :a11, "
                  ":a12, :a13, :a14, :a15, :a16, :a17, :a18, :a19, :a20, :a21, :a22, :a23, :a24, :imp, :cb, :ca, 1)");
}

bool Update(soci::session& sql, const Case& c) {
  Writer w(c);
  soci::statement st(sql);
  w.bind(st);
  st.exchange(soci::use(c.id));
  st.exchange(soci::use(c.version));
  std::string set;
  std::string cols = kWriteColumns;
  int n = 0;
  for (size_t start = 0; start < cols.size();) {
    size_t end = cols.find(',', start);
    if (end == std::string::npos) end = cols.size();
    std::string col = cols.substr(start, end - start);
    col.erase(0, col.find_first_not_of(' '));
    set += (set.empty() ? "" : ", ") + col + " = :v" + std::to_string(++n);
    start = end + 1;
  }
  Execute(st, "UPDATE consultations SET " + set + ", version = version + 1 WHERE id = :id AND version = :ver");
  return st.get_affected_rows() == 1;
}

std::optional<Case> Load(soci::session& sql, const std::string& id) {
  auto v = Query(sql, "WHERE c.id = :id", {id});
  if (v.empty()) return std::nullopt;
  return v.front();
}

long long Count(soci::session& sql) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM consultations", soci::into(n);
  return n;
}

void SetAssigned(soci::session& sql, const std::string& id, const std::string& unit) {
  sql << "UPDATE consultations SET assigned_unit = :u WHERE id = :i", soci::use(unit), soci::use(id);
}

void AddUnit(soci::session& sql, const std::string& id, const std::string& unit) {
  int n = 0;
  sql << "SELECT COUNT(*) FROM consultation_units WHERE consultation_id = :i AND unit = :u", soci::use(id), soci::use(unit), soci::into(n);
  if (n == 0) sql << "INSERT INTO consultation_units (consultation_id, unit) VALUES (:i, :u)", soci::use(id), soci::use(unit);
}

std::vector<std::string> UnitsOf(soci::session& sql, const std::string& id) {
  std::vector<std::string> out;
  std::string unit;
  soci::statement st =
      (sql.prepare << "SELECT unit FROM consultation_units WHERE consultation_id = :i ORDER BY unit", soci::use(id), soci::into(unit));
  st.execute();
  while (st.fetch()) out.push_back(unit);
  return out;
}

void InsertAction(soci::session& sql, const ActionRow& a) {
  std::string facility = a.facility_id;
  soci::indicator fi = storage::NullIfEmpty(facility);
  sql << "INSERT INTO consultation_actions (id, consultation_id, at, by_login, kind, facility_id, from_unit, to_unit, note) "
         "VALUES (:i, :c, :a, :b, :k, :f, :fu, :tu, :n)",
      soci::use(a.id), soci::use(a.consultation_id), soci::use(a.at), soci::use(a.by_login), soci::use(a.kind), soci::use(facility, fi),
      soci::use(a.from_unit), soci::use(a.to_unit), soci::use(a.note);
}

std::vector<ActionRow> ActionsOf(soci::session& sql, const std::string& id) {
  const std::vector<std::string> params{id};
  ActionRow a;
  soci::statement st(sql);
  for (auto* s :
       {&a.id, &a.consultation_id, &a.at, &a.by_login, &a.kind, &a.facility_id, &a.facility_name, &a.from_unit, &a.to_unit, &a.note})
    st.exchange(soci::into(*s));
  Prepare(st,
          "SELECT a.id, a.consultation_id, a.at, a.by_login, a.kind, COALESCE(a.facility_id, ''), COALESCE(f.name, ''), a.from_unit, "
          "a.to_unit, a.note FROM consultation_actions a LEFT JOIN facilities f ON f.id = a.facility_id WHERE a.consultation_id = :c "
          "ORDER BY a.at, a.id",
          params);
  st.execute();
  std::vector<ActionRow> out;
  while (st.fetch()) out.push_back(a);
  return out;
}

void InsertFollowup(soci::session& sql, const FollowupRow& f) {
  sql << "INSERT INTO consultation_followups (id, consultation_id, due_date, owner_login, note, created_by, created_at) "
         "VALUES (:i, :c, :d, :o, :n, :b, :a)",
      soci::use(f.id), soci::use(f.consultation_id), soci::use(f.due_date), soci::use(f.owner_login), soci::use(f.note),
      soci::use(f.created_by), soci::use(f.created_at);
}

std::vector<FollowupRow> FollowupsOf(soci::session& sql, const std::string& id) {
  const std::vector<std::string> params{id};
  FollowupRow f;
  soci::statement st(sql);
  for (auto* s : {&f.id, &f.consultation_id, &f.due_date, &f.owner_login, &f.note, &f.created_by, &f.created_at, &f.done_at, &f.done_by})
    st.exchange(soci::into(*s));
  Prepare(st,
          "SELECT id, consultation_id, due_date, owner_login, note, created_by, created_at, COALESCE(done_at, ''), COALESCE(done_by, '') "
          "FROM consultation_followups WHERE consultation_id = :c ORDER BY due_date, created_at",
          params);
  st.execute();
  std::vector<FollowupRow> out;
  while (st.fetch()) out.push_back(f);
  return out;
}

bool CompleteFollowup(soci::session& sql, const std::string& id, const std::string& followup_id, const std::string& at,
                      const std::string& by) {
  soci::statement st = (sql.prepare << "UPDATE consultation_followups SET done_at = :a, done_by = :b "
                                       "WHERE id = :f AND consultation_id = :c AND done_at IS NULL",
                        soci::use(at), soci::use(by), soci::use(followup_id), soci::use(id));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<ListRow> Search(soci::session& sql, const Scope& scope, const Filter& f, const std::string& today, long long& total) {
  total = 0;
  std::vector<std::string> params;
  std::string where = "WHERE 1 = 1";
  if (!scope.all) {
    if (!scope.units.empty()) {
      std::string in;
      for (const auto& u : scope.units) {
        params.push_back(u);
        in += std::string(in.empty() ? "" : ", ") + ":u" + std::to_string(params.size());
      }
      where += " AND c.id IN (SELECT consultation_id FROM consultation_units WHERE unit IN (" + in + "))";
    } else if (!scope.town.empty()) {
      params.push_back(scope.town);
      where += " AND c.resident_municipality = :town";
    } else {
      return {};
    }
  }
  auto eq = [&](const std::string& value, const char* column) {
    if (value.empty()) return;
    params.push_back(value);
    where += std::string(" AND ") + column + " = :p" + std::to_string(params.size());
  };
  auto in_list = [&](const std::string& code, const char* column) {
    if (code.empty()) return;
    params.push_back("%," + LikeEscape(code) + ",%");
    where += std::string(" AND ") + column + " LIKE :p" + std::to_string(params.size()) + " ESCAPE '\\'";
  };
  if (!f.from.empty()) params.push_back(f.from), where += " AND c.received_date >= :p" + std::to_string(params.size());
  if (!f.to.empty()) params.push_back(f.to), where += " AND c.received_date <= :p" + std::to_string(params.size());
  if (f.status == "open")
    where += " AND c.status <> 'closed'";
  else
    eq(f.status, "c.status");
  eq(f.requester, "c.requester_category");
  eq(f.town, "c.resident_municipality");
  eq(f.channel, "c.channel");
  eq(f.unit, "c.assigned_unit");
  in_list(f.content, "c.content_categories");
  in_list(f.scene, "c.scenes");
  in_list(f.flag, "c.flags");
  // Words of free text, each somewhere in the summary, the client's or the requester's name.
  for (size_t start = 0; start < f.q.size();) {
    size_t end = f.q.find(' ', start);
    if (end == std::string::npos) end = f.q.size();
    if (end > start) {
      // One placeholder per use: PostgreSQL numbers each occurrence of a name as its own parameter.
      const std::string like = "%" + LikeEscape(f.q.substr(start, end - start)) + "%";
      std::string clause;
      for (const char* column : {"c.summary", "c.client_name", "c.requester_name"}) {
        params.push_back(like);
        clause += std::string(clause.empty() ? "" : " OR ") + column + " LIKE :p" + std::to_string(params.size()) + " ESCAPE '\\'";
      }
      where += " AND (" + clause + ")";
    }
    start = end + 1;
  }
  {
    soci::statement st(sql);
    st.exchange(soci::into(total));
    Prepare(st, "SELECT COUNT(*) FROM consultations c " + where, params);
    st.execute(true);
  }
  Reader r;
  soci::statement st(sql);
  r.bind(st, true);
  params.push_back(today);
  std::string q =
      std::string("SELECT * FROM (SELECT ") + kColumns +
      ", (SELECT COUNT(*) FROM consultation_followups f WHERE f.consultation_id = c.id AND f.done_at IS NULL) AS open_followups"
      ", (SELECT MIN(f.due_date) FROM consultation_followups f WHERE f.consultation_id = c.id AND f.done_at IS NULL) AS next_due"
      " FROM consultations c " +
      where +
      ") x ORDER BY CASE WHEN x.next_due IS NOT NULL AND x.next_due < :today THEN 0 ELSE 1 END, "
      "CASE WHEN x.next_due IS NOT NULL AND x.next_due < :today2 THEN x.next_due ELSE '' END, x.received_at DESC, x.id LIMIT " +
      std::to_string(std::clamp(f.limit, 1, 500)) + " OFFSET " + std::to_string(std::max(0, f.offset));
  params.push_back(today);
  Prepare(st, q, params);
  st.execute();
  std::vector<ListRow> out;
  while (st.fetch()) {
    ListRow row{r.fetched(), r.open_followups, r.due_i == soci::i_ok ? r.next_due : std::string()};
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<Case> InPeriod(soci::session& sql, const std::string& from, const std::string& to) {
  return Query(sql, "WHERE c.received_date >= :f AND c.received_date <= :t ORDER BY c.received_at", {from, to});
}

bool HasTownGrant(soci::session& sql, const std::string& user_id, const std::string& municipality) {
  int n = 0;
  sql << "SELECT COUNT(*) FROM consultation_town_grants WHERE user_id = :u AND municipality = :m", soci::use(user_id),
      soci::use(municipality), soci::into(n);
  return n > 0;
}

void SetTownGrant(soci::session& sql, const std::string& user_id, const std::string& municipality, bool granted, const std::string& by,
                  const std::string& at) {
  sql << "DELETE FROM consultation_town_grants WHERE user_id = :u", soci::use(user_id);
  if (granted)
    sql << "INSERT INTO consultation_town_grants (user_id, municipality, granted_by, granted_at) VALUES (:u, :m, :b, :a)",
        soci::use(user_id), soci::use(municipality), soci::use(by), soci::use(at);
}

std::vector<std::pair<std::string, std::string>> SupportCenters(soci::session& sql) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string id, name;
  soci::statement st = (sql.prepare << "SELECT id, name FROM facilities WHERE kind = 'support_center' AND outside_region = 0 "
                                       "ORDER BY municipality_code, kana_sort, id",
                        soci::into(id), soci::into(name));
  st.execute();
  while (st.fetch()) out.emplace_back(id, name);
  return out;
}

std::string FacilityName(soci::session& sql, const std::string& id) {
  std::string name;
  soci::indicator ind = soci::i_null;
  sql << "SELECT name FROM facilities WHERE id = :i", soci::use(id), soci::into(name, ind);
  return sql.got_data() && ind == soci::i_ok ? name : std::string();
}

}  // namespace renkei::consultations::store
