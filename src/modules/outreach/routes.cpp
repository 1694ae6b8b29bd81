// Outreach (item キ): the public 人生会議 page and request form, the staff pages (activities, lecturer
// bank, requests, the year's figures) and /api/v1/outreach. Thin: parse, call OutreachService, render.
#include <boost/json.hpp>

#include "app/app.hpp"
#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "modules/outreach/service.hpp"
#include "platform/clock.hpp"
#include "platform/web/charts.hpp"
#include "platform/web/forms.hpp"
#include "platform/web/i18n.hpp"
#include "platform/xlsx.hpp"

namespace renkei::outreach {

using app::Access;
using app::App;
using app::BackWithError;
using app::Ctx;
using app::Download;
using app::FileDownload;
using app::FiscalYearChoices;
using app::FiscalYearParam;
namespace {

namespace ou = outreach;
using web::Data;

Data ActivityRow(const ou::Activity& a, const std::string& lang) {
  Data x = web::Object();
  x.set("id", a.id);
  x.set("kind", ou::Kinds().label(a.kind, lang));
  x.set("area", ou::Areas().label(a.municipality, lang));
  x.set("date", core::DateLabel(a.date));
  x.set("reach", std::to_string(a.reach));
  if (!a.place.empty()) x.set("place", a.place);
  if (!a.topic.empty()) x.set("topic", a.topic);
  if (!a.audience.empty()) x.set("audience", a.audience);
  x.set("acp", a.acp);
  x.set("public", a.is_public);
  return x;
}

ou::ActivityInput ActivityFromForm(const http::Params& f) {
  ou::ActivityInput in;
  in.kind = f.value("kind");
  in.municipality = f.value("municipality");
  in.date = f.value("date");
  in.place = f.value("place");
  in.audience = f.value("audience");
  in.topic = f.value("topic");
  in.notes = f.value("notes");
  in.lecturer_id = f.value("lecturer_id");
  in.reach = web::FormNumber(f.value("reach"));
  in.acp = f.value("acp") == "1";
  in.is_public = f.value("public") == "1";
  in.scenes = f.all("scenes");
  return in;
}

Data ActivityForm(Ctx& ctx, ou::OutreachService& service, const ou::ActivityInput& in, const std::vector<FieldError>& errors) {
  Data d = web::Object();
  d.set("csrf", ctx.csrf_token());
  d.set("kinds", web::Choices(web::ChoicesOf(ou::Kinds(), ctx.lang), in.kind));
  d.set("areas", web::Choices(web::ChoicesOf(ou::Areas(), ctx.lang), in.municipality.empty() ? "region" : in.municipality));
  d.set("date", in.date);
  d.set("place", in.place);
  d.set("audience", in.audience);
  d.set("topic", in.topic);
  d.set("notes", in.notes);
  d.set("reach", in.reach && *in.reach >= 0 ? std::to_string(*in.reach) : "");
  d.set("acp", in.acp);
  d.set("public", in.is_public);
  std::vector<web::Choice> scenes;
  for (const auto& s : core::AllScenes()) scenes.push_back({s.code, s.label});
  d.set("scenes", web::Choices(scenes, in.scenes));
  std::vector<web::Choice> lecturers;
  for (const auto& l : service.Lecturers(false))
    lecturers.push_back({l.id, l.name + (l.affiliation.empty() ? "" : "（" + l.affiliation + "）")});
  d.set("lecturers", web::Choices(lecturers, in.lecturer_id));
  d.set("errors", web::FieldErrorList(ctx.lang, "outreach", errors));
  d.set("has_errors", !errors.empty());
  return d;
}

ou::ActivityInput InputOf(const ou::Activity& a) {
  ou::ActivityInput in;
  in.kind = a.kind;
  in.municipality = a.municipality;
  in.date = a.date;
  in.place = a.place;
  in.audience = a.audience;
  in.topic = a.topic;
  in.notes = a.notes;
  in.lecturer_id = a.lecturer_id;
  in.reach = a.reach;
  in.acp = a.acp;
  in.is_public = a.is_public;
  in.scenes = a.scenes;
  return in;
}

boost::json::object ActivityJson(const ou::Activity& a) {
  boost::json::array scenes;
  for (const auto& s : a.scenes) scenes.emplace_back(s);
  return {{"id", a.id},
          {"kind", a.kind},
          {"municipality", a.municipality},
          {"date", a.date},
          {"fiscal_year", a.fiscal_year},
          {"place", a.place},
          {"audience", a.audience},
          {"reach", a.reach},
          {"topic", a.topic},
          {"acp", a.acp},
          {"public", a.is_public},
          {"scenes", scenes},
          {"notes", a.notes}};
}

}  // namespace

void RegisterRoutes(App& app) {
  auto service = std::make_shared<ou::OutreachService>(app.db());
  auto staff = [](Ctx& ctx) {
    return ou::OutreachService::Staff(*ctx.principal);
  };

  // ---- public ----
  app.Get("/acp", Access::kPublic, [&app, service](Ctx& ctx) -> Result<http::Response> {
    Data d = web::Object();
    Data upcoming = web::List();
    auto coming = service->Upcoming();
    for (const auto& a : coming) upcoming.push_back(ActivityRow(a, ctx.lang));
    d.set("upcoming", upcoming);
    d.set("none", coming.empty());
    return app.Page(ctx, "outreach/acp", d, ctx.t("outreach.acp_title"));
  });
  auto request_form = [&app](Ctx& ctx, const ou::RequestInput& in, const std::vector<FieldError>& errors, int status) {
    Data d = web::Object();
    d.set("csrf", ctx.csrf_token());
    d.set("group_name", in.group_name);
    d.set("contact_name", in.contact_name);
    d.set("phone", in.phone);
    d.set("email", in.email);
    d.set("preferred", in.preferred);
    d.set("topic", in.topic);
    d.set("audience_size", in.audience_size && *in.audience_size >= 0 ? std::to_string(*in.audience_size) : "");
    d.set("towns", web::Choices(web::ChoicesOf(core::ResidentTowns(), ctx.lang), in.municipality));
    d.set("errors", web::FieldErrorList(ctx.lang, "outreach", errors));
    d.set("has_errors", !errors.empty());
    return app.Page(ctx, "outreach/acp_request", d, ctx.t("outreach.request_title"), status);
  };
  app.Get("/acp/request", Access::kPublic, [request_form](Ctx& ctx) -> Result<http::Response> { return request_form(ctx, {}, {}, 200); });
  app.Post("/acp/request", Access::kPublic, [&app, service, request_form](Ctx& ctx) -> Result<http::Response> {
    if (auto s = app.PublicFormAllowed(ctx); !s.ok()) return s;
    const auto& f = ctx.req.form();
    ou::RequestInput in{f.value("group_name"),   f.value("contact_name"), f.value("phone"), f.value("email"),
                        f.value("municipality"), f.value("preferred"),    f.value("topic"), std::nullopt};
    if (auto n = web::FormNumber(f.value("audience_size"))) in.audience_size = static_cast<int>(std::clamp<long long>(*n, -1, 1000000));
    auto errors = ou::Validate(in);
    if (!errors.empty()) return request_form(ctx, in, errors, 400);
    auto ref = service->SubmitRequest(in, ctx.addr());
    if (!ref.ok()) return ref.status();
    Data d = web::Object();
    d.set("reference", *ref);
    return app.Page(ctx, "outreach/acp_thanks", d, ctx.t("outreach.request_title"));
  });

  // ---- API ----
  app.Get("/api/v1/outreach", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto fy = FiscalYearParam(ctx.req);
    if (!fy.ok()) return fy.status();
    auto list = service->Year(*ctx.principal, *fy);
    if (!list.ok()) return list.status();
    boost::json::array items;
    for (const auto& a : *list) items.push_back(ActivityJson(a));
    return http::Response::Json(boost::json::serialize(boost::json::object{{"fiscal_year", *fy}, {"items", items}}));
  });
  app.Post("/api/v1/outreach", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto body = web::JsonBody(ctx.req.body, "@outreach.error.json");
    if (!body.ok()) return body.status();
    const auto& o = *body;
    ou::ActivityInput in;
    in.kind = web::JsonText(o, "kind");
    in.municipality = web::JsonText(o, "municipality");
    in.date = web::JsonText(o, "date");
    in.place = web::JsonText(o, "place");
    in.audience = web::JsonText(o, "audience");
    in.topic = web::JsonText(o, "topic");
    in.notes = web::JsonText(o, "notes");
    if (auto it = o.find("reach"); it != o.end()) in.reach = it->value().is_int64() ? it->value().as_int64() : -1;
    if (auto it = o.find("acp"); it != o.end() && it->value().is_bool()) in.acp = it->value().as_bool();
    if (auto it = o.find("public"); it != o.end() && it->value().is_bool()) in.is_public = it->value().as_bool();
    if (auto it = o.find("scenes"); it != o.end() && it->value().is_array())
      for (const auto& s : it->value().as_array())
        if (s.is_string()) in.scenes.emplace_back(s.as_string());
    auto id = service->Create(*ctx.principal, ctx.addr(), in);
    if (!id.ok()) return id.status();
    return http::Response::Json(boost::json::serialize(boost::json::object{{"id", *id}}), 201);
  });
  auto summary_of = [service](Ctx& ctx) -> Result<ou::Summary> {
    auto fy = FiscalYearParam(ctx.req);
    if (!fy.ok()) return fy.status();
    return service->SummaryOf(*ctx.principal, *fy);
  };
  app.Get("/api/v1/outreach/summary", Access::kFull, [summary_of](Ctx& ctx) -> Result<http::Response> {
    auto s = summary_of(ctx);
    if (!s.ok()) return s.status();
    auto rows = [](const std::vector<ou::KindRow>& v, const char* key) {
      boost::json::array a;
      for (const auto& k : v) a.push_back({{key, k.kind}, {"label", k.label}, {"count", k.count}, {"reach", k.reach}});
      return a;
    };
    boost::json::object o{{"fiscal_year", s->fiscal_year},
                          {"activities", s->activities},
                          {"reach", s->reach},
                          {"acp_reach", s->acp_reach},
                          {"by_kind", rows(s->by_kind, "kind")},
                          {"by_municipality", rows(s->by_municipality, "municipality")}};
    return http::Response::Json(boost::json::serialize(o));
  });
  auto summary_xlsx = [&app, summary_of](Ctx& ctx) -> Result<http::Response> {
    auto s = summary_of(ctx);
    if (!s.ok()) return s.status();
    xlsx::Workbook book;
    if (!book.ok()) return Status::Internal("XLSX を作れません。");
    lxw_worksheet* ws = workbook_add_worksheet(book.get(), "普及啓発");
    worksheet_set_column(ws, 0, 0, 22, nullptr);
    worksheet_set_column(ws, 1, 6, 16, nullptr);
    std::string title = app.config().region_name + " 地域住民への普及啓発（" + core::FormatFiscalYear(s->fiscal_year) + "）";
    xlsx::Workbook::PrintSetup(ws, title, 3);
    lxw_row_t row = book.Table(ws, 0, title, {"活動数", "到達数（人・部）", "うち人生会議（ACP）"},
                               {{std::to_string(s->activities), std::to_string(s->reach), std::to_string(s->acp_reach)}});
    std::vector<std::vector<std::string>> kinds, areas, list;
    for (const auto& k : s->by_kind) kinds.push_back({k.label, std::to_string(k.count), std::to_string(k.reach)});
    for (const auto& k : s->by_municipality) areas.push_back({k.label, std::to_string(k.count), std::to_string(k.reach)});
    for (const auto& a : s->rows)
      list.push_back({core::DateLabel(a.date), ou::Kinds().label(a.kind), ou::Areas().label(a.municipality), a.place, a.topic,
                      std::to_string(a.reach)});
    row = book.Table(ws, row, "種類別", {"種類", "件数", "到達数"}, kinds);
    row = book.Table(ws, row, "市町別", {"市町", "件数", "到達数"}, areas);
    row = book.Table(ws, row, "活動一覧", {"日付", "種類", "市町", "場所・媒体", "テーマ", "到達数"}, list);
    auto bytes = book.Finish();
    if (!bytes.ok()) return bytes.status();
    return Download(std::move(bytes.value()), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "outreach-fy" + std::to_string(s->fiscal_year) + ".xlsx");
  };
  app.Get("/api/v1/outreach/summary.xlsx", Access::kFull, summary_xlsx);
  app.Get("/admin/outreach/summary.xlsx", Access::kFull, summary_xlsx);

  // ---- staff pages ----
  app.Get("/admin/outreach", Access::kFull, [&app, summary_of](Ctx& ctx) -> Result<http::Response> {
    auto s = summary_of(ctx);
    if (!s.ok()) return s.status();
    if (!ou::OutreachService::Staff(*ctx.principal)) return Status::PermissionDenied("@error.forbidden");
    Data d = web::Object();
    d.set("years", FiscalYearChoices(s->fiscal_year));
    d.set("fy", std::to_string(s->fiscal_year));
    d.set("fiscal_year", core::FormatFiscalYear(s->fiscal_year));
    d.set("activities", std::to_string(s->activities));
    d.set("reach", std::to_string(s->reach));
    d.set("acp_reach", std::to_string(s->acp_reach));
    Data rows = web::List();
    for (const auto& a : s->rows) rows.push_back(ActivityRow(a, ctx.lang));
    d.set("rows", rows);
    d.set("none", s->rows.empty());
    Data kinds = web::List();
    std::vector<web::Bar> bars;
    for (const auto& k : s->by_kind) {
      if (k.count == 0) continue;
      Data x = web::Object();
      x.set("label", ou::Kinds().label(k.kind, ctx.lang));
      x.set("count", std::to_string(k.count));
      x.set("reach", std::to_string(k.reach));
      kinds.push_back(x);
      bars.push_back({ou::Kinds().label(k.kind, ctx.lang), k.reach, std::nullopt});
    }
    d.set("kinds", kinds);
    d.set("chart", web::BarChart(bars, ctx.t("outreach.reach")));
    if (auto n = ctx.req.query().value("notice"); n == "created" || n == "updated") d.set("notice", ctx.t("outreach.notice_" + n));
    return app.Page(ctx, "outreach/admin_list", d, ctx.t("outreach.admin_title"));
  });
  app.Get("/admin/outreach/new", Access::kFull, [&app, service, staff](Ctx& ctx) -> Result<http::Response> {
    if (!staff(ctx)) return Status::PermissionDenied("@error.forbidden");
    ou::ActivityInput in;
    in.kind = "newsletter";
    in.acp = true;
    Data d = ActivityForm(ctx, *service, in, {});
    d.set("action", "/admin/outreach");
    d.set("heading", ctx.t("outreach.new_title"));
    return app.Page(ctx, "outreach/admin_form", d, ctx.t("outreach.new_title"));
  });
  app.Post("/admin/outreach", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto in = ActivityFromForm(ctx.req.form());
    ou::Activity scratch;
    auto errors = ou::Validate(in, scratch);
    if (errors.empty()) {
      auto id = service->Create(*ctx.principal, ctx.addr(), in);
      if (id.ok()) return http::Response::Redirect("/admin/outreach?fy=" + std::to_string(scratch.fiscal_year) + "&notice=created");
      return id.status();
    }
    Data d = ActivityForm(ctx, *service, in, errors);
    d.set("action", "/admin/outreach");
    d.set("heading", ctx.t("outreach.new_title"));
    return app.Page(ctx, "outreach/admin_form", d, ctx.t("outreach.new_title"), 400);
  });

  app.Get("/admin/outreach/lecturers", Access::kFull, [&app, service, staff](Ctx& ctx) -> Result<http::Response> {
    if (!staff(ctx)) return Status::PermissionDenied("@error.forbidden");
    Data d = web::Object();
    d.set("csrf", ctx.csrf_token());
    Data rows = web::List();
    for (const auto& l : service->Lecturers(false)) {
      Data x = web::Object();
      x.set("lid", l.id);
      x.set("name", l.name);
      x.set("profession", l.profession);
      x.set("affiliation", l.affiliation);
      x.set("topics", l.topics);
      x.set("availability", l.availability);
      x.set("active", l.active);
      rows.push_back(x);
    }
    d.set("rows", rows);
    if (ctx.req.query().value("error") == "name") d.set("error", ctx.t("outreach.error.lecturer_name"));
    return app.Page(ctx, "outreach/lecturers", d, ctx.t("outreach.lecturers_title"));
  });
  app.Post("/admin/outreach/lecturers", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    const auto& f = ctx.req.form();
    ou::Lecturer l{"", f.value("name"), f.value("profession"), f.value("affiliation"), f.value("topics"), f.value("availability"), true};
    auto id = service->AddLecturer(*ctx.principal, ctx.addr(), l);
    if (!id.ok() && id.status().code() == Code::kInvalidArgument) return http::Response::Redirect("/admin/outreach/lecturers?error=name");
    if (!id.ok()) return id.status();
    return http::Response::Redirect("/admin/outreach/lecturers");
  });
  app.Post("/admin/outreach/lecturers/{id}/active", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto s = service->SetLecturerActive(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.form().value("active") == "1");
    if (!s.ok()) return s;
    return http::Response::Redirect("/admin/outreach/lecturers");
  });

  app.Get("/admin/outreach/requests", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto list = service->Requests(*ctx.principal, ctx.addr());
    if (!list.ok()) return list.status();
    std::vector<web::Choice> lecturers;
    std::map<std::string, std::string> names;
    for (const auto& l : service->Lecturers(true)) lecturers.push_back({l.id, l.name + "（" + l.topics + "）"}), names[l.id] = l.name;
    Data d = web::Object();
    d.set("csrf", ctx.csrf_token());
    Data rows = web::List();
    for (const auto& r : *list) {
      Data x = web::Object();
      x.set("rid", r.id);
      x.set("reference", r.reference);
      x.set("group_name", r.group_name);
      x.set("contact", r.contact_name + (r.phone.empty() ? "" : " " + r.phone) + (r.email.empty() ? "" : " " + r.email));
      x.set("town", core::ResidentTowns().label(r.municipality, ctx.lang));
      if (!r.preferred.empty()) x.set("preferred", r.preferred);
      if (!r.topic.empty()) x.set("topic", r.topic);
      if (r.audience_size) x.set("audience_size", std::to_string(*r.audience_size));
      x.set("status", ou::RequestStatuses().label(r.status, ctx.lang));
      x.set("is_new", r.status == "new");
      x.set("is_assigned", r.status == "assigned");
      if (!r.lecturer_id.empty()) x.set("lecturer", names.count(r.lecturer_id) ? names[r.lecturer_id] : r.lecturer_id);
      x.set("lecturer_choices", web::Choices(lecturers, r.lecturer_id));
      if (!r.staff_note.empty()) x.set("staff_note", r.staff_note);
      rows.push_back(x);
    }
    d.set("rows", rows);
    d.set("none", list->empty());
    d.set("today", clock::TodayInTokyo());
    if (auto e = ctx.req.query().value("error"); !e.empty() && e.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string::npos)
      d.set("error", ctx.t("outreach.error." + e));
    return app.Page(ctx, "outreach/requests", d, ctx.t("outreach.requests_title"));
  });
  auto back = [](const Status& s) -> Result<http::Response> {
    if (s.ok()) return http::Response::Redirect("/admin/outreach/requests");
    return BackWithError(s, "/admin/outreach/requests", "@outreach.error.");
  };
  app.Post("/admin/outreach/requests/{id}/assign", Access::kFull, [service, back](Ctx& ctx) -> Result<http::Response> {
    const auto& f = ctx.req.form();
    return back(service->Assign(*ctx.principal, ctx.addr(), ctx.req.param("id"), f.value("lecturer_id"), f.value("note")));
  });
  app.Post("/admin/outreach/requests/{id}/decline", Access::kFull, [service, back](Ctx& ctx) -> Result<http::Response> {
    return back(service->Decline(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.form().value("note")));
  });
  app.Post("/admin/outreach/requests/{id}/held", Access::kFull, [service, back](Ctx& ctx) -> Result<http::Response> {
    const auto& f = ctx.req.form();
    auto n = web::FormNumber(f.value("attendance"));
    if (!n || *n < 0) return back(Status::InvalidArgument("@outreach.error.bad_number"));
    auto id = service->MarkHeld(*ctx.principal, ctx.addr(), ctx.req.param("id"), f.value("date"), *n);
    return back(id.ok() ? Status::Ok() : id.status());
  });

  app.Get("/admin/outreach/{id}", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto a = service->Get(*ctx.principal, ctx.req.param("id"));
    if (!a.ok()) return a.status();
    Data d = ActivityForm(ctx, *service, InputOf(*a), {});
    d.set("action", "/admin/outreach/" + a->id);
    d.set("heading", ctx.t("outreach.edit_title"));
    d.set("id", a->id);
    d.set("edit", true);
    auto files = service->Files(*ctx.principal, a->id);
    if (!files.ok()) return files.status();
    d.set("files", web::AttachmentRows(*files));
    if (ctx.req.query().value("error") == "file") d.set("file_error", ctx.t("outreach.error.file"));
    if (ctx.req.query().value("notice") == "file") d.set("notice", ctx.t("outreach.notice_file"));
    return app.Page(ctx, "outreach/admin_form", d, ctx.t("outreach.edit_title"));
  });
  app.AddUpload("/admin/outreach/{id}/files", security::Permission::kManageEvents, attachments::kMaxFileBytes + 64 * 1024,
                [service](Ctx& ctx) -> Result<http::Response> {
                  std::string base = "/admin/outreach/" + ctx.req.param("id");
                  for (const auto& f : ctx.req.files()) {
                    if (f.field != "file") continue;
                    auto id = service->AddFile(*ctx.principal, ctx.addr(), ctx.req.param("id"), f.filename, f.content_type, f.data);
                    if (!id.ok() && id.status().code() == Code::kInvalidArgument) return http::Response::Redirect(base + "?error=file");
                    if (!id.ok()) return id.status();
                    return http::Response::Redirect(base + "?notice=file");
                  }
                  return http::Response::Redirect(base + "?error=file");
                });
  app.Get("/admin/outreach/{id}/files/{fid}", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto f = service->File(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.param("fid"));
    if (!f.ok()) return f.status();
    return FileDownload(std::move(f.value()));
  });
  app.Post("/admin/outreach/{id}", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto in = ActivityFromForm(ctx.req.form());
    ou::Activity scratch;
    auto errors = ou::Validate(in, scratch);
    if (errors.empty()) {
      auto s = service->Update(*ctx.principal, ctx.addr(), ctx.req.param("id"), in);
      if (s.ok()) return http::Response::Redirect("/admin/outreach?fy=" + std::to_string(scratch.fiscal_year) + "&notice=updated");
      return s;
    }
    Data d = ActivityForm(ctx, *service, in, errors);
    d.set("action", "/admin/outreach/" + ctx.req.param("id"));
    d.set("heading", ctx.t("outreach.edit_title"));
    return app.Page(ctx, "outreach/admin_form", d, ctx.t("outreach.edit_title"), 400);
  });
}

}  // namespace renkei::outreach
