// The staff pages' screens: a survey and what its page shows beside it, in one service call, so that
// the routes make one call and the views are pure functions of the result.
#include "modules/surveys/service.hpp"

namespace renkei::surveys {

Result<SurveyScreen> SurveyService::PageOf(const security::Principal& p, const std::string& id) {
  auto s = Get(p, id);
  if (!s.ok()) return s.status();
  auto targets = Targets(p, s->id);
  if (!targets.ok()) return targets.status();
  return SurveyScreen{std::move(*s), std::move(*targets)};
}

Result<SurveyScreen> SurveyService::InvitationsOf(const security::Principal& p, const std::string& id) {
  auto s = Get(p, id);
  if (!s.ok()) return s.status();
  if (s->status == "draft") return Status::FailedPrecondition("@surveys.error.not_open");
  return PageOf(p, id);
}

Result<SurveyFormScreen> SurveyService::NewForm(const security::Principal& p, const std::string& example_questions) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  SurveyFormScreen f;
  f.input.questions_text = example_questions;
  return f;
}

Result<SurveyFormScreen> SurveyService::EditForm(const security::Principal& p, const std::string& id) {
  auto s = Get(p, id);
  if (!s.ok()) return s.status();
  SurveyFormScreen f;
  f.input = {s->title, std::to_string(s->fiscal_year), s->item, s->description, s->deadline, s->questions_text};
  f.id = s->id;
  f.questions_fixed = s->status != "draft";
  return f;
}

Result<SurveyFormScreen> SurveyService::Submitted(const security::Principal& p, const std::string& id, SurveyInput in) {
  SurveyFormScreen f;
  if (id.empty()) {
    if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  } else {
    auto s = Get(p, id);
    if (!s.ok()) return s.status();
    f.id = s->id;
    f.questions_fixed = s->status != "draft";
    if (f.questions_fixed) in.questions_text = s->questions_text;  // the form shows them read-only
  }
  Survey check;
  f.errors = Validate(in, check);
  f.input = std::move(in);
  return f;
}

}  // namespace renkei::surveys
