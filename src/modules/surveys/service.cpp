#include "modules/surveys/service.hpp"

#include <algorithm>
#include <cmath>

#include "core/domain.hpp"
#include "core/facility_kinds.hpp"
#include "core/wareki.hpp"
#include "modules/directory/service.hpp"
#include "modules/surveys/store.hpp"
#include "platform/clock.hpp"
#include "platform/security/audit.hpp"
#include "platform/security/crypto.hpp"
#include "platform/security/scope.hpp"
#include "platform/text/japanese.hpp"
#include "platform/xlsx.hpp"

namespace renkei::surveys {
namespace {

using security::Principal;

void Audit(soci::session& sql, storage::Engine engine, const std::string& actor, const std::string& addr, const char* action,
           const std::string& survey_id, std::string detail = {}) {
  security::AppendAudit(
      sql, engine, {.actor = actor, .action = action, .subject = "survey:" + survey_id, .remote_addr = addr, .detail = std::move(detail)});
}

// A facility's link: 20 characters of base32 (100 bits), short enough to type from paper.
std::string NewToken() { return security::NewId().substr(0, 20); }

bool ValidToken(const std::string& t) {
  return t.size() == 20 && std::all_of(t.begin(), t.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'); });
}

std::string KindLabel(const std::string& code) {
  const auto* k = core::FindKind(code);
  return k ? k->label : code;
}

}  // namespace

// The 事務局 (municipal staff) who write the plan, and the hub and staff who run the program's work.
bool SurveyService::Staff(const Principal& p) {
  return p.can(security::Permission::kManagePlans) || p.can(security::Permission::kManageEvents);
}

std::vector<FieldError> Validate(const SurveyInput& in, Survey& out) {
  std::vector<FieldError> e;
  std::string title = text::Clean(in.title);
  if (title.empty())
    e.push_back({"title", "@surveys.error.required"});
  else if (title.size() > 300)
    e.push_back({"title", "@surveys.error.too_long"});
  else
    out.title = title;
  auto fy = core::ParseFiscalYear(in.fiscal_year);
  if (!fy)
    e.push_back({"fiscal_year", "@surveys.error.bad_year"});
  else
    out.fiscal_year = *fy;
  if (!in.item.empty() && !core::ProgramItemFromCode(in.item))
    e.push_back({"item", "@surveys.error.unknown_code"});
  else
    out.item = in.item;
  if (in.description.size() > 4000)
    e.push_back({"description", "@surveys.error.too_long"});
  else
    out.description = in.description;
  if (in.deadline.empty()) {
    out.deadline.clear();
  } else if (auto d = core::ParseJapaneseDate(in.deadline)) {
    out.deadline = d->iso();
  } else {
    e.push_back({"deadline", "@surveys.error.bad_date"});
  }
  auto parsed = ParseQuestions(in.questions_text);
  for (const auto& pe : parsed.errors) e.push_back({"questions", std::to_string(pe.line) + "行目: " + pe.message});
  if (parsed.errors.empty()) {
    out.questions = parsed.questions;
    out.questions_text = QuestionsToText(parsed.questions);
  }
  return e;
}

Status SurveyService::MayChange(const Principal& p, const Survey& s) {
  return security::MayChangeTownRecord(p, s.municipality, s.created_by) ? Status::Ok() : Status::PermissionDenied("@error.other_town");
}

Result<std::string> SurveyService::Create(const Principal& p, const std::string& addr, const SurveyInput& in) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  Survey s;
  if (auto errors = Validate(in, s); !errors.empty()) return Status::InvalidArgument("@surveys.error.invalid", errors.front().field);
  s.id = security::NewId();
  s.status = "draft";
  // Municipal staff make their town's surveys; the hub and administrators make the region's.
  const bool town_staff = std::find(p.user.roles.begin(), p.user.roles.end(), "municipal_staff") != p.user.roles.end();
  s.municipality = town_staff && !security::IsAdmin(p) && !p.user.municipality_code.empty() ? p.user.municipality_code
                                                                                            : std::string(security::kWholeRegion);
  s.created_by = p.user.login;
  s.created_at = s.updated_at = clock::NowIso();
  storage::Transaction tx(db_);
  store::Insert(tx.sql(), s);
  Audit(tx.sql(), db_.engine(), p.user.login, addr, "survey.created", s.id, s.title);
  tx.commit();
  return s.id;
}

Status SurveyService::Update(const Principal& p, const std::string& addr, const std::string& id, const SurveyInput& in) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Transaction tx(db_);
  auto cur = store::Load(tx.sql(), id);
  if (!cur) return Status::NotFound("@error.not_found");
  if (auto st = MayChange(p, *cur); !st.ok()) return st;
  Survey next = *cur;
  if (auto errors = Validate(in, next); !errors.empty()) return Status::InvalidArgument("@surveys.error.invalid", errors.front().field);
  // Answers are kept by question number: once links are out, the questions stay as they were sent.
  if (cur->status != "draft" && next.questions_text != cur->questions_text)
    return Status::FailedPrecondition("@surveys.error.questions_fixed");
  next.updated_at = clock::NowIso();
  store::Update(tx.sql(), next);
  Audit(tx.sql(), db_.engine(), p.user.login, addr, "survey.updated", id, next.title);
  tx.commit();
  return Status::Ok();
}

