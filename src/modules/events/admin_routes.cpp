// Staff pages for events (/admin/events): the year's list, the event form, registrations, the check-in
// page for a tablet at the door, evaluations with the QR code, materials, venues, and the year's figures.
#include <filesystem>

#include "app/app.hpp"
#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "modules/events/pages.hpp"
#include "modules/events/service.hpp"
#include "platform/attachments.hpp"
#include "platform/clock.hpp"
#include "platform/http/parse.hpp"
#include "platform/security/crypto.hpp"
#include "platform/text/japanese.hpp"
#include "platform/text/utf8.hpp"
#include "platform/web/charts.hpp"
#include "platform/web/forms.hpp"
#include "platform/web/i18n.hpp"
#include "platform/xlsx.hpp"

namespace renkei::events {

using app::Access;
using app::App;
using app::BackWithError;
using app::Ctx;
using app::Download;
using app::FileDownload;
using app::FiscalYearChoices;
using app::FiscalYearParam;
namespace {

namespace ev = events;
using web::Data;

ev::EventInput EventFromForm(const http::Params& f) {
  ev::EventInput in;
  in.title = f.value("title");
  in.kind = f.value("kind");
  std::string date = f.value("date");
  in.starts_at = date + (f.value("start_time").empty() ? "" : " " + f.value("start_time"));
  in.ends_at = f.value("end_time").empty() ? "" : date + " " + f.value("end_time");
  in.venue_id = f.value("venue_id");
  in.venue_note = f.value("venue_note");
  in.organizer = f.value("organizer");
  in.program_item = f.value("program_item");
  in.description = f.value("description");
  in.status = f.value("status");
  in.scenes = f.all("scenes");
  in.target_professions = f.all("target_professions");
  in.capacity = web::FormInt(f.value("capacity"));
  in.reported_attendance = web::FormInt(f.value("reported_attendance"));
  auto names = f.all("lecturer_name"), affiliations = f.all("lecturer_affiliation");
  for (size_t i = 0; i < names.size(); ++i) in.lecturers.push_back({names[i], i < affiliations.size() ? affiliations[i] : ""});
  return in;
}

ev::EventInput InputOf(const ev::Event& e) {
  ev::EventInput in;
  in.title = e.title;
  in.kind = e.kind;
  in.starts_at = clock::IsoToTokyoMinute(e.starts_at);
  in.ends_at = clock::IsoToTokyoMinute(e.ends_at);
  in.venue_id = e.venue_id;
  in.venue_note = e.venue_note;
  in.organizer = e.organizer;
  in.program_item = e.program_item;
  in.description = e.description;
  in.status = e.status;
  in.scenes = e.scenes;
  in.target_professions = e.target_professions;
  in.capacity = e.capacity;
  in.reported_attendance = e.reported_attendance;
  in.lecturers = e.lecturers;
  return in;
}

Data EventForm(Ctx& ctx, ev::EventService& service, const ev::EventInput& in, const std::vector<FieldError>& errors) {
  const std::string& lang = ctx.lang;
  Data d = web::Object();
  d.set("csrf", ctx.csrf_token());
  d.set("title", in.title);
  d.set("kinds", web::Choices(web::ChoicesOf(ev::Kinds(), lang), in.kind.empty() ? "training" : in.kind));
  d.set("statuses", web::Choices(web::ChoicesOf(ev::Statuses(), lang), in.status.empty() ? "draft" : in.status));
  d.set("date", in.starts_at.substr(0, 10));
  d.set("start_time", in.starts_at.size() >= 16 ? in.starts_at.substr(11, 5) : "");
  d.set("end_time", in.ends_at.size() >= 16 ? in.ends_at.substr(11, 5) : "");
  std::vector<web::Choice> venues;
  for (const auto& v : service.Venues()) venues.push_back({v.id, v.name + (v.capacity ? "（" + std::to_string(*v.capacity) + "人）" : "")});
  d.set("venues", web::Choices(venues, in.venue_id));
  d.set("venue_note", in.venue_note);
  d.set("organizer", in.organizer);
  std::vector<web::Choice> items;
  for (const auto& i : core::AllProgramItems()) items.push_back({i.code, std::string("（") + i.letter + "）" + i.title});
  d.set("items", web::Choices(items, in.program_item.empty() ? "f" : in.program_item));
  std::vector<web::Choice> scenes;
  for (const auto& s : core::AllScenes()) scenes.push_back({s.code, s.label});
  d.set("scenes", web::Choices(scenes, in.scenes));
  d.set("professions", web::Choices(web::ChoicesOf(ev::Professions(), lang), in.target_professions));
  d.set("capacity", in.capacity && *in.capacity >= 0 ? std::to_string(*in.capacity) : "");
  d.set("reported_attendance", in.reported_attendance && *in.reported_attendance >= 0 ? std::to_string(*in.reported_attendance) : "");
  d.set("description", in.description);
  Data lecturers = web::List();
  auto ls = in.lecturers;
  ls.resize(std::max<size_t>(ls.size() + 1, 3));  // room for more
  for (size_t i = 0; i < ls.size(); ++i) {
    Data x = web::Object();
    x.set("n", std::to_string(i + 1));
    x.set("name", ls[i].name);
    x.set("affiliation", ls[i].affiliation);
    lecturers.push_back(x);
  }
  d.set("lecturers", lecturers);
  d.set("errors", web::FieldErrorList(ctx.lang, "events", errors));
  d.set("has_errors", !errors.empty());
  return d;
}

std::string Location(ev::EventService& service, const ev::Event& e) {
  std::string out;
  if (auto v = service.Venue(e.venue_id)) out = v->name;
  if (!e.venue_note.empty()) out += (out.empty() ? "" : " ") + e.venue_note;
  return out;
}

Data RegistrationRow(const ev::Registration& r, const std::string& lang) {
  Data x = web::Object();
  x.set("rid", r.id);
  x.set("reference", r.reference);
  x.set("name", r.name);
  if (!r.organization.empty()) x.set("organization", r.organization);
  x.set("profession", ev::Professions().label(r.profession, lang));
  x.set("town", ev::Towns().label(r.municipality, lang));
  x.set("waitlisted", r.status == "waitlisted");
  x.set("cancelled", r.status == "cancelled");
  x.set("attended", r.attended);
  x.set("walk_in", r.walk_in);
  if (!r.email.empty()) x.set("email", r.email);
  if (!r.phone.empty()) x.set("phone", r.phone);
  return x;
}

}  // namespace

void RegisterAdminRoutes(App& app) {
  auto service = std::make_shared<ev::EventService>(app.db(), &app.mailer());

  app.Get("/admin/events", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto fy = FiscalYearParam(ctx.req);
    if (!fy.ok()) return fy.status();
    auto list = service->ListYear(*ctx.principal, *fy);
    if (!list.ok()) return list.status();
    Data d = web::Object();
    d.set("years", FiscalYearChoices(*fy));
    d.set("fy", std::to_string(*fy));
    d.set("fiscal_year", core::FormatFiscalYear(*fy));
    Data rows = web::List();
    for (const auto& e : *list) rows.push_back(ev::EventCard(e, service->CountsOf(e.id), Location(*service, e), ctx.lang));
    d.set("rows", rows);
    d.set("none", list->empty());
    if (ctx.req.query().value("notice") == "created") d.set("notice", ctx.t("events.notice_created"));
    return app.Page(ctx, "events/admin_list", d, ctx.t("events.admin_title"));
  });

