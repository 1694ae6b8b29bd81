#include "modules/events/model.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "platform/clock.hpp"

namespace renkei::events {
namespace {

constexpr std::array<CodeInfo, 6> kKinds = {{
    {"training", "研修会", "Training"},
    {"seminar", "セミナー", "Seminar"},
    {"lecture", "講演会", "Lecture"},
    {"exchange", "意見交換会", "Exchange of views"},
    {"interprofessional", "多職種連携を考える会", "Interprofessional meeting"},
    {"meeting", "会議", "Meeting"},
}};
constexpr std::array<CodeInfo, 5> kStatuses = {{
    {"draft", "下書き", "Draft"},
    {"open", "受付中", "Open"},
    {"closed", "受付終了", "Closed"},
    {"held", "開催済み", "Held"},
    {"cancelled", "中止", "Cancelled"},
}};
constexpr std::array<CodeInfo, 11> kOrgKinds = {{
    {"hospital", "病院", "Hospital"},
    {"clinic", "診療所", "Clinic"},
    {"dental_clinic", "歯科診療所", "Dental clinic"},
    {"pharmacy", "薬局", "Pharmacy"},
    {"home_nursing", "訪問看護ステーション", "Visiting nurses"},
    {"care_management", "居宅介護支援事業所", "Care management office"},
    {"care_provider", "介護サービス事業所・施設", "Care provider"},
    {"support_center", "地域包括支援センター", "Support centre"},
    {"government", "行政", "Government"},
    {"resident", "住民・家族", "Resident or family"},
    {"other", "その他", "Other"},
}};

const std::vector<CodeInfo>& ProfessionCodes() {
  static const std::vector<CodeInfo> v = [] {
    std::vector<CodeInfo> out;
    for (const auto& p : core::AllProfessions()) out.push_back({p.code, p.label, p.code});
    out.push_back({"resident", "住民・家族", "Resident or family"});
    return out;
  }();
  return v;
}

}  // namespace

const CodeList& Kinds() {
  static const CodeList l{"kind", kKinds};
  return l;
}
const CodeList& Statuses() {
  static const CodeList l{"status", kStatuses};
  return l;
}
const CodeList& OrgKinds() {
  static const CodeList l{"organization_kind", kOrgKinds};
  return l;
}
const CodeList& Professions() {
  static const CodeList l{"profession", ProfessionCodes()};
  return l;
}
const CodeList& Towns() { return core::ResidentTowns(); }

std::vector<FieldError> Validate(const EventInput& in, Event& out) {
  std::vector<FieldError> e;
  auto text = [&](const std::string& v, size_t max, const char* field, std::string& dst, bool required) {
    if (required && v.empty())
      e.push_back({field, "@events.error.required"});
    else if (v.size() > max)
      e.push_back({field, "@events.error.too_long"});
    else
      dst = v;
  };
  text(in.title, 300, "title", out.title, true);
  text(in.venue_note, 300, "venue_note", out.venue_note, false);
  text(in.organizer, 300, "organizer", out.organizer, false);
  text(in.description, 20000, "description", out.description, false);
  if (!Kinds().contains(in.kind))
    e.push_back({"kind", "@events.error.unknown_code"});
  else
    out.kind = in.kind;
  std::string status = in.status.empty() ? "draft" : in.status;
  if (!Statuses().contains(status))
    e.push_back({"status", "@events.error.unknown_code"});
  else
    out.status = status;
  std::string item = in.program_item.empty() ? "f" : in.program_item;
  if (!core::ProgramItemFromCode(item))
    e.push_back({"program_item", "@events.error.unknown_code"});
  else
    out.program_item = item;
  out.scenes.clear();
  for (const auto& s : in.scenes) {
    if (!core::SceneFromCode(s))
      e.push_back({"scenes", "@events.error.unknown_code"});
    else if (std::find(out.scenes.begin(), out.scenes.end(), s) == out.scenes.end())
      out.scenes.push_back(s);
  }
  out.target_professions.clear();
  for (const auto& p : in.target_professions) {
    if (!Professions().contains(p))
      e.push_back({"target_professions", "@events.error.unknown_code"});
    else if (std::find(out.target_professions.begin(), out.target_professions.end(), p) == out.target_professions.end())
      out.target_professions.push_back(p);
  }
  auto starts = core::ParseJapanTime(in.starts_at);
  auto ends = in.ends_at.empty() ? starts : core::ParseJapanTime(in.ends_at);
  if (!starts) e.push_back({"starts_at", in.starts_at.empty() ? "@events.error.required" : "@events.error.bad_time"});
  if (!ends) e.push_back({"ends_at", "@events.error.bad_time"});
  if (starts && ends) {
    if (*ends < *starts) e.push_back({"ends_at", "@events.error.ends_before"});
    out.starts_at = *starts;
    out.ends_at = *ends;
    out.fiscal_year = core::FiscalYearOf(*core::ParseIsoDate(clock::IsoToTokyoMinute(*starts).substr(0, 10)));
  }
  auto count = [&](const std::optional<int>& v, const char* field, std::optional<int>& dst) {
    if (v && (*v < 0 || *v > 100000))
      e.push_back({field, "@events.error.bad_number"});
    else
      dst = v;
  };
  count(in.capacity, "capacity", out.capacity);
  count(in.reported_attendance, "reported_attendance", out.reported_attendance);
  out.venue_id = in.venue_id;
  out.lecturers.clear();
  for (const auto& l : in.lecturers) {
    if (l.name.empty() && l.affiliation.empty()) continue;
    if (l.name.empty() || l.name.size() > 200 || l.affiliation.size() > 300)
      e.push_back({"lecturers", "@events.error.bad_lecturer"});
    else
      out.lecturers.push_back(l);
  }
  if (out.lecturers.size() > 20) e.push_back({"lecturers", "@events.error.too_long"});
  return e;
}

std::vector<FieldError> Validate(const RegistrationInput& in) {
  std::vector<FieldError> e;
  if (in.name.empty()) e.push_back({"name", "@events.error.required"});
  if (in.name.size() > 100) e.push_back({"name", "@events.error.too_long"});
  if (in.organization.size() > 200) e.push_back({"organization", "@events.error.too_long"});
  if (!in.organization_kind.empty() && !OrgKinds().contains(in.organization_kind))
    e.push_back({"organization_kind", "@events.error.unknown_code"});
  if (!in.profession.empty() && !Professions().contains(in.profession)) e.push_back({"profession", "@events.error.unknown_code"});
  if (in.municipality.empty())
    e.push_back({"municipality", "@events.error.required"});
  else if (!Towns().contains(in.municipality))
    e.push_back({"municipality", "@events.error.unknown_code"});
  if (in.email.empty() && in.phone.empty()) e.push_back({"email", "@events.error.need_contact"});
  if (!in.email.empty() &&
      (in.email.size() > 200 || in.email.find('@') == std::string::npos || in.email.find_first_of(" \r\n<>,;\"") != std::string::npos))
    e.push_back({"email", "@events.error.bad_email"});
  if (in.phone.size() > 30) e.push_back({"phone", "@events.error.too_long"});
  return e;
}

}  // namespace renkei::events