Result<std::string> SurveyService::Copy(const Principal& p, const std::string& addr, const std::string& id, int fiscal_year) {
  auto from = Get(p, id);
  if (!from.ok()) return from.status();
  return Create(p, addr, {from->title, std::to_string(fiscal_year), from->item, from->description, "", from->questions_text});
}

Result<Survey> SurveyService::Get(const Principal& p, const std::string& id) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Lease l(db_);
  auto s = store::Load(l.sql(), id);
  if (!s) return Status::NotFound("@error.not_found");
  return *s;
}

Result<std::vector<SurveyListRow>> SurveyService::Year(const Principal& p, int fiscal_year) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Lease l(db_);
  auto counts = store::Counts(l.sql(), fiscal_year);
  std::vector<SurveyListRow> out;
  for (auto& s : store::OfYear(l.sql(), fiscal_year)) {
    auto c = counts[s.id];
    out.push_back({std::move(s), c.first, c.second});
  }
  return out;
}

Result<std::vector<Target>> SurveyService::Targets(const Principal& p, const std::string& id) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Lease l(db_);
  if (!store::Load(l.sql(), id)) return Status::NotFound("@error.not_found");
  return store::Targets(l.sql(), id);
}

Result<int> SurveyService::AddTargets(const Principal& p, const std::string& addr, const std::string& id,
                                      const std::vector<std::string>& kinds, const std::string& municipality) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  if (kinds.empty()) return Status::InvalidArgument("@surveys.error.no_kinds");
  for (const auto& k : kinds)
    if (!core::FindKind(k)) return Status::InvalidArgument("@surveys.error.unknown_code");
  if (!municipality.empty() && !core::IsValidLocalGovernmentCode(municipality))
    return Status::InvalidArgument("@surveys.error.unknown_code");
  {
    storage::Lease l(db_);
    auto s = store::Load(l.sql(), id);
    if (!s) return Status::NotFound("@error.not_found");
    if (auto st = MayChange(p, *s); !st.ok()) return st;
    if (s->status == "closed") return Status::FailedPrecondition("@surveys.error.closed");
  }
  // The region's facilities of these kinds, from the directory's own search (its rules on what is in
  // the region apply).
  directory::DirectoryService directory(db_);
  std::vector<std::string> facilities;
  for (const auto& k : kinds) {
    for (int page = 1;; ++page) {
      directory::SearchRequest r;
      r.kind = k;
      r.municipality = municipality;
      r.sort = "kana";
      r.page = page;
      r.per_page = 2000;
      auto res = directory.Search(r, 2000);
      if (!res.ok()) return res.status();
      for (const auto& f : (*res)->items) facilities.push_back(f.id);
      if (static_cast<long long>(page) * 2000 >= (*res)->total) break;
    }
  }
  storage::Transaction tx(db_);
  const std::string now = clock::NowIso();
  int added = 0;
  for (const auto& f : facilities) {
    Target t;
    t.id = security::NewId();
    t.survey_id = id;
    t.facility_id = f;
    t.token = NewToken();
    if (store::InsertTarget(tx.sql(), t, now)) added++;
  }
  std::string detail = std::to_string(added) + " facilities; kinds=";
  for (const auto& k : kinds) detail += k + " ";
  Audit(tx.sql(), db_.engine(), p.user.login, addr, "survey.targets_added", id,
        detail + (municipality.empty() ? "" : "municipality=" + municipality));
  tx.commit();
  return added;
}