  auto summary_of = [service](Ctx& ctx) -> Result<ev::YearSummary> {
    auto fy = FiscalYearParam(ctx.req);
    if (!fy.ok()) return fy.status();
    return service->Summary(*ctx.principal, *fy);
  };
  app.Get("/admin/events/summary", Access::kFull, [&app, summary_of](Ctx& ctx) -> Result<http::Response> {
    auto s = summary_of(ctx);
    if (!s.ok()) return s.status();
    Data d = web::Object();
    d.set("years", FiscalYearChoices(s->fiscal_year));
    d.set("fy", std::to_string(s->fiscal_year));
    d.set("fiscal_year", core::FormatFiscalYear(s->fiscal_year));
    d.set("events", std::to_string(s->events));
    d.set("registered", std::to_string(s->registered));
    d.set("attended", std::to_string(s->attended));
    Data rows = web::List();
    for (const auto& [e, c] : s->rows) {
      Data x = ev::EventCard(e, c, "", ctx.lang);
      rows.push_back(x);
    }
    d.set("rows", rows);
    Data kinds = web::List();
    std::vector<web::Bar> kind_bars;
    for (const auto& k : s->by_kind) {
      if (k.count == 0) continue;
      Data x = web::Object();
      x.set("label", ev::Kinds().label(k.kind, ctx.lang));
      x.set("count", std::to_string(k.count));
      x.set("registered", std::to_string(k.registered));
      x.set("attended", std::to_string(k.attended));
      kinds.push_back(x);
      kind_bars.push_back({ev::Kinds().label(k.kind, ctx.lang), k.attended, std::nullopt});
    }
    d.set("kinds", kinds);
    d.set("kind_chart", web::BarChart(kind_bars, ctx.t("events.by_kind")));
    Data groups = web::List();
    auto group = [&](const char* key, const std::vector<ev::Breakdown>& v) {
      Data g = web::Object();
      g.set("title", ctx.t(key));
      Data gr = web::List();
      std::vector<web::Bar> bars;
      for (const auto& b : v) {
        if (b.registered == 0 && b.attended == 0) continue;
        Data x = web::Object();
        x.set("label", b.label);
        x.set("registered", std::to_string(b.registered));
        x.set("attended", std::to_string(b.attended));
        gr.push_back(x);
        bars.push_back({b.label, b.attended, std::nullopt});
      }
      g.set("rows", gr);
      g.set("empty", bars.empty());
      g.set("chart", web::BarChart(bars, ctx.t(key)));
      groups.push_back(g);
    };
    group("events.by_profession", s->by_profession);
    group("events.by_organization_kind", s->by_organization_kind);
    group("events.by_municipality", s->by_municipality);
    d.set("groups", groups);
    return app.Page(ctx, "events/summary", d, ctx.t("events.summary_title"));
  });
  auto summary_xlsx = [&app, summary_of](Ctx& ctx) -> Result<http::Response> {
    auto s = summary_of(ctx);
    if (!s.ok()) return s.status();
    xlsx::Workbook book;
    if (!book.ok()) return Status::Internal("XLSX を作れません。");
    lxw_worksheet* ws = workbook_add_worksheet(book.get(), "研修・イベント");
    worksheet_set_column(ws, 0, 0, 36, nullptr);
    worksheet_set_column(ws, 1, 5, 12, nullptr);
    std::string title = app.config().region_name + " 医療・介護関係者の研修（" + core::FormatFiscalYear(s->fiscal_year) + "）";
    xlsx::Workbook::PrintSetup(ws, title, 3);
    lxw_row_t row = book.Table(ws, 0, title, {"開催数", "申込", "参加"},
                               {{std::to_string(s->events), std::to_string(s->registered), std::to_string(s->attended)}});
    std::vector<std::vector<std::string>> events;
    for (const auto& [e, c] : s->rows) {
      std::string day = clock::IsoToTokyoMinute(e.starts_at).substr(0, 10);
      auto d = core::ParseIsoDate(day);
      events.push_back(
          {e.title, ev::Kinds().label(e.kind), d ? core::FormatShort(*d) : day, std::to_string(c.registered), std::to_string(c.attended)});
    }
    row = book.Table(ws, row, "開催一覧", {"名称", "種類", "開催日", "申込", "参加"}, events);
    std::vector<std::vector<std::string>> kinds;
    for (const auto& k : s->by_kind)
      kinds.push_back({k.label, std::to_string(k.count), std::to_string(k.registered), std::to_string(k.attended)});
    row = book.Table(ws, row, "種類別", {"種類", "開催数", "申込", "参加"}, kinds);
    auto breakdown = [&](const char* title, const std::vector<ev::Breakdown>& v) {
      std::vector<std::vector<std::string>> rows;
      rows.reserve(v.size());
      for (const auto& b : v) rows.push_back({b.label, std::to_string(b.registered), std::to_string(b.attended)});
      row = book.Table(ws, row, title, {"区分", "申込", "参加"}, rows);
    };
    breakdown("職種別（申込のあった研修）", s->by_profession);
    breakdown("所属の種類別", s->by_organization_kind);
    breakdown("市町別", s->by_municipality);
    auto bytes = book.Finish();
    if (!bytes.ok()) return bytes.status();
    return Download(std::move(bytes.value()), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "events-fy" + std::to_string(s->fiscal_year) + ".xlsx");
  };
  app.Get("/admin/events/summary.xlsx", Access::kFull, summary_xlsx);
  app.Get("/api/v1/events/summary.xlsx", Access::kFull, summary_xlsx);

