#pragma once
// Demo care teams: three fictional people at home in three of the towns, each with a team (the demo's
// doctor, visiting nurse, care manager and pharmacist) and the last month of their timeline — vital
// signs, visits, a medication change, a fall, an ACP conversation — with confirmations.
#include <string>

#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::careteams {

// `today` (YYYY-MM-DD) is the last day of the month of posts.
Status LoadDemo(storage::Database& db, const std::string& today);

}  // namespace renkei::careteams
