#pragma once
// The facility picker other modules' forms use (a consultation's requester, an event registration's
// organisation): matches from the directory's search, and the <option>s of an htmx-driven <select>.
#include <string>
#include <vector>

#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::directory {

// A facility offered in a picker: its id and "name（town）".
struct FacilityChoice {
  std::string id;
  std::string label;
};

// Facilities whose names match `q` (at most 30; none for an empty q). Only the region's facilities
// unless include_outside.
Result<std::vector<FacilityChoice>> FacilityMatches(storage::Database& db, const std::string& q, bool include_outside);
// Every facility of the region of these kinds, in kana order (kind by kind): the choices of a <select>
// that names a provider (the contact card, a care team's places).
std::vector<FacilityChoice> FacilitiesOfKinds(storage::Database& db, const std::vector<std::string>& kinds);
// The <option>s for the matches, the first saying to choose (escaped).
std::string FacilityOptionsHtml(const std::vector<FacilityChoice>& matches, const std::string& first_label);

}  // namespace renkei::directory
