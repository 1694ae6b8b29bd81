// Care teams (item エ): /teams (one's teams and invitations), the patient page with its timeline, the
// invitation of professionals found through the directory, the emergency summary, and /api/v1/teams.
// A table of short handlers: each reads the request, makes one CareTeamService call and one view call.
// Every rule (membership, consent, audit) is in the service.
#include "app/app.hpp"
#include "modules/careteams/live.hpp"
#include "modules/careteams/service.hpp"
#include "modules/careteams/views.hpp"
#include "platform/clock.hpp"
#include "platform/http/parse.hpp"
#include "platform/web/forms.hpp"

namespace renkei::careteams {

using app::Access;
using app::App;
using app::BackWithError;
using app::Ctx;
using app::Json;
using app::Reply;

namespace {

constexpr const char* kErrors = "@careteams.error.";

PatientInput InputFromForm(const http::Params& f) {
  PatientInput in;
  for (const auto& [key, member] : PatientTextFields()) in.*member = f.value(key);
  for (const auto& place : TeamPlaces()) in.places.emplace_back(place.field, f.value(place.field));
  in.devices = f.all("devices");
  return in;
}

PatientInput InputFromJson(const boost::json::object& o) {
  PatientInput in;
  for (const auto& [key, member] : PatientTextFields()) in.*member = web::JsonText(o, key);
  if (const auto* places = o.if_contains("places"); places && places->is_object())
    for (const auto& place : TeamPlaces()) in.places.emplace_back(place.field, web::JsonText(places->as_object(), place.field));
  in.devices = web::JsonTexts(o, "devices");
  return in;
}

ConsentInput ConsentFromForm(const http::Params& f) { return {f.value("consent_date"), f.value("consent_method"), f.value("consent_by")}; }

ConsentInput ConsentFromJson(const boost::json::object& o) {
  const auto* c = o.if_contains("consent");
  if (!c || !c->is_object()) return {};
  return {web::JsonText(c->as_object(), "date"), web::JsonText(c->as_object(), "method"), web::JsonText(c->as_object(), "by")};
}

// A post from the page's form or a multipart API call: its fields, and the files chosen (a file input
// left empty sends a part with no name and no bytes).
PostInput PostFromForm(const http::Request& req) {
  const auto& f = req.form();
  PostInput in{f.value("kind"), f.value("body"), f.value("reply_to"), {}, f.all("to")};
  for (const auto& field : FieldsOf(in.kind)) in.fields.emplace_back(field.name, f.value(field.name));
  for (const auto& file : req.files())
    if (file.field == "file" && !file.data.empty()) in.files.push_back({file.filename, file.content_type, file.data});
  return in;
}

PostInput PostFromJson(const boost::json::object& o) {
  PostInput in{web::JsonText(o, "kind"), web::JsonText(o, "body"), web::JsonText(o, "reply_to"), {}, web::JsonTexts(o, "to")};
  if (const auto* fields = o.if_contains("fields"); fields && fields->is_object())
    for (const auto& field : FieldsOf(in.kind)) in.fields.emplace_back(field.name, web::JsonText(fields->as_object(), field.name));
  return in;
}

std::string TeamPath(Ctx& ctx) { return "/teams/" + ctx.req.param("id"); }

Reply Done(Ctx& ctx, const Status& s, const std::string& notice, const std::string& anchor = "") {
  if (!s.ok()) return BackWithError(s, TeamPath(ctx), kErrors);
  return http::Response::Redirect(TeamPath(ctx) + "?notice=" + notice + anchor);
}

// ---- pages --------------------------------------------------------------------------------------

Reply TeamsPage(App& app, CareTeamService& service, Ctx& ctx) {
  auto s = service.Teams(*ctx.principal, ctx.req.query().value("q"));
  if (!s.ok()) return s.status();
  s->mail_enabled = app.mailer().enabled();
  auto d = views::TeamsData(*s, ctx.req.query().value("notice"), ctx.lang);
  if (ctx.req.query().value("error") == "bad_email") d.set("digest_error", ctx.t("careteams.error.bad_email"));
  return app.Page(ctx, "careteams/teams", d, ctx.t("careteams.title"));
}

Reply DigestForm(App&, CareTeamService& service, Ctx& ctx) {
  auto s = service.SetDigestEmail(*ctx.principal, ctx.addr(), ctx.req.form().value("email"));
  if (!s.ok()) return BackWithError(s, "/teams", kErrors);
  return http::Response::Redirect("/teams?notice=digest_saved");
}

Reply ApiDigest(App&, CareTeamService& service, Ctx& ctx) {
  auto body = web::JsonBody(ctx.req.body, "@careteams.error.json");
  if (!body.ok()) return body.status();
  std::string email = web::JsonText(*body, "email");
  if (auto s = service.SetDigestEmail(*ctx.principal, ctx.addr(), email); !s.ok()) return s;
  return Json({{"digest_email", email}});
}

Reply FormPage(App& app, Ctx& ctx, const PatientForm& f, int status) {
  return app.Page(ctx, "careteams/form", views::FormData(f, ctx.lang), ctx.t(f.id.empty() ? "careteams.new_title" : "careteams.edit_title"),
                  status);
}

Reply NewPage(App& app, CareTeamService& service, Ctx& ctx) {
  auto f = service.NewForm(*ctx.principal);
  if (!f.ok()) return f.status();
  return FormPage(app, ctx, *f, 200);
}

Reply CreateForm(App& app, CareTeamService& service, Ctx& ctx) {
  std::string id;
  auto f = service.Create(*ctx.principal, ctx.addr(), InputFromForm(ctx.req.form()), ConsentFromForm(ctx.req.form()), id);
  if (!f.ok()) return f.status();
  if (!f->errors.empty()) return FormPage(app, ctx, *f, 400);
  return http::Response::Redirect("/teams/" + id + "?notice=created");
}

Reply PatientPageOf(App& app, Ctx& ctx, const PatientScreen& s, const std::vector<FieldError>& post_errors, const PostInput& sent,
                    int status) {
  const auto& q = ctx.req.query();
  return app.Page(ctx, "careteams/patient", views::PatientData(s, q.value("notice"), q.value("error"), post_errors, sent, ctx.lang),
                  s.patient.name + " — " + ctx.t("careteams.title"), status);
}

Reply PatientPage(App& app, CareTeamService& service, Ctx& ctx) {
  // The page reads itself again when its live stream says the team changed (static/teams.js).
  const char* use = ctx.req.query().value("live") == "1" ? "live" : "page";
  const auto& q = ctx.req.query();
  auto s = service.PatientOf(*ctx.principal, ctx.addr(), ctx.req.param("id"), q.value("kind"), use, q.value("q"));
  if (!s.ok()) return s.status();
  return PatientPageOf(app, ctx, *s, {}, {}, 200);
}

Reply EditPage(App& app, CareTeamService& service, Ctx& ctx) {
  auto f = service.EditForm(*ctx.principal, ctx.addr(), ctx.req.param("id"));
  if (!f.ok()) return f.status();
  return FormPage(app, ctx, *f, 200);
}

Reply UpdateForm(App& app, CareTeamService& service, Ctx& ctx) {
  const auto& form = ctx.req.form();
  auto f =
      service.Update(*ctx.principal, ctx.addr(), ctx.req.param("id"), InputFromForm(form), web::FormInt(form.value("version")).value_or(0));
  if (!f.ok()) return BackWithError(f.status(), TeamPath(ctx), kErrors);
  if (!f->errors.empty()) return FormPage(app, ctx, *f, 400);
  return http::Response::Redirect(TeamPath(ctx) + "?notice=updated");
}

Reply ConsentForm(App&, CareTeamService& service, Ctx& ctx) {
  return Done(ctx, service.RecordConsent(*ctx.principal, ctx.addr(), ctx.req.param("id"), ConsentFromForm(ctx.req.form())), "consented");
}

// A post with problems comes back on the page with what was typed; the page is read again for it.
Reply PostForm(App& app, CareTeamService& service, Ctx& ctx) {
  PostInput in = PostFromForm(ctx.req);
  std::vector<FieldError> errors;
  auto id = service.AddPost(*ctx.principal, ctx.addr(), ctx.req.param("id"), in, &errors);
  if (id.ok()) return http::Response::Redirect(TeamPath(ctx) + "?notice=posted#p-" + *id);
  if (errors.empty()) return BackWithError(id.status(), TeamPath(ctx), kErrors);
  auto s = service.PatientOf(*ctx.principal, ctx.addr(), ctx.req.param("id"), "", "page");
  if (!s.ok()) return s.status();
  return PatientPageOf(app, ctx, *s, errors, in, 400);
}

Reply ConfirmForm(App&, CareTeamService& service, Ctx& ctx) {
  const std::string post = ctx.req.param("post");
  return Done(ctx, service.Confirm(*ctx.principal, ctx.addr(), ctx.req.param("id"), post), "confirmed", "#p-" + post);
}

Reply TaskForm(App&, CareTeamService& service, Ctx& ctx) {
  const auto& f = ctx.req.form();
  auto id = service.AddTask(*ctx.principal, ctx.addr(), ctx.req.param("id"), {f.value("title"), f.value("owner_id"), f.value("due_date")});
  return Done(ctx, id.ok() ? Status::Ok() : id.status(), "task_added");
}

// Done from the patient page, or from the owner's home page (back=/).
Reply TaskDoneForm(App&, CareTeamService& service, Ctx& ctx) {
  auto s = service.CompleteTask(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.param("task"));
  if (s.ok() && ctx.req.form().value("back") == "/") return http::Response::Redirect("/");
  return Done(ctx, s, "task_done");
}

Reply InvitePage(App& app, CareTeamService& service, Ctx& ctx) {
  const auto& q = ctx.req.query();
  auto s = service.InviteOf(*ctx.principal, ctx.addr(), ctx.req.param("id"), q.value("facility_q"), q.value("facility"));
  if (!s.ok()) return s.status();
  return app.Page(ctx, "careteams/invite", views::InviteData(*s, ctx.lang), ctx.t("careteams.invite_title"));
}

Reply InviteForm(App&, CareTeamService& service, Ctx& ctx) {
  return Done(ctx, service.Invite(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.form().value("user_id")), "invited");
}

Reply RemoveForm(App&, CareTeamService& service, Ctx& ctx) {
  const std::string user = ctx.req.param("user");
  auto s = service.Remove(*ctx.principal, ctx.addr(), ctx.req.param("id"), user);
  if (s.ok() && user == ctx.user().id) return http::Response::Redirect("/teams?notice=left");
  return Done(ctx, s, "removed");
}

Reply JoinForm(App&, CareTeamService& service, Ctx& ctx) {
  if (auto s = service.Answer(*ctx.principal, ctx.addr(), ctx.req.param("id"), true); !s.ok()) return s;
  return http::Response::Redirect(TeamPath(ctx) + "?notice=joined");
}

Reply DeclineForm(App&, CareTeamService& service, Ctx& ctx) {
  if (auto s = service.Answer(*ctx.principal, ctx.addr(), ctx.req.param("id"), false); !s.ok()) return s;
  return http::Response::Redirect("/teams?notice=declined");
}

// The page's live stream: opening it is a view (audited); it ends when the viewer leaves the team.
Reply LiveEvents(App&, CareTeamService& service, Ctx& ctx) {
  const std::string id = ctx.req.param("id");
  if (auto s = service.OpenLive(*ctx.principal, ctx.addr(), id); !s.ok()) return s;
  return http::Response::Events(LiveTimeline(service, ctx.user().id, id));
}

Reply SummaryPage(App& app, CareTeamService& service, Ctx& ctx) {
  auto s = service.Summary(*ctx.principal, ctx.addr(), ctx.req.param("id"));
  if (!s.ok()) return s.status();
  return app.Page(ctx, "careteams/summary", views::SummaryData(*s, app.config().region_name, clock::ToTokyoMinute(clock::Now()), ctx.lang),
                  ctx.t("careteams.summary_title"));
}

// ---- API ----------------------------------------------------------------------------------------

Reply ApiTeams(App&, CareTeamService& service, Ctx& ctx) {
  auto s = service.Teams(*ctx.principal, ctx.req.query().value("q"));
  if (!s.ok()) return s.status();
  return Json(views::TeamsJson(*s));
}

Reply ApiCreate(App&, CareTeamService& service, Ctx& ctx) {
  auto body = web::JsonBody(ctx.req.body, "@careteams.error.json");
  if (!body.ok()) return body.status();
  std::string id;
  auto f = service.Create(*ctx.principal, ctx.addr(), InputFromJson(*body), ConsentFromJson(*body), id);
  if (!f.ok()) return f.status();
  if (!f->errors.empty())
    return Status::InvalidArgument("@careteams.error.invalid", f->errors.front().field + ": " + f->errors.front().message);
  return Json({{"id", id}}, 201);
}

Reply ApiGet(App&, CareTeamService& service, Ctx& ctx) {
  const auto& q = ctx.req.query();
  auto s = service.PatientOf(*ctx.principal, ctx.addr(), ctx.req.param("id"), q.value("kind"), "json", q.value("q"));
  if (!s.ok()) return s.status();
  return Json(views::PatientJson(*s));
}

// JSON, or multipart/form-data with files (the form's fields and "file" parts).
Reply ApiPost(App&, CareTeamService& service, Ctx& ctx) {
  PostInput in;
  if (!http::MultipartBoundary(ctx.req.header("content-type")).empty()) {
    in = PostFromForm(ctx.req);
  } else {
    auto body = web::JsonBody(ctx.req.body, "@careteams.error.json");
    if (!body.ok()) return body.status();
    in = PostFromJson(*body);
  }
  auto id = service.AddPost(*ctx.principal, ctx.addr(), ctx.req.param("id"), in);
  if (!id.ok()) return id.status();
  return Json({{"id", *id}}, 201);
}

// A photo inline (never as HTML: the type is fixed, sniffing off, scripts sandboxed), a PDF as a download.
Reply FileDownload(App&, CareTeamService& service, Ctx& ctx, bool thumbnail) {
  auto f = service.FileOf(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.param("file"), thumbnail);
  if (!f.ok()) return f.status();
  http::Response res;
  bool image = f->file.kind == "image";
  res.set_header("Content-Type", f->file.content_type);
  res.set_header("Content-Disposition",
                 std::string(image ? "inline" : "attachment") + "; filename*=UTF-8''" + http::PercentEncode(f->file.name));
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Content-Security-Policy", "default-src 'none'; sandbox");
  res.set_header("Cache-Control", "private, no-store");
  res.body = std::move(f->bytes);
  return res;
}

Reply FilePage(App& app, CareTeamService& service, Ctx& ctx) { return FileDownload(app, service, ctx, false); }
Reply ThumbnailPage(App& app, CareTeamService& service, Ctx& ctx) { return FileDownload(app, service, ctx, true); }

Reply ApiConfirm(App&, CareTeamService& service, Ctx& ctx) {
  if (auto s = service.Confirm(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.param("post")); !s.ok()) return s;
  return Json({{"confirmed", true}});
}

Reply ApiConsent(App&, CareTeamService& service, Ctx& ctx) {
  auto body = web::JsonBody(ctx.req.body, "@careteams.error.json");
  if (!body.ok()) return body.status();
  const auto& o = *body;
  auto s = service.RecordConsent(*ctx.principal, ctx.addr(), ctx.req.param("id"),
                                 {web::JsonText(o, "date"), web::JsonText(o, "method"), web::JsonText(o, "by")});
  if (!s.ok()) return s;
  return Json({{"consented", true}});
}

Reply ApiTask(App&, CareTeamService& service, Ctx& ctx) {
  auto body = web::JsonBody(ctx.req.body, "@careteams.error.json");
  if (!body.ok()) return body.status();
  const auto& o = *body;
  auto id = service.AddTask(*ctx.principal, ctx.addr(), ctx.req.param("id"),
                            {web::JsonText(o, "title"), web::JsonText(o, "owner_id"), web::JsonText(o, "due_date")});
  if (!id.ok()) return id.status();
  return Json({{"id", *id}}, 201);
}

Reply ApiTaskDone(App&, CareTeamService& service, Ctx& ctx) {
  if (auto s = service.CompleteTask(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.param("task")); !s.ok()) return s;
  return Json({{"done", true}});
}

Reply ApiInvite(App&, CareTeamService& service, Ctx& ctx) {
  auto body = web::JsonBody(ctx.req.body, "@careteams.error.json");
  if (!body.ok()) return body.status();
  if (auto s = service.Invite(*ctx.principal, ctx.addr(), ctx.req.param("id"), web::JsonText(*body, "user_id")); !s.ok()) return s;
  return Json({{"invited", true}}, 201);
}

Reply ApiAnswer(App&, CareTeamService& service, Ctx& ctx) {
  auto body = web::JsonBody(ctx.req.body, "@careteams.error.json");
  if (!body.ok()) return body.status();
  bool accept = web::JsonBool(*body, "accept").value_or(false);
  if (auto s = service.Answer(*ctx.principal, ctx.addr(), ctx.req.param("id"), accept); !s.ok()) return s;
  return Json({{"accepted", accept}});
}

Reply ApiRemove(App&, CareTeamService& service, Ctx& ctx) {
  if (auto s = service.Remove(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.param("user")); !s.ok()) return s;
  return Json({{"removed", true}});
}

// Everything needs a full login with two factors; the service decides the rest (membership first).
constexpr app::ServiceRoute<CareTeamService> kRoutes[] = {
    {"GET", "/teams", Access::kFull, TeamsPage},
    {"GET", "/teams/new", Access::kFull, NewPage},
    {"POST", "/teams", Access::kFull, CreateForm},
    {"POST", "/teams/digest", Access::kFull, DigestForm},
    {"GET", "/teams/{id}", Access::kFull, PatientPage},
    {"GET", "/teams/{id}/edit", Access::kFull, EditPage},
    {"POST", "/teams/{id}/edit", Access::kFull, UpdateForm},
    {"POST", "/teams/{id}/consent", Access::kFull, ConsentForm},
    {"POST", "/teams/{id}/posts/{post}/confirm", Access::kFull, ConfirmForm},
    {"POST", "/teams/{id}/tasks", Access::kFull, TaskForm},
    {"POST", "/teams/{id}/tasks/{task}/done", Access::kFull, TaskDoneForm},
    {"GET", "/teams/{id}/invite", Access::kFull, InvitePage},
    {"POST", "/teams/{id}/members", Access::kFull, InviteForm},
    {"POST", "/teams/{id}/members/{user}/remove", Access::kFull, RemoveForm},
    {"POST", "/teams/{id}/join", Access::kFull, JoinForm},
    {"POST", "/teams/{id}/decline", Access::kFull, DeclineForm},
    {"GET", "/teams/{id}/summary", Access::kFull, SummaryPage},
    {"GET", "/teams/{id}/events", Access::kFull, LiveEvents},
    {"GET", "/teams/{id}/files/{file}", Access::kFull, FilePage},
    {"GET", "/teams/{id}/files/{file}/thumb", Access::kFull, ThumbnailPage},
    {"GET", "/api/v1/teams", Access::kFull, ApiTeams},
    {"POST", "/api/v1/teams", Access::kFull, ApiCreate},
    {"POST", "/api/v1/teams/digest", Access::kFull, ApiDigest},
    {"GET", "/api/v1/teams/{id}", Access::kFull, ApiGet},
    {"POST", "/api/v1/teams/{id}/consent", Access::kFull, ApiConsent},
    {"GET", "/api/v1/teams/{id}/files/{file}", Access::kFull, FilePage},
    {"POST", "/api/v1/teams/{id}/posts/{post}/confirm", Access::kFull, ApiConfirm},
    {"POST", "/api/v1/teams/{id}/tasks", Access::kFull, ApiTask},
    {"POST", "/api/v1/teams/{id}/tasks/{task}/done", Access::kFull, ApiTaskDone},
    {"POST", "/api/v1/teams/{id}/members", Access::kFull, ApiInvite},
    {"POST", "/api/v1/teams/{id}/answer", Access::kFull, ApiAnswer},
    {"DELETE", "/api/v1/teams/{id}/members/{user}", Access::kFull, ApiRemove},
};

}  // namespace

void RegisterRoutes(App& app) {
  auto changes = std::make_shared<storage::ChangeFeed>(app.db());
  auto files = std::make_shared<const media::FileStore>(app.config().files_dir);
  auto service = std::make_shared<CareTeamService>(app.db(), changes, files);
  app::AddRoutes(app, service, kRoutes);
  // Posts carry photos and PDFs: the body may be large, so who sends it is checked before it is read.
  for (const char* path : {"/teams/{id}/posts", "/api/v1/teams/{id}/posts"})
    app.AddUpload(path, security::Permission::kShareCare, kMaxPostUploadBytes + 64 * 1024,
                  app::Bind(app, service, std::string_view(path).starts_with("/api") ? ApiPost : PostForm));
}

}  // namespace renkei::careteams
