// Events: the public pages (/events: list, page with the registration form, confirmation and cancel by
// link, evaluation form, calendars) and the JSON API (/api/v1/events). Thin: parse, call EventService,
// render. Staff pages are in admin_routes.cpp.
#include <boost/json.hpp>

#include "app/app.hpp"
#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "modules/directory/picker.hpp"
#include "modules/events/ics.hpp"
#include "modules/events/pages.hpp"
#include "modules/events/service.hpp"
#include "platform/clock.hpp"
#include "platform/web/forms.hpp"
#include "platform/web/i18n.hpp"

namespace renkei::events {

using app::Access;
using app::App;
using app::Ctx;
using app::CurrentFiscalYear;
using app::FiscalYearParam;
namespace {

namespace ev = events;
using web::Data;

ev::RegistrationInput RegistrationFromForm(const http::Params& f) {
  return {f.value("name"),       f.value("organization"), f.value("facility_id"), f.value("organization_kind"),
          f.value("profession"), f.value("municipality"), f.value("email"),       f.value("phone")};
}

// The API's event: "venue" names a kept venue by id, or is the place as text.
ev::EventInput EventFromJson(const boost::json::object& o, ev::EventService& service) {
  ev::EventInput in;
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

boost::json::object EventJson(const ev::Event& e, const ev::Counts& c) {
  boost::json::array lecturers;
  for (const auto& l : e.lecturers) lecturers.push_back({{"name", l.name}, {"affiliation", l.affiliation}});
  boost::json::array scenes, professions;
  for (const auto& s : e.scenes) scenes.emplace_back(s);
  for (const auto& s : e.target_professions) professions.emplace_back(s);
  return {{"id", e.id},
          {"title", e.title},
          {"kind", e.kind},
          {"starts_at", clock::IsoToTokyoOffset(e.starts_at)},
          {"ends_at", clock::IsoToTokyoOffset(e.ends_at)},
          {"fiscal_year", e.fiscal_year},
          {"venue", e.venue_id.empty() ? boost::json::value(nullptr) : boost::json::value(e.venue_id)},
          {"venue_note", e.venue_note},
          {"organizer", e.organizer},
          {"capacity", e.capacity ? boost::json::value(*e.capacity) : boost::json::value(nullptr)},
          {"program_item", e.program_item},
          {"scenes", scenes},
          {"target_professions", professions},
          {"lecturers", lecturers},
          {"description", e.description},
          {"status", e.status},
          {"registered", c.registered},
          {"waitlisted", c.waitlisted},
          {"attended", c.attended}};
}

boost::json::object RegistrationJson(const ev::Registration& r) {
  return {{"id", r.id},
          {"reference", r.reference},
          {"name", r.name},
          {"organization", r.organization},
          {"organization_kind", r.organization_kind},
          {"profession", r.profession},
          {"municipality", r.municipality},
          {"email", r.email},
          {"phone", r.phone},
          {"status", r.status},
          {"attended", r.attended},
          {"walk_in", r.walk_in},
          {"created_at", clock::IsoToTokyoOffset(r.created_at)}};
}

std::string Location(ev::EventService& service, const ev::Event& e) {
  std::string out;
  if (auto v = service.Venue(e.venue_id)) out = v->name + (v->address.empty() ? "" : "（" + v->address + "）");
  if (!e.venue_note.empty()) out += (out.empty() ? "" : " ") + e.venue_note;
  return out;
}

}  // namespace

void RegisterRoutes(App& app) {
  auto service = std::make_shared<ev::EventService>(app.db(), &app.mailer());

  // ---- public pages ----
  app.Get("/events", Access::kPublic, [&app, service](Ctx& ctx) -> Result<http::Response> {
    Data d = web::Object();
    Data upcoming = web::List();
    auto coming = service->Upcoming();
    for (const auto& e : coming) upcoming.push_back(ev::EventCard(e, service->CountsOf(e.id), Location(*service, e), ctx.lang));
    d.set("upcoming", upcoming);
    d.set("none", coming.empty());
    Data past = web::List();
    auto year = service->PublicYear(CurrentFiscalYear());
    std::string now = clock::NowIso();
    for (auto it = year.rbegin(); it != year.rend(); ++it)
      if (it->ends_at < now) past.push_back(ev::EventCard(*it, service->CountsOf(it->id), Location(*service, *it), ctx.lang));
    d.set("past", past);
    d.set("fiscal_year", core::FormatFiscalYear(CurrentFiscalYear()));
    return app.Page(ctx, "events/public_list", d, ctx.t("events.public_title"));
  });

  auto calendar = [&app, service](Ctx& ctx, const std::vector<ev::Event>& list) {
    std::vector<ev::IcsEvent> items;
    items.reserve(list.size());
    for (const auto& e : list) items.push_back({e, Location(*service, e), app.AbsoluteUrl(ctx, "/events/" + e.id)});
    http::Response res;
    res.body = ev::Calendar(items, app.config().region_name + " 在宅医療・介護連携 研修・イベント");
    res.set_header("Content-Type", "text/calendar; charset=utf-8");
    return res;
  };
  app.Get("/events.ics", Access::kPublic, [service, calendar](Ctx& ctx) -> Result<http::Response> {
    // Everything coming, and the past year's, so that calendars keep what people attended.
    auto year_ago = clock::ToIso(clock::Now() - std::chrono::hours(24 * 366));
    auto res = calendar(ctx, service->PublicEndingAfter(year_ago));
    res.set_header("Content-Disposition", "inline; filename=\"events.ics\"");
    return res;
  });

  // The link and page behind a registration: its confirmation, and the way to cancel it.
  app.Get("/events/cancel/{token}", Access::kPublic, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto found = service->FindByCancelToken(ctx.req.param("token"));
    if (!found.ok()) return found.status();
    const auto& [r, e] = *found;
    Data d = ev::EventCard(e, service->CountsOf(e.id), Location(*service, e), ctx.lang);
    d.set("csrf", ctx.csrf_token());
    d.set("token", ctx.req.param("token"));
    d.set("reference", r.reference);
    d.set("name", r.name);
    d.set("waitlisted", r.status == "waitlisted");
    d.set("cancelled", r.status == "cancelled");
    d.set("just_registered", ctx.req.query().value("new") == "1");
    d.set("cancel_url", app.AbsoluteUrl(ctx, "/events/cancel/" + ctx.req.param("token")));
    d.set("mail", app.mailer().enabled() && !r.email.empty());
    return app.Page(ctx, "events/registration", d, ctx.t("events.registration_title"));
  });
  app.Post("/events/cancel/{token}", Access::kPublic, [&app, service](Ctx& ctx) -> Result<http::Response> {
    if (auto s = app.PublicFormAllowed(ctx); !s.ok()) return s;
    auto s = service->Cancel(ctx.req.param("token"), ctx.addr());
    if (!s.ok()) return s;
    return http::Response::Redirect("/events/cancel/" + ctx.req.param("token"));
  });

