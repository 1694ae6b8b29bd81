// Events: the public pages (/events: list, page with the registration form, confirmation and cancel by
// link, evaluation form, calendars) and the JSON API (/api/v1/events), as a table of short handlers:
// each reads the request, makes one service call (screens.cpp) and one view call (views.hpp). Staff
// pages are in admin_routes.cpp; every rule lives in EventService.
#include "app/app.hpp"
#include "modules/directory/picker.hpp"
#include "modules/events/ics.hpp"
#include "modules/events/service.hpp"
#include "modules/events/views.hpp"
#include "platform/clock.hpp"
#include "platform/web/forms.hpp"

namespace renkei::events {

using app::Access;
using app::App;
using app::Ctx;
using app::FiscalYearParam;
using app::Json;
using app::Reply;

namespace {

RegistrationInput RegistrationFromForm(const http::Params& f) {
  return {f.value("name"),       f.value("organization"), f.value("facility_id"), f.value("organization_kind"),
          f.value("profession"), f.value("municipality"), f.value("email"),       f.value("phone")};
}

// The API's event: "venue" names a kept venue by id, or is the place as text.
EventInput EventFromJson(const boost::json::object& o, EventService& service) {
  EventInput in;
  in.title = web::JsonText(o, "title");
  in.kind = web::JsonText(o, "kind");
  in.starts_at = web::JsonText(o, "starts_at");
  in.ends_at = web::JsonText(o, "ends_at");
  std::string venue = web::JsonText(o, "venue");
  if (service.Venue(venue))
    in.venue_id = venue;
  else
    in.venue_note = venue;
  if (auto note = web::JsonText(o, "venue_note"); !note.empty()) in.venue_note = note;
  in.organizer = web::JsonText(o, "organizer");
  in.program_item = web::JsonText(o, "program_item");
  in.description = web::JsonText(o, "description");
  in.status = web::JsonText(o, "status");
  in.scenes = web::JsonTexts(o, "scenes");
  in.target_professions = web::JsonTexts(o, "target_professions");
  in.capacity = web::JsonInt(o, "capacity");
  in.reported_attendance = web::JsonInt(o, "reported_attendance");
  if (auto it = o.find("lecturers"); it != o.end() && it->value().is_array())
    for (const auto& l : it->value().as_array())
      if (l.is_object()) in.lecturers.push_back({web::JsonText(l.as_object(), "name"), web::JsonText(l.as_object(), "affiliation")});
  return in;
}

RegistrationInput RegistrationFromJson(const boost::json::object& o) {
  return {web::JsonText(o, "name"),        web::JsonText(o, "organization"),
          web::JsonText(o, "facility_id"), web::JsonText(o, "organization_kind"),
          web::JsonText(o, "profession"),  web::JsonText(o, "municipality"),
          web::JsonText(o, "email"),       web::JsonText(o, "phone")};
}

// ---- public pages ----

Reply ListPage(App& app, EventService& service, Ctx& ctx) {
  return app.Page(ctx, "events/public_list", views::PublicListData(service.PublicList(), ctx.lang), ctx.t("events.public_title"));
}

http::Response CalendarReply(App& app, Ctx& ctx, const std::vector<EventRow>& rows, const std::string& disposition) {
  std::vector<IcsEvent> items;
  items.reserve(rows.size());
  for (const auto& r : rows) items.push_back({r.event, views::Place(r, true), app.AbsoluteUrl(ctx, "/events/" + r.event.id)});
  http::Response res;
  res.body = events::Calendar(items, app.config().region_name + " 在宅医療・介護連携 研修・イベント");
  res.set_header("Content-Type", "text/calendar; charset=utf-8");
  res.set_header("Content-Disposition", disposition);
  return res;
}

// Everything coming, and the past year's, so that calendars keep what people attended.
Reply CalendarFeed(App& app, EventService& service, Ctx& ctx) {
  auto year_ago = clock::ToIso(clock::Now() - std::chrono::hours(24 * 366));
  return CalendarReply(app, ctx, service.PublicRowsEndingAfter(year_ago), "inline; filename=\"events.ics\"");
}

Reply EventCalendar(App& app, EventService& service, Ctx& ctx) {
  auto r = service.RowFor(nullptr, ctx.req.param("id"));
  if (!r.ok()) return r.status();
  return CalendarReply(app, ctx, {*r}, "attachment; filename=\"event-" + r->event.id + ".ics\"");
}

// The page behind a registration's link: its confirmation, and the way to cancel it.
Reply RegistrationPage(App& app, EventService& service, Ctx& ctx) {
  const auto& token = ctx.req.param("token");
  auto s = service.CancelPage(token);
  if (!s.ok()) return s.status();
  auto d = views::RegistrationData(*s, token, app.AbsoluteUrl(ctx, "/events/cancel/" + token), ctx.req.query().value("new") == "1",
                                   app.mailer().enabled(), ctx.lang);
  return app.Page(ctx, "events/registration", d, ctx.t("events.registration_title"));
}

Reply CancelForm(App& app, EventService& service, Ctx& ctx) {
  if (auto s = app.PublicFormAllowed(ctx); !s.ok()) return s;
  if (auto s = service.Cancel(ctx.req.param("token"), ctx.addr()); !s.ok()) return s;
  return http::Response::Redirect("/events/cancel/" + ctx.req.param("token"));
}

// The registration form's picker of organisations from the public directory (htmx).
Reply FacilityOptions(App& app, EventService&, Ctx& ctx) {
  auto matches = directory::FacilityMatches(app.db(), ctx.req.query().value("facility_q"), false);
  if (!matches.ok()) return matches.status();
  return http::Response::Html(directory::FacilityOptionsHtml(*matches, ctx.t("events.pick_facility")));
}

Reply EventPage(App& app, EventService& service, Ctx& ctx) {
  auto r = service.RowFor(nullptr, ctx.req.param("id"));
  if (!r.ok()) return r.status();
  return app.Page(ctx, "events/public_event", views::PublicEventData({*r, {}, {}, std::nullopt}, ctx.lang), r->event.title);
}

Reply RegisterForm(App& app, EventService& service, Ctx& ctx) {
  if (auto s = app.PublicFormAllowed(ctx); !s.ok()) return s;
  auto s = service.RegisterFromForm(ctx.req.param("id"), RegistrationFromForm(ctx.req.form()), ctx.addr(),
                                    app.AbsoluteUrl(ctx, "/events/cancel/"));
  if (!s.ok()) return s.status();
  if (s->done) return http::Response::Redirect("/events/cancel/" + s->done->cancel_token + "?new=1");
  return app.Page(ctx, "events/public_event", views::PublicEventData(*s, ctx.lang), s->row.event.title, 400);
}

Reply EvaluationPage(App& app, EventService& service, Ctx& ctx) {
  auto r = service.RowFor(nullptr, ctx.req.param("id"));
  if (!r.ok()) return r.status();
  return app.Page(ctx, "events/evaluation", views::EvaluationFormData(r->event), ctx.t("events.evaluation_title"));
}

Reply EvaluationForm(App& app, EventService& service, Ctx& ctx) {
  if (auto s = app.PublicFormAllowed(ctx); !s.ok()) return s;
  const auto& f = ctx.req.form();
  auto score = web::FormInt(f.value("satisfaction"));
  if (auto s = service.Evaluate(ctx.req.param("id"), score.value_or(0), f.value("useful"), f.value("comment")); !s.ok()) return s;
  web::Data d = web::Object();
  d.set("thanks", true);
  return app.Page(ctx, "events/evaluation", d, ctx.t("events.evaluation_title"));
}

// ---- API ----

// Staff see drafts too; anyone else the public events.
Reply ApiYear(App&, EventService& service, Ctx& ctx) {
  auto fy = FiscalYearParam(ctx.req);
  if (!fy.ok()) return fy.status();
  auto rows = service.YearFor(ctx.viewer(), *fy);
  if (!rows.ok()) return rows.status();
  return Json(views::YearJson(*rows, *fy));
}

Reply ApiCreate(App&, EventService& service, Ctx& ctx) {
  auto o = web::JsonBody(ctx.req.body, "@events.error.json");
  if (!o.ok()) return o.status();
  auto id = service.Create(*ctx.principal, ctx.addr(), EventFromJson(*o, service));
  if (!id.ok()) return id.status();
  return Json({{"id", *id}}, 201);
}

Reply ApiSummary(App&, EventService& service, Ctx& ctx) {
  auto fy = FiscalYearParam(ctx.req);
  if (!fy.ok()) return fy.status();
  auto s = service.Summary(*ctx.principal, *fy);
  if (!s.ok()) return s.status();
  return Json(views::SummaryJson(*s));
}

Reply ApiGet(App&, EventService& service, Ctx& ctx) {
  auto r = service.RowFor(ctx.viewer(), ctx.req.param("id"));
  if (!r.ok()) return r.status();
  return Json(views::EventJson(*r));
}

Reply ApiUpdate(App&, EventService& service, Ctx& ctx) {
  auto o = web::JsonBody(ctx.req.body, "@events.error.json");
  if (!o.ok()) return o.status();
  if (auto s = service.Update(*ctx.principal, ctx.addr(), ctx.req.param("id"), EventFromJson(*o, service)); !s.ok()) return s;
  return Json({{"id", ctx.req.param("id")}});
}

// Public: anyone may register for an open event (rate-limited); the answer holds only their own.
Reply ApiRegister(App& app, EventService& service, Ctx& ctx) {
  if (auto s = app.PublicFormAllowed(ctx); !s.ok()) return s;
  auto o = web::JsonBody(ctx.req.body, "@events.error.json");
  if (!o.ok()) return o.status();
  auto r = service.Register(ctx.req.param("id"), RegistrationFromJson(*o), ctx.addr(), app.AbsoluteUrl(ctx, "/events/cancel/"));
  if (!r.ok()) return r.status();
  return Json(views::RegisteredJson(*r, app.AbsoluteUrl(ctx, "/events/cancel/" + r->cancel_token)), 201);
}

Reply ApiRegistrations(App&, EventService& service, Ctx& ctx) {
  auto regs = service.RegistrationsOf(*ctx.principal, ctx.addr(), ctx.req.param("id"));
  if (!regs.ok()) return regs.status();
  return Json(views::RegistrationsJson(*regs));
}

Reply ApiAttended(App&, EventService& service, Ctx& ctx) {
  auto o = web::JsonBody(ctx.req.body, "@events.error.json");
  if (!o.ok()) return o.status();
  auto attended = web::JsonBool(*o, "attended");
  if (!attended) return Status::InvalidArgument("@events.error.need_attended");
  if (auto s = service.SetAttended(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.param("rid"), *attended); !s.ok()) return s;
  return Json({{"attended", *attended}});
}

// Every public and API route of the module; staff routes are in admin_routes.cpp.
constexpr app::ServiceRoute<EventService> kRoutes[] = {
    {"GET", "/events", Access::kPublic, ListPage},
    {"GET", "/events.ics", Access::kPublic, CalendarFeed},
    {"GET", "/events/cancel/{token}", Access::kPublic, RegistrationPage},
    {"POST", "/events/cancel/{token}", Access::kPublic, CancelForm},
    {"GET", "/events/facility-options", Access::kPublic, FacilityOptions},
    {"GET", "/events/{id}", Access::kPublic, EventPage},
    {"GET", "/events/{id}/calendar.ics", Access::kPublic, EventCalendar},
    {"POST", "/events/{id}/register", Access::kPublic, RegisterForm},
    {"GET", "/events/{id}/evaluation", Access::kPublic, EvaluationPage},
    {"POST", "/events/{id}/evaluation", Access::kPublic, EvaluationForm},
    {"GET", "/api/v1/events", Access::kPublic, ApiYear},
    {"POST", "/api/v1/events", Access::kFull, ApiCreate},
    {"GET", "/api/v1/events/summary", Access::kFull, ApiSummary},
    {"GET", "/api/v1/events/{id}", Access::kPublic, ApiGet},
    {"PUT", "/api/v1/events/{id}", Access::kFull, ApiUpdate},
    {"POST", "/api/v1/events/{id}/registrations", Access::kPublic, ApiRegister},
    {"GET", "/api/v1/events/{id}/registrations", Access::kFull, ApiRegistrations},
    {"PATCH", "/api/v1/events/{id}/registrations/{rid}", Access::kFull, ApiAttended},
};

}  // namespace

void RegisterRoutes(App& app) { app::AddRoutes(app, std::make_shared<EventService>(app.db(), &app.mailer()), kRoutes); }

}  // namespace renkei::events
