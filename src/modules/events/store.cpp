#include "modules/events/store.hpp"
#include "platform/storage/columns.hpp"

namespace renkei::events::store {
namespace {

constexpr const char* kEventColumns =
    "id, title, kind, starts_at, ends_at, fiscal_year, COALESCE(venue_id, ''), venue_note, organizer, target_professions, capacity, "
    "program_item, scenes, description, status, reported_attendance, created_by, created_at, updated_at";

std::vector<Event> QueryEvents(soci::session& sql, const std::string& tail, const std::vector<std::string>& params) {
  Event e;
  std::string professions, scenes;
  int capacity = 0, reported = 0;
  soci::indicator cap_i, rep_i;
  soci::statement st(sql);
  for (auto* s : {&e.id, &e.title, &e.kind, &e.starts_at, &e.ends_at}) st.exchange(soci::into(*s));
  st.exchange(soci::into(e.fiscal_year));
  for (auto* s : {&e.venue_id, &e.venue_note, &e.organizer, &professions}) st.exchange(soci::into(*s));
  st.exchange(soci::into(capacity, cap_i));
  for (auto* s : {&e.program_item, &scenes, &e.description, &e.status}) st.exchange(soci::into(*s));
  st.exchange(soci::into(reported, rep_i));
  for (auto* s : {&e.created_by, &e.created_at, &e.updated_at}) st.exchange(soci::into(*s));
  for (const auto& p : params) st.exchange(soci::use(p));
  st.alloc();
  st.prepare(std::string("SELECT ") + kEventColumns + " FROM events " + tail);
  st.define_and_bind();
  st.execute();
  std::vector<Event> out;
  while (st.fetch()) {
    Event x = e;
    x.target_professions = storage::SplitCodes(professions);
    x.scenes = storage::SplitCodes(scenes);
    x.capacity = cap_i == soci::i_ok ? std::optional<int>(capacity) : std::nullopt;
    x.reported_attendance = rep_i == soci::i_ok ? std::optional<int>(reported) : std::nullopt;
    out.push_back(std::move(x));
  }
  return out;
}

std::vector<Lecturer> LecturersOf(soci::session& sql, const std::string& id) {
  std::vector<Lecturer> out;
  Lecturer l;
  soci::statement st = (sql.prepare << "SELECT name, affiliation FROM event_lecturers WHERE event_id = :e ORDER BY ord", soci::use(id),
                        soci::into(l.name), soci::into(l.affiliation));
  st.execute();
  while (st.fetch()) out.push_back(l);
  return out;
}

void ReplaceLecturers(soci::session& sql, const Event& e) {
  sql << "DELETE FROM event_lecturers WHERE event_id = :e", soci::use(e.id);
  int ord = 0;
  for (const auto& l : e.lecturers) {
    sql << "INSERT INTO event_lecturers (event_id, ord, name, affiliation) VALUES (:e, :o, :n, :a)", soci::use(e.id), soci::use(ord),
        soci::use(l.name), soci::use(l.affiliation);
    ++ord;
  }
}

// Binds the written columns of an event in the order of kWrite.
struct Writer {
  const Event& e;
  std::string professions, scenes, venue;
  int capacity = 0, reported = 0;
  soci::indicator venue_i, cap_i, rep_i;
  explicit Writer(const Event& ev)
      : e(ev),
        professions(storage::JoinCodes(ev.target_professions)),
        scenes(storage::JoinCodes(ev.scenes)),
        venue(ev.venue_id),
        capacity(ev.capacity.value_or(0)),
        reported(ev.reported_attendance.value_or(0)),
        venue_i(storage::NullIfEmpty(ev.venue_id)),
        cap_i(storage::NullIfUnset(ev.capacity)),
        rep_i(storage::NullIfUnset(ev.reported_attendance)) {}
  void bind(soci::statement& st) {
    for (const auto* s : {&e.title, &e.kind, &e.starts_at, &e.ends_at}) st.exchange(soci::use(*s));
    st.exchange(soci::use(e.fiscal_year));
    st.exchange(soci::use(venue, venue_i));
    for (const std::string* s : std::initializer_list<const std::string*>{&e.venue_note, &e.organizer, &professions})
      st.exchange(soci::use(*s));
    st.exchange(soci::use(capacity, cap_i));
    for (const std::string* s : std::initializer_list<const std::string*>{&e.program_item, &scenes, &e.description, &e.status})
      st.exchange(soci::use(*s));
    st.exchange(soci::use(reported, rep_i));
    st.exchange(soci::use(e.updated_at));
  }
};

void Run(soci::statement& st, const std::string& q) {
  st.alloc();
  st.prepare(q);
  st.define_and_bind();
  st.execute(true);
}

constexpr const char* kRegColumns =
    "id, event_id, reference, name, organization, COALESCE(facility_id, ''), organization_kind, profession, municipality, email, phone, "
    "status, attended, walk_in, created_at, COALESCE(cancelled_at, ''), COALESCE(attended_at, '')";

std::vector<Registration> QueryRegistrations(soci::session& sql, const std::string& tail, const std::vector<std::string>& params) {
  Registration r;
  int attended = 0, walk_in = 0;
  soci::statement st(sql);
  for (auto* s : {&r.id, &r.event_id, &r.reference, &r.name, &r.organization, &r.facility_id, &r.organization_kind, &r.profession,
                  &r.municipality, &r.email, &r.phone, &r.status})
    st.exchange(soci::into(*s));
  st.exchange(soci::into(attended));
  st.exchange(soci::into(walk_in));
  for (auto* s : {&r.created_at, &r.cancelled_at, &r.attended_at}) st.exchange(soci::into(*s));
  for (const auto& p : params) st.exchange(soci::use(p));
  st.alloc();
  st.prepare(std::string("SELECT ") + kRegColumns + " FROM event_registrations " + tail);
  st.define_and_bind();
  st.execute();
  std::vector<Registration> out;
  while (st.fetch()) {
    Registration x = r;
    x.attended = attended != 0;
    x.walk_in = walk_in != 0;
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace

void InsertVenue(soci::session& sql, const Venue& v, const std::string& at) {
  int cap = v.capacity.value_or(0);
  soci::indicator ci = storage::NullIfUnset(v.capacity);
  sql << "INSERT INTO venues (id, name, address, capacity, created_at) VALUES (:i, :n, :a, :c, :t)", soci::use(v.id), soci::use(v.name),
      soci::use(v.address), soci::use(cap, ci), soci::use(at);
}

std::vector<Venue> ListVenues(soci::session& sql) {
  std::vector<Venue> out;
  Venue v;
  int cap = 0;
  soci::indicator ci;
  soci::statement st = (sql.prepare << "SELECT id, name, address, capacity FROM venues ORDER BY name", soci::into(v.id), soci::into(v.name),
                        soci::into(v.address), soci::into(cap, ci));
  st.execute();
  while (st.fetch()) {
    v.capacity = ci == soci::i_ok ? std::optional<int>(cap) : std::nullopt;
    out.push_back(v);
  }
  return out;
}

std::optional<Venue> FindVenue(soci::session& sql, const std::string& id) {
  for (auto& v : ListVenues(sql))
    if (v.id == id) return v;
  return std::nullopt;
}

void Insert(soci::session& sql, const Event& e) {
  Writer w(e);
  soci::statement st(sql);
  st.exchange(soci::use(e.id));
  w.bind(st);
  st.exchange(soci::use(e.created_by));
  st.exchange(soci::use(e.created_at));
  Run(st,
      "INSERT INTO events (id, title, kind, starts_at, ends_at, fiscal_year, venue_id, venue_note, organizer, target_professions, "
      "capacity, program_item, scenes, description, status, reported_attendance, updated_at, created_by, created_at) VALUES "
      "(:id, :a1, :a2, :a3, :a4, :a5, :a6, :a7, :a8, :a9, :a10, :a11, :a12, :a13, :a14, :a15, :a16, :cb, :ca)");
  ReplaceLecturers(sql, e);
}

void Update(soci::session& sql, const Event& e) {
  Writer w(e);
  soci::statement st(sql);
  w.bind(st);
  st.exchange(soci::use(e.id));
  Run(st,
      "UPDATE events SET title = :a1, kind = :a2, starts_at = :a3, ends_at = :a4, fiscal_year = :a5, venue_id = :a6, venue_note = :a7, "
      "organizer = :a8, target_professions = :a9, capacity = :a10, program_item = :a11, scenes = :a12, description = :a13, status = :a14, "
      "reported_attendance = :a15, updated_at = :a16 WHERE id = :id");
  ReplaceLecturers(sql, e);
}

std::optional<Event> Load(soci::session& sql, const std::string& id) {
  const std::vector<std::string> params{id};
  auto v = QueryEvents(sql, "WHERE id = :i", params);
  if (v.empty()) return std::nullopt;
  v.front().lecturers = LecturersOf(sql, id);
  return v.front();
}

void Lock(soci::session& sql, storage::Engine engine, const std::string& id) {
  if (engine != storage::Engine::kPostgres) return;
  std::string got;
  soci::indicator gi;
  sql << "SELECT id FROM events WHERE id = :i FOR UPDATE", soci::use(id), soci::into(got, gi);
}

std::vector<Event> List(soci::session& sql, int fiscal_year, bool public_only, const std::string& ending_after) {
  std::vector<std::string> params;
  std::string where = "WHERE 1 = 1";
  if (fiscal_year) params.push_back(std::to_string(fiscal_year)), where += " AND fiscal_year = CAST(:fy AS INTEGER)";
  if (public_only) where += " AND status <> 'draft'";
  if (!ending_after.empty()) params.push_back(ending_after), where += " AND ends_at >= :after";
  auto out = QueryEvents(sql, where + " ORDER BY starts_at, id", params);
  for (auto& e : out) e.lecturers = LecturersOf(sql, e.id);
  return out;
}

void InsertRegistration(soci::session& sql, const Registration& r, const std::string& cancel_hash) {
  std::string facility = r.facility_id;
  soci::indicator fi = storage::NullIfEmpty(facility);
  int attended = r.attended ? 1 : 0, walk_in = r.walk_in ? 1 : 0;
  std::string attended_at = r.attended_at;
  soci::indicator ai = storage::NullIfEmpty(attended_at);
  sql << "INSERT INTO event_registrations (id, event_id, reference, cancel_hash, name, organization, facility_id, organization_kind, "
         "profession, municipality, email, phone, status, attended, walk_in, created_at, attended_at) VALUES (:i, :e, :r, :h, :n, :o, :f, "
         ":k, :p, :m, :em, :ph, :s, :at, :w, :c, :aa)",
      soci::use(r.id), soci::use(r.event_id), soci::use(r.reference), soci::use(cancel_hash), soci::use(r.name), soci::use(r.organization),
      soci::use(facility, fi), soci::use(r.organization_kind), soci::use(r.profession), soci::use(r.municipality), soci::use(r.email),
      soci::use(r.phone), soci::use(r.status), soci::use(attended), soci::use(walk_in), soci::use(r.created_at), soci::use(attended_at, ai);
}

std::vector<Registration> Registrations(soci::session& sql, const std::string& event_id) {
  const std::vector<std::string> params{event_id};
  return QueryRegistrations(sql, "WHERE event_id = :e ORDER BY created_at, id", params);
}

std::optional<Registration> FindRegistration(soci::session& sql, const std::string& event_id, const std::string& id) {
  const std::vector<std::string> params{event_id, id};
  auto v = QueryRegistrations(sql, "WHERE event_id = :e AND id = :i", params);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::optional<Registration> FindByCancelHash(soci::session& sql, const std::string& hash) {
  const std::vector<std::string> params{hash};
  auto v = QueryRegistrations(sql, "WHERE cancel_hash = :h", params);
  if (v.empty()) return std::nullopt;
  return v.front();
}

void SetRegistrationStatus(soci::session& sql, const std::string& id, const std::string& status, const std::string& at) {
  std::string cancelled = status == "cancelled" ? at : "";
  soci::indicator ci = storage::NullIfEmpty(cancelled);
  sql << "UPDATE event_registrations SET status = :s, cancelled_at = :c WHERE id = :i", soci::use(status), soci::use(cancelled, ci),
      soci::use(id);
}

void SetAttended(soci::session& sql, const std::string& id, bool attended, const std::string& at) {
  int a = attended ? 1 : 0;
  std::string when = attended ? at : "";
  soci::indicator wi = attended ? soci::i_ok : soci::i_null;
  sql << "UPDATE event_registrations SET attended = :a, attended_at = :t WHERE id = :i", soci::use(a), soci::use(when, wi), soci::use(id);
}

long long CountWithStatus(soci::session& sql, const std::string& event_id, const std::string& status) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM event_registrations WHERE event_id = :e AND status = :s", soci::use(event_id), soci::use(status),
      soci::into(n);
  return n;
}

std::optional<Registration> FirstWaitlisted(soci::session& sql, const std::string& event_id) {
  const std::vector<std::string> params{event_id};
  auto v = QueryRegistrations(sql, "WHERE event_id = :e AND status = 'waitlisted' ORDER BY created_at, id LIMIT 1", params);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<Registration> RegistrationsOfYear(soci::session& sql, int fiscal_year) {
  const std::vector<std::string> params{std::to_string(fiscal_year)};
  return QueryRegistrations(sql, "WHERE event_id IN (SELECT id FROM events WHERE fiscal_year = CAST(:fy AS INTEGER)) ORDER BY created_at",
                            params);
}

void InsertEvaluation(soci::session& sql, const std::string& id, const std::string& event_id, const Evaluation& e) {
  sql << "INSERT INTO event_evaluations (id, event_id, satisfaction, useful, comment, created_at) VALUES (:i, :e, :s, :u, :c, :a)",
      soci::use(id), soci::use(event_id), soci::use(e.satisfaction), soci::use(e.useful), soci::use(e.comment), soci::use(e.created_at);
}

std::vector<Evaluation> Evaluations(soci::session& sql, const std::string& event_id) {
  std::vector<Evaluation> out;
  Evaluation e;
  soci::statement st =
      (sql.prepare << "SELECT satisfaction, useful, comment, created_at FROM event_evaluations WHERE event_id = :e "
                      "ORDER BY created_at",
       soci::use(event_id), soci::into(e.satisfaction), soci::into(e.useful), soci::into(e.comment), soci::into(e.created_at));
  st.execute();
  while (st.fetch()) out.push_back(e);
  return out;
}

std::string FacilityKind(soci::session& sql, const std::string& id) {
  std::string kind;
  soci::indicator ki = soci::i_null;
  sql << "SELECT kind FROM facilities WHERE id = :i", soci::use(id), soci::into(kind, ki);
  return sql.got_data() && ki == soci::i_ok ? kind : std::string();
}

}  // namespace renkei::events::store
