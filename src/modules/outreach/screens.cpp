// The staff pages' screens: what each page shows, in one service call, so that the routes make one
// call and the views are pure functions of the result.
#include "modules/outreach/service.hpp"

namespace renkei::outreach {
namespace {

// The form's input from a stored activity.
ActivityInput InputOf(const Activity& a) {
  ActivityInput in;
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

}  // namespace

Result<Summary> OutreachService::StaffSummary(const security::Principal& p, int fiscal_year) {
  auto s = SummaryOf(p, fiscal_year);
  if (!s.ok()) return s.status();
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  return s;
}

Result<ActivityFormScreen> OutreachService::NewForm(const security::Principal& p) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  ActivityFormScreen f;
  f.input.kind = "newsletter";
  f.input.acp = true;
  f.lecturers = Lecturers(false);
  return f;
}

Result<ActivityFormScreen> OutreachService::EditForm(const security::Principal& p, const std::string& id) {
  auto a = Get(p, id);
  if (!a.ok()) return a.status();
  auto files = Files(p, a->id);
  if (!files.ok()) return files.status();
  ActivityFormScreen f;
  f.input = InputOf(*a);
  f.lecturers = Lecturers(false);
  f.id = a->id;
  f.files = std::move(*files);
  f.fiscal_year = a->fiscal_year;
  return f;
}

Result<ActivityFormScreen> OutreachService::Submitted(const security::Principal& p, const std::string& id, ActivityInput in) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  ActivityFormScreen f;
  Activity scratch;
  f.errors = Validate(in, scratch);
  f.fiscal_year = scratch.fiscal_year;
  f.input = std::move(in);
  f.lecturers = Lecturers(false);
  f.id = id;
  return f;
}

Result<std::vector<Lecturer>> OutreachService::StaffLecturers(const security::Principal& p) {
  if (!Staff(p)) return Status::PermissionDenied("@error.forbidden");
  return Lecturers(false);
}

Result<RequestsScreen> OutreachService::RequestsOf(const security::Principal& p, const std::string& addr) {
  auto list = Requests(p, addr);
  if (!list.ok()) return list.status();
  return RequestsScreen{std::move(*list), Lecturers(true)};
}

}  // namespace renkei::outreach
