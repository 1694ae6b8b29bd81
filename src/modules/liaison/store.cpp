#include "modules/liaison/store.hpp"

namespace renkei::liaison::store {
namespace {

constexpr const char* kColumns =
    "id, kind, title, held_at, fiscal_year, place, online, agenda, minutes, decisions, created_by, created_at, updated_at";

std::vector<Meeting> Query(soci::session& sql, const std::string& tail, const std::vector<std::string>& params) {
  Meeting m;
  int online = 0;
  soci::statement st(sql);
  for (auto* s : {&m.id, &m.kind, &m.title, &m.held_at}) st.exchange(soci::into(*s));
  st.exchange(soci::into(m.fiscal_year));
  st.exchange(soci::into(m.place));
  st.exchange(soci::into(online));
  for (auto* s : {&m.agenda, &m.minutes, &m.decisions, &m.created_by, &m.created_at, &m.updated_at}) st.exchange(soci::into(*s));
  for (const auto& p : params) st.exchange(soci::use(p));
  st.alloc();
  st.prepare(std::string("SELECT ") + kColumns + " FROM meetings " + tail);
  st.define_and_bind();
  st.execute();
  std::vector<Meeting> out;
  while (st.fetch()) {
    Meeting x = m;
    x.online = online != 0;
    out.push_back(std::move(x));
  }
  return out;
}

std::vector<Attendee> AttendeesOf(soci::session& sql, const std::string& id) {
  std::vector<Attendee> out;
  Attendee a;
  soci::statement st = (sql.prepare << "SELECT login, name, organization FROM meeting_attendees WHERE meeting_id = :m ORDER BY ord",
                        soci::use(id), soci::into(a.login), soci::into(a.name), soci::into(a.organization));
  st.execute();
  while (st.fetch()) out.push_back(a);
  return out;
}

void ReplaceAttendees(soci::session& sql, const Meeting& m) {
  sql << "DELETE FROM meeting_attendees WHERE meeting_id = :m", soci::use(m.id);
  int ord = 0;
  for (const auto& a : m.attendees) {
    sql << "INSERT INTO meeting_attendees (meeting_id, ord, login, name, organization) VALUES (:m, :o, :l, :n, :g)", soci::use(m.id),
        soci::use(ord), soci::use(a.login), soci::use(a.name), soci::use(a.organization);
    ++ord;
  }
}

std::vector<ActionItem> QueryActions(soci::session& sql, const std::string& tail, const std::vector<std::string>& params) {
  ActionItem a;
  soci::statement st(sql);
  for (auto* s : {&a.id, &a.meeting_id, &a.title, &a.owner_login, &a.due_date, &a.status, &a.done_at, &a.created_at, &a.meeting_title})
    st.exchange(soci::into(*s));
  for (const auto& p : params) st.exchange(soci::use(p));
  st.alloc();
  st.prepare(
      "SELECT a.id, a.meeting_id, a.title, a.owner_login, a.due_date, a.status, COALESCE(a.done_at, ''), a.created_at, m.title "
      "FROM meeting_actions a JOIN meetings m ON m.id = a.meeting_id " +
      tail);
  st.define_and_bind();
  st.execute();
  std::vector<ActionItem> out;
  while (st.fetch()) out.push_back(a);
  return out;
}

}  // namespace

std::vector<Kind> Kinds(soci::session& sql) {
  std::vector<Kind> out;
  Kind k;
  int builtin = 0;
  soci::statement st = (sql.prepare << "SELECT code, label, ord, builtin FROM meeting_kinds ORDER BY ord, code", soci::into(k.code),
                        soci::into(k.label), soci::into(k.ord), soci::into(builtin));
  st.execute();
  while (st.fetch()) {
    k.builtin = builtin != 0;
    out.push_back(k);
  }
  return out;
}

void InsertKind(soci::session& sql, const Kind& k) {
  int builtin = k.builtin ? 1 : 0;
  sql << "INSERT INTO meeting_kinds (code, label, ord, builtin) VALUES (:c, :l, :o, :b)", soci::use(k.code), soci::use(k.label),
      soci::use(k.ord), soci::use(builtin);
}

void Insert(soci::session& sql, const Meeting& m) {
  int online = m.online ? 1 : 0;
  sql << "INSERT INTO meetings (id, kind, title, held_at, fiscal_year, place, online, agenda, minutes, decisions, created_by, created_at, "
         "updated_at) VALUES (:i, :k, :t, :h, :f, :p, :o, :a, :m, :d, :cb, :ca, :ua)",
      soci::use(m.id), soci::use(m.kind), soci::use(m.title), soci::use(m.held_at), soci::use(m.fiscal_year), soci::use(m.place),
      soci::use(online), soci::use(m.agenda), soci::use(m.minutes), soci::use(m.decisions), soci::use(m.created_by),
      soci::use(m.created_at), soci::use(m.updated_at);
  ReplaceAttendees(sql, m);
}

void Update(soci::session& sql, const Meeting& m) {
  int online = m.online ? 1 : 0;
  sql << "UPDATE meetings SET kind = :k, title = :t, held_at = :h, fiscal_year = :f, place = :p, online = :o, agenda = :a, minutes = :m, "
         "decisions = :d, updated_at = :u WHERE id = :i",
      soci::use(m.kind), soci::use(m.title), soci::use(m.held_at), soci::use(m.fiscal_year), soci::use(m.place), soci::use(online),
      soci::use(m.agenda), soci::use(m.minutes), soci::use(m.decisions), soci::use(m.updated_at), soci::use(m.id);
  ReplaceAttendees(sql, m);
}

std::optional<Meeting> Load(soci::session& sql, const std::string& id) {
  const std::vector<std::string> params{id};
  auto v = Query(sql, "WHERE id = :i", params);
  if (v.empty()) return std::nullopt;
  v.front().attendees = AttendeesOf(sql, id);
  return v.front();
}

std::vector<Meeting> OfYear(soci::session& sql, int fiscal_year, const std::string& kind) {
  std::vector<std::string> params{std::to_string(fiscal_year)};
  std::string where = "WHERE fiscal_year = CAST(:fy AS INTEGER)";
  if (!kind.empty()) params.push_back(kind), where += " AND kind = :k";
  return Query(sql, where + " ORDER BY held_at, id", params);
}

void InsertAction(soci::session& sql, const ActionItem& a) {
  sql << "INSERT INTO meeting_actions (id, meeting_id, title, owner_login, due_date, status, created_at) VALUES (:i, :m, :t, :o, :d, :s, "
         ":c)",
      soci::use(a.id), soci::use(a.meeting_id), soci::use(a.title), soci::use(a.owner_login), soci::use(a.due_date), soci::use(a.status),
      soci::use(a.created_at);
}

std::optional<ActionItem> LoadAction(soci::session& sql, const std::string& id) {
  const std::vector<std::string> params{id};
  auto v = QueryActions(sql, "WHERE a.id = :i", params);
  if (v.empty()) return std::nullopt;
  return v.front();
}

void SetActionStatus(soci::session& sql, const std::string& id, const std::string& status, const std::string& at) {
  std::string done = status == "done" ? at : "";
  soci::indicator di = done.empty() ? soci::i_null : soci::i_ok;
  sql << "UPDATE meeting_actions SET status = :s, done_at = :d WHERE id = :i", soci::use(status), soci::use(done, di), soci::use(id);
}

std::vector<ActionItem> ActionsOfMeeting(soci::session& sql, const std::string& meeting_id) {
  const std::vector<std::string> params{meeting_id};
  return QueryActions(sql, "WHERE a.meeting_id = :m ORDER BY a.status DESC, a.due_date, a.created_at", params);
}

std::vector<ActionItem> OpenActionsOf(soci::session& sql, const std::string& login) {
  const std::vector<std::string> params{login};
  return QueryActions(sql,
                      "WHERE a.owner_login = :o AND a.status = 'open' ORDER BY CASE WHEN a.due_date = '' THEN 1 ELSE 0 END, a.due_date, "
                      "a.created_at LIMIT 50",
                      params);
}

}  // namespace renkei::liaison::store
