#pragma once
// Surveys of facilities (item ア; the plan's （イ） links to them): staff with kManagePlans or
// kManageEvents (municipal staff, the hub) write a
// questionnaire, choose facilities of the directory by kind and town, and send each its own link (on
// paper, by FAX or e-mail: the invitation list prints the links and QR codes). A facility answers
// through its link without an account, and may correct its answers until the survey closes. Staff see
// the response rate, the tally with charts, and an XLSX of every answer. SQL is in store.cpp.
#include <map>
#include <string>
#include <vector>

#include "modules/surveys/model.hpp"
#include "platform/security/accounts.hpp"
#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::surveys {

struct Survey {
  std::string id, title;
  int fiscal_year = 0;
  std::string item, description, deadline, status = "draft", questions_text, created_by, created_at, updated_at;
  std::string municipality = "region";  // the town whose staff made it, or "region" (security/scope.hpp)
  std::vector<Question> questions;      // parsed from questions_text
};

struct SurveyInput {
  std::string title, fiscal_year, item, description, deadline, questions_text;
};
// Checks the input and fills `out`; question mistakes come back as field "questions" with their line.
std::vector<FieldError> Validate(const SurveyInput& in, Survey& out);

struct Target {
  std::string id, survey_id, facility_id, facility_name, facility_kind, municipality_code, token, responded_at, respondent;
};

struct SurveyListRow {
  Survey survey;
  long long targets = 0, responded = 0;
};

struct Results {
  Survey survey;
  long long targets = 0, responded = 0;
  int rate = 0;                                                                  // percent, rounded
  std::vector<std::pair<std::string, std::pair<long long, long long>>> by_kind;  // kind label -> (asked, answered)
  std::vector<std::pair<std::string, std::pair<long long, long long>>> by_town;  // town name -> (asked, answered), in code order
  std::vector<QuestionResult> questions;
  std::vector<Target> rows;                                   // every facility asked
  std::map<std::string, std::map<int, std::string>> answers;  // target id -> answers
};

// An open survey that asks a facility this person belongs to, for their home page.
struct Pending {
  std::string survey_title, deadline, facility_name, token;
  bool answered = false;
};

// What a facility sees through its link.
struct Form {
  Survey survey;
  Target target;
  std::map<int, std::string> answers;  // its answers so far
  bool closed = false;
};

// What the staff pages show (screens.cpp), gathered in one service call each.
// A survey's page, and its invitations to print: the survey and the facilities it asks.
struct SurveyScreen {
  Survey survey;
  std::vector<Target> targets;
};
// The survey form, new or edited, and the problems of what was submitted. An open or closed survey's
// questions are fixed: the form shows them read-only and a submission keeps them.
struct SurveyFormScreen {
  SurveyInput input;
  std::string id;  // "" for a new survey
  bool questions_fixed = false;
  std::vector<FieldError> errors;
};

class SurveyService {
 public:
  explicit SurveyService(storage::Database& db) : db_(db) {}
  static bool Staff(const security::Principal& p);

  Result<std::string> Create(const security::Principal& p, const std::string& addr, const SurveyInput& in);
  // Title, deadline and description may change at any time; the questions only while it is a draft.
  Status Update(const security::Principal& p, const std::string& addr, const std::string& id, const SurveyInput& in);
  Result<Survey> Get(const security::Principal& p, const std::string& id);
  // A new draft with the same title, item, description and questions, for `fiscal_year` (a survey that
  // repeats every year); facilities are chosen again, since the directory changes.
  Result<std::string> Copy(const security::Principal& p, const std::string& addr, const std::string& id, int fiscal_year);
  Result<std::vector<SurveyListRow>> Year(const security::Principal& p, int fiscal_year);
  Result<std::vector<Target>> Targets(const security::Principal& p, const std::string& id);
  // Asks the region's facilities of these kinds (and town, when given) that are not asked yet; returns how many.
  Result<int> AddTargets(const security::Principal& p, const std::string& addr, const std::string& id,
                         const std::vector<std::string>& kinds, const std::string& municipality);
  Status RemoveTarget(const security::Principal& p, const std::string& addr, const std::string& id, const std::string& target_id);
  Status Open(const security::Principal& p, const std::string& addr, const std::string& id);
  Status Close(const security::Principal& p, const std::string& addr, const std::string& id);
  Result<Results> ResultsOf(const security::Principal& p, const std::string& id);
  Result<std::string> Xlsx(const security::Principal& p, const std::string& id, const std::string& region_name);

  // The pages' screens (screens.cpp); each refuses what Get and Targets refuse.
  Result<SurveyScreen> PageOf(const security::Principal& p, const std::string& id);
  // FailedPrecondition (@surveys.error.not_open) for a draft: its links do not exist yet.
  Result<SurveyScreen> InvitationsOf(const security::Principal& p, const std::string& id);
  // A new survey's form, with example questions; PermissionDenied for anyone but staff.
  Result<SurveyFormScreen> NewForm(const security::Principal& p, const std::string& example_questions);
  Result<SurveyFormScreen> EditForm(const security::Principal& p, const std::string& id);
  // A submitted form, checked as it would be saved (id "" for a new survey); errors empty when it passes.
  Result<SurveyFormScreen> Submitted(const security::Principal& p, const std::string& id, SurveyInput in);

  // The year's surveys that went out (open or closed) in figures only, for the plan's text: how many,
  // facilities asked, facilities that answered. No names: anyone who may read the plan may see them.
  struct YearFigures {
    long long surveys = 0, asked = 0, responded = 0;
  };
  YearFigures FiguresOf(int fiscal_year);
  // Open surveys asking the facilities this person belongs to (their staff answer through the same link).
  std::vector<Pending> PendingFor(const security::Principal& p);

  // Public, through a facility's link. A draft's link does not exist yet (404).
  Result<Form> FormFor(const std::string& token);
  // Answers by question number (1-based) as the form sent them; problems come back per question
  // (field "q<number>") and nothing is saved then.
  Result<std::vector<FieldError>> Answer(const std::string& token, const std::string& respondent,
                                         const std::map<int, std::vector<std::string>>& raw, const std::string& addr);

 private:
  // A town's survey is changed by that town's staff, an administrator or its maker (security/scope.hpp).
  static Status MayChange(const security::Principal& p, const Survey& s);
  storage::Database& db_;
};

}  // namespace renkei::surveys