  // The registration form's picker of organisations from the public directory (htmx).
  app.Get("/events/facility-options", Access::kPublic, [&app](Ctx& ctx) -> Result<http::Response> {
    auto matches = directory::FacilityMatches(app.db(), ctx.req.query().value("facility_q"), false);
    if (!matches.ok()) return matches.status();
    return http::Response::Html(directory::FacilityOptionsHtml(*matches, ctx.t("events.pick_facility")));
  });

  app.Get("/events/{id}", Access::kPublic, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto e = service->Get(ctx.req.param("id"));
    if (!e.ok()) return e.status();
    Data d = ev::EventCard(*e, service->CountsOf(e->id), Location(*service, *e), ctx.lang);
    ev::SetRegistrationForm(d, ctx.csrf_token(), ev::RegistrationInput{}, {}, ctx.lang);
    return app.Page(ctx, "events/public_event", d, e->title);
  });
  app.Get("/events/{id}/calendar.ics", Access::kPublic, [service, calendar](Ctx& ctx) -> Result<http::Response> {
    auto e = service->Get(ctx.req.param("id"));
    if (!e.ok()) return e.status();
    auto res = calendar(ctx, {*e});
    res.set_header("Content-Disposition", "attachment; filename=\"event-" + e->id + ".ics\"");
    return res;
  });

