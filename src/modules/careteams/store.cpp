#include "modules/careteams/store.hpp"

#include <string_view>

#include "platform/storage/columns.hpp"

namespace renkei::careteams::store {
namespace {

// The record's text columns in one order, for reading and writing alike. The places are nullable
// references to the directory: read through COALESCE, written as NULL when empty.
constexpr const char* kTextColumns[] = {"name",
                                        "kana",
                                        "search_key",
                                        "birth_date",
                                        "sex",
                                        "municipality",
                                        "address",
                                        "phone",
                                        "insured_number",
                                        "care_level",
                                        "care_level_from",
                                        "care_level_to",
                                        "key_person",
                                        "emergency_contacts",
                                        "diseases",
                                        "medicines",
                                        "allergies",
                                        "devices",
                                        "end_of_life_plan",
                                        "consent_date",
                                        "consent_method",
                                        "consent_by",
                                        "consent_recorded_by",
                                        "created_by",
                                        "created_at",
                                        "updated_at",
                                        "last_activity_at"};
// The columns a staff edit changes: kTextColumns up to end_of_life_plan.
constexpr size_t kEditedColumns = 19;
static_assert(std::string_view(kTextColumns[kEditedColumns - 1]) == "end_of_life_plan");
constexpr const char* kPlaceColumns[] = {"clinic_id", "nursing_id", "care_office_id", "pharmacy_id", "hospital_id"};

struct Fields {
  Patient& p;
  std::string devices;
  std::vector<std::string*> text() {
    return {&p.name,
            &p.kana,
            &p.search_key,
            &p.birth_date,
            &p.sex,
            &p.municipality,
            &p.address,
            &p.phone,
            &p.insured_number,
            &p.care_level,
            &p.care_level_from,
            &p.care_level_to,
            &p.key_person,
            &p.emergency_contacts,
            &p.diseases,
            &p.medicines,
            &p.allergies,
            &devices,
            &p.end_of_life_plan,
            &p.consent_date,
            &p.consent_method,
            &p.consent_by,
            &p.consent_recorded_by,
            &p.created_by,
            &p.created_at,
            &p.updated_at,
            &p.last_activity_at};
  }
  std::vector<std::string*> places() { return {&p.clinic_id, &p.nursing_id, &p.care_office_id, &p.pharmacy_id, &p.hospital_id}; }
};

// NULL for a place not chosen (the column references the directory).
std::vector<soci::indicator> Indicators(const std::vector<std::string*>& places) {
  std::vector<soci::indicator> out;
  out.reserve(places.size());
  for (const auto* s : places) out.push_back(storage::NullIfEmpty(*s));
  return out;
}

// "a, b, c" of the columns, the places last (read through COALESCE when `coalesce`).
std::string ColumnList(bool with_places, bool coalesce) {
  std::string out;
  for (const char* c : kTextColumns) out += std::string(out.empty() ? "" : ", ") + c;
  if (with_places)
    for (const char* c : kPlaceColumns) out += coalesce ? std::string(", COALESCE(") + c + ", '')" : std::string(", ") + c;
  return out;
}

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += (i ? ", :p" : ":p") + std::to_string(i);
  return out;
}

constexpr const char* kMemberColumns =
    "m.user_id, u.login, u.display_name, COALESCE(u.profession, ''), m.status, m.invited_by, m.invited_at, m.joined_at, m.ended_at, "
    "m.last_read_at FROM team_members m JOIN users u ON u.id = m.user_id ";

// soci binds references: `params` must outlive the statement (never a temporary).
std::vector<Member> QueryMembers(soci::session& sql, const std::string& where, const std::vector<std::string>& params) {
  Member m;
  soci::statement st(sql);
  for (const auto& x : params) st.exchange(soci::use(x));
  for (auto* f : {&m.user_id, &m.login, &m.display_name, &m.profession, &m.status, &m.invited_by, &m.invited_at, &m.joined_at, &m.ended_at,
                  &m.last_read_at})
    st.exchange(soci::into(*f));
  st.alloc();
  st.prepare(std::string("SELECT ") + kMemberColumns + where);
  st.define_and_bind();
  st.execute();
  std::vector<Member> out;
  while (st.fetch()) out.push_back(m);
  return out;
}

constexpr const char* kPostColumns =
    "SELECT p.id, p.patient_id, p.author_id, u.display_name, COALESCE(u.profession, ''), p.kind, p.body, p.data, "
    "COALESCE(p.reply_to, ''), p.created_at FROM team_posts p JOIN users u ON u.id = p.author_id ";

std::vector<Post> QueryPosts(soci::session& sql, const std::string& where, const std::vector<std::string>& params) {
  Post p;
  soci::statement st(sql);
  for (const auto& x : params) st.exchange(soci::use(x));
  for (auto* s :
       {&p.id, &p.patient_id, &p.author_id, &p.author_name, &p.author_profession, &p.kind, &p.body, &p.data, &p.reply_to, &p.created_at})
    st.exchange(soci::into(*s));
  st.alloc();
  st.prepare(std::string(kPostColumns) + where);
  st.define_and_bind();
  st.execute();
  std::vector<Post> out;
  while (st.fetch()) out.push_back(p);
  return out;
}

}  // namespace

