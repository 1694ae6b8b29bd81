// Meetings among the towns (/meetings and /api/v1/meetings): the year's list with counts per kind,
// the meeting page with minutes (Markdown, rendered safely), decisions, action items and papers.
// Thin: parse, call LiaisonService, render.
#include <boost/json.hpp>

#include "app/app.hpp"
#include "core/wareki.hpp"
#include "modules/liaison/service.hpp"
#include "platform/clock.hpp"
#include "platform/web/charts.hpp"
#include "platform/web/forms.hpp"
#include "platform/web/i18n.hpp"
#include "platform/web/markdown.hpp"
#include "platform/xlsx.hpp"

namespace renkei::liaison {

using app::Access;
using app::App;
using app::AttachmentRows;
using app::BackWithError;
using app::Ctx;
using app::Download;
using app::FileDownload;
using app::FiscalYearChoices;
using app::FiscalYearParam;
namespace {

namespace li = liaison;
using web::Data;

std::string When(const std::string& iso) {
  std::string local = clock::IsoToTokyoMinute(iso);
  auto d = core::ParseIsoDate(local.substr(0, 10));
  return (d ? core::FormatLongWithWeekday(*d) : local.substr(0, 10)) + " " + local.substr(11, 5);
}

std::string KindLabel(const std::vector<li::Kind>& kinds, const std::string& code) {
  for (const auto& k : kinds)
    if (k.code == code) return k.label;
  return code;
}

li::MeetingInput FromForm(const http::Params& f) {
  li::MeetingInput in;
  in.kind = f.value("kind");
  in.title = f.value("title");
  in.held_at = f.value("date") + (f.value("time").empty() ? "" : " " + f.value("time"));
  in.place = f.value("place");
  in.online = f.value("online") == "1";
  in.agenda = f.value("agenda");
  in.minutes = f.value("minutes");
  in.decisions = f.value("decisions");
  in.attendees = f.value("attendees");
  return in;
}

li::MeetingInput InputOf(const li::Meeting& m) {
  li::MeetingInput in;
  in.kind = m.kind;
  in.title = m.title;
  in.held_at = clock::IsoToTokyoMinute(m.held_at);
  in.place = m.place;
  in.online = m.online;
  in.agenda = m.agenda;
  in.minutes = m.minutes;
  in.decisions = m.decisions;
  for (const auto& a : m.attendees)
    in.attendees += (a.login.empty() ? a.name : a.login) + (a.organization.empty() ? "" : ", " + a.organization) + "\n";
  return in;
}

Data MeetingForm(Ctx& ctx, li::LiaisonService& service, const li::MeetingInput& in, const std::vector<FieldError>& errors) {
  Data d = web::Object();
  d.set("csrf", ctx.csrf_token());
  std::vector<web::Choice> kinds;
  for (const auto& k : service.Kinds()) kinds.push_back({k.code, k.label});
  d.set("kinds", web::Choices(kinds, in.kind));
  d.set("title", in.title);
  d.set("date", in.held_at.substr(0, 10));
  d.set("time", in.held_at.size() >= 16 ? in.held_at.substr(11, 5) : "");
  d.set("place", in.place);
  d.set("online", in.online);
  d.set("agenda", in.agenda);
  d.set("minutes", in.minutes);
  d.set("decisions", in.decisions);
  d.set("attendees", in.attendees);
  d.set("errors", web::FieldErrorList(ctx.lang, "liaison", errors));
  d.set("has_errors", !errors.empty());
  return d;
}

}  // namespace

void RegisterRoutes(App& app) {
  auto service = std::make_shared<li::LiaisonService>(app.db());
  auto staff = [](Ctx& ctx) {
    return li::LiaisonService::Staff(*ctx.principal);
  };

  auto summary_of = [service](Ctx& ctx) -> Result<li::Summary> {
    auto fy = FiscalYearParam(ctx.req);
    if (!fy.ok()) return fy.status();
    return service->SummaryOf(*ctx.principal, *fy);
  };
  app.Get("/api/v1/meetings/summary", Access::kFull, [summary_of](Ctx& ctx) -> Result<http::Response> {
    auto s = summary_of(ctx);
    if (!s.ok()) return s.status();
    boost::json::array kinds;
    for (const auto& k : s->by_kind) kinds.push_back({{"kind", k.kind}, {"label", k.label}, {"count", k.count}});
    return http::Response::Json(
        boost::json::serialize(boost::json::object{{"fiscal_year", s->fiscal_year}, {"meetings", s->meetings}, {"by_kind", kinds}}));
  });
  auto summary_xlsx = [&app, service, summary_of](Ctx& ctx) -> Result<http::Response> {
    auto s = summary_of(ctx);
    if (!s.ok()) return s.status();
    auto list = service->Year(*ctx.principal, s->fiscal_year);
    xlsx::Workbook book;
    if (!book.ok()) return Status::Internal("XLSX を作れません。");
    lxw_worksheet* ws = workbook_add_worksheet(book.get(), "会議");
    worksheet_set_column(ws, 0, 0, 28, nullptr);
    worksheet_set_column(ws, 1, 3, 22, nullptr);
    std::string title = app.config().region_name + " 関係市町の連携・会議（" + core::FormatFiscalYear(s->fiscal_year) + "）";
    xlsx::Workbook::PrintSetup(ws, title, 2);
    std::vector<std::vector<std::string>> kinds, rows;
    for (const auto& k : s->by_kind) kinds.push_back({k.label, std::to_string(k.count)});
    lxw_row_t row = book.Table(ws, 0, title, {"会議の種類", "開催回数"}, kinds);
    auto all_kinds = service->Kinds();
    if (list.ok())
      for (const auto& m : *list)
        rows.push_back({When(m.held_at), KindLabel(all_kinds, m.kind), m.title, m.online ? "オンライン" : m.place});
    row = book.Table(ws, row, "開催一覧", {"日時", "種類", "名称", "場所"}, rows);
    auto bytes = book.Finish();
    if (!bytes.ok()) return bytes.status();
    return Download(std::move(bytes.value()), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "meetings-fy" + std::to_string(s->fiscal_year) + ".xlsx");
  };
  app.Get("/api/v1/meetings/summary.xlsx", Access::kFull, summary_xlsx);
  app.Get("/meetings/summary.xlsx", Access::kFull, summary_xlsx);

  app.Get("/api/v1/meetings", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto fy = FiscalYearParam(ctx.req);
    if (!fy.ok()) return fy.status();
    auto list = service->Year(*ctx.principal, *fy, ctx.req.query().value("kind"));
    if (!list.ok()) return list.status();
    boost::json::array items;
    for (const auto& m : *list)
      items.push_back({{"id", m.id},
                       {"kind", m.kind},
                       {"title", m.title},
                       {"held_at", clock::IsoToTokyoOffset(m.held_at)},
                       {"place", m.place},
                       {"online", m.online}});
    return http::Response::Json(boost::json::serialize(boost::json::object{{"fiscal_year", *fy}, {"items", items}}));
  });
  app.Post("/api/v1/meetings", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto body = web::JsonBody(ctx.req.body, "@liaison.error.json");
    if (!body.ok()) return body.status();
    const auto& o = *body;
    li::MeetingInput in;
    in.kind = web::JsonText(o, "kind");
    in.title = web::JsonText(o, "title");
    in.held_at = web::JsonText(o, "held_at");
    in.place = web::JsonText(o, "place");
    in.agenda = web::JsonText(o, "agenda");
    in.minutes = web::JsonText(o, "minutes");
    in.decisions = web::JsonText(o, "decisions");
    if (auto it = o.find("online"); it != o.end() && it->value().is_bool()) in.online = it->value().as_bool();
    if (auto it = o.find("attendees"); it != o.end() && it->value().is_array())
      for (const auto& a : it->value().as_array())
        if (a.is_object()) {
          std::string name =
              web::JsonText(a.as_object(), "login").empty() ? web::JsonText(a.as_object(), "name") : web::JsonText(a.as_object(), "login");
          std::string org = web::JsonText(a.as_object(), "organization");
          in.attendees += name + (org.empty() ? "" : ", " + org) + "\n";
        }
    auto id = service->Create(*ctx.principal, ctx.addr(), in);
    if (!id.ok()) return id.status();
    return http::Response::Json(boost::json::serialize(boost::json::object{{"id", *id}}), 201);
  });
  app.Post("/api/v1/meetings/{id}/actions", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto body = web::JsonBody(ctx.req.body, "@liaison.error.json");
    if (!body.ok()) return body.status();
    const auto& o = *body;
    auto id = service->AddAction(*ctx.principal, ctx.addr(), ctx.req.param("id"), web::JsonText(o, "title"), web::JsonText(o, "owner"),
                                 web::JsonText(o, "due_date"));
    if (!id.ok()) return id.status();
    return http::Response::Json(boost::json::serialize(boost::json::object{{"id", *id}}), 201);
  });
  app.Get("/api/v1/meetings/{id}", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto m = service->Get(*ctx.principal, ctx.req.param("id"));
    if (!m.ok()) return m.status();
    boost::json::array attendees, actions;
    for (const auto& a : m->attendees) attendees.push_back({{"login", a.login}, {"name", a.name}, {"organization", a.organization}});
    if (auto acts = service->ActionsOf(*ctx.principal, m->id); acts.ok())
      for (const auto& a : *acts)
        actions.push_back({{"id", a.id}, {"title", a.title}, {"owner", a.owner_login}, {"due_date", a.due_date}, {"status", a.status}});
    boost::json::object o{{"id", m->id},
                          {"kind", m->kind},
                          {"title", m->title},
                          {"held_at", clock::IsoToTokyoOffset(m->held_at)},
                          {"fiscal_year", m->fiscal_year},
                          {"place", m->place},
                          {"online", m->online},
                          {"agenda", m->agenda},
                          {"minutes", m->minutes},
                          {"decisions", m->decisions},
                          {"attendees", attendees},
                          {"actions", actions}};
    return http::Response::Json(boost::json::serialize(o));
  });

  // ---- pages ----
  app.Get("/meetings", Access::kFull, [&app, service, summary_of](Ctx& ctx) -> Result<http::Response> {
    if (!li::LiaisonService::Staff(*ctx.principal)) return Status::PermissionDenied("@error.forbidden");
    auto s = summary_of(ctx);
    if (!s.ok()) return s.status();
    std::string kind = ctx.req.query().value("kind");
    auto list = service->Year(*ctx.principal, s->fiscal_year, kind);
    if (!list.ok()) return list.status();
    auto kinds = service->Kinds();
    Data d = web::Object();
    d.set("years", FiscalYearChoices(s->fiscal_year));
    d.set("fy", std::to_string(s->fiscal_year));
    d.set("fiscal_year", core::FormatFiscalYear(s->fiscal_year));
    d.set("total", std::to_string(s->meetings));
    std::vector<web::Choice> kind_choices;
    kind_choices.reserve(kinds.size());
    for (const auto& k : kinds) kind_choices.push_back({k.code, k.label});
    d.set("kind_choices", web::Choices(kind_choices, kind));
    Data counts = web::List();
    std::vector<web::Bar> bars;
    for (const auto& k : s->by_kind) {
      Data x = web::Object();
      x.set("label", k.label);
      x.set("count", std::to_string(k.count));
      counts.push_back(x);
      if (k.count) bars.push_back({k.label, k.count, std::nullopt});
    }
    d.set("counts", counts);
    d.set("chart", web::BarChart(bars, ctx.t("liaison.by_kind")));
    Data rows = web::List();
    for (const auto& m : *list) {
      Data x = web::Object();
      x.set("id", m.id);
      x.set("when", When(m.held_at));
      x.set("kind", KindLabel(kinds, m.kind));
      x.set("title", m.title);
      x.set("place", m.online ? ctx.t("liaison.online") : m.place);
      rows.push_back(x);
    }
    d.set("rows", rows);
    d.set("none", list->empty());
    d.set("can_kinds", ctx.principal->can(security::Permission::kManageUsers));
    return app.Page(ctx, "liaison/list", d, ctx.t("liaison.title"));
  });
  app.Get("/meetings/new", Access::kFull, [&app, service, staff](Ctx& ctx) -> Result<http::Response> {
    if (!staff(ctx)) return Status::PermissionDenied("@error.forbidden");
    li::MeetingInput in;
    in.kind = ctx.req.query().value("kind", "municipal_staff");
    in.held_at = clock::TodayInTokyo() + " 14:00";
    Data d = MeetingForm(ctx, *service, in, {});
    d.set("action", "/meetings");
    d.set("heading", ctx.t("liaison.new_title"));
    return app.Page(ctx, "liaison/form", d, ctx.t("liaison.new_title"));
  });
  app.Post("/meetings", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto in = FromForm(ctx.req.form());
    li::Meeting scratch;
    auto errors = li::Validate(in, service->Kinds(), scratch);
    if (errors.empty()) {
      auto id = service->Create(*ctx.principal, ctx.addr(), in);
      if (id.ok()) return http::Response::Redirect("/meetings/" + *id + "?notice=created");
      return id.status();
    }
    Data d = MeetingForm(ctx, *service, in, errors);
    d.set("action", "/meetings");
    d.set("heading", ctx.t("liaison.new_title"));
    return app.Page(ctx, "liaison/form", d, ctx.t("liaison.new_title"), 400);
  });

  app.Get("/admin/meeting-kinds", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    if (!ctx.principal->can(security::Permission::kManageUsers)) return Status::PermissionDenied("@error.forbidden");
    Data d = web::Object();
    d.set("csrf", ctx.csrf_token());
    Data rows = web::List();
    for (const auto& k : service->Kinds()) {
      Data x = web::Object();
      x.set("code", k.code);
      x.set("label", k.label);
      x.set("builtin", k.builtin);
      rows.push_back(x);
    }
    d.set("rows", rows);
    if (auto e = ctx.req.query().value("error"); e == "bad_code" || e == "bad_label" || e == "kind_exists")
      d.set("error", ctx.t("liaison.error." + e));
    return app.Page(ctx, "liaison/kinds", d, ctx.t("liaison.kinds_title"));
  });
  app.Post("/admin/meeting-kinds", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto s = service->AddKind(*ctx.principal, ctx.addr(), ctx.req.form().value("code"), ctx.req.form().value("label"));
    if (!s.ok()) return BackWithError(s, "/admin/meeting-kinds", "@liaison.error.");
    return http::Response::Redirect("/admin/meeting-kinds");
  });

  // Action items: done from the meeting page or the owner's home page.
  app.Post("/meetings/actions/{aid}/done", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto s = service->SetActionDone(*ctx.principal, ctx.addr(), ctx.req.param("aid"), ctx.req.form().value("done", "1") == "1");
    if (!s.ok()) return s;
    return http::Response::Redirect(web::SafeLocalPath(ctx.req.form().value("back"), "/"));
  });

  app.Get("/meetings/{id}", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto m = service->Get(*ctx.principal, ctx.req.param("id"));
    if (!m.ok()) return m.status();
    Data d = web::Object();
    d.set("csrf", ctx.csrf_token());
    d.set("id", m->id);
    d.set("title", m->title);
    d.set("kind", KindLabel(service->Kinds(), m->kind));
    d.set("when", When(m->held_at));
    d.set("fiscal_year", core::FormatFiscalYear(m->fiscal_year));
    d.set("place", m->online ? ctx.t("liaison.online") + (m->place.empty() ? "" : "（" + m->place + "）") : m->place);
    if (!m->agenda.empty()) d.set("agenda", m->agenda);
    if (!m->decisions.empty()) d.set("decisions", m->decisions);
    if (!m->minutes.empty()) d.set("minutes_html", web::MarkdownToHtml(m->minutes));
    Data attendees = web::List();
    for (const auto& a : m->attendees) {
      Data x = web::Object();
      x.set("name", a.name);
      if (!a.organization.empty()) x.set("organization", a.organization);
      attendees.push_back(x);
    }
    d.set("attendees", attendees);
    d.set("attendee_count", std::to_string(m->attendees.size()));
    Data actions = web::List();
    std::string today = clock::TodayInTokyo();
    if (auto acts = service->ActionsOf(*ctx.principal, m->id); acts.ok())
      for (const auto& a : *acts) {
        Data x = web::Object();
        x.set("aid", a.id);
        x.set("action_title", a.title);
        x.set("owner", a.owner_login);
        if (!a.due_date.empty()) x.set("due", a.due_date);
        x.set("done", a.status == "done");
        x.set("overdue", a.status == "open" && !a.due_date.empty() && a.due_date < today);
        actions.push_back(x);
      }
    d.set("actions", actions);
    auto files = service->Papers(*ctx.principal, m->id);
    if (!files.ok()) return files.status();
    d.set("files", AttachmentRows(*files));
    d.set("back", "/meetings/" + m->id);
    if (auto n = ctx.req.query().value("notice"); n == "created" || n == "updated" || n == "action" || n == "paper")
      d.set("notice", ctx.t("liaison.notice_" + n));
    if (auto e = ctx.req.query().value("error"); e == "action_title" || e == "bad_date" || e == "bad_owner" || e == "file")
      d.set("error", ctx.t("liaison.error." + e));
    return app.Page(ctx, "liaison/meeting", d, m->title);
  });
  app.Get("/meetings/{id}/edit", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto m = service->Get(*ctx.principal, ctx.req.param("id"));
    if (!m.ok()) return m.status();
    Data d = MeetingForm(ctx, *service, InputOf(*m), {});
    d.set("action", "/meetings/" + m->id + "/edit");
    d.set("heading", m->title);
    return app.Page(ctx, "liaison/form", d, m->title);
  });
  app.Post("/meetings/{id}/edit", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto in = FromForm(ctx.req.form());
    li::Meeting scratch;
    auto errors = li::Validate(in, service->Kinds(), scratch);
    if (errors.empty()) {
      auto s = service->Update(*ctx.principal, ctx.addr(), ctx.req.param("id"), in);
      if (s.ok()) return http::Response::Redirect("/meetings/" + ctx.req.param("id") + "?notice=updated");
      return s;
    }
    Data d = MeetingForm(ctx, *service, in, errors);
    d.set("action", "/meetings/" + ctx.req.param("id") + "/edit");
    d.set("heading", in.title);
    return app.Page(ctx, "liaison/form", d, in.title, 400);
  });
  app.Post("/meetings/{id}/actions", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    const auto& f = ctx.req.form();
    auto a = service->AddAction(*ctx.principal, ctx.addr(), ctx.req.param("id"), f.value("title"), f.value("owner"), f.value("due_date"));
    std::string base = "/meetings/" + ctx.req.param("id");
    if (!a.ok()) return BackWithError(a.status(), base, "@liaison.error.");
    return http::Response::Redirect(base + "?notice=action");
  });
  app.AddUpload("/meetings/{id}/papers", security::Permission::kManageEvents, attachments::kMaxFileBytes + 64 * 1024,
                [service](Ctx& ctx) -> Result<http::Response> {
                  std::string base = "/meetings/" + ctx.req.param("id");
                  for (const auto& f : ctx.req.files()) {
                    if (f.field != "file") continue;
                    auto id = service->AddPaper(*ctx.principal, ctx.addr(), ctx.req.param("id"), f.filename, f.content_type, f.data);
                    if (!id.ok() && id.status().code() == Code::kInvalidArgument) return http::Response::Redirect(base + "?error=file");
                    if (!id.ok()) return id.status();
                    return http::Response::Redirect(base + "?notice=paper");
                  }
                  return http::Response::Redirect(base + "?error=file");
                });
  app.Get("/meetings/{id}/papers/{fid}", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto f = service->Paper(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.param("fid"));
    if (!f.ok()) return f.status();
    return FileDownload(std::move(f.value()));
  });
}

}  // namespace renkei::liaison