  app.Post("/events/{id}/register", Access::kPublic, [&app, service](Ctx& ctx) -> Result<http::Response> {
    if (auto s = app.PublicFormAllowed(ctx); !s.ok()) return s;
    auto e = service->Get(ctx.req.param("id"));
    if (!e.ok()) return e.status();
    auto in = RegistrationFromForm(ctx.req.form());
    auto errors = ev::Validate(in);
    if (errors.empty()) {
      auto r = service->Register(e->id, in, ctx.addr(), app.AbsoluteUrl(ctx, "/events/cancel/"));
      if (r.ok()) return http::Response::Redirect("/events/cancel/" + r->cancel_token + "?new=1");
      if (r.status().code() != Code::kFailedPrecondition) return r.status();
      errors.push_back({"name", r.status().message()});
    }
    Data d = ev::EventCard(*e, service->CountsOf(e->id), Location(*service, *e), ctx.lang);
    ev::SetRegistrationForm(d, ctx.csrf_token(), in, errors, ctx.lang);
    return app.Page(ctx, "events/public_event", d, e->title, 400);
  });

  app.Get("/events/{id}/evaluation", Access::kPublic, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto e = service->Get(ctx.req.param("id"));
    if (!e.ok()) return e.status();
    Data d = web::Object();
    d.set("id", e->id);
    d.set("title", e->title);
    d.set("csrf", ctx.csrf_token());
    return app.Page(ctx, "events/evaluation", d, ctx.t("events.evaluation_title"));
  });
  app.Post("/events/{id}/evaluation", Access::kPublic, [&app, service](Ctx& ctx) -> Result<http::Response> {
    if (auto s = app.PublicFormAllowed(ctx); !s.ok()) return s;
    const auto& f = ctx.req.form();
    auto score = web::FormInt(f.value("satisfaction"));
    auto s = service->Evaluate(ctx.req.param("id"), score.value_or(0), f.value("useful"), f.value("comment"));
    if (!s.ok()) return s;
    Data d = web::Object();
    d.set("thanks", true);
    return app.Page(ctx, "events/evaluation", d, ctx.t("events.evaluation_title"));
  });

  // ---- API ----
  app.Get("/api/v1/events", Access::kPublic, [service](Ctx& ctx) -> Result<http::Response> {
    auto fy = FiscalYearParam(ctx.req);
    if (!fy.ok()) return fy.status();
    bool staff = ctx.principal && ev::EventService::Staff(*ctx.principal);
    std::vector<ev::Event> list;
    if (staff) {
      auto all = service->ListYear(*ctx.principal, *fy);
      if (!all.ok()) return all.status();
      list = std::move(all.value());
    } else {
      list = service->PublicYear(*fy);
    }
    boost::json::array items;
    for (const auto& e : list) items.push_back(EventJson(e, service->CountsOf(e.id)));
    return http::Response::Json(boost::json::serialize(boost::json::object{{"fiscal_year", *fy}, {"items", items}}));
  });
  app.Post("/api/v1/events", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto o = web::JsonBody(ctx.req.body, "@events.error.json");
    if (!o.ok()) return o.status();
    auto id = service->Create(*ctx.principal, ctx.addr(), EventFromJson(*o, *service));
    if (!id.ok()) return id.status();
    return http::Response::Json(boost::json::serialize(boost::json::object{{"id", *id}}), 201);
  });
  app.Get("/api/v1/events/summary", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto fy = FiscalYearParam(ctx.req);
    if (!fy.ok()) return fy.status();
    auto s = service->Summary(*ctx.principal, *fy);
    if (!s.ok()) return s.status();
    boost::json::array kinds;
    for (const auto& k : s->by_kind)
      kinds.push_back({{"kind", k.kind}, {"label", k.label}, {"count", k.count}, {"registered", k.registered}, {"attended", k.attended}});
    auto rows = [](const std::vector<ev::Breakdown>& v) {
      boost::json::array a;
      for (const auto& b : v) a.push_back({{"code", b.code}, {"label", b.label}, {"registered", b.registered}, {"attended", b.attended}});
      return a;
    };
    boost::json::array each;
    for (const auto& [e, c] : s->rows)
      each.push_back({{"id", e.id},
                      {"title", e.title},
                      {"kind", e.kind},
                      {"starts_at", clock::IsoToTokyoOffset(e.starts_at)},
                      {"registered", c.registered},
                      {"attended", c.attended}});
    boost::json::object o{{"fiscal_year", s->fiscal_year},
                          {"events", s->events},
                          {"registered", s->registered},
                          {"attended", s->attended},
                          {"by_kind", kinds},
                          {"by_profession", rows(s->by_profession)},
                          {"by_organization_kind", rows(s->by_organization_kind)},
                          {"by_municipality", rows(s->by_municipality)},
                          {"items", each}};
    return http::Response::Json(boost::json::serialize(o));
  });
  app.Get("/api/v1/events/{id}", Access::kPublic, [service](Ctx& ctx) -> Result<http::Response> {
    bool staff = ctx.principal && ev::EventService::Staff(*ctx.principal);
    auto e = service->Get(ctx.req.param("id"), staff);
    if (!e.ok()) return e.status();
    return http::Response::Json(boost::json::serialize(EventJson(*e, service->CountsOf(e->id))));
  });
  app.Add("PUT", "/api/v1/events/{id}", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto o = web::JsonBody(ctx.req.body, "@events.error.json");
    if (!o.ok()) return o.status();
    auto s = service->Update(*ctx.principal, ctx.addr(), ctx.req.param("id"), EventFromJson(*o, *service));
    if (!s.ok()) return s;
    return http::Response::Json(boost::json::serialize(boost::json::object{{"id", ctx.req.param("id")}}));
  });
  // Public: anyone may register for an open event (rate-limited); the answer holds only their own.
  app.Post("/api/v1/events/{id}/registrations", Access::kPublic, [&app, service](Ctx& ctx) -> Result<http::Response> {
    if (auto s = app.PublicFormAllowed(ctx); !s.ok()) return s;
    auto o = web::JsonBody(ctx.req.body, "@events.error.json");
    if (!o.ok()) return o.status();
    ev::RegistrationInput in{web::JsonText(*o, "name"),        web::JsonText(*o, "organization"),
                             web::JsonText(*o, "facility_id"), web::JsonText(*o, "organization_kind"),
                             web::JsonText(*o, "profession"),  web::JsonText(*o, "municipality"),
                             web::JsonText(*o, "email"),       web::JsonText(*o, "phone")};
    auto r = service->Register(ctx.req.param("id"), in, ctx.addr(), app.AbsoluteUrl(ctx, "/events/cancel/"));
    if (!r.ok()) return r.status();
    boost::json::object out{{"id", r->registration.id},
                            {"reference", r->registration.reference},
                            {"status", r->registration.status},
                            {"cancel_url", app.AbsoluteUrl(ctx, "/events/cancel/" + r->cancel_token)}};
    return http::Response::Json(boost::json::serialize(out), 201);
  });
  app.Get("/api/v1/events/{id}/registrations", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto regs = service->RegistrationsOf(*ctx.principal, ctx.addr(), ctx.req.param("id"));
    if (!regs.ok()) return regs.status();
    boost::json::array items;
    for (const auto& r : *regs) items.push_back(RegistrationJson(r));
    return http::Response::Json(boost::json::serialize(boost::json::object{{"items", items}}));
  });
  app.Add("PATCH", "/api/v1/events/{id}/registrations/{rid}", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto o = web::JsonBody(ctx.req.body, "@events.error.json");
    if (!o.ok()) return o.status();
    auto it = o->find("attended");
    if (it == o->end() || !it->value().is_bool()) return Status::InvalidArgument("@events.error.need_attended");
    auto s = service->SetAttended(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.param("rid"), it->value().as_bool());
    if (!s.ok()) return s;
    return http::Response::Json(boost::json::serialize(boost::json::object{{"attended", it->value().as_bool()}}));
  });
}

}  // namespace renkei::events
