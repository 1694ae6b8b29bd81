#include "modules/surveys/store.hpp"

namespace renkei::surveys::store {
namespace {

constexpr const char* kColumns =
    "id, title, fiscal_year, item, description, deadline, status, questions, created_by, created_at, updated_at, municipality";

std::vector<Survey> Query(soci::session& sql, const std::string& where, const std::string& param) {
  Survey s;
  soci::statement st(sql);
  st.exchange(soci::into(s.id));
  st.exchange(soci::into(s.title));
  st.exchange(soci::into(s.fiscal_year));
  for (auto* f :
       {&s.item, &s.description, &s.deadline, &s.status, &s.questions_text, &s.created_by, &s.created_at, &s.updated_at, &s.municipality})
    st.exchange(soci::into(*f));
  st.exchange(soci::use(param));
  st.alloc();
  st.prepare(std::string("SELECT ") + kColumns + " FROM surveys " + where);
  st.define_and_bind();
  st.execute();
  std::vector<Survey> out;
  while (st.fetch()) {
    out.push_back(s);
    out.back().questions = ParseQuestions(s.questions_text).questions;
  }
  return out;
}

constexpr const char* kTargetColumns =
    "t.id, t.survey_id, t.facility_id, f.name, f.kind, COALESCE(f.municipality_code, ''), t.token, COALESCE(t.responded_at, ''), "
    "t.respondent";

std::vector<Target> QueryTargets(soci::session& sql, const std::string& where, const std::string& param) {
  Target t;
  soci::statement st(sql);
  for (auto* f : {&t.id, &t.survey_id, &t.facility_id, &t.facility_name, &t.facility_kind, &t.municipality_code, &t.token, &t.responded_at,
                  &t.respondent})
    st.exchange(soci::into(*f));
  st.exchange(soci::use(param));
  st.alloc();
  st.prepare(std::string("SELECT ") + kTargetColumns + " FROM survey_targets t JOIN facilities f ON f.id = t.facility_id " + where);
  st.define_and_bind();
  st.execute();
  std::vector<Target> out;
  while (st.fetch()) out.push_back(t);
  return out;
}

}  // namespace

void Insert(soci::session& sql, const Survey& s) {
  sql << "INSERT INTO surveys (" << kColumns
      << ") VALUES (:id, :title, :fy, :item, :descr, :deadline, :status, :questions, :by, :created, :updated, :town)",
      soci::use(s.id), soci::use(s.title), soci::use(s.fiscal_year), soci::use(s.item), soci::use(s.description), soci::use(s.deadline),
      soci::use(s.status), soci::use(s.questions_text), soci::use(s.created_by), soci::use(s.created_at), soci::use(s.updated_at),
      soci::use(s.municipality);
}

void Update(soci::session& sql, const Survey& s) {
  sql << "UPDATE surveys SET title = :title, fiscal_year = :fy, item = :item, description = :descr, deadline = :deadline, "
         "status = :status, questions = :questions, updated_at = :updated WHERE id = :id",
      soci::use(s.title), soci::use(s.fiscal_year), soci::use(s.item), soci::use(s.description), soci::use(s.deadline), soci::use(s.status),
      soci::use(s.questions_text), soci::use(s.updated_at), soci::use(s.id);
}

std::optional<Survey> Load(soci::session& sql, const std::string& id) {
  auto v = Query(sql, "WHERE id = :p", id);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<Survey> OfYear(soci::session& sql, int fiscal_year) {
  return Query(sql, "WHERE fiscal_year = CAST(:p AS INTEGER) ORDER BY created_at DESC, id", std::to_string(fiscal_year));
}

std::map<std::string, std::pair<long long, long long>> Counts(soci::session& sql, int fiscal_year) {
  std::map<std::string, std::pair<long long, long long>> out;
  std::string id;
  long long asked = 0, answered = 0;
  soci::statement st = (sql.prepare << "SELECT t.survey_id, COUNT(*), COUNT(t.responded_at) FROM survey_targets t "
                                       "JOIN surveys s ON s.id = t.survey_id WHERE s.fiscal_year = :fy GROUP BY t.survey_id",
                        soci::use(fiscal_year), soci::into(id), soci::into(asked), soci::into(answered));
  st.execute();
  while (st.fetch()) out[id] = {asked, answered};
  return out;
}

bool InsertTarget(soci::session& sql, const Target& t, const std::string& at) {
  int exists = 0;
  sql << "SELECT COUNT(*) FROM survey_targets WHERE survey_id = :s AND facility_id = :f", soci::use(t.survey_id), soci::use(t.facility_id),
      soci::into(exists);
  if (exists) return false;
  sql << "INSERT INTO survey_targets (id, survey_id, facility_id, token, respondent, created_at) VALUES (:id, :s, :f, :token, '', :at)",
      soci::use(t.id), soci::use(t.survey_id), soci::use(t.facility_id), soci::use(t.token), soci::use(at);
  return true;
}

std::vector<Target> Targets(soci::session& sql, const std::string& survey_id) {
  return QueryTargets(sql, "WHERE t.survey_id = :p ORDER BY f.municipality_code, f.kana_sort, f.id", survey_id);
}

std::optional<Target> TargetByToken(soci::session& sql, const std::string& token) {
  auto v = QueryTargets(sql, "WHERE t.token = :p", token);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<std::pair<Survey, Target>> OpenFor(soci::session& sql, const std::string& facility_id) {
  std::vector<std::pair<Survey, Target>> out;
  for (auto& t : QueryTargets(sql, "WHERE t.facility_id = :p ORDER BY t.created_at", facility_id)) {
    auto s = Load(sql, t.survey_id);
    if (s && s->status == "open") out.emplace_back(std::move(*s), std::move(t));
  }
  return out;
}

bool DeleteUnansweredTarget(soci::session& sql, const std::string& survey_id, const std::string& target_id) {
  soci::statement st = (sql.prepare << "DELETE FROM survey_targets WHERE id = :id AND survey_id = :s AND responded_at IS NULL",
                        soci::use(target_id), soci::use(survey_id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::map<int, std::string> Answers(soci::session& sql, const std::string& target_id) {
  std::map<int, std::string> out;
  int q = 0;
  std::string v;
  soci::statement st = (sql.prepare << "SELECT question, value FROM survey_answers WHERE target_id = :t", soci::use(target_id),
                        soci::into(q), soci::into(v));
  st.execute();
  while (st.fetch()) out[q] = v;
  return out;
}

std::map<std::string, std::map<int, std::string>> AllAnswers(soci::session& sql, const std::string& survey_id) {
  std::map<std::string, std::map<int, std::string>> out;
  std::string t, v;
  int q = 0;
  soci::statement st = (sql.prepare << "SELECT a.target_id, a.question, a.value FROM survey_answers a JOIN survey_targets t "
                                       "ON t.id = a.target_id WHERE t.survey_id = :s",
                        soci::use(survey_id), soci::into(t), soci::into(q), soci::into(v));
  st.execute();
  while (st.fetch()) out[t][q] = v;
  return out;
}

void ReplaceAnswers(soci::session& sql, const std::string& target_id, const std::map<int, std::string>& answers,
                    const std::string& respondent, const std::string& at) {
  sql << "DELETE FROM survey_answers WHERE target_id = :t", soci::use(target_id);
  for (const auto& [q, v] : answers) {
    if (v.empty()) continue;
    int question = q;
    sql << "INSERT INTO survey_answers (target_id, question, value) VALUES (:t, :q, :v)", soci::use(target_id), soci::use(question),
        soci::use(v);
  }
  sql << "UPDATE survey_targets SET responded_at = :at, respondent = :r WHERE id = :t", soci::use(at), soci::use(respondent),
      soci::use(target_id);
}

}  // namespace renkei::surveys::store
