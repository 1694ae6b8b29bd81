#pragma once
// The facility picker other modules' forms use (a consultation's requester, an event registration's
// organisation): <option>s for an htmx-driven <select>, from the directory's search.
#include <string>

#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::directory {

// <option>s of directory facilities whose names match `q` (at most 30), for htmx pickers: the first
// option says to choose. Only the region's facilities unless include_outside.
Result<std::string> FacilityOptionsHtml(storage::Database& db, const std::string& q, bool include_outside, const std::string& first_label);

}  // namespace renkei::directory
