// The pages' screens: a record and what its page shows beside it, gathered in one service call so
// that the routes make one call and the views are pure functions of the result.
#include "modules/consultations/service.hpp"
#include "platform/clock.hpp"

namespace renkei::consultations {
namespace {

// The form's input from a stored case (received_at in Japan time, "YYYY-MM-DD HH:MM").
CaseInput InputOf(const Case& c) {
  CaseInput in;
  in.received_at = clock::IsoToTokyoMinute(c.received_at);
  in.channel = c.channel;
  in.receiver = c.received_unit;
  in.requester_category = c.requester_category;
  in.requester_facility_id = c.requester_facility_id;
  in.requester_name = c.requester_name;
  in.resident_municipality = c.resident_municipality;
  in.age_band = c.age_band;
  in.sex = c.sex;
  in.care_level = c.care_level;
  in.household = c.household;
  in.flags = c.flags;
  in.content_categories = c.content_categories;
  in.scenes = c.scenes;
  in.client_name = c.client_name;
  in.summary = c.summary;
  in.status = c.status;
  in.minutes_spent = c.minutes_spent;
  return in;
}

// Units by code: the region's units now, and by name any other unit a record still names.
std::map<std::string, std::string> LabelsOf(ConsultationService& service, const std::vector<Unit>& units,
                                            const std::vector<std::string>& named) {
  std::map<std::string, std::string> out;
  for (const auto& u : units) out[u.code] = u.label;
  for (const auto& code : named)
    if (!code.empty() && !out.count(code)) out[code] = service.UnitLabel(code);
  return out;
}

}  // namespace

Result<CaseScreen> ConsultationService::CaseScreenOf(const security::Principal& p, const std::string& addr, const std::string& id,
                                                     const std::string& facility_q) {
  auto v = Get(p, addr, id);
  if (!v.ok()) return v.status();
  CaseScreen s;
  s.view = std::move(*v);
  const Case& c = s.view.c;
  std::vector<std::string> named = {c.received_unit, c.assigned_unit};
  for (const auto& a : s.view.actions)
    if (a.kind == "handover") named.insert(named.end(), {a.from_unit, a.to_unit});
  auto units = Units();
  s.unit_labels = LabelsOf(*this, units, named);
  for (auto& u : units)
    if (u.code != c.assigned_unit) s.handover_targets.push_back(std::move(u));
  s.handlers = Handlers();
  if (!facility_q.empty() && s.view.can_write) {
    // Without JS the picker reloads the page with matches; a failed search only leaves them out.
    if (auto m = directory::FacilityMatches(db_, facility_q, true); m.ok()) s.facility_matches = std::move(*m);
  }
  return s;
}

Result<ListScreen> ConsultationService::ListScreenOf(const security::Principal& p, const std::string& addr, store::Filter f) {
  auto page = List(p, addr, f);
  if (!page.ok()) return page.status();
  ListScreen s;
  s.page = std::move(*page);
  s.filter = std::move(f);
  s.viewer = ViewerOf(p);
  s.units = Units();
  std::vector<std::string> named;
  for (const auto& r : s.page.rows) named.push_back(r.c.assigned_unit);
  s.unit_labels = LabelsOf(*this, s.units, named);
  return s;
}

Result<FormScreen> ConsultationService::NewCaseScreen(const security::Principal& p) {
  if (!ViewerOf(p).can_write) return Status::PermissionDenied("@error.forbidden");
  FormScreen s;
  s.input.received_at = clock::IsoToTokyoMinute(clock::NowIso());
  s.receiving_units = ReceivingUnits(p);
  if (!s.receiving_units.empty()) s.input.receiver = s.receiving_units.front().code;
  return s;
}

Result<FormScreen> ConsultationService::EditCaseScreen(const security::Principal& p, const std::string& addr, const std::string& id) {
  auto v = Get(p, addr, id);
  if (!v.ok()) return v.status();
  if (!v->can_write) return Status::PermissionDenied("@error.forbidden");
  return SubmittedScreen(p, InputOf(v->c), v->c.id, v->c.version);
}

FormScreen ConsultationService::SubmittedScreen(const security::Principal& p, const CaseInput& in, const std::string& id, int version) {
  FormScreen s;
  s.input = in;
  s.receiving_units = ReceivingUnits(p);
  if (!in.requester_facility_id.empty()) s.requester_facility_name = FacilityName(in.requester_facility_id);
  s.id = id;
  s.version = version;
  return s;
}

Result<std::vector<directory::FacilityChoice>> ConsultationService::FacilityPicker(const security::Principal& p, const std::string& q) {
  if (!ViewerOf(p).can_write) return Status::PermissionDenied("@error.forbidden");
  return directory::FacilityMatches(db_, q, true);
}

}  // namespace renkei::consultations