Status SurveyService::RemoveTarget(const Principal& p, const std::string& addr, const std::string& id, const std::string& target_id) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Transaction tx(db_);
  auto s = store::Load(tx.sql(), id);
  if (!s) return Status::NotFound("@error.not_found");
  if (auto st = MayChange(p, *s); !st.ok()) return st;
  if (!store::DeleteUnansweredTarget(tx.sql(), id, target_id)) return Status::FailedPrecondition("@surveys.error.answered");
  Audit(tx.sql(), db_.engine(), p.user.login, addr, "survey.target_removed", id, target_id);
  tx.commit();
  return Status::Ok();
}

Status SurveyService::Open(const Principal& p, const std::string& addr, const std::string& id) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Transaction tx(db_);
  auto s = store::Load(tx.sql(), id);
  if (!s) return Status::NotFound("@error.not_found");
  if (auto st = MayChange(p, *s); !st.ok()) return st;
  if (s->status == "open") return Status::Ok();
  if (s->questions.empty()) return Status::FailedPrecondition("@surveys.error.no_questions");
  if (store::Targets(tx.sql(), id).empty()) return Status::FailedPrecondition("@surveys.error.no_targets");
  s->status = "open";
  s->updated_at = clock::NowIso();
  store::Update(tx.sql(), *s);
  Audit(tx.sql(), db_.engine(), p.user.login, addr, "survey.opened", id);
  tx.commit();
  return Status::Ok();
}

Status SurveyService::Close(const Principal& p, const std::string& addr, const std::string& id) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Transaction tx(db_);
  auto s = store::Load(tx.sql(), id);
  if (!s) return Status::NotFound("@error.not_found");
  if (auto st = MayChange(p, *s); !st.ok()) return st;
  if (s->status != "open") return Status::FailedPrecondition("@surveys.error.not_open");
  s->status = "closed";
  s->updated_at = clock::NowIso();
  store::Update(tx.sql(), *s);
  Audit(tx.sql(), db_.engine(), p.user.login, addr, "survey.closed", id);
  tx.commit();
  return Status::Ok();
}

Result<Results> SurveyService::ResultsOf(const Principal& p, const std::string& id) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  storage::Lease l(db_);
  auto s = store::Load(l.sql(), id);
  if (!s) return Status::NotFound("@error.not_found");
  Results r;
  r.survey = *s;
  r.rows = store::Targets(l.sql(), id);
  r.answers = store::AllAnswers(l.sql(), id);
  std::vector<Response> responses;
  std::map<std::string, std::pair<long long, long long>> kinds, towns;
  for (const auto& t : r.rows) {
    r.targets++;
    auto& k = kinds[KindLabel(t.facility_kind)];
    auto& w = towns[t.municipality_code];
    k.first++;
    w.first++;
    if (t.responded_at.empty()) continue;
    r.responded++;
    k.second++;
    w.second++;
    responses.push_back({t.facility_name, r.answers[t.id]});
  }
  r.rate = RoundedPercent(r.responded, r.targets);
  for (auto& [label, c] : kinds) r.by_kind.emplace_back(label, c);
  for (auto& [code, c] : towns) r.by_town.emplace_back(core::MunicipalityName(code), c);
  r.questions = Tally(s->questions, responses);
  return r;
}

