#include "modules/directory/picker.hpp"

#include "core/domain.hpp"
#include "modules/directory/service.hpp"
#include "platform/text/utf8.hpp"
#include "platform/web/views.hpp"

namespace renkei::directory {

Result<std::string> FacilityOptionsHtml(storage::Database& db, const std::string& q, bool include_outside, const std::string& first_label) {
  std::string html = "<option value=\"\">" + web::EscapeHtml(first_label) + "</option>";
  if (q.empty()) return html;
  DirectoryService directory(db);
  SearchRequest r;
  r.q = text::Utf8Prefix(q, 100);
  r.include_outside = include_outside;
  r.per_page = 30;
  r.sort = "relevance";
  auto res = directory.Search(r);
  if (!res.ok()) return res.status();
  for (const auto& f : (*res)->items)
    html += "<option value=\"" + web::EscapeHtml(f.id) + "\">" + web::EscapeHtml(f.record.name) + "（" +
            web::EscapeHtml(core::MunicipalityName(f.record.municipality_code)) + "）</option>";
  return html;
}

}  // namespace renkei::directory
