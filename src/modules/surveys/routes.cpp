// Surveys of facilities: staff pages (/surveys…), the facility's form behind its link (/s/{token}),
// and /api/v1/surveys. Thin: parse, call SurveyService, render.
#include <boost/json.hpp>
#include <cmath>

#include "app/app.hpp"
#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "modules/directory/model.hpp"
#include "modules/surveys/service.hpp"
#include "platform/clock.hpp"
#include "platform/security/crypto.hpp"
#include "platform/web/charts.hpp"
#include "platform/web/forms.hpp"
#include "platform/web/i18n.hpp"

namespace renkei::surveys {

using app::Access;
using app::App;
using app::BackWithError;
using app::Ctx;
using app::CurrentFiscalYear;
using app::Download;
using app::FiscalYearChoices;
using app::FiscalYearParam;
namespace {

namespace sv = surveys;
using web::Data;

// Kinds of facility a survey usually asks, first in the list and ticked by default.
const std::vector<std::string> kUsualKinds = {"hospital", "clinic", "home_nursing", "nursing_home", "care_management"};

std::string StatusLabel(Ctx& ctx, const std::string& status) { return ctx.t("surveys.status." + status); }

std::string ItemLabel(const std::string& code) {
  for (const auto& i : core::AllProgramItems())
    if (code == i.code) return std::string("（") + i.letter + "）" + i.title;
  return "";
}

std::string Link(const App& app, const Ctx& ctx, const std::string& token) { return app.AbsoluteUrl(ctx, "/s/" + token); }

sv::SurveyInput InputFromForm(const http::Params& f) {
  return {f.value("title"), f.value("fiscal_year"), f.value("item"), f.value("description"), f.value("deadline"), f.value("questions")};
}

sv::SurveyInput InputOf(const sv::Survey& s) {
  return {s.title, std::to_string(s.fiscal_year), s.item, s.description, s.deadline, s.questions_text};
}

std::string Number(const std::optional<double>& d) {
  if (!d) return "-";
  char buf[32];
  if (std::fabs(*d - std::round(*d)) < 1e-9)
    std::snprintf(buf, sizeof buf, "%.0f", *d);
  else
    std::snprintf(buf, sizeof buf, "%.1f", *d);
  return buf;
}

}  // namespace

void RegisterRoutes(App& app) {
  auto service = std::make_shared<sv::SurveyService>(app.db());

  auto form_page = [&app](Ctx& ctx, const std::string& heading, const std::string& action, const sv::SurveyInput& in,
                          const std::vector<FieldError>& errors, bool questions_fixed, int status) {
    Data d = web::Object();
    d.set("heading", heading);
    d.set("action", action);
    d.set("title", in.title);
    d.set("fiscal_year", in.fiscal_year.empty() ? std::to_string(CurrentFiscalYear()) : in.fiscal_year);
    std::vector<web::Choice> items = {{"", ctx.t("surveys.no_item")}};
    for (const auto& i : core::AllProgramItems()) items.push_back({i.code, std::string("（") + i.letter + "）" + i.title});
    d.set("items", web::Choices(items, in.item.empty() ? "a" : in.item));
    d.set("description", in.description);
    d.set("deadline", in.deadline);
    d.set("questions", in.questions_text);
    d.set("questions_fixed", questions_fixed);
    d.set("errors", web::FieldErrorList(ctx.lang, "surveys", errors));
    d.set("has_errors", !errors.empty());
    return app.Page(ctx, "surveys/form", d, heading, status);
  };

  // ---- staff pages ----
  app.Get("/surveys", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto fy = FiscalYearParam(ctx.req);
    if (!fy.ok()) return fy.status();
    auto list = service->Year(*ctx.principal, *fy);
    if (!list.ok()) return list.status();
    Data d = web::Object();
    d.set("years", FiscalYearChoices(*fy));
    d.set("fiscal_year", core::FormatFiscalYear(*fy));
    Data rows = web::List();
    for (const auto& r : *list) {
      Data x = web::Object();
      x.set("sid", r.survey.id);
      x.set("survey_title", r.survey.title);
      x.set("state", StatusLabel(ctx, r.survey.status));
      x.set("open", r.survey.status == "open");
      x.set("asked", std::to_string(r.targets));
      x.set("answered", std::to_string(r.responded));
      x.set("rate", std::to_string(sv::RoundedPercent(r.responded, r.targets)));
      if (!r.survey.deadline.empty()) x.set("due", core::DateLabel(r.survey.deadline));
      rows.push_back(x);
    }
    d.set("rows", rows);
    d.set("none", list->empty());
    return app.Page(ctx, "surveys/list", d, ctx.t("surveys.title"));
  });

