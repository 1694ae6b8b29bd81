#include "modules/directory/picker.hpp"

#include "core/domain.hpp"
#include "modules/directory/service.hpp"
#include "platform/text/utf8.hpp"
#include "platform/web/views.hpp"

namespace renkei::directory {

Result<std::vector<FacilityChoice>> FacilityMatches(storage::Database& db, const std::string& q, bool include_outside) {
  std::vector<FacilityChoice> out;
  if (q.empty()) return out;
  DirectoryService directory(db);
  SearchRequest r;
  r.q = text::Utf8Prefix(q, 100);
  r.include_outside = include_outside;
  r.per_page = 30;
  r.sort = "relevance";
  auto res = directory.Search(r);
  if (!res.ok()) return res.status();
  for (const auto& f : (*res)->items)
    out.push_back({f.id, f.record.name + "（" + core::MunicipalityName(f.record.municipality_code) + "）"});
  return out;
}

std::vector<FacilityChoice> FacilitiesOfKinds(storage::Database& db, const std::vector<std::string>& kinds) {
  DirectoryService directory(db);
  std::vector<FacilityChoice> out;
  for (const auto& kind : kinds) {
    SearchRequest r;
    r.kind = kind;
    r.sort = "kana";
    r.per_page = 2000;
    auto res = directory.Search(r, 2000);
    if (!res.ok()) continue;
    for (const auto& f : (*res)->items)
      out.push_back({f.id, f.record.name + "（" + core::MunicipalityName(f.record.municipality_code) + "）"});
  }
  return out;
}

std::string FacilityOptionsHtml(const std::vector<FacilityChoice>& matches, const std::string& first_label) {
  std::string html = "<option value=\"\">" + web::EscapeHtml(first_label) + "</option>";
  for (const auto& m : matches) html += "<option value=\"" + web::EscapeHtml(m.id) + "\">" + web::EscapeHtml(m.label) + "</option>";
  return html;
}

}  // namespace renkei::directory
