// Staff pages for events (/admin/events): the year's list, the event form, registrations, the check-in
// page for a tablet at the door, evaluations with the QR code, materials, venues, and the year's figures.
// A table of short handlers: each reads the request, makes one service call (screens.cpp) and one view
// call (views.hpp). Every rule lives in EventService.
#include "app/app.hpp"
#include "modules/events/service.hpp"
#include "modules/events/views.hpp"
#include "platform/http/parse.hpp"
#include "platform/web/forms.hpp"

namespace renkei::events {

using app::Access;
using app::App;
using app::BackWithError;
using app::Ctx;
using app::Download;
using app::FileDownload;
using app::FiscalYearChoices;
using app::FiscalYearParam;
using app::Reply;

namespace {

EventInput EventFromForm(const http::Params& f) {
  EventInput in;
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

Reply ListPage(App& app, EventService& service, Ctx& ctx) {
  auto fy = FiscalYearParam(ctx.req);
  if (!fy.ok()) return fy.status();
  auto rows = service.StaffYear(*ctx.principal, *fy);
  if (!rows.ok()) return rows.status();
  return app.Page(ctx, "events/admin_list", views::StaffListData(*rows, *fy, FiscalYearChoices(*fy), ctx.req.query(), ctx.lang),
                  ctx.t("events.admin_title"));
}

Reply SummaryPage(App& app, EventService& service, Ctx& ctx) {
  auto fy = FiscalYearParam(ctx.req);
  if (!fy.ok()) return fy.status();
  auto s = service.Summary(*ctx.principal, *fy);
  if (!s.ok()) return s.status();
  return app.Page(ctx, "events/summary", views::SummaryPageData(*s, FiscalYearChoices(s->fiscal_year), ctx.lang),
                  ctx.t("events.summary_title"));
}

Reply SummaryXlsx(App& app, EventService& service, Ctx& ctx) {
  auto fy = FiscalYearParam(ctx.req);
  if (!fy.ok()) return fy.status();
  auto bytes = service.SummaryXlsx(*ctx.principal, *fy, app.config().region_name);
  if (!bytes.ok()) return bytes.status();
  return Download(std::move(bytes.value()), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  "events-fy" + std::to_string(*fy) + ".xlsx");
}

Reply VenuesPage(App& app, EventService& service, Ctx& ctx) {
  auto venues = service.StaffVenues(*ctx.principal);
  if (!venues.ok()) return venues.status();
  return app.Page(ctx, "events/venues", views::VenuesPageData(*venues, ctx.req.query(), ctx.lang), ctx.t("events.venues_title"));
}

Reply AddVenueForm(App&, EventService& service, Ctx& ctx) {
  const auto& f = ctx.req.form();
  auto v = service.AddVenue(*ctx.principal, ctx.addr(), f.value("name"), f.value("address"), web::FormInt(f.value("capacity")));
  if (!v.ok()) return BackWithError(v.status(), "/admin/venues", "@events.error.");
  return http::Response::Redirect("/admin/venues");
}

Reply FormPage(App& app, Ctx& ctx, const EventFormScreen& f, int status) {
  auto title = f.id.empty() ? ctx.t("events.new_title") : f.input.title;
  return app.Page(ctx, "events/admin_form", views::FormPageData(f, ctx.lang), title, status);
}

Reply NewPage(App& app, EventService& service, Ctx& ctx) {
  auto f = service.NewForm(*ctx.principal);
  if (!f.ok()) return f.status();
  return FormPage(app, ctx, *f, 200);
}

// A new event (empty id) or an edit: to its page when saved, the form again with its problems when not.
Reply Save(App& app, EventService& service, Ctx& ctx, const std::string& id, const char* notice) {
  auto f = service.Save(*ctx.principal, ctx.addr(), id, EventFromForm(ctx.req.form()));
  if (!f.ok()) return f.status();
  if (f->saved) return http::Response::Redirect("/admin/events/" + f->id + "?notice=" + notice);
  return FormPage(app, ctx, *f, 400);
}

Reply CreateFromForm(App& app, EventService& service, Ctx& ctx) { return Save(app, service, ctx, "", "created"); }
Reply EditFromForm(App& app, EventService& service, Ctx& ctx) { return Save(app, service, ctx, ctx.req.param("id"), "updated"); }

Reply EventPage(App& app, EventService& service, Ctx& ctx) {
  auto s = service.StaffEvent(*ctx.principal, ctx.addr(), ctx.req.param("id"));
  if (!s.ok()) return s.status();
  std::string evaluation_url = app.AbsoluteUrl(ctx, "/events/" + s->row.event.id + "/evaluation");
  return app.Page(ctx, "events/admin_form", views::StaffEventData(*s, evaluation_url, ctx.req.query(), ctx.lang), s->row.event.title);
}

Reply AddMaterialUpload(App&, EventService& service, Ctx& ctx) {
  std::string base = "/admin/events/" + ctx.req.param("id");
  for (const auto& f : ctx.req.files()) {
    if (f.field != "file") continue;
    auto id = service.AddMaterial(*ctx.principal, ctx.addr(), ctx.req.param("id"), f.filename, f.content_type, f.data);
    if (!id.ok() && id.status().code() == Code::kInvalidArgument) return http::Response::Redirect(base + "?error=file");
    if (!id.ok()) return id.status();
    return http::Response::Redirect(base + "?notice=material");
  }
  return http::Response::Redirect(base + "?error=file");
}

Reply MaterialDownload(App&, EventService& service, Ctx& ctx) {
  auto f = service.Material(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.param("fid"));
  if (!f.ok()) return f.status();
  return FileDownload(std::move(f.value()));
}

// The door: a list to tick on a tablet, searched by name (kana and width folded), walk-ins added.
Reply CheckinPage(App& app, EventService& service, Ctx& ctx) {
  auto s = service.Checkin(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.query().value("q"));
  if (!s.ok()) return s.status();
  return app.Page(ctx, "events/checkin", views::CheckinPageData(*s, ctx.req.query(), ctx.lang), ctx.t("events.checkin_title"));
}

Reply CheckinForm(App&, EventService& service, Ctx& ctx) {
  bool on = ctx.req.form().value("attended") == "1";
  if (auto s = service.SetAttended(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.param("rid"), on); !s.ok()) return s;
  std::string q = ctx.req.form().value("q");
  return http::Response::Redirect("/admin/events/" + ctx.req.param("id") + "/checkin?done=in" +
                                  (q.empty() ? "" : "&q=" + http::PercentEncode(q)));
}

Reply WalkInForm(App&, EventService& service, Ctx& ctx) {
  const auto& f = ctx.req.form();
  RegistrationInput in{f.value("name"),       f.value("organization"), "", f.value("organization_kind"),
                       f.value("profession"), f.value("municipality"), "", f.value("phone")};
  auto r = service.AddWalkIn(*ctx.principal, ctx.addr(), ctx.req.param("id"), in);
  if (!r.ok()) return r.status();
  return http::Response::Redirect("/admin/events/" + ctx.req.param("id") + "/checkin?done=walkin");
}

// Every staff route but the upload; all need a full login, and the service decides the rest.
constexpr app::ServiceRoute<EventService> kRoutes[] = {
    {"GET", "/admin/events", Access::kFull, ListPage},
    {"GET", "/admin/events/summary", Access::kFull, SummaryPage},
    {"GET", "/admin/events/summary.xlsx", Access::kFull, SummaryXlsx},
    {"GET", "/api/v1/events/summary.xlsx", Access::kFull, SummaryXlsx},
    {"GET", "/admin/venues", Access::kFull, VenuesPage},
    {"POST", "/admin/venues", Access::kFull, AddVenueForm},
    {"GET", "/admin/events/new", Access::kFull, NewPage},
    {"POST", "/admin/events", Access::kFull, CreateFromForm},
    {"GET", "/admin/events/{id}", Access::kFull, EventPage},
    {"POST", "/admin/events/{id}", Access::kFull, EditFromForm},
    {"GET", "/admin/events/{id}/materials/{fid}", Access::kFull, MaterialDownload},
    {"GET", "/admin/events/{id}/checkin", Access::kFull, CheckinPage},
    {"POST", "/admin/events/{id}/checkin/{rid}", Access::kFull, CheckinForm},
    {"POST", "/admin/events/{id}/walk-in", Access::kFull, WalkInForm},
};

}  // namespace

void RegisterAdminRoutes(App& app) {
  auto service = std::make_shared<EventService>(app.db(), &app.mailer());
  app::AddRoutes(app, service, kRoutes);
  app.AddUpload("/admin/events/{id}/materials", security::Permission::kManageEvents, attachments::kMaxFileBytes + 64 * 1024,
                app::Bind(app, service, AddMaterialUpload));
}

}  // namespace renkei::events