void InsertPatient(soci::session& sql, const Patient& in) {
  Patient p = in;
  Fields f{p, storage::JoinCodes(p.devices)};
  auto text = f.text();
  auto places = f.places();
  std::vector<soci::indicator> inds = Indicators(places);
  soci::statement st(sql);
  st.exchange(soci::use(p.id));
  for (auto* s : text) st.exchange(soci::use(*s));
  for (size_t i = 0; i < places.size(); ++i) st.exchange(soci::use(*places[i], inds[i]));
  st.exchange(soci::use(p.version));
  st.alloc();
  st.prepare("INSERT INTO patients (id, " + ColumnList(true, false) + ", version) VALUES (:id, " +
             Placeholders(text.size() + places.size()) + ", :v)");
  st.define_and_bind();
  st.execute(true);
}

bool UpdatePatient(soci::session& sql, const Patient& in, int version) {
  Patient p = in;
  Fields f{p, storage::JoinCodes(p.devices)};
  // What the form edits (the first kEditedColumns, then updated_at); consent, creation and activity stay.
  auto text = f.text();
  std::vector<std::string*> edited(text.begin(), text.begin() + kEditedColumns);
  edited.push_back(&p.updated_at);
  auto places = f.places();
  std::vector<soci::indicator> inds = Indicators(places);
  std::string set;
  int n = 0;
  soci::statement st(sql);
  for (size_t i = 0; i < edited.size(); ++i, ++n) {
    set += std::string(i ? ", " : "") + (i < kEditedColumns ? kTextColumns[i] : "updated_at") + " = :p" + std::to_string(n);
    st.exchange(soci::use(*edited[i]));
  }
  for (size_t i = 0; i < places.size(); ++i, ++n) {
    set += std::string(", ") + kPlaceColumns[i] + " = :p" + std::to_string(n);
    st.exchange(soci::use(*places[i], inds[i]));
  }
  st.exchange(soci::use(p.id));
  st.exchange(soci::use(version));
  st.alloc();
  st.prepare("UPDATE patients SET " + set + ", version = version + 1 WHERE id = :id AND version = :v");
  st.define_and_bind();
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::optional<Patient> LoadPatient(soci::session& sql, const std::string& id) {
  Patient p;
  Fields f{p, ""};
  soci::statement st(sql);
  st.exchange(soci::use(id));
  st.exchange(soci::into(p.id));
  for (auto* s : f.text()) st.exchange(soci::into(*s));
  for (auto* s : f.places()) st.exchange(soci::into(*s));
  st.exchange(soci::into(p.version));
  st.alloc();
  st.prepare("SELECT id, " + ColumnList(true, true) + ", version FROM patients WHERE id = :id");
  st.define_and_bind();
  st.execute();
  if (!st.fetch()) return std::nullopt;
  p.devices = storage::SplitCodes(f.devices);
  return p;
}

void SetConsent(soci::session& sql, const Patient& p) {
  sql << "UPDATE patients SET consent_date = :d, consent_method = :m, consent_by = :b, consent_recorded_by = :r, updated_at = :u, "
         "version = version + 1 WHERE id = :id",
      soci::use(p.consent_date), soci::use(p.consent_method), soci::use(p.consent_by), soci::use(p.consent_recorded_by),
      soci::use(p.updated_at), soci::use(p.id);
}

void TouchActivity(soci::session& sql, const std::string& patient_id, const std::string& at) {
  sql << "UPDATE patients SET last_activity_at = :at WHERE id = :id", soci::use(at), soci::use(patient_id);
}

std::optional<Member> MemberOf(soci::session& sql, const std::string& patient_id, const std::string& user_id) {
  const std::vector<std::string> params = {patient_id, user_id};
  auto v = QueryMembers(sql, "WHERE m.patient_id = :p AND m.user_id = :u", params);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<Member> Members(soci::session& sql, const std::string& patient_id) {
  const std::vector<std::string> params = {patient_id};
  return QueryMembers(sql, "WHERE m.patient_id = :p AND m.status IN ('active', 'invited') ORDER BY m.invited_at, u.login", params);
}

void Invite(soci::session& sql, const std::string& patient_id, const std::string& user_id, const std::string& by, const std::string& at) {
  soci::statement st = (sql.prepare << "UPDATE team_members SET status = 'invited', invited_by = :by, invited_at = :at, joined_at = '', "
                                       "ended_at = '', ended_by = '' WHERE patient_id = :p AND user_id = :u",
                        soci::use(by), soci::use(at), soci::use(patient_id), soci::use(user_id));
  st.execute(true);
  if (st.get_affected_rows() > 0) return;
  sql << "INSERT INTO team_members (patient_id, user_id, status, invited_by, invited_at) VALUES (:p, :u, 'invited', :by, :at)",
      soci::use(patient_id), soci::use(user_id), soci::use(by), soci::use(at);
}

void Join(soci::session& sql, const std::string& patient_id, const std::string& user_id, const std::string& at) {
  sql << "UPDATE team_members SET status = 'active', joined_at = :at, last_read_at = :at2 WHERE patient_id = :p AND user_id = :u",
      soci::use(at), soci::use(at), soci::use(patient_id), soci::use(user_id);
}

void EndMembership(soci::session& sql, const std::string& patient_id, const std::string& user_id, const std::string& status,
                   const std::string& by, const std::string& at) {
  sql << "UPDATE team_members SET status = :s, ended_at = :at, ended_by = :by WHERE patient_id = :p AND user_id = :u", soci::use(status),
      soci::use(at), soci::use(by), soci::use(patient_id), soci::use(user_id);
}

void MarkRead(soci::session& sql, const std::string& patient_id, const std::string& user_id, const std::string& at) {
  sql << "UPDATE team_members SET last_read_at = :at WHERE patient_id = :p AND user_id = :u", soci::use(at), soci::use(patient_id),
      soci::use(user_id);
}

std::vector<TeamRow> TeamsOf(soci::session& sql, const std::string& user_id, const std::string& key, int limit) {
  std::string like = "%" + key + "%";
  TeamRow r;
  soci::statement st = (sql.prepare << "SELECT p.id, p.name, p.kana, p.municipality, p.last_activity_at, "
                                       "(SELECT COUNT(*) FROM team_posts t WHERE t.patient_id = p.id AND t.author_id <> m.user_id "
                                       "AND t.created_at > m.last_read_at) "
                                       "FROM team_members m JOIN patients p ON p.id = m.patient_id "
                                       "WHERE m.user_id = :u AND m.status = 'active' AND p.search_key LIKE :k "
                                       "ORDER BY p.last_activity_at DESC, p.id LIMIT :n",
                        soci::use(user_id), soci::use(like), soci::use(limit), soci::into(r.patient_id), soci::into(r.name),
                        soci::into(r.kana), soci::into(r.municipality), soci::into(r.last_activity_at), soci::into(r.unread));
  st.execute();
  std::vector<TeamRow> out;
  while (st.fetch()) out.push_back(r);
  return out;
}

std::vector<InvitationRow> InvitationsOf(soci::session& sql, const std::string& user_id) {
  InvitationRow r;
  soci::statement st =
      (sql.prepare << "SELECT p.id, p.name, COALESCE(u.display_name, m.invited_by), m.invited_at "
                      "FROM team_members m JOIN patients p ON p.id = m.patient_id "
                      "LEFT JOIN users u ON u.login = m.invited_by "
                      "WHERE m.user_id = :u AND m.status = 'invited' ORDER BY m.invited_at DESC",
       soci::use(user_id), soci::into(r.patient_id), soci::into(r.name), soci::into(r.invited_by_name), soci::into(r.invited_at));
  st.execute();
  std::vector<InvitationRow> out;
  while (st.fetch()) out.push_back(r);
  return out;
}

void InsertPost(soci::session& sql, const Post& p) {
  soci::indicator reply_i = storage::NullIfEmpty(p.reply_to);
  sql << "INSERT INTO team_posts (id, patient_id, author_id, kind, body, data, search_key, reply_to, created_at) "
         "VALUES (:id, :p, :a, :k, :b, :d, :s, :r, :at)",
      soci::use(p.id), soci::use(p.patient_id), soci::use(p.author_id), soci::use(p.kind), soci::use(p.body), soci::use(p.data),
      soci::use(p.search_key), soci::use(p.reply_to, reply_i), soci::use(p.created_at);
}

std::optional<Post> LoadPost(soci::session& sql, const std::string& id) {
  auto v = QueryPosts(sql, "WHERE p.id = :id", {id});
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<Post> Posts(soci::session& sql, const std::string& patient_id, const std::string& kind, int limit, const std::string& key) {
  std::string where = "WHERE p.patient_id = :p";
  std::vector<std::string> params = {patient_id};
  if (!kind.empty()) {
    where += " AND p.kind = :k";
    params.push_back(kind);
  }
  if (!key.empty()) {
    where += " AND p.search_key LIKE :q";
    params.push_back("%" + key + "%");
  }
  return QueryPosts(sql, where + " ORDER BY p.created_at DESC, p.id DESC LIMIT " + std::to_string(limit), params);
}

bool Confirm(soci::session& sql, const std::string& post_id, const std::string& user_id, const std::string& at) {
  soci::statement st = (sql.prepare << "INSERT INTO team_confirmations (post_id, user_id, at) VALUES (:p, :u, :at) "
                                       "ON CONFLICT (post_id, user_id) DO NOTHING",
                        soci::use(post_id), soci::use(user_id), soci::use(at));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::map<std::string, std::vector<Confirmation>> ConfirmationsOf(soci::session& sql, const std::string& patient_id,
                                                                 const std::string& since) {
  std::string post;
  Confirmation c;
  soci::statement st =
      (sql.prepare << "SELECT c.post_id, c.user_id, u.display_name, c.at FROM team_confirmations c "
                      "JOIN team_posts p ON p.id = c.post_id JOIN users u ON u.id = c.user_id "
                      "WHERE p.patient_id = :p AND p.created_at >= :since ORDER BY c.at",
       soci::use(patient_id), soci::use(since), soci::into(post), soci::into(c.user_id), soci::into(c.display_name), soci::into(c.at));
  st.execute();
  std::map<std::string, std::vector<Confirmation>> out;
  while (st.fetch()) out[post].push_back(c);
  return out;
}

std::vector<Person> PeopleOf(soci::session& sql, const std::string& facility_id) {
  Person p;
  soci::statement st =
      (sql.prepare << "SELECT u.id, u.login, u.display_name, COALESCE(u.profession, '') FROM memberships m "
                      "JOIN users u ON u.id = m.user_id WHERE m.facility_id = :f AND u.disabled = 0 ORDER BY u.display_name",
       soci::use(facility_id), soci::into(p.user_id), soci::into(p.login), soci::into(p.display_name), soci::into(p.profession));
  st.execute();
  std::vector<Person> out;
  while (st.fetch()) out.push_back(p);
  for (auto& x : out) {
    std::string role;
    soci::statement rs =
        (sql.prepare << "SELECT role FROM user_roles WHERE user_id = :u ORDER BY role", soci::use(x.user_id), soci::into(role));
    rs.execute();
    while (rs.fetch()) x.roles.push_back(role);
  }
  return out;
}

namespace {
constexpr const char* kTaskColumns =
    "SELECT t.id, t.patient_id, p.name, t.title, t.owner_id, u.display_name, t.due_date, t.created_by, t.created_at, t.done_at, t.done_by "
    "FROM team_tasks t JOIN patients p ON p.id = t.patient_id JOIN users u ON u.id = t.owner_id ";

std::vector<Task> QueryTasks(soci::session& sql, const std::string& where, const std::string& key, int limit) {
  Task t;
  soci::statement st(sql);
  st.exchange(soci::use(key));
  st.exchange(soci::use(limit));
  for (auto* s : {&t.id, &t.patient_id, &t.patient_name, &t.title, &t.owner_id, &t.owner_name, &t.due_date, &t.created_by, &t.created_at,
                  &t.done_at, &t.done_by})
    st.exchange(soci::into(*s));
  st.alloc();
  st.prepare(std::string(kTaskColumns) + where);
  st.define_and_bind();
  st.execute();
  std::vector<Task> out;
  while (st.fetch()) out.push_back(t);
  return out;
}
}  // namespace

void InsertTask(soci::session& sql, const Task& t) {
  sql << "INSERT INTO team_tasks (id, patient_id, title, owner_id, due_date, created_by, created_at) VALUES (:id, :p, :t, :o, :d, :b, :a)",
      soci::use(t.id), soci::use(t.patient_id), soci::use(t.title), soci::use(t.owner_id), soci::use(t.due_date), soci::use(t.created_by),
      soci::use(t.created_at);
}

std::optional<Task> LoadTask(soci::session& sql, const std::string& id) {
  auto v = QueryTasks(sql, "WHERE t.id = :id LIMIT :n", id, 1);
  if (v.empty()) return std::nullopt;
  return v.front();
}

bool CompleteTask(soci::session& sql, const std::string& id, const std::string& by, const std::string& at) {
  soci::statement st = (sql.prepare << "UPDATE team_tasks SET done_at = :at, done_by = :by WHERE id = :id AND done_at = ''", soci::use(at),
                        soci::use(by), soci::use(id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::vector<Task> TasksOf(soci::session& sql, const std::string& patient_id, int limit) {
  return QueryTasks(sql,
                    "WHERE t.patient_id = :p ORDER BY CASE WHEN t.done_at = '' THEN 0 ELSE 1 END, "
                    "CASE WHEN t.done_at = '' THEN t.due_date ELSE '' END, t.done_at DESC, t.created_at LIMIT :n",
                    patient_id, limit);
}

std::vector<Task> OpenTasksFor(soci::session& sql, const std::string& user_id, int limit) {
  return QueryTasks(
      sql,
      "JOIN team_members m ON m.patient_id = t.patient_id AND m.user_id = t.owner_id AND m.status = 'active' "
      "WHERE t.owner_id = :u AND t.done_at = '' ORDER BY CASE WHEN t.due_date = '' THEN 1 ELSE 0 END, t.due_date, t.created_at "
      "LIMIT :n",
      user_id, limit);
}

void InsertNotification(soci::session& sql, const Notification& n) {
  sql << "INSERT INTO team_notifications (id, user_id, patient_id, post_id, kind, by_name, created_at) VALUES (:id, :u, :p, :post, :k, :b, "
         ":at)",
      soci::use(n.id), soci::use(n.user_id), soci::use(n.patient_id), soci::use(n.post_id), soci::use(n.kind), soci::use(n.by_name),
      soci::use(n.created_at);
}

std::vector<Notification> UnreadFor(soci::session& sql, const std::string& user_id, int limit) {
  Notification n;
  soci::statement st =
      (sql.prepare << "SELECT n.id, n.user_id, n.patient_id, p.name, n.post_id, n.kind, n.by_name, n.created_at, n.read_at "
                      "FROM team_notifications n JOIN patients p ON p.id = n.patient_id "
                      "JOIN team_members m ON m.patient_id = n.patient_id AND m.user_id = n.user_id AND m.status = 'active' "
                      "WHERE n.user_id = :u AND n.read_at = '' ORDER BY n.created_at DESC LIMIT :n",
       soci::use(user_id), soci::use(limit), soci::into(n.id), soci::into(n.user_id), soci::into(n.patient_id), soci::into(n.patient_name),
       soci::into(n.post_id), soci::into(n.kind), soci::into(n.by_name), soci::into(n.created_at), soci::into(n.read_at));
  st.execute();
  std::vector<Notification> out;
  while (st.fetch()) out.push_back(n);
  return out;
}

void MarkNotificationsRead(soci::session& sql, const std::string& user_id, const std::string& patient_id, const std::string& at) {
  sql << "UPDATE team_notifications SET read_at = :at WHERE user_id = :u AND patient_id = :p AND read_at = ''", soci::use(at),
      soci::use(user_id), soci::use(patient_id);
}

// ---- files ----------------------------------------------------------------------------------------

namespace {

constexpr const char* kFileColumns =
    "SELECT id, patient_id, post_id, position, kind, name, content_type, size, width, height, blob, thumb_blob, created_at FROM "
    "team_files ";

std::vector<File> QueryFiles(soci::session& sql, const std::string& where, const std::vector<std::string>& params) {
  File f;
  soci::statement st(sql);
  for (const auto& x : params) st.exchange(soci::use(x));
  for (auto* s : {&f.id, &f.patient_id, &f.post_id}) st.exchange(soci::into(*s));
  st.exchange(soci::into(f.position));
  for (auto* s : {&f.kind, &f.name, &f.content_type}) st.exchange(soci::into(*s));
  st.exchange(soci::into(f.size));
  st.exchange(soci::into(f.width));
  st.exchange(soci::into(f.height));
  for (auto* s : {&f.blob, &f.thumb_blob, &f.created_at}) st.exchange(soci::into(*s));
  st.alloc();
  st.prepare(std::string(kFileColumns) + where);
  st.define_and_bind();
  st.execute();
  std::vector<File> out;
  while (st.fetch()) out.push_back(f);
  return out;
}

}  // namespace

void InsertFile(soci::session& sql, const File& f) {
  sql << "INSERT INTO team_files (id, patient_id, post_id, position, kind, name, content_type, size, width, height, blob, thumb_blob, "
         "created_at) VALUES (:id, :pa, :po, :pos, :k, :n, :ct, :s, :w, :h, :b, :tb, :at)",
      soci::use(f.id), soci::use(f.patient_id), soci::use(f.post_id), soci::use(f.position), soci::use(f.kind), soci::use(f.name),
      soci::use(f.content_type), soci::use(f.size), soci::use(f.width), soci::use(f.height), soci::use(f.blob), soci::use(f.thumb_blob),
      soci::use(f.created_at);
}

std::optional<File> LoadFile(soci::session& sql, const std::string& id) {
  auto v = QueryFiles(sql, "WHERE id = :id", {id});
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::map<std::string, std::vector<File>> FilesOf(soci::session& sql, const std::string& patient_id, const std::string& since) {
  std::map<std::string, std::vector<File>> out;
  for (auto& f : QueryFiles(sql, "WHERE patient_id = :p AND created_at >= :s ORDER BY post_id, position", {patient_id, since}))
    out[f.post_id].push_back(std::move(f));
  return out;
}

// ---- e-mail digests --------------------------------------------------------------------------------

std::string DigestEmailOf(soci::session& sql, const std::string& user_id) {
  std::string email;
  soci::indicator ind = soci::i_null;
  sql << "SELECT email FROM team_digests WHERE user_id = :u", soci::use(user_id), soci::into(email, ind);
  return ind == soci::i_ok ? email : "";
}

void SetDigestEmail(soci::session& sql, const std::string& user_id, const std::string& email, const std::string& at) {
  if (email.empty()) {
    sql << "DELETE FROM team_digests WHERE user_id = :u", soci::use(user_id);
    return;
  }
  sql << "INSERT INTO team_digests (user_id, email, updated_at) VALUES (:u, :e, :at) "
         "ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, updated_at = excluded.updated_at",
      soci::use(user_id), soci::use(email), soci::use(at);
}

std::vector<DigestDue> DigestsDue(soci::session& sql, const std::string& today) {
  DigestDue d;
  soci::statement st = (sql.prepare << "SELECT g.user_id, g.email, g.last_sent_at, "
                                       "(SELECT COUNT(*) FROM team_notifications n JOIN team_members m ON m.patient_id = n.patient_id "
                                       "  AND m.user_id = n.user_id AND m.status = 'active' "
                                       "  WHERE n.user_id = g.user_id AND n.read_at = '' AND n.created_at > g.last_sent_at), "
                                       "(SELECT COUNT(*) FROM team_tasks t JOIN team_members m ON m.patient_id = t.patient_id "
                                       "  AND m.user_id = t.owner_id AND m.status = 'active' "
                                       "  WHERE t.owner_id = g.user_id AND t.done_at = '' AND t.due_date <> '' AND t.due_date <= :today) "
                                       "FROM team_digests g JOIN users u ON u.id = g.user_id WHERE u.disabled = 0 ORDER BY g.user_id",
                        soci::use(today), soci::into(d.user_id), soci::into(d.email), soci::into(d.last_sent_at), soci::into(d.addressed),
                        soci::into(d.tasks_due));
  st.execute();
  std::vector<DigestDue> out;
  while (st.fetch())
    if (d.addressed > 0 || d.tasks_due > 0) out.push_back(d);
  return out;
}

bool ClaimDigest(soci::session& sql, const std::string& user_id, const std::string& was, const std::string& at) {
  soci::statement st = (sql.prepare << "UPDATE team_digests SET last_sent_at = :at WHERE user_id = :u AND last_sent_at = :was",
                        soci::use(at), soci::use(user_id), soci::use(was));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace renkei::careteams::store
