#include "modules/outreach/store.hpp"
#include "platform/storage/columns.hpp"

namespace renkei::outreach::store {
namespace {

constexpr const char* kActivityColumns =
    "id, kind, municipality, date, fiscal_year, place, audience, reach, topic, acp, public, scenes, notes, COALESCE(lecturer_id, ''), "
    "created_by, created_at, updated_at";

std::vector<Activity> Query(soci::session& sql, const std::string& tail, const std::vector<std::string>& params) {
  Activity a;
  int acp = 0, pub = 0;
  std::string scenes;
  soci::statement st(sql);
  for (auto* s : {&a.id, &a.kind, &a.municipality, &a.date}) st.exchange(soci::into(*s));
  st.exchange(soci::into(a.fiscal_year));
  st.exchange(soci::into(a.place));
  st.exchange(soci::into(a.audience));
  st.exchange(soci::into(a.reach));
  st.exchange(soci::into(a.topic));
  st.exchange(soci::into(acp));
  st.exchange(soci::into(pub));
  for (auto* s : {&scenes, &a.notes, &a.lecturer_id, &a.created_by, &a.created_at, &a.updated_at}) st.exchange(soci::into(*s));
  for (const auto& p : params) st.exchange(soci::use(p));
  st.alloc();
  st.prepare(std::string("SELECT ") + kActivityColumns + " FROM outreach_activities " + tail);
  st.define_and_bind();
  st.execute();
  std::vector<Activity> out;
  while (st.fetch()) {
    Activity x = a;
    x.acp = acp != 0;
    x.is_public = pub != 0;
    x.scenes = storage::SplitCodes(scenes);
    out.push_back(std::move(x));
  }
  return out;
}

struct Writer {
  const Activity& a;
  int acp, pub;
  std::string scenes, lecturer;
  soci::indicator li;
  explicit Writer(const Activity& x)
      : a(x),
        acp(x.acp),
        pub(x.is_public),
        scenes(storage::JoinCodes(x.scenes)),
        lecturer(x.lecturer_id),
        li(storage::NullIfEmpty(x.lecturer_id)) {}
  void bind(soci::statement& st) {
    for (const auto* s : {&a.kind, &a.municipality, &a.date}) st.exchange(soci::use(*s));
    st.exchange(soci::use(a.fiscal_year));
    st.exchange(soci::use(a.place));
    st.exchange(soci::use(a.audience));
    st.exchange(soci::use(a.reach));
    st.exchange(soci::use(a.topic));
    st.exchange(soci::use(acp));
    st.exchange(soci::use(pub));
    st.exchange(soci::use(scenes));
    st.exchange(soci::use(a.notes));
    st.exchange(soci::use(lecturer, li));
    st.exchange(soci::use(a.updated_at));
  }
};

void Run(soci::statement& st, const std::string& q) {
  st.alloc();
  st.prepare(q);
  st.define_and_bind();
  st.execute(true);
}

constexpr const char* kRequestColumns =
    "id, reference, group_name, contact_name, phone, email, municipality, preferred, topic, audience_size, status, "
    "COALESCE(lecturer_id, ''), COALESCE(activity_id, ''), staff_note, created_at, updated_at";

std::vector<Request> QueryRequests(soci::session& sql, const std::string& tail, const std::vector<std::string>& params) {
  Request r;
  int size = 0;
  soci::indicator si;
  soci::statement st(sql);
  for (auto* s : {&r.id, &r.reference, &r.group_name, &r.contact_name, &r.phone, &r.email, &r.municipality, &r.preferred, &r.topic})
    st.exchange(soci::into(*s));
  st.exchange(soci::into(size, si));
  for (auto* s : {&r.status, &r.lecturer_id, &r.activity_id, &r.staff_note, &r.created_at, &r.updated_at}) st.exchange(soci::into(*s));
  for (const auto& p : params) st.exchange(soci::use(p));
  st.alloc();
  st.prepare(std::string("SELECT ") + kRequestColumns + " FROM outreach_requests " + tail);
  st.define_and_bind();
  st.execute();
  std::vector<Request> out;
  while (st.fetch()) {
    Request x = r;
    x.audience_size = si == soci::i_ok ? std::optional<int>(size) : std::nullopt;
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace

void InsertActivity(soci::session& sql, const Activity& a) {
  Writer w(a);
  soci::statement st(sql);
  st.exchange(soci::use(a.id));
  w.bind(st);
  st.exchange(soci::use(a.created_by));
  st.exchange(soci::use(a.created_at));
  Run(st,
      "INSERT INTO outreach_activities (id, kind, municipality, date, fiscal_year, place, audience, reach, topic, acp, public, scenes, "
      "notes, lecturer_id, updated_at, created_by, created_at) VALUES (:id, :a1, :a2, :a3, :a4, :a5, :a6, :a7, :a8, :a9, :a10, :a11, "
      ":a12, :a13, :a14, :cb, :ca)");
}

void UpdateActivity(soci::session& sql, const Activity& a) {
  Writer w(a);
  soci::statement st(sql);
  w.bind(st);
  st.exchange(soci::use(a.id));
  Run(st,
      "UPDATE outreach_activities SET kind = :a1, municipality = :a2, date = :a3, fiscal_year = :a4, place = :a5, audience = :a6, "
      "reach = :a7, topic = :a8, acp = :a9, public = :a10, scenes = :a11, notes = :a12, lecturer_id = :a13, updated_at = :a14 WHERE id = "
      ":id");
}

std::optional<Activity> LoadActivity(soci::session& sql, const std::string& id) {
  const std::vector<std::string> params{id};
  auto v = Query(sql, "WHERE id = :i", params);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<Activity> ActivitiesOfYear(soci::session& sql, int fiscal_year) {
  const std::vector<std::string> params{std::to_string(fiscal_year)};
  return Query(sql, "WHERE fiscal_year = CAST(:fy AS INTEGER) ORDER BY date, id", params);
}

std::vector<Activity> PublicFrom(soci::session& sql, const std::string& date) {
  const std::vector<std::string> params{date};
  return Query(sql, "WHERE public = 1 AND date >= :d ORDER BY date, id LIMIT 50", params);
}

void InsertLecturer(soci::session& sql, const Lecturer& l, const std::string& at) {
  int active = l.active ? 1 : 0;
  sql << "INSERT INTO outreach_lecturers (id, name, profession, affiliation, topics, availability, active, created_at) "
         "VALUES (:i, :n, :p, :a, :t, :v, :ac, :c)",
      soci::use(l.id), soci::use(l.name), soci::use(l.profession), soci::use(l.affiliation), soci::use(l.topics), soci::use(l.availability),
      soci::use(active), soci::use(at);
}

bool SetLecturerActive(soci::session& sql, const std::string& id, bool active) {
  int a = active ? 1 : 0;
  soci::statement st = (sql.prepare << "UPDATE outreach_lecturers SET active = :a WHERE id = :i", soci::use(a), soci::use(id));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<Lecturer> Lecturers(soci::session& sql, bool active_only) {
  std::vector<Lecturer> out;
  Lecturer l;
  int active = 0;
  std::string q = std::string("SELECT id, name, profession, affiliation, topics, availability, active FROM outreach_lecturers ") +
                  (active_only ? "WHERE active = 1 " : "") + "ORDER BY active DESC, name";
  soci::statement st = (sql.prepare << q, soci::into(l.id), soci::into(l.name), soci::into(l.profession), soci::into(l.affiliation),
                        soci::into(l.topics), soci::into(l.availability), soci::into(active));
  st.execute();
  while (st.fetch()) {
    l.active = active != 0;
    out.push_back(l);
  }
  return out;
}

void InsertRequest(soci::session& sql, const Request& r) {
  int size = r.audience_size.value_or(0);
  soci::indicator si = storage::NullIfUnset(r.audience_size);
  sql << "INSERT INTO outreach_requests (id, reference, group_name, contact_name, phone, email, municipality, preferred, topic, "
         "audience_size, status, created_at, updated_at) VALUES (:i, :r, :g, :c, :p, :e, :m, :pr, :t, :s, :st, :ca, :ua)",
      soci::use(r.id), soci::use(r.reference), soci::use(r.group_name), soci::use(r.contact_name), soci::use(r.phone), soci::use(r.email),
      soci::use(r.municipality), soci::use(r.preferred), soci::use(r.topic), soci::use(size, si), soci::use(r.status),
      soci::use(r.created_at), soci::use(r.updated_at);
}

std::optional<Request> LoadRequest(soci::session& sql, const std::string& id) {
  const std::vector<std::string> params{id};
  auto v = QueryRequests(sql, "WHERE id = :i", params);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<Request> Requests(soci::session& sql) {
  return QueryRequests(sql, "ORDER BY CASE status WHEN 'new' THEN 0 WHEN 'assigned' THEN 1 ELSE 2 END, created_at DESC LIMIT 500", {});
}

void UpdateRequest(soci::session& sql, const Request& r) {
  std::string lecturer = r.lecturer_id, activity = r.activity_id;
  soci::indicator li = storage::NullIfEmpty(lecturer), ai = storage::NullIfEmpty(activity);
  sql << "UPDATE outreach_requests SET status = :s, lecturer_id = :l, activity_id = :a, staff_note = :n, updated_at = :u WHERE id = :i",
      soci::use(r.status), soci::use(lecturer, li), soci::use(activity, ai), soci::use(r.staff_note), soci::use(r.updated_at),
      soci::use(r.id);
}

}  // namespace renkei::outreach::store
