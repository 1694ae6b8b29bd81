// Surveys of facilities: staff pages (/surveys…), the facility's form behind its link (/s/{token}),
// and /api/v1/surveys, as a table of short handlers: each reads the request, makes one service call
// (screens.cpp for the pages) and one view call (views.hpp). Every rule lives in SurveyService.

#include "app/app.hpp"
#include "modules/surveys/service.hpp"
#include "modules/surveys/views.hpp"
#include "platform/web/forms.hpp"

namespace renkei::surveys {

using app::Access;
using app::App;
using app::BackWithError;
using app::Ctx;
using app::CurrentFiscalYear;
using app::Download;
using app::FiscalYearChoices;
using app::FiscalYearParam;
using app::Json;
using app::Reply;

namespace {

SurveyInput InputFromForm(const http::Params& f) {
  return {f.value("title"), f.value("fiscal_year"), f.value("item"), f.value("description"), f.value("deadline"), f.value("questions")};
}

SurveyInput InputFromJson(const boost::json::object& o) {
  return {web::JsonText(o, "title"),       web::JsonText(o, "fiscal_year"), web::JsonText(o, "item"),
          web::JsonText(o, "description"), web::JsonText(o, "deadline"),    web::JsonText(o, "questions")};
}

// The answers a facility's form sent, by question number: q1, q2, … (checkboxes repeat).
views::Given AnswersFromForm(const http::Params& form, size_t questions) {
  views::Given given;
  for (size_t i = 0; i < questions; ++i) given[static_cast<int>(i + 1)] = form.all("q" + std::to_string(i + 1));
  return given;
}

std::string LinkBase(const App& app, const Ctx& ctx) { return app.AbsoluteUrl(ctx, "/s/"); }

// After a form post on a survey: back to its page, or with the refusal's key for the page to explain.
Reply BackToSurvey(const Status& s, const std::string& id, const std::string& query = "") {
  if (!s.ok()) return BackWithError(s, "/surveys/" + id, "@surveys.error.");
  return http::Response::Redirect("/surveys/" + id + query);
}

// ---- staff pages --------------------------------------------------------------------------------

Reply ListPage(App& app, SurveyService& service, Ctx& ctx) {
  auto fy = FiscalYearParam(ctx.req);
  if (!fy.ok()) return fy.status();
  auto list = service.Year(*ctx.principal, *fy);
  if (!list.ok()) return list.status();
  return app.Page(ctx, "surveys/list", views::ListPageData(*list, *fy, FiscalYearChoices(*fy), ctx.lang), ctx.t("surveys.title"));
}

Reply FormPage(App& app, Ctx& ctx, const SurveyFormScreen& f, int status) {
  auto d = views::FormPageData(f, ctx.lang, CurrentFiscalYear());
  return app.Page(ctx, "surveys/form", d, ctx.t(f.id.empty() ? "surveys.new_title" : "surveys.edit_title"), status);
}

Reply NewPage(App& app, SurveyService& service, Ctx& ctx) {
  auto f = service.NewForm(*ctx.principal, ctx.t("surveys.example_questions"));
  if (!f.ok()) return f.status();
  return FormPage(app, ctx, *f, 200);
}

Reply CreateFromForm(App& app, SurveyService& service, Ctx& ctx) {
  auto f = service.Submitted(*ctx.principal, "", InputFromForm(ctx.req.form()));
  if (!f.ok()) return f.status();
  if (!f->errors.empty()) return FormPage(app, ctx, *f, 400);
  auto id = service.Create(*ctx.principal, ctx.addr(), f->input);
  if (!id.ok()) return id.status();
  return http::Response::Redirect("/surveys/" + *id);
}

Reply EditPage(App& app, SurveyService& service, Ctx& ctx) {
  auto f = service.EditForm(*ctx.principal, ctx.req.param("id"));
  if (!f.ok()) return f.status();
  return FormPage(app, ctx, *f, 200);
}

Reply EditFromForm(App& app, SurveyService& service, Ctx& ctx) {
  auto f = service.Submitted(*ctx.principal, ctx.req.param("id"), InputFromForm(ctx.req.form()));
  if (!f.ok()) return f.status();
  if (!f->errors.empty()) return FormPage(app, ctx, *f, 400);
  if (auto s = service.Update(*ctx.principal, ctx.addr(), f->id, f->input); !s.ok()) return s;
  return http::Response::Redirect("/surveys/" + f->id);
}

Reply SurveyPage(App& app, SurveyService& service, Ctx& ctx) {
  auto s = service.PageOf(*ctx.principal, ctx.req.param("id"));
  if (!s.ok()) return s.status();
  return app.Page(ctx, "surveys/show", views::SurveyPageData(*s, ctx.req.query(), ctx.lang, LinkBase(app, ctx)), s->survey.title);
}

Reply AddTargetsForm(App&, SurveyService& service, Ctx& ctx) {
  const std::string id = ctx.req.param("id");
  const auto& f = ctx.req.form();
  auto added = service.AddTargets(*ctx.principal, ctx.addr(), id, f.all("kinds"), f.value("municipality"));
  if (!added.ok()) return BackToSurvey(added.status(), id);
  return BackToSurvey(Status::Ok(), id, "?added=" + std::to_string(*added));
}

Reply RemoveTargetForm(App&, SurveyService& service, Ctx& ctx) {
  const std::string id = ctx.req.param("id");
  return BackToSurvey(service.RemoveTarget(*ctx.principal, ctx.addr(), id, ctx.req.param("tid")), id);
}

Reply CopyForm(App&, SurveyService& service, Ctx& ctx) {
  auto copy = service.Copy(*ctx.principal, ctx.addr(), ctx.req.param("id"), CurrentFiscalYear());
  if (!copy.ok()) return copy.status();
  return http::Response::Redirect("/surveys/" + *copy + "/edit");
}

Reply OpenForm(App&, SurveyService& service, Ctx& ctx) {
  const std::string id = ctx.req.param("id");
  return BackToSurvey(service.Open(*ctx.principal, ctx.addr(), id), id);
}

Reply CloseForm(App&, SurveyService& service, Ctx& ctx) {
  const std::string id = ctx.req.param("id");
  return BackToSurvey(service.Close(*ctx.principal, ctx.addr(), id), id);
}

Reply ResultsPage(App& app, SurveyService& service, Ctx& ctx) {
  auto r = service.ResultsOf(*ctx.principal, ctx.req.param("id"));
  if (!r.ok()) return r.status();
  return app.Page(ctx, "surveys/results", views::ResultsPageData(*r, ctx.lang), r->survey.title);
}

Reply ResultsXlsx(App& app, SurveyService& service, Ctx& ctx) {
  auto bytes = service.Xlsx(*ctx.principal, ctx.req.param("id"), app.config().region_name);
  if (!bytes.ok()) return bytes.status();
  return Download(std::move(bytes.value()), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  "survey-" + ctx.req.param("id") + ".xlsx");
}

// Invitations to print, send by FAX or mail: one page per facility with its link and QR code.
Reply InvitationsPage(App& app, SurveyService& service, Ctx& ctx) {
  auto s = service.InvitationsOf(*ctx.principal, ctx.req.param("id"));
  if (!s.ok()) return BackWithError(s.status(), "/surveys/" + ctx.req.param("id"), "@surveys.error.");
  return app.Page(ctx, "surveys/invitations", views::InvitationsPageData(*s, app.config().region_name, LinkBase(app, ctx)),
                  s->survey.title);
}

// ---- the facility's form, through its link ------------------------------------------------------

Reply AnswerPage(App& app, Ctx& ctx, const Form& f, const views::Given& given, const std::string& respondent,
                 const std::vector<FieldError>& errors, int status) {
  auto d = views::AnswerPageData(f, given, respondent, errors, ctx.lang, app.config().region_name);
  return app.Page(ctx, "surveys/answer", d, f.survey.title, status);
}

Reply FacilityForm(App& app, SurveyService& service, Ctx& ctx) {
  auto f = service.FormFor(ctx.req.param("token"));
  if (!f.ok()) return f.status();
  return AnswerPage(app, ctx, *f, views::StoredAnswers(*f), f->target.respondent, {}, 200);
}

Reply FacilityAnswers(App& app, SurveyService& service, Ctx& ctx) {
  if (auto s = app.PublicFormAllowed(ctx); !s.ok()) return s;
  auto f = service.FormFor(ctx.req.param("token"));
  if (!f.ok()) return f.status();
  const auto given = AnswersFromForm(ctx.req.form(), f->survey.questions.size());
  const std::string respondent = ctx.req.form().value("respondent");
  auto errors = service.Answer(f->target.token, respondent, given, ctx.addr());
  if (!errors.ok() && errors.status().code() == Code::kFailedPrecondition) return AnswerPage(app, ctx, *f, given, respondent, {}, 409);
  if (!errors.ok()) return errors.status();
  if (!errors->empty()) return AnswerPage(app, ctx, *f, given, respondent, *errors, 400);
  return app.Page(ctx, "surveys/thanks", views::ThanksPageData(*f), f->survey.title);
}

// ---- API ----------------------------------------------------------------------------------------

Reply ApiList(App&, SurveyService& service, Ctx& ctx) {
  auto fy = FiscalYearParam(ctx.req);
  if (!fy.ok()) return fy.status();
  auto list = service.Year(*ctx.principal, *fy);
  if (!list.ok()) return list.status();
  return Json(views::ListJson(*list, *fy));
}

Reply ApiCreate(App&, SurveyService& service, Ctx& ctx) {
  auto body = web::JsonBody(ctx.req.body, "@surveys.error.json");
  if (!body.ok()) return body.status();
  auto f = service.Submitted(*ctx.principal, "", InputFromJson(*body));
  if (!f.ok()) return f.status();
  if (!f->errors.empty()) return Json(views::ProblemsJson(f->errors, ctx.lang), 400);
  auto id = service.Create(*ctx.principal, ctx.addr(), f->input);
  if (!id.ok()) return id.status();
  return Json({{"id", *id}}, 201);
}

Reply ApiAddTargets(App&, SurveyService& service, Ctx& ctx) {
  auto body = web::JsonBody(ctx.req.body, "@surveys.error.json");
  if (!body.ok()) return body.status();
  auto added = service.AddTargets(*ctx.principal, ctx.addr(), ctx.req.param("id"), web::JsonTexts(*body, "kinds"),
                                  web::JsonText(*body, "municipality"));
  if (!added.ok()) return added.status();
  return Json({{"added", *added}});
}

Reply ApiTargets(App& app, SurveyService& service, Ctx& ctx) {
  auto targets = service.Targets(*ctx.principal, ctx.req.param("id"));
  if (!targets.ok()) return targets.status();
  return Json(views::TargetsJson(*targets, LinkBase(app, ctx)));
}

Reply ApiOpen(App&, SurveyService& service, Ctx& ctx) {
  if (auto s = service.Open(*ctx.principal, ctx.addr(), ctx.req.param("id")); !s.ok()) return s;
  return http::Response::Json("{\"ok\":true}");
}

Reply ApiClose(App&, SurveyService& service, Ctx& ctx) {
  if (auto s = service.Close(*ctx.principal, ctx.addr(), ctx.req.param("id")); !s.ok()) return s;
  return http::Response::Json("{\"ok\":true}");
}

Reply ApiResults(App&, SurveyService& service, Ctx& ctx) {
  auto r = service.ResultsOf(*ctx.principal, ctx.req.param("id"));
  if (!r.ok()) return r.status();
  return Json(views::ResultsJson(*r));
}

// Every route of the module: staff routes need a full login (the service decides the rest); a
// facility's form is public behind its 192-bit link.
constexpr app::ServiceRoute<SurveyService> kRoutes[] = {
    {"GET", "/surveys", Access::kFull, ListPage},
    {"GET", "/surveys/new", Access::kFull, NewPage},
    {"POST", "/surveys/new", Access::kFull, CreateFromForm},
    {"GET", "/surveys/{id}", Access::kFull, SurveyPage},
    {"GET", "/surveys/{id}/edit", Access::kFull, EditPage},
    {"POST", "/surveys/{id}/edit", Access::kFull, EditFromForm},
    {"POST", "/surveys/{id}/targets", Access::kFull, AddTargetsForm},
    {"POST", "/surveys/{id}/targets/{tid}/remove", Access::kFull, RemoveTargetForm},
    {"POST", "/surveys/{id}/copy", Access::kFull, CopyForm},
    {"POST", "/surveys/{id}/open", Access::kFull, OpenForm},
    {"POST", "/surveys/{id}/close", Access::kFull, CloseForm},
    {"GET", "/surveys/{id}/results", Access::kFull, ResultsPage},
    {"GET", "/surveys/{id}/results.xlsx", Access::kFull, ResultsXlsx},
    {"GET", "/surveys/{id}/invitations", Access::kFull, InvitationsPage},
    {"GET", "/s/{token}", Access::kPublic, FacilityForm},
    {"POST", "/s/{token}", Access::kPublic, FacilityAnswers},
    {"GET", "/api/v1/surveys", Access::kFull, ApiList},
    {"POST", "/api/v1/surveys", Access::kFull, ApiCreate},
    {"POST", "/api/v1/surveys/{id}/targets", Access::kFull, ApiAddTargets},
    {"GET", "/api/v1/surveys/{id}/targets", Access::kFull, ApiTargets},
    {"POST", "/api/v1/surveys/{id}/open", Access::kFull, ApiOpen},
    {"POST", "/api/v1/surveys/{id}/close", Access::kFull, ApiClose},
    {"GET", "/api/v1/surveys/{id}/results", Access::kFull, ApiResults},
    {"GET", "/api/v1/surveys/{id}/results.xlsx", Access::kFull, ResultsXlsx},
};

}  // namespace

void RegisterRoutes(App& app) {
  auto service = std::make_shared<SurveyService>(app.db());
  app::AddRoutes(app, service, kRoutes);
}

}  // namespace renkei::surveys