Result<std::string> SurveyService::Xlsx(const Principal& p, const std::string& id, const std::string& region_name) {
  auto r = ResultsOf(p, id);
  if (!r.ok()) return r.status();
  xlsx::Workbook book;
  if (!book.ok()) return Status::Internal("XLSX を作れません。");
  const std::string title = region_name + " " + r->survey.title + "（" + core::FormatFiscalYear(r->survey.fiscal_year) + "）";
  // Sheet 1: the tally, as the council's papers show it.
  lxw_worksheet* sum = workbook_add_worksheet(book.get(), "集計");
  worksheet_set_column(sum, 0, 0, 48, nullptr);
  worksheet_set_column(sum, 1, 2, 12, nullptr);
  xlsx::Workbook::PrintSetup(sum, title, 2);
  lxw_row_t row = book.Table(sum, 0, title, {"対象数", "回答数", "回答率（%）"},
                             {{std::to_string(r->targets), std::to_string(r->responded), std::to_string(r->rate)}});
  auto rate_rows = [](const std::vector<std::pair<std::string, std::pair<long long, long long>>>& v) {
    std::vector<std::vector<std::string>> rows;
    rows.reserve(v.size());
    for (const auto& [label, c] : v)
      rows.push_back({label, std::to_string(c.first), std::to_string(c.second), std::to_string(RoundedPercent(c.second, c.first))});
    return rows;
  };
  row = book.Table(sum, row, "種類別", {"種類", "対象数", "回答数", "回答率（%）"}, rate_rows(r->by_kind));
  row = book.Table(sum, row, "市町別", {"市町", "対象数", "回答数", "回答率（%）"}, rate_rows(r->by_town));
  for (const auto& q : r->questions) {
    std::string head = "問" + std::to_string(q.number) + " " + q.question.text + "（回答 " + std::to_string(q.answered) + "）";
    std::vector<std::vector<std::string>> rows;
    if (!q.options.empty()) {
      for (const auto& o : q.options) rows.push_back({o.label, std::to_string(o.count), std::to_string(o.percent)});
      row = book.Table(sum, row, head, {"選択肢", "件数", "割合（%）"}, rows);
    } else if (q.question.kind == QuestionKind::kNumber) {
      auto fmt = [](const std::optional<double>& d) {
        if (!d) return std::string("-");
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f", *d);
        return std::string(buf);
      };
      row = book.Table(sum, row, head, {"合計", "平均", "最小", "最大"}, {{fmt(q.sum), fmt(q.mean), fmt(q.min), fmt(q.max)}});
    } else {
      for (const auto& [facility, text] : q.texts) rows.push_back({text, facility});
      row = book.Table(sum, row, head, {"回答", "事業所"}, rows);
    }
  }
  // Sheet 2: every facility asked, one column per question.
  lxw_worksheet* all = workbook_add_worksheet(book.get(), "回答一覧");
  worksheet_set_column(all, 0, 0, 34, nullptr);
  worksheet_set_column(all, 1, 4 + static_cast<lxw_col_t>(r->questions.size()), 18, nullptr);
  xlsx::Workbook::PrintSetup(all, title, 2);
  std::vector<std::string> headers = {"事業所", "種類", "市町", "回答日時", "回答者"};
  for (const auto& q : r->questions) headers.push_back("問" + std::to_string(q.number) + " " + q.question.text);
  std::vector<std::vector<std::string>> lines;
  for (const auto& t : r->rows) {
    std::vector<std::string> line = {t.facility_name, KindLabel(t.facility_kind), core::MunicipalityName(t.municipality_code),
                                     t.responded_at.empty() ? "未回答" : clock::IsoToTokyoMinute(t.responded_at), t.respondent};
    const auto& answers = r->answers[t.id];
    for (const auto& q : r->questions) {
      auto it = answers.find(q.number);
      std::string v = it == answers.end() ? "" : it->second;
      if (!q.question.options.empty() && !v.empty()) {  // option numbers -> their text
        std::string labels;
        for (size_t from = 0; from <= v.size();) {
          size_t comma = std::min(v.find(',', from), v.size());
          size_t n = static_cast<size_t>(std::atoi(v.substr(from, comma - from).c_str()));
          if (n >= 1 && n <= q.question.options.size()) labels += (labels.empty() ? "" : "、") + q.question.options[n - 1];
          from = comma + 1;
        }
        v = labels;
      }
      line.push_back(v);
    }
    lines.push_back(std::move(line));
  }
  book.Table(all, 0, title, headers, lines);
  return book.Finish();
}

