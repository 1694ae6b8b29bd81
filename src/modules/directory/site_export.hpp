#pragma once
// `renkei export site`: the public directory as static files for the towns' own web sites — an index
// page that searches a JSON index in the browser (folding kana and width like the server), one page per
// facility, the stylesheet. No server, no external resource.
#include <string>

#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::directory {

struct SiteResult {
  size_t pages = 0;
};

// Writes into dir (created if missing); existing files of the same names are replaced.
Result<SiteResult> ExportSite(storage::Database& db, const std::string& dir, const std::string& region_name);

}  // namespace renkei::directory