  app.Get("/surveys/new", Access::kFull, [service, form_page](Ctx& ctx) -> Result<http::Response> {
    if (!sv::SurveyService::Staff(*ctx.principal)) return Status::PermissionDenied("@error.forbidden");
    sv::SurveyInput in;
    in.questions_text = ctx.t("surveys.example_questions");
    return form_page(ctx, ctx.t("surveys.new_title"), "/surveys/new", in, {}, false, 200);
  });
  app.Post("/surveys/new", Access::kFull, [service, form_page](Ctx& ctx) -> Result<http::Response> {
    if (!sv::SurveyService::Staff(*ctx.principal)) return Status::PermissionDenied("@error.forbidden");
    auto in = InputFromForm(ctx.req.form());
    sv::Survey check;
    if (auto errors = sv::Validate(in, check); !errors.empty())
      return form_page(ctx, ctx.t("surveys.new_title"), "/surveys/new", in, errors, false, 400);
    auto id = service->Create(*ctx.principal, ctx.addr(), in);
    if (!id.ok()) return id.status();
    return http::Response::Redirect("/surveys/" + *id);
  });

  app.Get("/surveys/{id}", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto s = service->Get(*ctx.principal, ctx.req.param("id"));
    if (!s.ok()) return s.status();
    auto targets = service->Targets(*ctx.principal, s->id);
    if (!targets.ok()) return targets.status();
    Data d = web::Object();
    d.set("csrf", ctx.csrf_token());
    d.set("sid", s->id);
    d.set("survey_title", s->title);
    d.set("fiscal_year", core::FormatFiscalYear(s->fiscal_year));
    d.set("state", StatusLabel(ctx, s->status));
    d.set("draft", s->status == "draft");
    d.set("open", s->status == "open");
    d.set("closed", s->status == "closed");
    if (!s->item.empty()) d.set("item", ItemLabel(s->item));
    if (!s->deadline.empty()) d.set("due", core::DateLabel(s->deadline));
    if (!s->description.empty()) d.set("description", s->description);
    Data questions = web::List();
    int n = 0;
    for (const auto& q : s->questions) {
      Data x = web::Object();
      x.set("number", std::to_string(++n));
      x.set("text", q.text);
      x.set("kind", ctx.t(std::string("surveys.kind.") + sv::KindCode(q.kind)));
      x.set("required", q.required);
      Data opts = web::List();
      for (const auto& o : q.options) opts.push_back(Data(o));
      x.set("options", opts);
      x.set("has_options", !q.options.empty());
      questions.push_back(x);
    }
    d.set("questions", questions);
    long long answered = 0;
    Data rows = web::List();
    for (const auto& t : *targets) {
      Data x = web::Object();
      x.set("tid", t.id);
      x.set("facility", t.facility_name);
      x.set("facility_id", t.facility_id);
      const auto* kind = directory::FindKind(t.facility_kind);
      x.set("kind", kind ? kind->label : t.facility_kind);
      x.set("town", core::MunicipalityName(t.municipality_code));
      if (!t.responded_at.empty()) {
        answered++;
        x.set("answered_at", clock::IsoToTokyoMinute(t.responded_at));
        x.set("respondent", t.respondent);
      } else if (s->status != "closed") {
        x.set("removable", true);
      }
      if (s->status != "draft") x.set("link", Link(app, ctx, t.token));
      rows.push_back(x);
    }
    d.set("targets", rows);
    d.set("asked", std::to_string(targets->size()));
    d.set("answered", std::to_string(answered));
    d.set("no_targets", targets->empty());
    std::vector<web::Choice> kinds;
    for (const auto& k : kUsualKinds)
      if (const auto* info = directory::FindKind(k)) kinds.push_back({info->code, info->label});
    for (const auto& k : directory::AllKinds())
      if (std::find(kUsualKinds.begin(), kUsualKinds.end(), k.code) == kUsualKinds.end() && std::string(k.code) != "hub")
        kinds.push_back({k.code, k.label});
    d.set("kinds", web::Choices(kinds, std::vector<std::string>{}));
    std::vector<web::Choice> towns = {{"", ctx.t("surveys.all_towns")}};
    for (const auto& m : core::DefaultMunicipalities()) towns.push_back({m.code, m.name});
    d.set("towns", web::Choices(towns, ""));
    if (auto e = ctx.req.query().value("error"); !e.empty() && e.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string::npos)
      d.set("error", ctx.t("surveys.error." + e));
    if (auto added = ctx.req.query().value("added"); !added.empty() && added.find_first_not_of("0123456789") == std::string::npos)
      d.set("notice", added + ctx.t("surveys.added_suffix"));
    return app.Page(ctx, "surveys/show", d, s->title);
  });

  app.Get("/surveys/{id}/edit", Access::kFull, [service, form_page](Ctx& ctx) -> Result<http::Response> {
    auto s = service->Get(*ctx.principal, ctx.req.param("id"));
    if (!s.ok()) return s.status();
    return form_page(ctx, ctx.t("surveys.edit_title"), "/surveys/" + s->id + "/edit", InputOf(*s), {}, s->status != "draft", 200);
  });
  app.Post("/surveys/{id}/edit", Access::kFull, [service, form_page](Ctx& ctx) -> Result<http::Response> {
    auto s = service->Get(*ctx.principal, ctx.req.param("id"));
    if (!s.ok()) return s.status();
    auto in = InputFromForm(ctx.req.form());
    if (s->status != "draft") in.questions_text = s->questions_text;  // the form shows them read-only
    sv::Survey check;
    auto errors = sv::Validate(in, check);
    if (!errors.empty())
      return form_page(ctx, ctx.t("surveys.edit_title"), "/surveys/" + s->id + "/edit", in, errors, s->status != "draft", 400);
    if (auto st = service->Update(*ctx.principal, ctx.addr(), s->id, in); !st.ok()) return st;
    return http::Response::Redirect("/surveys/" + s->id);
  });

  app.Post("/surveys/{id}/targets", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    const std::string id = ctx.req.param("id");
    const auto& f = ctx.req.form();
    auto added = service->AddTargets(*ctx.principal, ctx.addr(), id, f.all("kinds"), f.value("municipality"));
    if (!added.ok()) return BackWithError(added.status(), "/surveys/" + id, "@surveys.error.");
    return http::Response::Redirect("/surveys/" + id + "?added=" + std::to_string(*added));
  });
  app.Post("/surveys/{id}/targets/{tid}/remove", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    const std::string id = ctx.req.param("id");
    auto s = service->RemoveTarget(*ctx.principal, ctx.addr(), id, ctx.req.param("tid"));
    if (!s.ok()) return BackWithError(s, "/surveys/" + id, "@surveys.error.");
    return http::Response::Redirect("/surveys/" + id);
  });
  app.Post("/surveys/{id}/copy", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto copy = service->Copy(*ctx.principal, ctx.addr(), ctx.req.param("id"), CurrentFiscalYear());
    if (!copy.ok()) return copy.status();
    return http::Response::Redirect("/surveys/" + *copy + "/edit");
  });
  app.Post("/surveys/{id}/open", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    const std::string id = ctx.req.param("id");
    auto s = service->Open(*ctx.principal, ctx.addr(), id);
    if (!s.ok()) return BackWithError(s, "/surveys/" + id, "@surveys.error.");
    return http::Response::Redirect("/surveys/" + id);
  });
  app.Post("/surveys/{id}/close", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    const std::string id = ctx.req.param("id");
    auto s = service->Close(*ctx.principal, ctx.addr(), id);
    if (!s.ok()) return BackWithError(s, "/surveys/" + id, "@surveys.error.");
    return http::Response::Redirect("/surveys/" + id);
  });

  app.Get("/surveys/{id}/results", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto r = service->ResultsOf(*ctx.principal, ctx.req.param("id"));
    if (!r.ok()) return r.status();
    Data d = web::Object();
    d.set("sid", r->survey.id);
    d.set("survey_title", r->survey.title);
    d.set("fiscal_year", core::FormatFiscalYear(r->survey.fiscal_year));
    d.set("state", StatusLabel(ctx, r->survey.status));
    d.set("asked", std::to_string(r->targets));
    d.set("answered", std::to_string(r->responded));
    d.set("rate", std::to_string(r->rate));
    // Response rates per kind of facility and per town.
    auto rates = [](const std::vector<std::pair<std::string, std::pair<long long, long long>>>& v) {
      Data list = web::List();
      for (const auto& [label, c] : v) {
        Data x = web::Object();
        x.set("label", label);
        x.set("asked", std::to_string(c.first));
        x.set("answered", std::to_string(c.second));
        x.set("rate", std::to_string(sv::RoundedPercent(c.second, c.first)));
        list.push_back(x);
      }
      return list;
    };
    d.set("kinds", rates(r->by_kind));
    d.set("towns", rates(r->by_town));
    Data questions = web::List();
    for (const auto& q : r->questions) {
      Data x = web::Object();
      x.set("number", std::to_string(q.number));
      x.set("text", q.question.text);
      x.set("qanswered", std::to_string(q.answered));
      if (!q.options.empty()) {
        Data opts = web::List();
        std::vector<web::Bar> bars;
        for (const auto& o : q.options) {
          Data y = web::Object();
          y.set("label", o.label);
          y.set("count", std::to_string(o.count));
          y.set("percent", std::to_string(o.percent));
          opts.push_back(y);
          bars.push_back({o.label, o.count, std::nullopt});
        }
        x.set("options", opts);
        x.set("has_options", true);
        x.set("chart", web::BarChart(bars, "問" + std::to_string(q.number) + " " + q.question.text));
        x.set("multiple", q.question.kind == sv::QuestionKind::kMultiple);
      } else if (q.question.kind == sv::QuestionKind::kNumber) {
        x.set("numbers", true);
        x.set("sum", Number(q.sum));
        x.set("mean", Number(q.mean));
        x.set("min", Number(q.min));
        x.set("max", Number(q.max));
      } else {
        Data texts = web::List();
        for (const auto& [facility, text] : q.texts) {
          Data y = web::Object();
          y.set("facility", facility);
          y.set("answer", text);
          texts.push_back(y);
        }
        x.set("texts", texts);
        x.set("has_texts", !q.texts.empty());
        x.set("no_texts", q.texts.empty());
      }
      questions.push_back(x);
    }
    d.set("questions", questions);
    return app.Page(ctx, "surveys/results", d, r->survey.title);
  });
  auto xlsx = [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto bytes = service->Xlsx(*ctx.principal, ctx.req.param("id"), app.config().region_name);
    if (!bytes.ok()) return bytes.status();
    return Download(std::move(bytes.value()), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "survey-" + ctx.req.param("id") + ".xlsx");
  };
  app.Get("/surveys/{id}/results.xlsx", Access::kFull, xlsx);

  // Invitations to print, send by FAX or mail: one page per facility with its link and QR code.
  app.Get("/surveys/{id}/invitations", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto s = service->Get(*ctx.principal, ctx.req.param("id"));
    if (!s.ok()) return s.status();
    if (s->status == "draft")
      return BackWithError(Status::FailedPrecondition("@surveys.error.not_open"), "/surveys/" + s->id, "@surveys.error.");
    auto targets = service->Targets(*ctx.principal, s->id);
    if (!targets.ok()) return targets.status();
    Data d = web::Object();
    d.set("sid", s->id);
    d.set("survey_title", s->title);
    d.set("region", app.config().region_name);
    if (!s->deadline.empty()) d.set("due", core::DateLabel(s->deadline));
    if (!s->description.empty()) d.set("description", s->description);
    Data pages = web::List();
    size_t waiting = 0;
    for (const auto& t : *targets) {
      if (!t.responded_at.empty()) continue;
      waiting++;
      Data x = web::Object();
      x.set("facility", t.facility_name);
      std::string link = Link(app, ctx, t.token);
      x.set("link", link);
      x.set("qr", security::QrSvg(link));
      pages.push_back(x);
    }
    d.set("pages", pages);
    d.set("none", waiting == 0);
    return app.Page(ctx, "surveys/invitations", d, s->title);
  });

  // ---- the facility's form, through its link ----
  auto answer_page = [&app](Ctx& ctx, const sv::Form& f, const std::map<int, std::vector<std::string>>& given,
                            const std::string& respondent, const std::vector<FieldError>& errors, int status) {
    Data d = web::Object();
    d.set("csrf", ctx.csrf_token());
    d.set("token", f.target.token);
    d.set("survey_title", f.survey.title);
    d.set("facility", f.target.facility_name);
    d.set("region", app.config().region_name);
    if (!f.survey.description.empty()) d.set("description", f.survey.description);
    if (!f.survey.deadline.empty()) d.set("due", core::DateLabel(f.survey.deadline));
    d.set("closed", f.closed);
    d.set("answered_before", !f.target.responded_at.empty());
    d.set("respondent", respondent);
    d.set("has_errors", !errors.empty());
    std::map<std::string, std::string> error_of;
    for (const auto& e : errors) error_of[e.field] = e.message;
    if (error_of.count("respondent")) d.set("respondent_error", web::Catalogue::Get().message(ctx.lang, error_of["respondent"]));
    Data questions = web::List();
    for (size_t i = 0; i < f.survey.questions.size(); ++i) {
      const auto& q = f.survey.questions[i];
      const int n = static_cast<int>(i + 1);
      std::vector<std::string> chosen;
      if (auto it = given.find(n); it != given.end()) chosen = it->second;
      Data x = web::Object();
      x.set("number", std::to_string(n));
      x.set("text", q.text);
      x.set("required", q.required);
      x.set("single", q.kind == sv::QuestionKind::kSingle);
      x.set("multiple", q.kind == sv::QuestionKind::kMultiple);
      x.set("number_input", q.kind == sv::QuestionKind::kNumber);
      x.set("text_input", q.kind == sv::QuestionKind::kText);
      if (auto e = error_of.find("q" + std::to_string(n)); e != error_of.end()) x.set("qerror", e->second);
      x.set("value", q.options.empty() && !chosen.empty() ? chosen.front() : "");
      Data opts = web::List();
      for (size_t k = 0; k < q.options.size(); ++k) {
        Data y = web::Object();
        y.set("code", std::to_string(k + 1));
        y.set("label", q.options[k]);
        y.set("checked", std::find(chosen.begin(), chosen.end(), std::to_string(k + 1)) != chosen.end());
        opts.push_back(y);
      }
      x.set("options", opts);
      questions.push_back(x);
    }
    d.set("questions", questions);
    return app.Page(ctx, "surveys/answer", d, f.survey.title, status);
  };
  // Stored answers back into the form's values ("1,3" -> {"1","3"}).
  auto given_of = [](const sv::Form& f) {
    std::map<int, std::vector<std::string>> given;
    for (const auto& [n, v] : f.answers) {
      if (n < 1 || static_cast<size_t>(n) > f.survey.questions.size()) continue;
      if (f.survey.questions[static_cast<size_t>(n - 1)].options.empty()) {
        given[n] = {v};
        continue;
      }
      for (size_t from = 0; from <= v.size();) {
        size_t comma = std::min(v.find(',', from), v.size());
        given[n].push_back(v.substr(from, comma - from));
        from = comma + 1;
      }
    }
    return given;
  };
  app.Get("/s/{token}", Access::kPublic, [service, answer_page, given_of](Ctx& ctx) -> Result<http::Response> {
    auto f = service->FormFor(ctx.req.param("token"));
    if (!f.ok()) return f.status();
    return answer_page(ctx, *f, given_of(*f), f->target.respondent, {}, 200);
  });
  app.Post("/s/{token}", Access::kPublic, [&app, service, answer_page](Ctx& ctx) -> Result<http::Response> {
    if (auto s = app.PublicFormAllowed(ctx); !s.ok()) return s;
    auto f = service->FormFor(ctx.req.param("token"));
    if (!f.ok()) return f.status();
    const auto& form = ctx.req.form();
    std::map<int, std::vector<std::string>> given;
    for (size_t i = 0; i < f->survey.questions.size(); ++i) given[static_cast<int>(i + 1)] = form.all("q" + std::to_string(i + 1));
    std::string respondent = form.value("respondent");
    auto errors = service->Answer(f->target.token, respondent, given, ctx.addr());
    if (!errors.ok()) {
      if (errors.status().code() == Code::kFailedPrecondition) return answer_page(ctx, *f, given, respondent, {}, 409);
      return errors.status();
    }
    if (!errors->empty()) return answer_page(ctx, *f, given, respondent, *errors, 400);
    Data d = web::Object();
    d.set("survey_title", f->survey.title);
    d.set("facility", f->target.facility_name);
    d.set("token", f->target.token);
    if (!f->survey.deadline.empty()) d.set("due", core::DateLabel(f->survey.deadline));
    return app.Page(ctx, "surveys/thanks", d, f->survey.title);
  });

  // ---- API ----
  app.Get("/api/v1/surveys", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto fy = FiscalYearParam(ctx.req);
    if (!fy.ok()) return fy.status();
    auto list = service->Year(*ctx.principal, *fy);
    if (!list.ok()) return list.status();
    boost::json::array items;
    for (const auto& r : *list)
      items.push_back({{"id", r.survey.id},
                       {"title", r.survey.title},
                       {"fiscal_year", r.survey.fiscal_year},
                       {"item", r.survey.item},
                       {"status", r.survey.status},
                       {"deadline", r.survey.deadline},
                       {"targets", r.targets},
                       {"responded", r.responded}});
    return http::Response::Json(boost::json::serialize(boost::json::object{{"fiscal_year", *fy}, {"items", items}}));
  });
  app.Post("/api/v1/surveys", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto body = web::JsonBody(ctx.req.body, "@surveys.error.json");
    if (!body.ok()) return body.status();
    const auto& o = *body;
    sv::SurveyInput in{web::JsonText(o, "title"),       web::JsonText(o, "fiscal_year"), web::JsonText(o, "item"),
                       web::JsonText(o, "description"), web::JsonText(o, "deadline"),    web::JsonText(o, "questions")};
    sv::Survey check;
    if (auto errors = sv::Validate(in, check); !errors.empty()) {
      boost::json::array list;
      for (const auto& e : errors) list.push_back({{"field", e.field}, {"message", web::Catalogue::Get().message(ctx.lang, e.message)}});
      return http::Response::Json(boost::json::serialize(boost::json::object{{"error", "invalid"}, {"problems", list}}), 400);
    }
    auto id = service->Create(*ctx.principal, ctx.addr(), in);
    if (!id.ok()) return id.status();
    return http::Response::Json(boost::json::serialize(boost::json::object{{"id", *id}}), 201);
  });
  app.Post("/api/v1/surveys/{id}/targets", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto body = web::JsonBody(ctx.req.body, "@surveys.error.json");
    if (!body.ok()) return body.status();
    const auto& o = *body;
    std::vector<std::string> kinds;
    if (auto it = o.find("kinds"); it != o.end() && it->value().is_array())
      for (const auto& k : it->value().as_array())
        if (k.is_string()) kinds.emplace_back(k.as_string());
    auto added = service->AddTargets(*ctx.principal, ctx.addr(), ctx.req.param("id"), kinds, web::JsonText(o, "municipality"));
    if (!added.ok()) return added.status();
    return http::Response::Json(boost::json::serialize(boost::json::object{{"added", *added}}));
  });
  app.Get("/api/v1/surveys/{id}/targets", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto targets = service->Targets(*ctx.principal, ctx.req.param("id"));
    if (!targets.ok()) return targets.status();
    boost::json::array items;
    for (const auto& t : *targets)
      items.push_back({{"id", t.id},
                       {"facility_id", t.facility_id},
                       {"facility", t.facility_name},
                       {"kind", t.facility_kind},
                       {"municipality_code", t.municipality_code},
                       {"link", Link(app, ctx, t.token)},
                       {"responded_at", t.responded_at},
                       {"respondent", t.respondent}});
    return http::Response::Json(boost::json::serialize(boost::json::object{{"items", items}}));
  });
  for (const char* action : {"open", "close"}) {
    std::string verb = action;
    app.Post("/api/v1/surveys/{id}/" + verb, Access::kFull, [service, verb](Ctx& ctx) -> Result<http::Response> {
      auto s = verb == "open" ? service->Open(*ctx.principal, ctx.addr(), ctx.req.param("id"))
                              : service->Close(*ctx.principal, ctx.addr(), ctx.req.param("id"));
      if (!s.ok()) return s;
      return http::Response::Json("{\"ok\":true}");
    });
  }
  app.Get("/api/v1/surveys/{id}/results", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto r = service->ResultsOf(*ctx.principal, ctx.req.param("id"));
    if (!r.ok()) return r.status();
    boost::json::array questions;
    for (const auto& q : r->questions) {
      boost::json::object x{
          {"number", q.number}, {"text", q.question.text}, {"kind", sv::KindCode(q.question.kind)}, {"answered", q.answered}};
      if (!q.options.empty()) {
        boost::json::array opts;
        for (const auto& o : q.options) opts.push_back({{"label", o.label}, {"count", o.count}, {"percent", o.percent}});
        x["options"] = opts;
      }
      if (q.sum) x["sum"] = *q.sum, x["mean"] = *q.mean, x["min"] = *q.min, x["max"] = *q.max;
      if (q.question.kind == sv::QuestionKind::kText) {
        boost::json::array texts;
        for (const auto& [facility, text] : q.texts) texts.push_back({{"facility", facility}, {"answer", text}});
        x["texts"] = texts;
      }
      questions.push_back(x);
    }
    auto rates = [](const std::vector<std::pair<std::string, std::pair<long long, long long>>>& v) {
      boost::json::array a;
      for (const auto& [label, c] : v) a.push_back({{"label", label}, {"targets", c.first}, {"responded", c.second}});
      return a;
    };
    boost::json::object o{{"id", r->survey.id},           {"title", r->survey.title},     {"status", r->survey.status},
                          {"targets", r->targets},        {"responded", r->responded},    {"rate", r->rate},
                          {"by_kind", rates(r->by_kind)}, {"by_town", rates(r->by_town)}, {"questions", questions}};
    return http::Response::Json(boost::json::serialize(o));
  });
  app.Get("/api/v1/surveys/{id}/results.xlsx", Access::kFull, xlsx);
}

}  // namespace renkei::surveys