SurveyService::YearFigures SurveyService::FiguresOf(int fiscal_year) {
  YearFigures f;
  storage::Lease l(db_);
  auto counts = store::Counts(l.sql(), fiscal_year);
  for (const auto& s : store::OfYear(l.sql(), fiscal_year)) {
    if (s.status == "draft") continue;
    f.surveys++;
    f.asked += counts[s.id].first;
    f.responded += counts[s.id].second;
  }
  return f;
}

std::vector<Pending> SurveyService::PendingFor(const Principal& p) {
  std::vector<Pending> out;
  if (!p.full()) return out;
  storage::Lease l(db_);
  for (const auto& f : p.user.facility_ids)
    for (const auto& [s, t] : store::OpenFor(l.sql(), f))
      out.push_back({s.title, s.deadline, t.facility_name, t.token, !t.responded_at.empty()});
  return out;
}

Result<Form> SurveyService::FormFor(const std::string& token) {
  if (!ValidToken(token)) return Status::NotFound("@error.not_found");
  storage::Lease l(db_);
  auto t = store::TargetByToken(l.sql(), token);
  if (!t) return Status::NotFound("@error.not_found");
  auto s = store::Load(l.sql(), t->survey_id);
  if (!s || s->status == "draft") return Status::NotFound("@error.not_found");
  Form f;
  f.survey = *s;
  f.target = *t;
  f.answers = store::Answers(l.sql(), t->id);
  f.closed = s->status == "closed";
  return f;
}

Result<std::vector<FieldError>> SurveyService::Answer(const std::string& token, const std::string& respondent,
                                                      const std::map<int, std::vector<std::string>>& raw, const std::string& addr) {
  auto form = FormFor(token);
  if (!form.ok()) return form.status();
  if (form->closed) return Status::FailedPrecondition("@surveys.error.closed");
  std::vector<FieldError> errors;
  std::map<int, std::string> answers;
  static const std::vector<std::string> kNone;
  for (size_t i = 0; i < form->survey.questions.size(); ++i) {
    int n = static_cast<int>(i + 1);
    auto it = raw.find(n);
    std::string error;
    auto v = NormaliseAnswer(form->survey.questions[i], it == raw.end() ? kNone : it->second, error);
    if (!v)
      errors.push_back({"q" + std::to_string(n), error});
    else
      answers[n] = *v;
  }
  std::string who = text::Clean(respondent);
  if (who.empty())
    errors.push_back({"respondent", "@surveys.error.required"});
  else if (who.size() > 200)
    errors.push_back({"respondent", "@surveys.error.too_long"});
  if (!errors.empty()) return errors;
  storage::Transaction tx(db_);
  store::ReplaceAnswers(tx.sql(), form->target.id, answers, who, clock::NowIso());
  Audit(tx.sql(), db_.engine(), "survey-link", addr, form->answers.empty() ? "survey.answered" : "survey.answer_corrected", form->survey.id,
        form->target.facility_id);
  tx.commit();
  return errors;
}

}  // namespace renkei::surveys