  app.Get("/admin/venues", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto venues = service->StaffVenues(*ctx.principal);
    if (!venues.ok()) return venues.status();
    Data d = web::Object();
    Data rows = web::List();
    for (const auto& v : *venues) {
      Data x = web::Object();
      x.set("name", v.name);
      x.set("address", v.address);
      x.set("capacity", v.capacity ? std::to_string(*v.capacity) : "");
      rows.push_back(x);
    }
    d.set("rows", rows);
    if (auto e = ctx.req.query().value("error"); e == "bad_venue" || e == "bad_number") d.set("error", ctx.t("events.error." + e));
    return app.Page(ctx, "events/venues", d, ctx.t("events.venues_title"));
  });
  app.Post("/admin/venues", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    const auto& f = ctx.req.form();
    auto v = service->AddVenue(*ctx.principal, ctx.addr(), f.value("name"), f.value("address"), web::FormInt(f.value("capacity")));
    if (!v.ok()) return BackWithError(v.status(), "/admin/venues", "@events.error.");
    return http::Response::Redirect("/admin/venues");
  });

  app.Get("/admin/events/new", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto in = service->NewEventInput(*ctx.principal);
    if (!in.ok()) return in.status();
    Data d = EventForm(ctx, *service, *in, {});
    d.set("action", "/admin/events");
    d.set("heading", ctx.t("events.new_title"));
    return app.Page(ctx, "events/admin_form", d, ctx.t("events.new_title"));
  });
  app.Post("/admin/events", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto in = EventFromForm(ctx.req.form());
    ev::Event scratch;
    auto errors = ev::Validate(in, scratch);
    if (errors.empty()) {
      auto id = service->Create(*ctx.principal, ctx.addr(), in);
      if (id.ok()) return http::Response::Redirect("/admin/events/" + *id + "?notice=created");
      if (id.status().code() != Code::kInvalidArgument) return id.status();
      errors.push_back({"venue_id", id.status().message()});
    }
    Data d = EventForm(ctx, *service, in, errors);
    d.set("action", "/admin/events");
    d.set("heading", ctx.t("events.new_title"));
    return app.Page(ctx, "events/admin_form", d, ctx.t("events.new_title"), 400);
  });

  app.Get("/admin/events/{id}", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto e = service->StaffGet(*ctx.principal, ctx.req.param("id"));
    if (!e.ok()) return e.status();
    auto regs = service->RegistrationsOf(*ctx.principal, ctx.addr(), e->id);
    if (!regs.ok()) return regs.status();
    Data d = EventForm(ctx, *service, InputOf(*e), {});
    d.set("action", "/admin/events/" + e->id);
    d.set("heading", e->title);
    d.set("edit", true);
    d.set("id", e->id);
    Data card = ev::EventCard(*e, service->CountsOf(e->id), Location(*service, *e), ctx.lang);
    d.set("card", card);
    Data rows = web::List();
    for (const auto& r : *regs) rows.push_back(RegistrationRow(r, ctx.lang));
    d.set("registrations", rows);
    d.set("no_registrations", regs->empty());
    std::string evaluation_url = app.AbsoluteUrl(ctx, "/events/" + e->id + "/evaluation");
    d.set("evaluation_url", evaluation_url);
    d.set("evaluation_qr", security::QrSvg(evaluation_url));
    auto ev_summary = service->EvaluationsOf(*ctx.principal, e->id);
    if (ev_summary.ok()) {
      d.set("responses", std::to_string(ev_summary->responses));
      char avg[16];
      std::snprintf(avg, sizeof avg, "%.1f", ev_summary->average);
      d.set("average", std::string(avg));
      std::vector<web::Bar> bars;
      for (int s = 5; s >= 1; --s) bars.push_back({std::to_string(s) + ctx.t("events.score_unit"), ev_summary->by_score[s], std::nullopt});
      d.set("score_chart", web::BarChart(bars, ctx.t("events.satisfaction")));
      Data comments = web::List();
      for (const auto& c : ev_summary->comments) {
        Data x = web::Object();
        if (!c.useful.empty()) x.set("useful", c.useful);
        if (!c.comment.empty()) x.set("comment", c.comment);
        x.set("score", std::to_string(c.satisfaction));
        comments.push_back(x);
      }
      d.set("comments", comments);
    }
    auto files = service->Materials(*ctx.principal, e->id);
    if (!files.ok()) return files.status();
    d.set("files", web::AttachmentRows(*files));
    if (auto n = ctx.req.query().value("notice"); n == "created" || n == "updated" || n == "material")
      d.set("notice", ctx.t("events.notice_" + n));
    if (auto e2 = ctx.req.query().value("error"); e2 == "file") d.set("file_error", ctx.t("events.error.file"));
    return app.Page(ctx, "events/admin_form", d, e->title);
  });
  app.Post("/admin/events/{id}", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto in = EventFromForm(ctx.req.form());
    ev::Event scratch;
    auto errors = ev::Validate(in, scratch);
    if (errors.empty()) {
      auto s = service->Update(*ctx.principal, ctx.addr(), ctx.req.param("id"), in);
      if (s.ok()) return http::Response::Redirect("/admin/events/" + ctx.req.param("id") + "?notice=updated");
      if (s.code() != Code::kInvalidArgument) return s;
      errors.push_back({"venue_id", s.message()});
    }
    Data d = EventForm(ctx, *service, in, errors);
    d.set("action", "/admin/events/" + ctx.req.param("id"));
    d.set("heading", in.title);
    return app.Page(ctx, "events/admin_form", d, in.title, 400);
  });

  app.AddUpload("/admin/events/{id}/materials", security::Permission::kManageEvents, attachments::kMaxFileBytes + 64 * 1024,
                [service](Ctx& ctx) -> Result<http::Response> {
                  for (const auto& f : ctx.req.files()) {
                    if (f.field != "file") continue;
                    auto id = service->AddMaterial(*ctx.principal, ctx.addr(), ctx.req.param("id"), f.filename, f.content_type, f.data);
                    if (!id.ok() && id.status().code() == Code::kInvalidArgument)
                      return http::Response::Redirect("/admin/events/" + ctx.req.param("id") + "?error=file");
                    if (!id.ok()) return id.status();
                    return http::Response::Redirect("/admin/events/" + ctx.req.param("id") + "?notice=material");
                  }
                  return http::Response::Redirect("/admin/events/" + ctx.req.param("id") + "?error=file");
                });
  app.Get("/admin/events/{id}/materials/{fid}", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto f = service->Material(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.param("fid"));
    if (!f.ok()) return f.status();
    return FileDownload(std::move(f.value()));
  });

  // The door: a list to tick on a tablet, searched by name (kana and width folded), walk-ins added.
  app.Get("/admin/events/{id}/checkin", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto e = service->StaffGet(*ctx.principal, ctx.req.param("id"));
    if (!e.ok()) return e.status();
    auto regs = service->RegistrationsOf(*ctx.principal, ctx.addr(), e->id);
    if (!regs.ok()) return regs.status();
    std::string q = text::Utf8Prefix(ctx.req.query().value("q"), 100);
    std::string key = text::SearchKey(q);
    Data d = web::Object();
    d.set("csrf", ctx.csrf_token());
    d.set("id", e->id);
    d.set("title", e->title);
    d.set("q", q);
    Data rows = web::List();
    long long attended = 0, expected = 0;
    for (const auto& r : *regs) {
      if (r.status == "cancelled") continue;
      if (r.status == "registered") expected++;
      if (r.attended) attended++;
      if (!key.empty() && text::SearchKey(r.name + " " + r.organization + " " + r.reference).find(key) == std::string::npos) continue;
      rows.push_back(RegistrationRow(r, ctx.lang));
    }
    d.set("rows", rows);
    d.set("attended", std::to_string(attended));
    d.set("expected", std::to_string(expected));
    d.set("towns", web::Choices(web::ChoicesOf(ev::Towns(), ctx.lang), ""));
    d.set("professions_choices", web::Choices(web::ChoicesOf(ev::Professions(), ctx.lang), ""));
    if (auto n = ctx.req.query().value("done"); !n.empty())
      d.set("notice", n == "in" ? ctx.t("events.checked_in") : ctx.t("events.walk_in_added"));
    return app.Page(ctx, "events/checkin", d, ctx.t("events.checkin_title"));
  });
  app.Post("/admin/events/{id}/checkin/{rid}", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    bool on = ctx.req.form().value("attended") == "1";
    auto s = service->SetAttended(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.param("rid"), on);
    if (!s.ok()) return s;
    std::string q = ctx.req.form().value("q");
    return http::Response::Redirect("/admin/events/" + ctx.req.param("id") + "/checkin?done=in" +
                                    (q.empty() ? "" : "&q=" + http::PercentEncode(q)));
  });
  app.Post("/admin/events/{id}/walk-in", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    const auto& f = ctx.req.form();
    ev::RegistrationInput in{f.value("name"),       f.value("organization"), "", f.value("organization_kind"),
                             f.value("profession"), f.value("municipality"), "", f.value("phone")};
    auto r = service->AddWalkIn(*ctx.principal, ctx.addr(), ctx.req.param("id"), in);
    if (!r.ok()) return r.status();
    return http::Response::Redirect("/admin/events/" + ctx.req.param("id") + "/checkin?done=walkin");
  });
}

}  // namespace renkei::events
